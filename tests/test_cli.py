"""The ``parallax`` command end to end: real SQLite files, real seed files, real parsers.

Most tests call ``cli.main`` in-process (same code path as the console script, minus
process start-up); one runs the installed entry point to check it exists and exits 2
on usage errors.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from parallax.core.ingest.seeds import seed_paths
from parallax.core.store.connection import open_store
from parallax.desktop import cli
from tests.core.storeutil import fingerprint
from tests.fixtures.ingest.builders import IMAGE_ONLY_STREAM, make_pdf, write_zip_bomb


def run(capsys, db: Path, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store that already holds one article, so 'unchanged' means something."""
    path = tmp_path / "store.sqlite3"
    one = tmp_path / "one.txt"
    one.write_text("Iraq and the United States agreed on a timetable.\n\nTalks go on.", encoding="utf-8")
    assert cli.main(["--db", str(path), "import", str(one), "--dossier", "Existing"]) == 0
    return path


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """One file per bad-input case of the import spec, with the reason it must give."""
    d = tmp_path / "bad"
    d.mkdir()
    cases: dict[str, tuple[Path, str]] = {}

    def put(key: str, name: str, data: bytes, reason: str) -> None:
        p = d / name
        p.write_bytes(data)
        cases[key] = (p, reason)

    put("empty", "empty.txt", b"", "empty file")
    put("binary", "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        "binary file, not text")
    put("unsupported", "sheet.xyz", b"a,b,c\n", "unsupported file type '.xyz'")
    put("undecodable", "garbage.txt", bytes(range(0x80, 0x100)) * 10, "cannot decode text")
    put("pdf_no_text", "scan.pdf", make_pdf([IMAGE_ONLY_STREAM]), "PDF has no text layer")
    put("docx_not_zip", "letter.docx", b"this is not a zip archive at all", "not a valid .docx")
    put("html_no_text", "page.html",
        b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        "no article text found in the page")
    bomb = d / "bomb.docx"
    write_zip_bomb(bomb)
    cases["zip_bomb"] = (bomb, "zip bomb")
    big = d / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(21 * 1024 * 1024)
    cases["too_large"] = (big, "file too large")
    return cases


BAD_CASES = ["empty", "binary", "unsupported", "undecodable", "pdf_no_text", "docx_not_zip",
             "zip_bomb", "too_large", "html_no_text"]


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_file_exits_1_with_one_line_and_store_unchanged(capsys, db, tmp_path, case):
    path, reason = _bad_files(tmp_path)[case]
    before = fingerprint(db)
    code, out, err = run(capsys, db, "import", str(path), "--dossier", "Existing")
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"parallax: {path.name}: ")
    assert reason in lines[0]
    assert "Traceback" not in err
    assert fingerprint(db) == before


def test_bad_file_into_new_dossier_creates_no_dossier(capsys, db, tmp_path):
    path, _ = _bad_files(tmp_path)["empty"]
    before = fingerprint(db)
    code, _, _ = run(capsys, db, "import", str(path), "--dossier", "Brand new")
    assert code == 1
    assert fingerprint(db) == before
    code, out, _ = run(capsys, db, "dossiers", "--json")
    assert [d["name"] for d in json.loads(out)] == ["Existing"]


def test_folder_with_bad_files_imports_the_good_and_lists_the_bad(capsys, db, tmp_path):
    cases = _bad_files(tmp_path)
    folder = tmp_path / "bad"
    (folder / "good.txt").write_text("Officials said the combat mission would end by December.",
                                     encoding="utf-8")
    code, out, err = run(capsys, db, "import", str(folder), "--dossier", "Mixed")
    assert code == 1  # something was bad
    assert "1 added" in out
    bad_lines = err.strip().splitlines()
    # Every bad file is named once; the supported-but-broken ones say why.
    named = {line.split(": ")[1] for line in bad_lines}
    expected = {p.name for key, (p, _) in cases.items() if key != "unsupported"}
    assert expected <= named
    code, out, _ = run(capsys, db, "articles", "--dossier", "Mixed", "--json")
    assert [a["source_name"] for a in json.loads(out)] == ["good.txt"]


def seed_files() -> list[str]:
    return [str(p) for p in seed_paths()]


def test_import_seeds_list_show_and_duplicates(capsys, tmp_path):
    db = tmp_path / "s.sqlite3"
    code, out, err = run(capsys, db, "import", *seed_files(), "--dossier", "Iraq")
    assert (code, err) == (0, "")
    assert "5 added, 0 duplicate, 0 failed" in out

    code, out, _ = run(capsys, db, "import", *seed_files(), "--dossier", "Iraq")
    assert code == 0
    assert "0 added, 5 duplicate" in out

    code, out, _ = run(capsys, db, "dossiers", "--json")
    assert json.loads(out) == [{"id": 1, "name": "Iraq", "articles": 5}]

    code, out, _ = run(capsys, db, "articles", "--dossier", "Iraq", "--json")
    rows = json.loads(out)
    assert len(rows) == 5
    by_file = {r["source_name"][:3]: r for r in rows}
    # Dates: 000 and 001 carry a "date" line; the others are undated in the text and manifest.
    assert [by_file[k]["published"] for k in ("000", "001", "002", "003", "004")] == [
        "2021-07-24", "2021-07-26", None, None, None]
    assert by_file["002"]["outlet"] == "Kayhan"
    nyt = by_file["000"]

    code, out, _ = run(capsys, db, "show", str(nyt["id"]), "--json")
    shown = json.loads(out)
    assert "combat" in shown["text"]
    assert not shown["text"].lstrip().lower().startswith("date ")

    code, out, _ = run(capsys, db, "show", str(nyt["id"]))
    assert code == 0 and "combat" in out


