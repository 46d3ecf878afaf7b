"""``parallax report`` end to end: a real store with the seed dossier, the real engine.

Bad input gives one line on stderr naming what is wrong, exit 1, and no file.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from parallax.core.ingest.seeds import seed_paths
from parallax.core.store import library
from parallax.core.store.connection import open_store
from parallax.desktop import cli

pytestmark = pytest.mark.slow

SEEDS = {p.name[:3]: p for p in seed_paths()}
DOSSIER = "Seeds"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory) -> tuple[Path, dict[str, int], int]:
    """The seeds in dossier "Seeds" (their ids by file prefix) and one article in "Other"."""
    db = tmp_path_factory.mktemp("report") / "seeds.sqlite3"
    assert cli.main(["--db", str(db), "import", *map(str, SEEDS.values()), "--dossier", DOSSIER]) == 0
    other = tmp_path_factory.mktemp("other") / "other.txt"
    other.write_text("A different story about a harbour strike, told in one paragraph.", encoding="utf-8")
    assert cli.main(["--db", str(db), "import", str(other), "--dossier", "Other"]) == 0
    store = open_store(db)
    try:
        d = library.find_dossier(store, DOSSIER)
        ids = {a.source_name[:3]: a.id for a in library.list_articles(store, d.id)}
        o = library.find_dossier(store, "Other")
        stranger = library.list_articles(store, o.id)[0].id
    finally:
        store.close()
    return db, ids, stranger


def test_report_html_with_chosen_pair_and_blind(capsys, seeded_db, tmp_path):
    db, ids, _ = seeded_db
    out = tmp_path / "pair.html"
    code, stdout, err = run(capsys, "--db", str(db), "report", DOSSIER, "-o", str(out),
                            "--pair", str(ids["000"]), str(ids["002"]), "--blind")
    assert (code, err) == (0, "")
    assert stdout.strip() == f"wrote {out}"
    html = out.read_text(encoding="utf-8")
    assert '<h2 id="pair-1">A and C</h2>' in html and "pair-2" not in html
    assert "assassination" in html and "Kayhan" not in html.split("</nav>")[0]


def _bad(capsys, db: Path, folder: Path, *argv: str) -> str:
    before = sorted(p.name for p in folder.iterdir())
    code, stdout, err = run(capsys, "--db", str(db), "report", *argv)
    assert code == 1, err
    assert stdout == "" and err.count("\n") == 1 and err.startswith("parallax: ")
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing written
    return err


def test_bad_input_is_one_line_exit_1_and_nothing_written(capsys, seeded_db, tmp_path):
    db, ids, stranger = seeded_db
    html = str(tmp_path / "r.html")
    a, b = str(ids["000"]), str(ids["002"])
    assert "no dossier with this name" in _bad(capsys, db, tmp_path, "No such", "-o", html)
    assert "article 9999: no such id" in _bad(capsys, db, tmp_path, DOSSIER, "-o", html, "--pair", a, "9999")
    assert "not a stored article id" in _bad(capsys, db, tmp_path, DOSSIER, "-o", html, "--pair", a, "x")
    assert "different dossiers" in _bad(capsys, db, tmp_path, DOSSIER, "-o", html, "--pair", a, str(stranger))
    assert "with itself" in _bad(capsys, db, tmp_path, DOSSIER, "-o", html, "--pair", a, a)
    err = _bad(capsys, db, tmp_path, DOSSIER, "-o", str(tmp_path / "r.docx"), "--pair", a, b)
    assert "r.docx: unknown file type '.docx'" in err
    err = _bad(capsys, db, tmp_path, DOSSIER, "-o", str(tmp_path / "missing" / "r.html"))
    assert "r.html: the folder" in err and "does not exist" in err


def test_unwritable_folder(capsys, seeded_db, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    db, _, _ = seeded_db
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert "is not writable" in _bad(capsys, db, locked, DOSSIER, "-o", str(locked / "r.html"))
    finally:
        locked.chmod(0o700)


def test_a_file_in_place_of_the_folder(capsys, seeded_db, tmp_path):
    db, _, _ = seeded_db
    (tmp_path / "plain.txt").write_text("not a folder", encoding="utf-8")
    err = _bad(capsys, db, tmp_path, DOSSIER, "-o", str(tmp_path / "plain.txt" / "r.html"))
    assert "does not exist" in err
