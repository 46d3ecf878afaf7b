"""The PDF report as a reader gets it: the file written from the seed dossier, read back with pypdf.

Real store with the seed dossier, the real spaCy pipeline and embedding weights,
Qt's real PDF writer (offscreen); the PDF is read back as a reader's viewer
would: its text page by page, its bookmarks, its properties and its fonts.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from parallax.core.report import style
from parallax.core.errors import Cancelled
from parallax.core.workspace import Workspace
from parallax.desktop.report_pdf import write_pdf

pytestmark = pytest.mark.slow

OUTLETS = ("The New York Times", "Al Jazeera", "Kayhan", "AFP", "Politico")


class Pdf:
    """A written PDF as a reader sees it."""

    def __init__(self, path: Path) -> None:
        self.reader = PdfReader(path)
        self.pages = [" ".join(p.extract_text().split()) for p in self.reader.pages]
        self.text = " ".join(self.pages)

    def outline(self) -> list[tuple[int, str, int]]:
        """(depth, title, page from 0) of every bookmark, in order."""
        out: list[tuple[int, str, int]] = []

        def walk(items, depth):  # noqa: ANN001
            for item in items:
                if isinstance(item, list):
                    walk(item, depth + 1)
                else:
                    out.append((depth, item.title, self.reader.get_destination_page_number(item)))

        walk(self.reader.outline, 0)
        return out

    def section(self, title: str) -> str:
        """The text of the pages from the bookmark ``title`` up to the next top-level bookmark."""
        marks = [(t, p) for d, t, p in self.outline() if d == 0]
        i = next(k for k, (t, _) in enumerate(marks) if t == title)
        end = marks[i + 1][1] if i + 1 < len(marks) else len(self.pages)
        return " ".join(self.pages[marks[i][1]:max(end, marks[i][1] + 1)])

    def fonts(self) -> dict[str, bool]:
        """Base font name -> whether the font program is embedded, over all pages."""
        out: dict[str, bool] = {}
        for page in self.reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                descriptor = descendant["/FontDescriptor"].get_object()
                out[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        return out


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, qapp):
    ws = Workspace.open(tmp_path_factory.mktemp("pdf") / "seeds.sqlite3")
    dossier = ws.seed_dossier()
    yield ws, dossier
    ws.close()


@pytest.fixture(scope="module")
def report_pdf(seeded, tmp_path_factory) -> Pdf:
    ws, dossier = seeded
    return Pdf(write_pdf(ws.report(dossier), tmp_path_factory.mktemp("out") / "report.pdf"))


@pytest.fixture(scope="module")
def blind_pdf(seeded, tmp_path_factory) -> Pdf:
    ws, dossier = seeded
    return Pdf(write_pdf(ws.report(dossier, blind=True), tmp_path_factory.mktemp("out") / "blind.pdf"))


def test_pdf_names_every_outlet_and_the_story(report_pdf: Pdf):
    sources = report_pdf.section("Sources")
    for outlet in OUTLETS:
        assert outlet in sources
    assert "combat forces" in report_pdf.text and "trainers" in report_pdf.text
    assert report_pdf.reader.metadata.title == "Comparison report: US–Iraq troop talks, July 2021"


def test_pdf_carries_each_source_fingerprint_whole(seeded, report_pdf: Pdf):
    ws, dossier = seeded
    # A SHA-256 wraps in its cell: a reader copies it with the line break, so compare without spaces.
    sources = re.sub(r"\s+", "", report_pdf.section("Sources"))
    for info in ws.articles(dossier):
        assert info.raw_sha256 in sources and info.text_sha256 in sources


def test_every_page_has_the_header_and_page_x_of_y(report_pdf: Pdf):
    n = len(report_pdf.pages)
    assert n > 4
    assert "page 1 of" in report_pdf.pages[0]
    for number, text in enumerate(report_pdf.pages, start=1):
        assert text.startswith("US–Iraq troop talks, July 2021"), text[:80]
        assert f"page {number} of {n}" in text


def test_outline_has_the_sections_and_every_pair(report_pdf: Pdf):
    outline = report_pdf.outline()
    top = [t for d, t, _ in outline if d == 0]
    assert top[:3] == ["Report and settings", "Sources", "What the articles share"]
    assert top[3:] == [f"The New York Times and {o}" for o in OUTLETS[1:]]
    pages = [p for _, _, p in outline]
    assert pages == sorted(pages) and pages[-1] < len(report_pdf.pages)
    # each pair's bookmark opens the page where its heading is
    for depth, title, page in outline:
        assert title in report_pdf.pages[page], (title, page)
    assert any(d == 1 and t.startswith("Substitutions") for d, t, _ in outline)


def test_pair_000_002_shows_murder_against_assassination_with_its_legend(report_pdf: Pdf):
    pair = report_pdf.section("The New York Times and Kayhan")
    assert "murder" in pair and "assassination" in pair
    subs = pair.split("Substitutions: The New York Times / Kayhan", 1)[1]
    assert re.search(r"\bmurder\b \S+ assassination", subs), subs[:300]
    first_page = next(p for _, t, p in report_pdf.outline() if t == "The New York Times and Kayhan")
    legend = report_pdf.pages[first_page]
    for cue in ("dashed underline", "struck through", "underlined"):
        assert cue in legend


def test_kayhans_rewrite_that_drops_a_not_is_marked_differs_in_the_middle_column(report_pdf: Pdf):
    # NYT: "not by removing one of the 2,500 US forces"; Kayhan: "by removing a small
    # but unspecified number": aligned (Kayhan rewrote the sentence), and said to differ.
    pair = report_pdf.section("The New York Times and Kayhan").replace("\ufb00", "ff")  # the "ff" ligature
    legend, rows = pair.split("(meaning)", 1)
    assert "differs:" in legend
    at = rows.index("not by removing")
    assert re.search(r"edited\s+differs:\s+(meaning|negation)", rows[at - 300:at + 300]), rows[at - 300:at + 300]


def test_fonts_are_the_shipped_ones_embedded(report_pdf: Pdf):
    fonts = report_pdf.fonts()
    assert fonts and all(fonts.values()), fonts
    families = {re.sub(r"^[A-Z]{6}\+", "", name.lstrip("/")).split("-")[0] for name in fonts}
    assert families <= {"NotoSans", "NotoNaskhArabic"}, families  # nothing from the system


def test_blind_pdf_names_no_outlet_in_its_own_text(blind_pdf: Pdf):
    meta = blind_pdf.reader.metadata
    xmp = blind_pdf.reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "Comparison report: Dossier" in xmp  # the XMP packet a viewer also reads
    own = [str(v) for v in meta.values()] + [xmp]
    own += [t for _, t, _ in blind_pdf.outline()]
    own.append(blind_pdf.pages[0])  # the title page
    own.append(blind_pdf.section("Sources"))
    # every page's header and footer (article text may follow at once: mentions
    # inside the texts are out of blind mode's scope)
    for page in blind_pdf.pages:
        furniture = re.match(r"Dossier page \d+ of \d+ ", page)
        assert furniture, page[:80]
        own.append(furniture.group(0))
    # each pair's heading, summary line, legend and column labels: all before its first sentence
    for depth, title, first in blind_pdf.outline():
        if depth == 0 and re.fullmatch(r"[A-Z]+ and [A-Z]+", title):
            page = blind_pdf.pages[first]
            assert style.MOVED_LABEL in page, (title, page[:900])
            legend_end = page.index(style.MOVED_LABEL) + len(style.MOVED_LABEL)
            own.append(page[:legend_end + len(" X Y ")])
    for outlet in OUTLETS:
        for text in own:
            assert outlet.casefold() not in text.casefold(), (outlet, text[:200])
    assert meta.title == "Comparison report: Dossier"
    assert all(p.startswith("Dossier") for p in blind_pdf.pages)
    assert [t for d, t, _ in blind_pdf.outline() if d == 0][3:] == ["A and B", "A and C", "A and D", "A and E"]
    assert "000_a743eac71b28a712.txt" not in blind_pdf.text


def _arabic_words(text: str) -> set[str]:
    """Arabic words of extracted text in logical order, whichever order the extractor gave.

    Qt draws Arabic as shaped glyphs in visual order; a viewer maps them back to
    presentation forms, which NFKC folds to the letters. pypdf gives each
    word's glyphs left to right, so the word is also tried reversed.
    """
    out = set()
    for token in text.split():
        if any("\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff" for c in token):
            for form in (token, token[::-1]):
                out.add(unicodedata.normalize("NFKC", form).strip("،.:"))
    return out


def test_arabic_article_comes_out_as_arabic_text(tmp_path, qapp):
    ws = Workspace.open(tmp_path / "x.sqlite3")
    arabic = "سيزور رئيس الوزراء واشنطن يوم الاثنين. وسيطلب جدولا زمنيا لانسحاب القوات."
    try:
        ws.paste("The prime minister will visit Washington on Monday. He will ask for a timetable.",
                 dossier="D", outlet="English Daily")
        ws.paste(arabic, dossier="D", outlet="صحيفة عربية")
        d = ws.find_dossier("D").id
        english, arab = (a.id for a in ws.articles(d))
        pdf = Pdf(write_pdf(ws.report(d, pairs=[(english, arab)]), tmp_path / "ar.pdf"))
    finally:
        ws.close()
    found = _arabic_words(pdf.text)
    for word in ("سيزور", "رئيس", "واشنطن", "القوات", "زمنيا"):
        assert word in found, (word, sorted(found)[:20])
    assert any(name.lstrip("/").startswith("NotoNaskhArabic") for name in pdf.fonts())


def test_cancel_leaves_no_file_and_the_old_report(seeded, tmp_path):
    ws, dossier = seeded
    report = ws.report(dossier, pairs=[])
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "report.pdf"
    target.write_bytes(b"the old report")
    calls = []

    def cancel_on_third() -> bool:  # mid-way: after laying out, while painting pages
        calls.append(1)
        return len(calls) >= 3

    for should_cancel in (lambda: True, cancel_on_third):
        with pytest.raises(Cancelled):
            write_pdf(report, target, should_cancel=should_cancel)
    assert target.read_bytes() == b"the old report"
    assert sorted(p.name for p in folder.iterdir()) == ["report.pdf"]
    steps = []
    write_pdf(report, target, progress=lambda done, total, label: steps.append((done, total)))
    assert target.read_bytes().startswith(b"%PDF-")
    assert steps and steps[-1][0] == steps[-1][1]  # progress reaches its total
    assert sorted(p.name for p in folder.iterdir()) == ["report.pdf"]



def test_a_report_without_sections_is_one_titled_page(tmp_path, qapp):
    from datetime import datetime, timezone

    from parallax.core.report.model import Report, ReportMeta

    meta = ReportMeta("Comparison report: Empty", "nothing yet", "Parallax test", (),
                      datetime.now(timezone.utc), "Empty dossier")
    pdf = Pdf(write_pdf(Report("Empty dossier", meta), tmp_path / "empty.pdf"))
    assert len(pdf.pages) == 1
    assert pdf.pages[0].startswith("Empty dossier") and "page 1 of 1" in pdf.pages[0]
    assert pdf.outline() == []