def test_pasted_text_from_stdin(capsys, monkeypatch, tmp_path):
    import io

    db = tmp_path / "p.sqlite3"
    monkeypatch.setattr(sys, "stdin", io.StringIO("Baghdad said on Monday that talks would resume."))
    code, out, _ = run(capsys, db, "import", "-", "--title", "Wire copy", "--outlet", "Agency",
                       "--dossier", "Pasted")
    assert code == 0 and "1 added" in out
    code, out, _ = run(capsys, db, "articles", "--json")
    [row] = json.loads(out)
    assert (row["title"], row["outlet"]) == ("Wire copy", "Agency")


def test_unknown_ids_and_names_are_bad_input(capsys, db):
    before = fingerprint(db)
    for argv in (["show", "999"], ["articles", "--dossier", "Nope"],
                 ["export-dossier", "Nope", "-o", str(db.parent / "x.parallax")]):
        code, out, err = run(capsys, db, *argv)
        assert code == 1, argv
        assert len(err.strip().splitlines()) == 1 and err.startswith("parallax: ")
    assert fingerprint(db) == before
    assert not (db.parent / "x.parallax").exists()


def test_export_and_import_dossier_between_stores(capsys, tmp_path):
    teacher, student = tmp_path / "teacher.sqlite3", tmp_path / "student.sqlite3"
    assert run(capsys, teacher, "import", *seed_files(), "--dossier", "Workshop")[0] == 0
    handout = tmp_path / "workshop.parallax"
    code, out, _ = run(capsys, teacher, "export-dossier", "Workshop", "-o", str(handout))
    assert code == 0 and handout.is_file()

    code, out, _ = run(capsys, student, "import-dossier", str(handout))
    assert code == 0 and "5 added" in out
    _, t_out, _ = run(capsys, teacher, "articles", "--json")
    _, s_out, _ = run(capsys, student, "articles", "--json")
    strip = lambda rows: sorted((r["text_sha256"], r["title"], r["outlet"], r["published"])
                                for r in json.loads(rows))
    assert strip(t_out) == strip(s_out)

    code, out, _ = run(capsys, student, "import-dossier", str(handout), "--merge")
    assert code == 0 and "5 already there" in out


def test_import_dossier_bad_file_leaves_store_unchanged(capsys, db, tmp_path):
    bad = tmp_path / "broken.parallax"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    before = fingerprint(db)
    code, _, err = run(capsys, db, "import-dossier", str(bad))
    assert code == 1
    assert err.startswith("parallax: broken.parallax: ") and len(err.strip().splitlines()) == 1
    assert fingerprint(db) == before


def test_damaged_database_is_a_message_not_a_traceback(capsys, tmp_path):
    db = tmp_path / "damaged.sqlite3"
    db.write_bytes(b"this is not a database" * 100)
    before = db.read_bytes()
    code, _, err = run(capsys, db, "dossiers")
    assert code == 1
    assert "Traceback" not in err and "damaged.sqlite3" in err
    assert db.read_bytes() == before


def test_console_script_usage_errors_exit_2(tmp_path):
    exe = shutil.which("parallax", path=str(Path(sys.executable).parent))
    assert exe, "the 'parallax' console script is not installed next to this interpreter"
    for argv in ([], ["import"], ["show", "not-a-number"], ["no-such-command"]):
        proc = subprocess.run([exe, "--db", str(tmp_path / "u.sqlite3"), *argv],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2, (argv, proc.stderr)
    proc = subprocess.run([exe, "--help"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "import" in proc.stdout


def test_store_opened_by_cli_is_a_normal_store(capsys, db):
    store = open_store(db)
    try:
        from parallax.core.store import library
        assert [d.name for d in library.list_dossiers(store)] == ["Existing"]
    finally:
        store.close()


def test_a_dossier_file_given_to_import_points_to_import_dossier(capsys, db, tmp_path):
    handout = tmp_path / "workshop.parallax"
    assert run(capsys, db, "export-dossier", "Existing", "-o", str(handout))[0] == 0
    before = fingerprint(db)
    code, _, err = run(capsys, db, "import", str(handout))
    assert code == 1
    line = err.strip().splitlines()[0]
    assert line.startswith("parallax: workshop.parallax: ") and "import-dossier" in line
    assert fingerprint(db) == before
