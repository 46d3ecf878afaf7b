"""Files, folders, side files and the seed dossier. No Qt."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from parallax.core.errors import InputError
from parallax.core.ingest.model import MAX_FILE_BYTES
from parallax.core.ingest.readers import collect, read_file
from parallax.core.ingest.seeds import seed_dossier_name, seed_paths

BODY = "Iraqi Prime Minister Mustafa al-Kadhimi will meet President Joe Biden on Monday in Washington."
SUPPORTED = ".txt, .md, .html, .htm, .docx, .pdf"


def reason_of(path: Path) -> str:
    with pytest.raises(InputError) as err:
        read_file(path)
    assert str(err.value) == f"{path.name}: {err.value.reason}"
    return err.value.reason


def test_missing_file(tmp_path: Path):
    assert reason_of(tmp_path / "nope.txt") == "file not found"


def test_unsupported_extension(tmp_path: Path):
    path = tmp_path / "data.xyz"
    path.write_text(BODY)
    assert reason_of(path) == f"unsupported file type '.xyz' (supported: {SUPPORTED})"
    bare = tmp_path / "README"
    bare.write_text(BODY)
    assert reason_of(bare) == f"unsupported file type (no file extension) (supported: {SUPPORTED})"


@pytest.mark.parametrize("name", ["big.txt", "big.pdf"])
def test_too_large_is_refused_before_reading(tmp_path: Path, name):
    path = tmp_path / name
    with path.open("wb") as fh:  # sparse: 21 MB on paper, nothing written
        fh.truncate(21 * 1024 * 1024)
    assert reason_of(path) == "file too large (21.0 MB; limit 20 MB)"


def test_limit_itself_is_allowed(tmp_path: Path):
    path = tmp_path / "edge.txt"
    padding = MAX_FILE_BYTES - len(BODY) - 2
    path.write_bytes(BODY.encode() + b"\n\n" + b" " * padding)
    assert read_file(path).text == BODY


def test_uppercase_extension(tmp_path: Path):
    path = tmp_path / "STORY.TXT"
    path.write_text(BODY)
    assert read_file(path).text == BODY


def test_folder_given_to_read_file(tmp_path: Path):
    assert reason_of(tmp_path) == "is a folder, not a file (import it as a folder)"


def test_bad_meta_argument(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(BODY)
    with pytest.raises(InputError, match="unknown field 'publisher'"):
        read_file(path, meta={"publisher": "X"})


# --- folders --------------------------------------------------------------------------

def make_folder(root: Path) -> Path:
    folder = root / "dossier"
    (folder / "sub").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / ".git" / "config").write_text("[core]")
    (folder / "b.txt").write_text(f"Talks in Washington\n\n{BODY}", encoding="utf-8")
    (folder / "b.meta.json").write_text(json.dumps({"outlet": "AFP", "date": "2021-07-25"}))
    (folder / "a.md").write_text(f"# Heading\n\n{BODY} Again.", encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps({
        "files": {"a.md": {"outlet": "Reuters", "published": "July 24, 2021"},
                  "b.txt": {"outlet": "overridden by the side file", "author": "Jane Arraf"}},
    }))
    (folder / "sub" / "c.txt").write_text(f"{BODY} From the subfolder.", encoding="utf-8")
    (folder / "sub" / "empty.txt").write_bytes(b"")
    (folder / "notes.xyz").write_text("not an article")
    (folder / "sheet.csv").write_text("a,b")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / "Thumbs.db").write_bytes(b"\x00" * 10)
    (folder / "~$story.docx").write_bytes(b"lock")
    return folder


def test_collect_folder_mix(tmp_path: Path):
    folder = make_folder(tmp_path)
    calls = []
    good, bad = collect([folder], progress=lambda done, total, name: calls.append((done, total, name)))
    assert [a.source_name for a in good] == ["a.md", "b.txt", "c.txt"]
    a, b, c = good
    assert (a.outlet, a.published, a.title) == ("Reuters", date(2021, 7, 24), "Heading")
    assert (b.outlet, b.published, b.author, b.title) == ("AFP", date(2021, 7, 25), "Jane Arraf", "Talks in Washington")
    assert b.text == BODY
    assert c.outlet is None and c.text == f"{BODY} From the subfolder."
    assert [str(e) for e in bad] == [
        f"notes.xyz: unsupported file type '.xyz' (supported: {SUPPORTED})",
        f"sheet.csv: unsupported file type '.csv' (supported: {SUPPORTED})",
        "empty.txt: empty file",
    ]
    assert [c[2] for c in calls] == ["a.md", "b.txt", "notes.xyz", "sheet.csv", "c.txt", "empty.txt"]
    assert calls[-1][:2] == (6, 6)


def test_collect_files_and_folders_in_order_without_duplicates(tmp_path: Path):
    folder = make_folder(tmp_path)
    single = tmp_path / "single.txt"
    single.write_text(f"{BODY} Single.")
    good, bad = collect([single, folder / "b.txt", folder, tmp_path / "missing.txt", folder / "b.meta.json"])
    assert [a.source_name for a in good] == ["single.txt", "b.txt", "a.md", "c.txt"]
    assert good[1].outlet == "AFP"  # side files apply to files given one by one too
    assert "missing.txt: file not found" in [str(e) for e in bad]


def test_broken_side_file_names_itself(tmp_path: Path):
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "a.meta.json").write_text('{"outlet": "AFP",}')
    (tmp_path / "b.txt").write_text(BODY + " B.")
    (tmp_path / "b.meta.json").write_text('{"published": "last week"}')
    (tmp_path / "c.txt").write_text(BODY + " C.")
    good, bad = collect([tmp_path])
    assert [a.source_name for a in good] == ["c.txt"]
    assert [str(e) for e in bad] == [
        "a.meta.json: invalid JSON (line 1: Expecting property name enclosed in double quotes)",
        "b.meta.json: unreadable date 'last week' (use YYYY-MM-DD)",
    ]


def test_broken_manifest_is_reported_once(tmp_path: Path):
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.txt").write_text(BODY + " B.")
    (tmp_path / "manifest.json").write_text(json.dumps({"files": {"a.txt": {"outlet": 3}}}))
    good, bad = collect([tmp_path])
    assert good == []
    assert [str(e) for e in bad] == ["manifest.json: a.txt: field 'outlet' must be text"]


# --- seeds ----------------------------------------------------------------------------

SEEDS = {
    # name: (title, outlet, published, first words, last words)
    "000": (None, "The New York Times", date(2021, 7, 24),
            "BAGHDAD The Iraqi Prime Minister is traveling to Washington this weekend",
            "Falih Hassan contributed reporting from Baghdad."),
    "001": (None, "Al Jazeera", date(2021, 7, 26),
            "US President Joe Biden will welcome Iraqi Prime Minister Mustafa al-Kadhimi",
            "al-Aloosy said. I don’t think Biden can expect that."),
    "002": ("U.S. Withdrawal? Only in Name, Nothing to Change", "Kayhan", None,
            "BAGHDAD (Dispatches) -- Iraq’s prime minister is in Washington",
            "Security forces and Hashd al-Sha’abi fighters are able to protect the country,” the Hashd leader emphasized."),
    "003": ("Iraqi PM to focus on US troop withdrawal at Biden meeting", "AFP", None,
            "Baghdad (AFP)\n\nWeakened by pro-Iranian factions in his country",
            "to help revive a shaky domestic political base, he added."),
    "004": ("US, Iraqi officials to announce US military transition to advisory role in Iraq by year-end",
            "Politico", None,
            "The announcement will mark the culmination of a number of strategic dialogues",
            "reflects Iranian pressure for America to withdraw its troops from Iraq."),
}
SEED_JUNK = [
    "date 2021", "LEAVE A REPLY", "Please enter your", "Source link", "Back to top", "# photo",
    "photo1", "photo2", "\n0\n", "\n17\n", "– .", "politico –",
]


@pytest.fixture(scope="module")
def seeds():
    good, bad = collect(seed_paths())
    assert bad == []
    return {a.source_name[:3]: a for a in good}


def test_seed_dossier_name():
    assert seed_dossier_name() == "US\u2013Iraq troop talks, July 2021"


def test_seed_paths():
    paths = seed_paths()
    assert [p.name[:3] for p in paths] == ["000", "001", "002", "003", "004"]
    assert all(p.is_file() and p.suffix == ".txt" for p in paths)


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_seed_article(seeds, key):
    title, outlet, published, first, last = SEEDS[key]
    art = seeds[key]
    assert (art.title, art.outlet, art.published, art.language) == (title, outlet, published, "en")
    assert art.text.startswith(first)
    assert art.text.endswith(last)
    for junk in SEED_JUNK:
        assert junk not in art.text
    assert "\n\n\n" not in art.text and "\r" not in art.text
    assert art.raw == next(p for p in seed_paths() if p.name.startswith(key)).read_bytes()


def test_seed_words_are_all_kept(seeds):
    """Cleaning removes only the header and the furniture, never a word of the article."""
    removed = {
        "000": "date 2021-07-24",
        "001": "date 2021-07-26",
        "002": "U.S. Withdrawal? Only in Name, Nothing to Change",
        "003": "Iraqi PM to focus on US troop withdrawal at Biden meeting – . 0 17 "
               "Iraqi PM to focus on US troop withdrawal at Biden meeting – . # photo1 # photo2 "
               "LEAVE A REPLY Please enter your comment! Please enter your name here",
        "004": "politico – US, Iraqi officials to announce US military transition to advisory role "
               "in Iraq by year-end Source link Back to top button",
    }
    for path in seed_paths():
        key = path.name[:3]
        raw_words = sorted(path.read_text("utf-8").replace("# photo1Ramzy", "# photo1 Ramzy").split())
        kept = sorted(seeds[key].text.split() + removed[key].split())
        assert kept == raw_words, key


def test_seed_date_line_is_read_without_manifest(tmp_path: Path):
    src = seed_paths()[0]
    copy = tmp_path / src.name
    copy.write_bytes(src.read_bytes())
    art = read_file(copy)
    assert art.published == date(2021, 7, 24) and art.outlet is None
    assert not art.text.startswith("date")


def test_seed_subheadings_stay(seeds):
    assert "\n\nUnequal relationship\n\n" in seeds["001"].text
    assert "\n\n‘Footage of U.S. Choppers Transferring Daesh’\n\n" in seeds["002"].text
    assert "\n\n– Electoral calculations –\n\n" in seeds["003"].text
    # a line broken mid-sentence in the source is one sentence again
    assert "popular militia forces which are the most important hurdle" in seeds["002"].text
