"""What a saved news page states about itself, read once for every field taken from it.

Depends on lxml (the tree trafilatura parsed) and the standard library. Reads the
JSON-LD items (also inside ``@graph`` and lists, with the page's own article first
among related stories), the meta tags, the headline ``<h1>`` (not a logo's), the
page's address (canonical link, og:url, the article's url, the address a browser
notes on "Save Page As") and what the link to the home page says. :mod:`page_names`
chooses the headline and the outlet from these; :mod:`page_dates` the date.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import unescape
from urllib.parse import urlsplit

from lxml import etree

SEPARATOR = re.compile(r"(\s+[-–—·|/]\s+|\s*\|\s*|\s+::\s+|\s*»\s*|\s+[-–—]{2}\s+)")
_ARTICLE_TYPE = re.compile(r"\w*(?:Article|Posting)|Report", re.I)
_ORGANIZATION_TYPES = {"organization", "newsmediaorganization", "corporation"}
# Content-management systems and page builders that put their own name where a
# title belongs; the page's <meta name="generator"> adds its own.
CMS_NAMES = frozenset("""
    escenic wordpress arc arcpublishing drupal joomla ghost wix squarespace typo3 sitecore
    brightspot aem adobeexperiencemanager contentful blogger hubspot umbraco polopoly methode
    eidos naviga atex clickability bridgetower ellington cue tridion sharepoint magnolia
    arcxp nextjs gatsby hugo jekyll nuxt reactapp vue untitled untitleddocument document home
    homepage index default article story news page blank loading
""".split())
# Old pages wrap scripts in comment or CDATA markers, which JSON does not allow.
_WRAPPER = re.compile(r"^\s*(?:<!--|(?://|/\*)\s*<!\[CDATA\[\s*(?:\*/)?)|(?:-->|(?://|/\*)\s*\]\]>\s*(?:\*/)?)\s*$")
_SAVED_FROM = re.compile(rb"saved from url=\(\d+\)(https?://[^\s>]+)", re.I)
_CORPORATE = re.compile(
    r"\b(?:ltd|limited|inc|llc|plc|gmbh|ag|s\.?a|corp|corporation|company|co|holdings|group|"
    r"media group|publishing|publications|newspapers)\.?$", re.I)
_SIMILAR = 0.85


def tidy(value: object) -> str:
    """A metadata string tidied: entities decoded (JSON-LD often keeps them), one space."""
    if not isinstance(value, str):
        return ""
    return " ".join(unescape(value).split())


def compact(text: str) -> str:
    """Letters and digits only, lower case, without a leading "the"."""
    folded = re.sub(r"[\W_]+", "", text.casefold())
    return folded[3:] if folded.startswith("the") and len(folded) > 6 else folded


def similar(a: str, b: str) -> bool:
    ca, cb = compact(a), compact(b)
    return bool(ca and cb) and (ca == cb or SequenceMatcher(None, ca, cb).ratio() >= _SIMILAR)


# --- what the page states -------------------------------------------------------------

def _types(item: dict) -> list[str]:
    raw = item.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return [v.rsplit("/", 1)[-1].split(":")[-1] for v in values if isinstance(v, str)]


def _walk(node: object) -> Iterator[dict]:
    """Every JSON-LD item at the top, in lists or in @graph, in page order."""
    if isinstance(node, list):
        for child in node:
            yield from _walk(child)
    elif isinstance(node, dict):
        yield node
        if "@graph" in node:
            yield from _walk(node["@graph"])


def _jsonld(tree: etree._Element) -> list[dict]:
    items: list[dict] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(_WRAPPER.sub("", script.text), strict=False)
        except ValueError:
            continue  # a broken block says nothing; the other sources still do
        items.extend(_walk(data))
    return items


def _name_of(value: object, by_id: dict[str, dict]) -> str:
    """The name of a publisher given as text, as an object, as an @id reference or a list."""
    if isinstance(value, list):
        return next((name for v in value if (name := _name_of(v, by_id))), "")
    if isinstance(value, dict):
        if "name" not in value and isinstance(value.get("@id"), str):
            value = by_id.get(value["@id"], value)
        return tidy(value.get("name"))
    return tidy(value)


@dataclass
class Sources:
    headline: list[str]  # JSON-LD headlines, og:title, twitter:title, <title>, <h1>
    sites: list[str]  # publisher, og:site_name, application-name, organisation, website
    home: list[str]  # what the link to the home page says: weaker, it may name a section
    generator: str
    h1: str
    url: str | None
    publisher: str = ""  # the page's own article's JSON-LD publisher


def _meta_tags(tree: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in tree.iter("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        value = tidy(tag.get("content"))
        if key and value:
            found.setdefault(key, value)
    return found


def _first_text(tree: etree._Element, path: str) -> str:
    for element in tree.iterfind(path):
        text = tidy("".join(element.itertext()))
        if text:
            return text
    return ""


def _url(tree: etree._Element, meta: dict[str, str], articles: list[dict], raw: bytes) -> str | None:
    candidates = [link.get("href") for link in tree.iterfind(".//link[@rel='canonical']")]
    candidates.append(meta.get("og:url"))
    candidates.extend(a.get("url") for a in articles)
    m = _SAVED_FROM.search(raw[:2048])  # the comment a browser writes on "Save Page As"
    if m:
        candidates.append(m.group(1).decode("ascii", "replace"))
    for url in (c.strip() for c in candidates if isinstance(c, str)):
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.hostname:
            return url
    return None


def _pick_h1(tree: etree._Element, meta: dict[str, str]) -> str:
    """The <h1> that holds the headline: some themes also set the site's logo as an
    <h1> in the page header. The one matching og:title or the <title>'s longest
    part wins, then the first outside <header>/<nav>, then the first."""
    found = []
    for element in tree.iter("h1"):
        text = tidy("".join(element.itertext()))
        if text:
            outside = not any(a.tag in ("header", "nav") for a in element.iterancestors())
            found.append((text, outside))
    if not found:
        return ""
    title = _first_text(tree, ".//head//title") or _first_text(tree, ".//title")
    longest = max(SEPARATOR.split(title)[0::2], key=lambda s: len(s.split()), default="")
    refs = [r for r in (meta.get("og:title", ""), meta.get("twitter:title", ""), title, longest) if r]
    for text, _outside in found:
        if any(similar(text, r) for r in refs):
            return text
    return next((text for text, outside in found if outside), found[0][0])


def _home_link_names(tree: etree._Element, url: str | None) -> list[str]:
    """What the links to the site's home page say (their text, or a logo's alt text):
    a masthead naming the site where no metadata does."""
    root = ""
    if url:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.hostname}"
    names = []
    for link in tree.iter("a"):
        href = (link.get("href") or "").strip().rstrip("/")
        if not ("home" in (link.get("rel") or "").lower().split() or href == "" and link.get("href") is not None
                or (root and href.lower() == root.lower())):
            continue
        text = tidy("".join(link.itertext())) or next(
            (tidy(img.get("alt")) for img in link.iter("img") if tidy(img.get("alt"))), "")
        if text and len(text.split()) <= 6 and compact(text) not in CMS_NAMES:
            names.append(re.sub(r"\s*(?:logo|home ?page)$", "", text, flags=re.I))
    return names


def _main_first(articles: list[dict], meta: dict[str, str], h1: str) -> list[dict]:
    """The page's own article before the related stories some pages also describe:
    the one whose headline is the og:title or the <h1>, or whose url is the page's."""
    own = [meta.get("og:title", ""), meta.get("twitter:title", ""), h1]
    url = meta.get("og:url", "").rstrip("/")

    def rank(article: dict) -> int:
        headline = tidy(article.get("headline"))
        same_url = bool(url) and isinstance(article.get("url"), str) and article["url"].rstrip("/") == url
        return 0 if same_url or any(t and similar(headline, t) for t in own) else 1

    return sorted(articles, key=rank)


