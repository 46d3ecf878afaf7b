"""Reader for saved web pages (.html, .htm).

Depends on trafilatura (with lxml), which parses the page from its bytes (so it
detects the encoding) and finds the article body and author; on
:mod:`page_names` for the headline, the outlet and the address, read from the
page's own metadata; on :mod:`page_dates` for the publication date the page
states (trafilatura's date search guesses one from a URL's year and month, and
a guessed date would make a false claim of who copied whom); and on
:mod:`page_text`, which repairs drop caps and removes link clutter in the tree
before the body is extracted, and page furniture (forms, buttons, cookie notices,
copyright lines) from the extracted text. Nothing is ever
fetched: images, scripts and links stay unresolved, and no URL is passed to
trafilatura.
"""
from __future__ import annotations

import re
from pathlib import Path

import trafilatura
from trafilatura.utils import load_html

from parallax.core.errors import InputError
from parallax.core.ingest import page_text
from parallax.core.ingest.extracted import Extracted
from parallax.core.ingest.model import count_words
from parallax.core.ingest.page_dates import page_date
from parallax.core.ingest.page_names import page_names
from parallax.core.ingest.page_stated import stated

NO_TEXT = "no article text found in the page"
# On a page without an article, trafilatura's fallbacks return scraps of the
# menu ("Home"): fewer words than the shortest news brief means no article.
MIN_WORDS = 10
_LANG_ATTR = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?", re.I)


def _fold(text: str) -> str:
    return " ".join(re.sub(r"\W+", " ", text.casefold()).split())


def _without_headline(text: str, h1: str | None) -> str:
    """The text without a first line that is the page's <h1>: the headline is the
    title, even when the metadata words it differently."""
    first, _, rest = text.lstrip("\n").partition("\n")
    if h1 and rest.strip() and _fold(first) == _fold(h1):
        return rest
    return text


def extract(data: bytes, source: Path) -> Extracted:
    """Article text and metadata of a saved page.

    Raises:
        InputError: "no article text found in the page" if there is none.
    """
    try:
        tree = load_html(data)
        if tree is None:
            raise InputError(source, NO_TEXT)
        st = stated(tree)  # meta tags and JSON-LD, read once for names and date
        names = page_names(tree, data, st=st)
        published = page_date(tree, names.url, st=st)
        furniture = page_text.furniture_lines(tree)
        page_text.prepare(tree)
        doc = trafilatura.bare_extraction(
            tree,
            include_comments=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            include_tables=True,
            with_metadata=True,
            # Its date is not used (see page_dates); the quick search costs least.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - malformed markup can raise anything inside lxml
        raise InputError(source, f"not a readable HTML page ({type(exc).__name__})") from None
    if doc is None or count_words(doc.text or "") < MIN_WORDS:
        raise InputError(source, NO_TEXT)
    text = _without_headline(page_text.without_lines(doc.text, furniture), names.h1)
    meta: dict = {}
    for key, value in (("title", names.title), ("author", doc.author), ("outlet", names.outlet),
                       ("url", doc.url or names.url)):
        if value and value.strip():
            meta[key] = " ".join(value.split())
    if published is not None:
        meta["published"] = published
    m = _LANG_ATTR.search(data[:4096])
    if m:
        meta["language"] = m.group(1).decode("ascii").lower()
    return Extracted(text=text, meta=meta)
