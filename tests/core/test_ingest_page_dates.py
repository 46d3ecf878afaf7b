"""Publication dates of saved news pages: stated by the page, never invented.

Parallax uses dates to say which outlet took text from which, so a made-up date
becomes a false claim. Each page below is a small synthetic HTML page with one
way a real page states (or only seems to state) its date; it is imported
through the real reader; no Qt, no network.
"""
from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from parallax.core.ingest.readers import read_file

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
BODY = (
    "<p>The Iraqi prime minister arrived in Washington seeking a timetable for the departure of "
    "American combat troops from his country.</p>"
    "<p>Analysts in Baghdad said any agreement was likely to change the label of the mission more "
    "than the number of soldiers on the ground.</p>"
)
HEADLINE = "Iraqi leader seeks timetable for US exit"
FUTURE = (date.today() + timedelta(days=400)).isoformat()


def jsonld(*items: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(list(items))}</script>'


def news(headline: str = HEADLINE, **fields: str) -> dict:
    return {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline, **fields}


def meta(key: str, value: str, attr: str = "property") -> str:
    return f'<meta {attr}="{key}" content="{value}">'


def canonical(url: str) -> str:
    return f'<link rel="canonical" href="{url}">'


RELATED = (
    '<aside class="related"><h2>Related stories</h2><ul>'
    '<li><a href="/world/kadhimi-profile">Who is Mustafa al-Kadhimi?</a>'
    ' <time datetime="2020-05-07T09:00:00Z">7 May 2020</time></li>'
    '<li><a href="/world/iraq-vote">Iraq\'s parliament votes to expel US troops</a>'
    ' <time datetime="2020-01-05">5 January 2020</time></li></ul></aside>'
)


def page(head: str = "", top: str = "", bottom: str = "") -> str:
    """A page with ``head`` in <head>, ``top`` under the article's headline and
    ``bottom`` after the article's text (still inside <article>)."""
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{HEADLINE} | Gulf Courier</title>'
        f'<meta property="og:title" content="{HEADLINE}">{head}</head><body>'
        f'<nav><a href="/">Home</a></nav><article><header><h1>{HEADLINE}</h1>{top}</header>'
        f'{BODY}{bottom}</article></body></html>'
    )


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(page(jsonld(news(dateModified="2021-07-28T09:00:00Z", datePublished="2021-07-24T18:30:00+03:00"))),
                     date(2021, 7, 24), id="jsonld-published-not-modified"),
        pytest.param(page(jsonld(news(dateModified="2021-07-28T09:00:00Z"))), None, id="jsonld-only-modified"),
        # A related story described first in the page's JSON-LD is not this article.
        pytest.param(page(jsonld(news("Who is Mustafa al-Kadhimi?", datePublished="2020-05-07"),
                                 news(datePublished="2021-07-25T14:02:11+00:00"))),
                     date(2021, 7, 25), id="jsonld-own-article-not-related"),
        pytest.param(page(meta("article:published_time", "2021-07-26T10:00:00Z")),
                     date(2021, 7, 26), id="article-published-time"),
        pytest.param(page(meta("article:modified_time", "2021-07-28T10:00:00Z")
                          + meta("og:updated_time", "2021-07-28T10:00:00Z")
                          + meta("last-modified", "2021-07-28", "name")),
                     None, id="only-modified-meta"),
        pytest.param(page(meta("datePublished", "2021-07-23", "itemprop")), date(2021, 7, 23), id="itemprop"),
        pytest.param(page(meta("pubdate", "2021-07-22", "name")), date(2021, 7, 22), id="pubdate"),
        pytest.param(page(meta("DC.date", "2021-07-21", "name")), date(2021, 7, 21), id="dc-date"),
        # A date with only a year and a month is not a date.
        pytest.param(page(meta("article:published_time", "2021-07")), None, id="year-and-month-meta"),
        # The article's JSON-LD is trusted over a meta tag, a meta tag over a <time>, a <time> over the URL.
        pytest.param(page(jsonld(news(datePublished="2021-07-24")) + meta("article:published_time", "2021-07-25")
                          + canonical("https://courier.example/2021/07/27/iraq/"),
                          top='<time datetime="2021-07-26">26 July 2021</time>'),
                     date(2021, 7, 24), id="jsonld-over-meta"),
        pytest.param(page(meta("article:published_time", "2021-07-25") + canonical("https://courier.example/2021/07/27/iraq/"),
                          top='<time datetime="2021-07-26">26 July 2021</time>'),
                     date(2021, 7, 25), id="meta-over-time"),
        pytest.param(page(canonical("https://courier.example/2021/07/27/iraq/"),
                          top='<time datetime="2021-07-26T08:00:00+03:00">26 July 2021</time>'),
                     date(2021, 7, 26), id="time-in-article-over-url"),
        pytest.param(page(top='<p>Updated <time datetime="2021-07-28">28 July 2021</time></p>'),
                     None, id="time-said-updated"),
        pytest.param(page(top='<p>Updated 28 July 2021</p>'), None, id="update-line-in-text"),
        pytest.param(page(top='<time itemprop="dateModified" datetime="2021-07-28">28 July 2021</time>'),
                     None, id="time-itemprop-modified"),
        pytest.param(page(bottom=RELATED), None, id="time-in-related-stories"),
        pytest.param(page(bottom='<section class="more"><article><a href="/x">Iraq votes</a>'
                                 '<time datetime="2020-01-05">5 January 2020</time></article></section>'),
                     None, id="time-in-nested-story-card"),
        pytest.param(page(canonical("https://courier.example/world/2021/07/24/iraq-exit/")),
                     date(2021, 7, 24), id="url-full-date"),
        pytest.param(page(canonical("https://courier.example/world/2021/jul/iraq-exit")), None, id="url-year-month"),
        pytest.param(page(canonical("https://courier.example/world/2021/07/iraq-exit")), None, id="url-year-month-digits"),
        pytest.param(page(canonical("https://courier.example/world/2021/jul/24/iraq-exit")),
                     date(2021, 7, 24), id="url-month-name-with-day"),
        # A link in the text to an older story says nothing of this one.
        pytest.param(page(bottom='<p>Read: <a href="https://courier.example/2020/01/05/vote/">the vote</a> in '
                                 'January 2020 was never put into force by any government.</p>'),
                     None, id="url-of-a-link"),
        pytest.param(page(meta("article:published_time", FUTURE)), None, id="future"),
        pytest.param(page(jsonld(news(datePublished=FUTURE)) + canonical("https://courier.example/2021/07/24/iraq/")),
                     date(2021, 7, 24), id="future-then-url"),
        # A CMS's empty date field (the Unix epoch) is no date.
        pytest.param(page(meta("article:published_time", "1970-01-01T00:00:00Z")), None, id="epoch"),
        pytest.param(page(), None, id="nothing-stated"),
    ],
)
def test_published_date_is_the_pages_own(tmp_path: Path, html: str, expected):
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    art = read_file(path)
    assert art.title == HEADLINE  # the page was read as an article
    assert art.published == expected


def test_guardian_style_page_gets_no_invented_date():
    """Its only date is the canonical URL's /2021/jul/26/: a full date the page
    states. The year and month must never become 1 January or 1 July."""
    art = read_file(PAGES / "section_in_title.html")
    assert art.published == date(2021, 7, 26)


def test_link_in_the_text_gives_no_date():
    """The fixture's only full date is in a link to an older story."""
    assert read_file(PAGES / "links_in_sentences.html").published is None
