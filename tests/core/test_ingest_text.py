"""Text import: encodings, bad text files, cleaning rules, pasted text. No Qt."""
from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest

from parallax.core.errors import InputError
from parallax.core.ingest.clean import clean_article
from parallax.core.ingest.language import detect_language
from parallax.core.ingest.meta import parse_date
from parallax.core.ingest.readers import read_file, read_pasted

NEWS = (
    "Officials said on Monday that the “new role” would cost €5 million — more than "
    "expected — and that the café near the base would stay open for the soldiers."
)


# --- encodings ------------------------------------------------------------------------

@pytest.mark.parametrize("encoding, prefix, label", [
    ("utf-8", b"", "UTF-8"),
    ("utf-8", codecs.BOM_UTF8, "UTF-8"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "UTF-16"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "UTF-16"),
    ("utf-32-le", codecs.BOM_UTF32_LE, "UTF-32"),
    ("cp1252", b"", "Windows-1252"),
])
def test_text_encodings_decode_to_the_same_text(tmp_path: Path, encoding, prefix, label):
    path = tmp_path / "article.txt"
    path.write_bytes(prefix + NEWS.encode(encoding))
    art = read_file(path)
    assert art.text == NEWS
    assert art.extra["encoding"] == label
    assert art.raw == prefix + NEWS.encode(encoding)  # raw bytes kept unchanged
    assert art.fmt == "text" and art.source_name == "article.txt"


def test_latin1_text_decodes(tmp_path: Path):
    text = "Le ministre a déclaré à Bagdad que la présence américaine était « naïve » et coûteuse pour tous."
    path = tmp_path / "fr.txt"
    path.write_bytes(text.encode("latin-1"))
    assert read_file(path).text == text


