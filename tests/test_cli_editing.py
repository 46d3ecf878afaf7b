"""``parallax edit`` and ``parallax import-dossier`` under a taken name, end to end.

Real SQLite files; ``cli.main`` in-process, as in tests/test_cli.py.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from parallax.desktop import cli
from tests.core.storeutil import fingerprint


def run(capsys, db: Path, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(capsys, tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite3"
    for name, text in (("one.txt", "Iraq and the United States agreed on a timetable.\n\nTalks go on."),
                       ("two.txt", "Officials said the combat mission would end by December.")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert cli.main(["--db", str(path), "import", str(tmp_path / "one.txt"), str(tmp_path / "two.txt"),
                     "--dossier", "Talks"]) == 0
    capsys.readouterr()
    return path


def articles(capsys, db: Path) -> list[dict]:
    code, out, _ = run(capsys, db, "articles", "--json")
    assert code == 0
    return json.loads(out)


def test_edit_sets_the_given_details(capsys, db):
    first = articles(capsys, db)[0]
    code, out, err = run(capsys, db, "edit", str(first["id"]), "--outlet", "The New York Times",
                         "--date", "2021-07-26", "--url", "https://www.nytimes.com/x.html",
                         "--title", "Troop talks")
    assert (code, err) == (0, "")
    assert out.startswith(f"article {first['id']}: ")
    row = next(r for r in articles(capsys, db) if r["id"] == first["id"])
    assert (row["outlet"], row["published"], row["url"], row["title"]) == (
        "The New York Times", "2021-07-26", "https://www.nytimes.com/x.html", "Troop talks")
    # an empty value clears a field; fields not named stay as they are
    code, _, _ = run(capsys, db, "edit", str(first["id"]), "--url", "")
    row = next(r for r in articles(capsys, db) if r["id"] == first["id"])
    assert code == 0 and row["url"] is None and row["outlet"] == "The New York Times"


@pytest.mark.parametrize(("argv", "reason"), [
    (["--date", "26/07/2021"], "unreadable date '26/07/2021'"),
    (["--url", "www.nytimes.com"], "URL must start with http:// or https://"),
    (["--title", "Fine", "--date", "yesterday"], "unreadable date 'yesterday'"),
])
def test_edit_with_bad_details_exits_1_and_changes_nothing(capsys, db, argv, reason):
    first = articles(capsys, db)[0]
    before = fingerprint(db)
    code, out, err = run(capsys, db, "edit", str(first["id"]), *argv)
    assert code == 1 and out == ""
    assert err.startswith(f"parallax: article {first['id']}: ") and reason in err
    assert len(err.strip().splitlines()) == 1
    assert fingerprint(db) == before


def test_edit_unknown_id_or_nothing_to_change(capsys, db):
    before = fingerprint(db)
    code, _, err = run(capsys, db, "edit", "999", "--title", "X")
    assert code == 1 and err.strip() == "parallax: article 999: no such id in the store"
    code, _, err = run(capsys, db, "edit", str(articles(capsys, db)[0]["id"]))
    assert code == 2 and "nothing to change" in err and len(err.strip().splitlines()) == 1
    assert fingerprint(db) == before


def test_import_dossier_under_a_taken_name_needs_merge_or_as(capsys, db, tmp_path):
    handout = tmp_path / "talks.parallax"
    assert run(capsys, db, "export-dossier", "Talks", "-o", str(handout))[0] == 0
    before = fingerprint(db)
    code, out, err = run(capsys, db, "import-dossier", str(handout))
    assert code == 1 and out == ""
    assert err.strip() == ("parallax: talks.parallax: a dossier named 'Talks' already exists; "
                           "add --merge to merge into it, or --as NAME to import it as a new dossier")
    code, _, err = run(capsys, db, "import-dossier", str(handout), "--as", "Talks")
    assert code == 1 and "a dossier named 'Talks' already exists" in err
    assert fingerprint(db) == before

    code, out, _ = run(capsys, db, "import-dossier", str(handout), "--merge")
    assert code == 0 and "0 added, 2 already there" in out
    code, out, _ = run(capsys, db, "import-dossier", str(handout), "--as", "Talks (class copy)")
    assert code == 0 and "2 added" in out
    code, out, _ = run(capsys, db, "dossiers", "--json")
    assert [(d["name"], d["articles"]) for d in json.loads(out)] == [("Talks", 2), ("Talks (class copy)", 2)]