def _corporate_last(names: list[str]) -> list[str]:
    """"Telegraph Media Group Ltd" names the company; the masthead ("The Telegraph")
    a page also gives is what a reader knows, so company names go after it."""
    return sorted(names, key=lambda n: bool(_CORPORATE.search(n)))


@dataclass(frozen=True)
class Stated:
    """What the page's markup states before any choice: its meta tags (keys lower
    case, first value kept), its JSON-LD items, its JSON-LD articles with the page's
    own first, and its headline <h1>."""

    meta: dict[str, str]
    items: list[dict]
    articles: list[dict]
    h1: str


def stated(tree: etree._Element) -> Stated:
    """The page's meta tags and JSON-LD, read once for every field taken from them."""
    items = _jsonld(tree)
    meta = _meta_tags(tree)
    h1 = _pick_h1(tree, meta)
    articles = _main_first([i for i in items if any(_ARTICLE_TYPE.fullmatch(t) for t in _types(i))], meta, h1)
    return Stated(meta=meta, items=items, articles=articles, h1=h1)


def sources(tree: etree._Element, raw: bytes, st: Stated | None = None) -> Sources:
    """Every candidate headline, site name and address the page gives; ``st`` is
    :func:`stated` of the same tree when the caller has it already."""
    st = st or stated(tree)
    items, meta, h1, articles = st.items, st.meta, st.h1, st.articles
    by_id = {item["@id"]: item for item in items if isinstance(item.get("@id"), str)}
    headlines = [tidy(a.get("headline")) for a in articles]
    headlines += [meta.get("og:title", ""), meta.get("twitter:title", "")]
    headlines += [_first_text(tree, ".//head//title") or _first_text(tree, ".//title")]
    headlines.append(h1)
    publisher = _name_of(articles[0].get("publisher"), by_id) if articles else ""
    sites = _corporate_last([publisher]
                            + [meta.get("og:site_name", ""), meta.get("application-name", ""),
                               meta.get("apple-mobile-web-app-title", "")])
    sites += [_name_of(a.get("publisher"), by_id) for a in articles[1:]]
    sites += [tidy(i.get("name")) for i in items if _ORGANIZATION_TYPES & {t.lower() for t in _types(i)}]
    sites += [tidy(i.get("name")) for i in items if "website" in {t.lower() for t in _types(i)}]
    url = _url(tree, meta, articles, raw)
    return Sources(
        headline=[h for h in headlines if h],
        sites=[s for s in sites if s],
        home=_home_link_names(tree, url)[:1],
        generator=meta.get("generator", ""),
        h1=h1,
        url=url,
        publisher=publisher,
    )
