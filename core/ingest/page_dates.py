"""The publication date of a saved news page, as the page itself states it.

Depends on lxml (the tree trafilatura parsed), the standard library,
:mod:`page_stated` (its reading of the meta tags and JSON-LD, and its choice of the
page's own article among related stories) and :mod:`meta` (date strings).
Sources, in order of trust:

* ``datePublished`` of the page's own JSON-LD article;
* ``article:published_time``, ``og:published_time``, an ``itemprop="datePublished"``
  (meta tag or element), ``pubdate``, ``dc.date`` and the like;
* a ``<time datetime>`` inside the article (not in a related-stories list, a
  story card, an aside or a link);
* a full date (year, month, day) in the path of the page's own address:
  ``/2021/07/24/``, ``/2021/jul/24/``, ``/2021-07-24/``.

The date must never be invented, because Parallax orders outlets by it to say
who took text from whom: a year and a month alone are no date, a modified date
is never a publication date, and a date after the import (a day's grace for
time zones) or before 1990 is not believed. No date is better than a wrong one:
the user can set it through Edit Details.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import urlsplit

from lxml import etree

from parallax.core.ingest.meta import parse_date
from parallax.core.ingest.page_stated import Stated, stated

EARLIEST = date(1990, 1, 1)  # before the web had news pages; a CMS's empty field (1970) is no date
# A page published early on the 25th in Tokyo is still the 24th in New York.
_ZONE_GRACE = timedelta(days=1)
# Meta keys (lower case) that name the publication date, most trusted first.
PUBLISHED_KEYS = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "article.published", "parsely-pub-date", "dc.date", "dc.date.issued",
    "dcterms.issued", "dcterms.date",
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_DAY = r"(?P<day>0?[1-9]|[12]\d|3[01])"
_URL_DATES = (
    # /2021/07/24/slug, /2021/jul/24/slug (the day is its own segment, or the last one)
    re.compile(rf"/(?P<year>(?:19|20)\d\d)/(?P<month>0?[1-9]|1[0-2]|[a-z]{{3,9}})/{_DAY}(?:/|\.\w+$|$)", re.I),
    # /2021-07-24/slug, /2021-07-24-slug
    re.compile(rf"/(?P<year>(?:19|20)\d\d)-(?P<month>0[1-9]|1[0-2])-{_DAY}(?:[/_.-]|$)"),
)
# Where a <time> dates something other than the article: another story's card,
# a sidebar, a menu, a link, a photo.
_OTHER_PLACES = {"aside", "nav", "a", "figure", "article"}
_MODIFIED_CLASS = re.compile(r"modif|updat|edited", re.I)
_SAID_MODIFIED = re.compile(r"(?:updated|modified|edited|revised)\W*(?:on|at)?\W*$", re.I)


def _plausible(day: date | None, today: date) -> date | None:
    return day if day is not None and EARLIEST <= day <= today + _ZONE_GRACE else None


def _first(values, today: date) -> date | None:
    return next((d for v in values if (d := _plausible(parse_date(v), today))), None)


def _jsonld_date(st: Stated) -> list[str]:
    """The page's own article's datePublished (a list gives its first)."""
    if not st.articles:
        return []
    value = st.articles[0].get("datePublished")
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str)]


def _elsewhere(element: etree._Element, article: etree._Element | None, *, outside: bool) -> bool:
    """True if the element sits in a part that is not the article's own: a link, an
    aside, a menu, a photo, another story's card, a list item holding a link; and,
    if ``outside`` says so, anywhere outside the article."""
    for ancestor in element.iterancestors():
        if ancestor is article:
            return False
        tag = ancestor.tag if isinstance(ancestor.tag, str) else ""
        if tag in _OTHER_PLACES or (tag == "li" and ancestor.find(".//a") is not None):
            return True
    return outside and article is not None


def _meta_dates(tree: etree._Element, st: Stated, article: etree._Element | None) -> list[str]:
    values = []
    for key in PUBLISHED_KEYS:
        if key in st.meta:
            values.append(st.meta[key])
        if key == "datepublished":  # microdata on an element: <span itemprop content>, <time itemprop>
            for element in tree.iterfind(".//body//*[@itemprop]"):
                if element.get("itemprop", "").strip().lower() == key and \
                        not _elsewhere(element, article, outside=False):
                    values.append(element.get("content") or element.get("datetime") or "")
    return values


def _article_element(tree: etree._Element, h1: str) -> etree._Element | None:
    """The page's own <article> (or schema.org Article element): the one holding the
    headline <h1>, else the outermost one with the most words."""
    found = [el for el in tree.iter(etree.Element) if el.tag == "article"
             or "article" in (el.get("itemtype") or "").lower().rsplit("/", 1)[-1]]
    if not found:
        return None
    members = set(found)
    for heading in tree.iter("h1"):
        if h1 and " ".join("".join(heading.itertext()).split()) == h1:
            holder = next((a for a in heading.iterancestors() if a in members), None)
            if holder is not None:
                return holder
    outer = [el for el in found if not any(a in members for a in el.iterancestors())]
    return max(outer, key=lambda el: len("".join(el.itertext()).split()))


def _is_modified(time: etree._Element) -> bool:
    """A <time> marked or introduced as an update ("Updated <time>")."""
    if time.get("itemprop", "").strip().lower() == "datemodified":
        return True
    parent = time.getparent()
    if any(_MODIFIED_CLASS.search(el.get("class") or "") for el in (time, parent) if el is not None):
        return True
    before = time.getprevious()
    if before is not None:
        lead = "".join(before.itertext()) + (before.tail or "")
    else:
        lead = (parent.text if parent is not None else "") or ""
    return bool(_SAID_MODIFIED.search(lead))


def _time_dates(article: etree._Element | None) -> list[str]:
    """The datetimes of the article's own <time> elements, a marked publication time first."""
    if article is None:
        return []
    times = [t for t in article.iter("time")
             if t.get("datetime") and not _is_modified(t) and not _elsewhere(t, article, outside=True)]
    marked = [t for t in times if t.get("pubdate") is not None
              or t.get("itemprop", "").strip().lower() == "datepublished"]
    return [t.get("datetime") for t in marked + times]


def url_date(url: str | None) -> date | None:
    """The full date in an address's path (``/2021/07/24/``, ``/2021/jul/24/``), else None:
    ``/2021/jul/`` is a month, not a day."""
    if not url:
        return None
    path = urlsplit(url).path
    for pattern in _URL_DATES:
        for m in pattern.finditer(path):
            month = m.group("month").lower()
            if month.isdigit():
                number = int(month)
            elif month in _MONTHS:
                number = _MONTHS.index(month) + 1
            elif month in _MONTH_NAMES:
                number = _MONTH_NAMES.index(month) + 1
            else:
                continue
            try:
                return date(int(m.group("year")), number, int(m.group("day")))
            except ValueError:
                continue
    return None


def page_date(tree: etree._Element, url: str | None, *, today: date | None = None,
              st: Stated | None = None) -> date | None:
    """The date the page says it was published, or None if it does not say.

    Args:
        tree: the parsed page (lxml), before any cleaning.
        url: the page's own address (its canonical URL), as :func:`page_names` found it.
        today: the import date, after which no date is believed (default: today).
        st: :func:`~parallax.core.ingest.page_stated.stated` of ``tree``, if read already.
    """
    today = today or date.today()
    st = st or stated(tree)
    article = _article_element(tree, st.h1)
    for values in (_jsonld_date(st), _meta_dates(tree, st, article), _time_dates(article)):
        day = _first(values, today)
        if day is not None:
            return day
    return _plausible(url_date(url), today)