def test_crlf_and_nfd_are_normalised(tmp_path: Path):
    path = tmp_path / "win.txt"
    nfd = "Cafe\u0301 owners said the troops would stay.\r\n\r\n\r\n\r\nThe second   paragraph ends here.   \r\n"
    path.write_bytes(nfd.encode("utf-8"))
    assert read_file(path).text == "Café owners said the troops would stay.\n\nThe second paragraph ends here."


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\t\r\n  ", "empty file"),
    ("blank16.txt", codecs.BOM_UTF16_LE + " \n ".encode("utf-16-le"), "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary file, not text"),
    ("controls.txt", bytes(range(1, 9)) * 200, "binary file, not text"),
    ("garbage.txt", bytes(range(0x80, 0x100)) * 10,
     "cannot decode text (not UTF-8, UTF-16 or Windows-1252)"),
    ("badbom.txt", codecs.BOM_UTF8 + b"ok \xff\xfe\xfd broken", "cannot decode text (not UTF-8, UTF-16 or Windows-1252)"),
])
def test_bad_text_files(tmp_path: Path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_file(path)
    assert err.value.reason == reason
    assert str(err.value) == f"{name}: {reason}"


def test_markdown_is_reduced_to_text(tmp_path: Path):
    path = tmp_path / "story.md"
    path.write_text(
        "# Troops stay in Iraq\n\n"
        "The **United States** will keep [about 2,500](https://example.com/x) troops in Iraq, "
        "officials said on *Monday*, in a move that changes little.\n\n"
        "![a photo](https://images.example/p.jpg)\n\n"
        "## Reaction\n\nCritics called it cosmetic.\n",
        encoding="utf-8",
    )
    art = read_file(path)
    assert art.title == "Troops stay in Iraq"
    assert art.text == (
        "The United States will keep about 2,500 troops in Iraq, officials said on Monday, "
        "in a move that changes little.\n\nReaction\n\nCritics called it cosmetic."
    )


# --- dates ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("2021-07-24", date(2021, 7, 24)),
    ("2021-07-24T10:00:00Z", date(2021, 7, 24)),
    ("July 24, 2021", date(2021, 7, 24)),
    ("Jul. 24 2021", date(2021, 7, 24)),
    ("24 July 2021", date(2021, 7, 24)),
    ("Saturday, 24th July 2021 10:15 GMT", date(2021, 7, 24)),
    ("Sat, July 24, 2021 | 10:15 AM EDT", date(2021, 7, 24)),
    ("2021-02-30", None),
    ("July 2021", None),
    ("the troops left on July 24, 2021", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("line", [
    "date 2021-07-24", " date 2021-07-24 ", "Date: July 24, 2021", "Published 24 July 2021",
    "Published on: Jul 24, 2021, 10:15 AM", "July 24, 2021",
])
def test_date_line_at_top_becomes_published(line):
    body = "The Iraqi prime minister is travelling to Washington this weekend to call for a withdrawal."
    cleaned = clean_article(f"{line}\n\n\n\n{body}")
    assert cleaned.published == date(2021, 7, 24)
    assert cleaned.text == body


@pytest.mark.parametrize(("header", "expected"), [
    ("Updated July 28, 2021", None),
    ("Last updated: 28 July 2021 10:15 GMT", None),
    ("Updated July 28, 2021\nPublished July 24, 2021", date(2021, 7, 24)),
])
def test_update_line_is_never_the_publication_date(header, expected):
    body = "The Iraqi prime minister is travelling to Washington this weekend to call for a withdrawal."
    cleaned = clean_article(f"{header}\n\n{body}")
    assert cleaned.published == expected
    assert cleaned.text == body  # the line is the page's furniture all the same


def test_date_in_body_is_not_taken():
    text = (
        "The first paragraph is long enough to be a body paragraph of a news article here.\n\n"
        "Second.\n\nThird.\n\nFourth.\n\nFifth.\n\nJuly 24, 2021"
    )
    cleaned = clean_article(text)
    assert cleaned.published is None
    assert cleaned.text.endswith("July 24, 2021")


# --- cleaning -------------------------------------------------------------------------

BODY1 = "Iraqi Prime Minister Mustafa al-Kadhimi will meet President Joe Biden on Monday in Washington."
BODY2 = "The talks will focus on the future of the 2,500 American troops still deployed in Iraq."


@pytest.mark.parametrize("text, title, expected", [
    # a headline with a trailing dangling separator, repeated, with counters between
    ("Troops to stay in Iraq – .\n\n0\n17\nTroops to stay in Iraq – .\n\n" + BODY1 + "\n\n" + BODY2,
     "Troops to stay in Iraq", BODY1 + "\n\n" + BODY2),
    # a question headline; paragraphs on single lines
    ("U.S. Withdrawal? Only in Name\n" + BODY1 + "\n" + BODY2, "U.S. Withdrawal? Only in Name",
     BODY1 + "\n\n" + BODY2),
    # a first line that is a sentence is body text, not a title
    (BODY1 + "\n\n" + BODY2, None, BODY1 + "\n\n" + BODY2),
    # a short first line with nothing substantial after it is not a title
    ("Hello there\n\nShort.", None, "Hello there\n\nShort."),
])
def test_title_line(text, title, expected):
    cleaned = clean_article(text)
    assert (cleaned.title, cleaned.text) == (title, expected)


def test_known_title_removes_only_its_own_line():
    assert clean_article(f"Troops stay\n\n{BODY1}", known_title="Troops stay").text == BODY1
    kept = clean_article(f"Another line\n\n{BODY1}", known_title="Troops stay")
    assert kept.text == f"Another line\n\n{BODY1}" and kept.title == "Troops stay"


def test_outlet_is_stripped_from_headline():
    cleaned = clean_article(f"politico – US troops to stay in Iraq\n\n{BODY1}", outlet="Politico")
    assert cleaned.title == "US troops to stay in Iraq"


@pytest.mark.parametrize("junk", [
    "LEAVE A REPLY", "Cancel reply", "Please enter your comment!", "Please enter your name here",
    "You have entered an incorrect email address!", "Source link", "Back to top button",
    "# photo1", "photo 2", "Advertisement", "Share this article", "Related Articles", "42", "***",
    "Read more", "Comments", "Read more: Iraq's election explained",
])
def test_boilerplate_lines_are_dropped(junk):
    cleaned = clean_article(f"{BODY1}\n\n{junk}\n\n{BODY2}\n{junk}")
    assert cleaned.text == f"{BODY1}\n\n{BODY2}"


def test_photo_placeholder_glued_to_paragraph_is_stripped():
    text = f"{BODY1}\n\n# photo1Ramzy Mardini believes there will be no change.\n\n# photo2 “The visit is linked,” he said."
    assert clean_article(text).text == (
        f"{BODY1}\n\nRamzy Mardini believes there will be no change.\n\n“The visit is linked,” he said."
    )


def test_lines_that_only_look_like_boilerplate_stay():
    text = f"Comments by the minister drew anger.\n\n{BODY1}\n\n# Pictures from Baghdad\n\n{BODY2}"
    assert "Comments by the minister drew anger." in clean_article(text).text
    assert "# Pictures from Baghdad" in clean_article(text).text


def test_soft_wrapped_line_joins_its_sentence():
    text = f"{BODY1}\nThe U.S. has attacked the militia forces\nwhich are the main hurdle.\n{BODY2}"
    assert clean_article(text).text == (
        f"{BODY1}\n\nThe U.S. has attacked the militia forces which are the main hurdle.\n\n{BODY2}"
    )


def test_hard_wrapped_text_becomes_paragraphs():
    text = (
        "The Iraqi prime minister is travelling to Washington this weekend to\n"
        "call on President Biden to withdraw all US combat troops from Iraq,\n"
        "announcing that the visit would end the presence of combat forces.\n"
        "\n"
        "American officials say the United States is likely to accede to the\n"
        "request, setting a deadline to be announced on Monday for the end of\n"
        "the combat mission.\n"
    )
    paras = clean_article(text).text.split("\n\n")
    assert len(paras) == 2
    assert paras[0].startswith("The Iraqi prime minister is travelling to Washington this weekend to call on")
    assert "\n" not in paras[1]


def test_byline_and_dateline():
    cleaned = clean_article(f"By Jane Arraf and Eric Schmitt\n\nBAGHDAD (AFP) — {BODY1}\n\n{BODY2}")
    assert cleaned.author == "Jane Arraf and Eric Schmitt"
    assert (cleaned.dateline, cleaned.dateline_source, cleaned.agency) == ("BAGHDAD", "AFP", "AFP")
    assert cleaned.text.startswith("BAGHDAD (AFP) — Iraqi Prime Minister")


def test_language_detection():
    assert detect_language(BODY1 + " " + BODY2) == "en"
    french = "Le ministre a déclaré que la présence américaine était coûteuse pour le pays."
    assert detect_language(french * 2) == "fr"
    # One line is too short to tell: unknown, unless the source declares a language.
    assert detect_language("رئيس الوزراء العراقي يزور واشنطن") is None
    assert detect_language("رئيس الوزراء العراقي يزور واشنطن", hint="ar-IQ") == "ar"


# --- pasted text ----------------------------------------------------------------------

def test_read_pasted():
    art = read_pasted(f"date 2021-07-24\n\n{BODY1}\r\n\r\n{BODY2}", outlet="AFP", title="Talks")
    assert art.source_name == "pasted text" and art.fmt == "paste"
    assert art.text == f"{BODY1}\n\n{BODY2}"
    assert (art.title, art.outlet, art.published, art.language) == ("Talks", "AFP", date(2021, 7, 24), "en")
    assert art.raw == f"date 2021-07-24\n\n{BODY1}\r\n\r\n{BODY2}".encode()


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_read_pasted_empty(text):
    with pytest.raises(InputError) as err:
        read_pasted(text)
    assert (err.value.source, err.value.reason) == ("pasted text", "no text")
    assert str(err.value) == "pasted text: no text"


def test_read_pasted_bad_date():
    with pytest.raises(InputError, match="unreadable date 'soon'"):
        read_pasted(BODY1, published="soon")


def test_only_boilerplate_is_refused():
    with pytest.raises(InputError) as err:
        read_pasted("LEAVE A REPLY\n\nPlease enter your comment!\n\n17")
    assert err.value.reason == "no article text (only a title or page boilerplate)"
