"""Saved news pages: title, outlet and text as a reader expects them.

The pages in tests/fixtures/pages/ are small synthetic HTML files, each
reproducing one structure met on real saved pages (a CMS name as <title>, a
JSON-LD @graph, a title with site name and tagline, a drop cap, a link list).
They are imported through the real reader; no Qt, no network.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from parallax.core.ingest.readers import collect, read_file

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"


@pytest.mark.parametrize(
    ("page", "title", "outlet"),
    [
        # <title> and <meta name="title"> are the CMS's name; the generator tag says so.
        ("cms_title.html", "US combat mission in Iraq to end by December", "The Morning Ledger"),
        # Yoast-style @graph: the article's publisher is an @id reference.
        ("jsonld_graph.html", "Iraqi leader seeks timetable for US exit", "St. Lucia Times News"),
        # A portal whose JSON-LD WebSite "name" is the headline: never the outlet.
        ("portal_website_name.html", "US to shift Iraq role to training, officials say", "MSN"),
        # og:site_name is "name | tagline | city".
        ("tagline_title.html", "Local Iraqi Americans react to troop decision", "WSVN 7News"),
        # The site name only in <title>, matching the canonical URL's domain.
        ("title_site_suffix.html", "Tokyo watches Iraq drawdown closely", "The Japan Times"),
        ("site_named_in_title.html", "Caribbean leaders eye Iraq oil deal", "Jamaica Observer"),
        # The page names itself nowhere: the domain is all there is.
        ("no_site_name.html", "Caribbean leaders eye Iraq oil deal", "jamaicaobserver.com"),
        # A colon inside the headline is not a separator.
        ("colon_headline.html", "Biden: troops to leave Iraq", "Reuters"),
        # "Headline | Section | Site": the section goes with the site name.
        ("section_in_title.html", "Iraq's prime minister walks a tightrope in Washington", "the Guardian"),
        ("dropcap_span.html", "EU names repeat offenders on rule of law", "Evening Herald"),
        ("link_list_ul.html", "Iraq reports record daily cases as third wave builds", "Gulf Courier"),
    ],
)
def test_title_and_outlet(page, title, outlet):
    art = read_file(PAGES / page)
    assert (art.title, art.outlet) == (title, outlet)
    assert art.outlet != art.title


def test_headline_is_not_left_in_the_text():
    art = read_file(PAGES / "cms_title.html")
    assert art.text.startswith("President Joe Biden said on Monday")
    assert "US combat mission in Iraq to end by December" not in art.text


def test_drop_cap_letter_is_kept_in_its_word():
    art = read_file(PAGES / "dropcap_span.html")
    assert art.text.startswith("Turkey, Poland and Hungary were named as repeat offenders")


def test_drop_cap_in_its_own_block_joins_the_paragraph():
    art = read_file(PAGES / "dropcap_block.html")
    assert art.text.split("\n\n")[0] == (
        "When the Iraqi delegation arrived in Washington, few of its members expected to leave "
        "with a date for the end of the American combat mission in their country."
    )


def test_link_list_and_its_lead_in_are_dropped():
    art = read_file(PAGES / "link_list_ul.html")
    assert art.text.split("\n\n") == [
        "Iraq recorded more than 13,000 new coronavirus infections on Tuesday, the highest daily "
        "figure since the start of the pandemic, the health ministry said.",
        # An inline link inside a sentence is text, not clutter.
        "Hospitals in Baghdad and Basra said they were running short of oxygen, and doctors warned "
        "that the Delta variant was spreading quickly among younger people.",
        "The ministry urged people to avoid large gatherings ahead of the Eid holiday and said it "
        "would tighten checks at the country's border crossings.",
    ]


def test_link_lines_and_calls_to_action_are_dropped():
    art = read_file(PAGES / "link_list_lines.html")
    assert art.text.split("\n\n") == [
        "Iraqi authorities announced a ten-day curfew on Wednesday after the number of new "
        "coronavirus infections reached a record for the second day in a row.",
        "The health ministry said shops, mosques and schools would close, and that only pharmacies "
        "and food stores would be allowed to open during the day.",
        "Officials said the measures would be reviewed before the Eid holiday, when families "
        "traditionally travel across the country to visit relatives.",
    ]


def test_two_outlets_do_not_share_their_clutter():
    """The same "More on coronavirus:" list on two outlets' pages must not become
    a passage both articles tell."""
    arts, errors = collect([PAGES / "link_list_ul.html", PAGES / "link_list_lines.html"])
    assert errors == []
    for art in arts:
        for clutter in ("More on coronavirus", "Vaccine rollout stalls", "Oxygen shortages hit"):
            assert clutter not in art.text
