"""The report of a dossier as a reader gets it: the HTML file built from the seed dossier.

Real store with the seed dossier, the real spaCy pipeline and embedding weights;
the HTML is read back as text a journalist would read (tags stripped), by section.
"""
from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from parallax.core.errors import Cancelled, InputError
from parallax.core.report.atomic import atomic_path
from parallax.core.report.html import render_html, write_html
from parallax.core.workspace import Workspace

pytestmark = pytest.mark.slow

OUTLETS = ("The New York Times", "Al Jazeera", "Kayhan", "AFP", "Politico")


class _Reader(HTMLParser):
    """Text of an HTML document, by section id and by element, as a browser shows it."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, list[str]] = {}  # heading id -> text up to the next heading with an id
        self.by_tag: dict[str, list[str]] = {}  # tag -> texts of those elements
        self.attrs: list[str] = []  # every attribute value
        self._open: list[tuple[str, list[str]]] = []
        self._section: str | None = None
        self.head: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.attrs += [v for _, v in attrs if v]
        if tag in ("title", "th", "td", "h1", "h2", "h3", "h4", "header", "nav", "dt", "dd"):
            self._open.append((tag, []))
        if tag in ("h2", "h3", "h4") and dict(attrs).get("id"):
            self._section = dict(attrs)["id"]
            self.sections[self._section] = []
        if tag == "br":
            self.handle_data("\n")

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            t, parts = self._open.pop()
            self.by_tag.setdefault(t, []).append("".join(parts))

    def handle_data(self, data):
        for _, parts in self._open:
            parts.append(data)
        if self._section:
            self.sections[self._section].append(data)


def read(html: str) -> _Reader:
    r = _Reader()
    r.feed(html)
    return r


def section_text(r: _Reader, anchor: str) -> str:
    return "".join(r.sections[anchor])


def pair_anchor(r: _Reader, right: str) -> str:
    return next(a for a in r.sections if re.fullmatch(r"pair-\d+", a) and section_text(r, a).startswith(
        f"The New York Times and {right}"))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    ws = Workspace.open(tmp_path_factory.mktemp("report") / "seeds.sqlite3")
    dossier = ws.seed_dossier()
    yield ws, dossier
    ws.close()


@pytest.fixture(scope="module")
def report_html(seeded) -> str:
    ws, dossier = seeded
    return render_html(ws.report(dossier))


@pytest.fixture(scope="module")
def blind_html(seeded) -> str:
    ws, dossier = seeded
    return render_html(ws.report(dossier, blind=True))


def test_report_names_every_outlet_and_the_story(seeded, report_html):
    r = read(report_html)
    sources = section_text(r, "sources")
    for outlet in OUTLETS:
        assert outlet in sources
    text = unescape(re.sub(r"<[^>]+>", "", report_html))
    assert "combat forces" in text and "trainers" in text
    # The default pairs: the reference article (the earliest published, the NYT) against the others.
    assert [h for h in r.by_tag["h2"] if h.startswith("The New York Times and")] == [f"The New York Times and {o}" for o in OUTLETS[1:]]


def test_report_carries_each_source_fingerprint(seeded, report_html):
    ws, dossier = seeded
    provenance = section_text(read(report_html), "provenance")
    for info in ws.articles(dossier):
        assert info.raw_sha256 in provenance and info.text_sha256 in provenance
        assert info.source_name in provenance


def test_title_page_states_the_settings(report_html):
    from parallax.core.align.sentences import AlignConfig
    from parallax.core.cached_judge import current_judge
    from parallax.core.nlp.version import ANALYSER_VERSION, ENCODER_MODEL_ID, SPACY_MODEL_VERSION

    settings = dict(zip(read(report_html).by_tag["dt"], read(report_html).by_tag["dd"]))
    assert settings["Dossier"] == "US–Iraq troop talks, July 2021"
    assert settings["Analyser version"] == ANALYSER_VERSION
    assert SPACY_MODEL_VERSION in settings["Language model"]
    assert settings["Sentence encoder"] == ENCODER_MODEL_ID
    assert f"threshold {AlignConfig().threshold}" in settings["Sentence alignment"]
    assert current_judge()[:16] in settings["Sentence-pair judge"]
    assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", settings["Report made"])


def test_pair_000_002_shows_the_substitution_murder_assassination(report_html):
    r = read(report_html)
    anchor = pair_anchor(r, "Kayhan")
    subs = section_text(r, f"{anchor}-substitutions")
    assert re.search(r"murder\s*\S*\s*assassination", subs), subs[:500]
    # Side by side: the NYT row with "murder" has the Kayhan sentence with "assassination" across.
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", report_html.split(f'id="{anchor}"')[1].split("</section>")[0],
                      re.S)
    assert any("murder" in row and "assassination" in row and 'class="m-replaced"' in row for row in rows)
    assert 'class="legend"' in report_html.split(f'id="{anchor}"')[1].split("<table")[0]


def test_blind_report_names_no_outlet_in_its_own_text(blind_html):
    r = read(blind_html)
    own = [*r.by_tag["title"], *r.by_tag["header"], *r.by_tag["nav"], *r.by_tag["th"],
           *r.by_tag["h1"], *r.by_tag["h2"], *r.by_tag["h3"], *r.by_tag.get("h4", ()),
           section_text(r, "settings"), section_text(r, "sources"), section_text(r, "provenance"),
           *r.attrs]
    legends = re.findall(r'<div class="legend">(.*?)</div>', blind_html, re.S)
    assert legends
    own += legends
    for outlet in OUTLETS:
        for text in own:
            assert outlet.casefold() not in text.casefold(), (outlet, text[:200])
    assert r.by_tag["title"] == ["Comparison report: Dossier"]
    assert r.by_tag["header"] == ["Dossier"]
    for letter in "ABCDE":
        assert f"A and {letter}" in r.by_tag["h2"] or letter == "A"
    assert "000_a743eac71b28a712.txt" not in blind_html  # file names are withheld too


def test_hostile_article_text_is_shown_as_text(tmp_path):
    ws = Workspace.open(tmp_path / "x.sqlite3")
    try:
        hostile = ('Officials met on Monday. <script>alert("x")</script> The talks went on. '
                   '<img src=http://example.com/track.png onerror=alert(1)> They agreed.')
        ws.paste(hostile, dossier="D", outlet='<b>Evil</b> "Times"', title="<i>Talks</i>")
        ws.paste("Officials met on Monday in Baghdad. The talks went on all day.", dossier="D",
                 outlet="Plain News")
        d = ws.find_dossier("D").id
        html = render_html(ws.report(d))
    finally:
        ws.close()
    assert "<script" not in html and "<img" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html or "&lt;script&gt;alert(\"x\")" in html
    assert "&lt;img src=http://example.com/track.png" in html
    assert not any("example.com" in v for v in read(html).attrs)
    assert "&lt;b&gt;Evil&lt;/b&gt;" in html


def test_arabic_article_is_laid_out_right_to_left(tmp_path):
    ws = Workspace.open(tmp_path / "x.sqlite3")
    try:
        ws.paste("The prime minister will visit Washington on Monday. He will ask for a timetable.",
                 dossier="D", outlet="English Daily")
        ws.paste("سيزور رئيس الوزراء واشنطن يوم الاثنين. وسيطلب جدولا زمنيا لانسحاب القوات.",
                 dossier="D", outlet="صحيفة عربية")
        d = ws.find_dossier("D").id
        english, arabic = (a.id for a in ws.articles(d))
        html = render_html(ws.report(d, pairs=[(english, arabic)]))
    finally:
        ws.close()
    assert re.search(r'<td class="only" dir="rtl">سيزور رئيس الوزراء', html)
    assert re.search(r'<td dir="rtl">صحيفة عربية', html) is None  # an outlet cell is a label: LTR table
    assert '<td class="only">The prime minister' in html


def test_report_rejects_bad_pairs(seeded, tmp_path):
    ws, dossier = seeded
    ids = [a.id for a in ws.articles(dossier)]
    ws.paste("Another story entirely, told on another day.", dossier="Elsewhere")
    ws.paste("A third story, about the weather in spring.", dossier="Elsewhere")
    stranger, stranger2 = (a.id for a in ws.articles(ws.find_dossier("Elsewhere").id))
    cases = {
        (ids[0], 9999): "article 9999: no such id",
        (ids[0], ids[0]): "compared with itself",
        (ids[0], stranger): "in different dossiers",
    }
    for pair, reason in cases.items():
        with pytest.raises(InputError, match=reason):
            ws.report(dossier, pairs=[pair])
    with pytest.raises(InputError, match="not in the dossier"):
        ws.report(dossier, pairs=[(stranger, stranger2)])


def test_cancelled_or_failing_write_leaves_the_old_report(seeded, tmp_path):
    ws, dossier = seeded
    report = ws.report(dossier, pairs=[])
    target = tmp_path / "report.html"
    target.write_text("the old report", encoding="utf-8")
    with pytest.raises(Cancelled):
        write_html(report, target, should_cancel=lambda: True)
    with pytest.raises(OSError, match="disk full"):
        with atomic_path(target) as temp:
            temp.write_text("half a new rep", encoding="utf-8")
            raise OSError("disk full")
    assert target.read_text(encoding="utf-8") == "the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]
    write_html(report, target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_written_file_is_self_contained(seeded, tmp_path):
    ws, dossier = seeded
    path = write_html(ws.report(dossier), tmp_path / "r.html")
    html = Path(path).read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert not re.search(r"(src|href)=\"(?!#)", html)  # only links inside the file
    assert "@media print" in html
