"""The headline and the outlet's name of a saved news page, from the page's own metadata.

Depends on :mod:`page_stated`, which reads what the page states (its meta tags,
JSON-LD, <h1>, address and link home), on lxml and the standard library. Sources,
in order of trust:

* JSON-LD (also inside ``@graph`` and lists): an article's (``NewsArticle``,
  ``ReportageNewsArticle``, ``BlogPosting``...) ``headline`` and
  ``publisher.name`` (a ``publisher`` given as an ``@id`` is looked up);
* ``og:title`` / ``og:site_name``, ``twitter:title``, ``application-name``;
* JSON-LD ``Organization`` / ``WebSite`` names;
* ``<title>`` without its site name; the ``<h1>`` that holds the headline (not
  a logo's); for the outlet, the part of ``<title>`` beside that headline or
  matching the domain, and the text or logo of a link to the home page;
* for the outlet only, and only when the page names itself nowhere, the domain
  of its canonical URL ("jamaicaobserver.com").

Titles lose site names, sections and taglines around separators ("Headline |
World news | The Guardian", "Headline - WSVN 7News | Miami News, Weather,
Sports | Fort Lauderdale"); the longest segment is the headline and is never
dropped, and a colon is never a separator ("Biden: troops to leave Iraq").
A CMS or generator name ("escenic") is never a title, and a name that is
(nearly) the headline is never the outlet. A site name glued on by a colon or an
unspaced dash goes only when it is the whole name ("成否 ：日本経済新聞", "需求-新华网");
a title holding the headline another source states is cut to it; a portal's
og:title that is its own site-name field is no headline. A headline in a script
written without spaces is one "word", not a slug.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

from parallax.core.ingest.model import count_words
from parallax.core.ingest.page_stated import CMS_NAMES, Stated
from parallax.core.ingest.page_stated import SEPARATOR as _SEPARATOR
from parallax.core.ingest.page_stated import Sources as _Sources
from parallax.core.ingest.page_stated import compact as _compact
from parallax.core.ingest.page_stated import similar as _similar
from parallax.core.ingest.page_stated import sources as _sources
from parallax.core.ingest.page_stated import tidy as _text

_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go", "gob", "nic"}
_TAGLINE_WORDS = frozenset(
    "news latest breaking headlines updates online weather sports sport videos video "
    "official website homepage entertainment business politics".split()
)
MAX_OUTLET_WORDS = 8


@dataclass(frozen=True)
class PageNames:
    """What a page says it is: its headline, the outlet's name and its address."""

    title: str | None
    outlet: str | None
    url: str | None
    h1: str | None = None  # the page's headline <h1>, which the article text may repeat


# --- the domain -------------------------------------------------------------------------

def _domain(url: str | None) -> tuple[str, str] | None:
    """``("jamaicaobserver.com", "jamaicaobserver")``: the registered domain and its name."""
    host = (urlsplit(url).hostname or "") if url else ""
    labels = [label for label in host.lower().split(".") if label]
    if len(labels) < 2 or labels[-1].isdigit():
        return None
    size = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-size:]), labels[-size]


def _matches_domain(segment: str, label: str) -> bool:
    """True if the segment names the site at that domain: "The Japan Times" for
    japantimes, "BBC News" for bbc, "The New York Times" for nytimes."""
    compact = _compact(segment)
    words = re.findall(r"\w+", segment.casefold())
    if compact and compact == label:  # "DW" for dw.com, "AP" for ap.org
        return True
    if not compact or len(label) < 3 or len(words) > MAX_OUTLET_WORDS:
        return False
    # The name plus a word or two ("CNN Politics"), not a headline that mentions it.
    if label in compact and len(compact) - len(label) <= 10 and len(words) <= 4:
        return True
    if len(compact) >= 4 and compact in label:
        return True
    if words and words[0] == "the":
        words = words[1:]
    initials = "".join(w[0] for w in words)
    return len(words) >= 2 and (initials == label or initials[:-1] + words[-1] == label)


# --- titles -------------------------------------------------------------------------------

def _is_tagline(segment: str) -> bool:
    """"Miami News, Weather, Sports", "Breaking News & Latest Headlines"."""
    words = re.findall(r"[^\W\d_]+", segment)
    if len(words) < 3:  # "BBC News", "WSVN 7News" are names
        return False
    capitalised = sum(1 for w in words if w[0].isupper()) >= 0.6 * len(words)
    return capitalised and ("," in segment or any(w.casefold() in _TAGLINE_WORDS for w in words))


def _is_label(segment: str) -> bool:
    """A section name beside a site name: "World news", "Opinion", "CNN Politics"."""
    words = segment.split()
    return 0 < len(words) <= 3 and segment[:1].isupper() and not re.search(r"[.!?:]$", segment)


class _Site:
    """Everything known to name the site, to recognise it inside a title."""

    def __init__(self, names: list[str], domain: tuple[str, str] | None) -> None:
        self.names = names
        self.domain = domain

    def is_name(self, text: str) -> bool:
        """True if the whole text is the site's name (not a headline that mentions it)."""
        compact = _compact(text)
        if self.domain and (compact in (self.domain[1], _compact(self.domain[0]))):
            return True
        return any(_similar(text, name) for name in self.names)

    def named_by(self, segment: str) -> bool:
        if self.domain and (_matches_domain(segment, self.domain[1]) or
                            segment.casefold() == self.domain[0]):
            return True
        words = segment.casefold().split()
        for name in self.names:
            if _similar(segment, name):
                return True
            # "CNN Politics", "BBC News - World": the name plus a section word or two
            name_words = name.casefold().split()
            if name_words and len(words) <= len(name_words) + 2 and re.search(
                rf"(?<!\w){re.escape(name.casefold())}(?!\w)", segment.casefold()
            ):
                return True
            # "Al-Monitor: Independent, trusted coverage of ...": the name and its motto
            if re.match(rf"{re.escape(name.casefold())}\s*[:,]", segment.casefold()):
                return True
        return False


def _clean_title(raw: str, site: _Site) -> str:
    """A title without the site's name, sections and taglines around separators."""
    parts = _SEPARATOR.split(_text(raw))
    segments, separators = parts[0::2], parts[1::2]
    keep = [i for i, s in enumerate(segments) if s.strip()]
    if len(keep) <= 1:
        return _text(raw).strip(" -–—|·»:")
    named = {i for i in keep if site.named_by(segments[i])}
    content = [i for i in keep if i not in named]
    if not content:  # every segment names the site: the longest is still the best guess
        content = keep
    head = max(content, key=lambda i: (len(segments[i].split()), -i))
    end = len(segments)
    for i in range(head + 1, len(segments)):
        if i in named or _is_tagline(segments[i]):
            end = i
            break
    if end < len(segments):
        # "| World news | The Guardian": a section set off like the site name goes
        # with it; "- Pentagon | Reuters" keeps its source.
        site_sep = separators[end - 1].strip()
        while end - 1 > head and _is_label(segments[end - 1]) and separators[end - 2].strip() == site_sep:
            end -= 1
    start = 0
    for i in range(head - 1, -1, -1):
        if i in named:
            start = i + 1
            break
    if start > 0:
        while start < head and _is_label(segments[start]):
            start += 1
    out = segments[start]
    for i in range(start + 1, end):
        out += separators[i - 1] + segments[i]
    return out.strip(" -–—|·»")


def _generator_name(generator: str) -> str:
    """"Escenic Content Engine 5.7" -> "escenic"; "WordPress 6.2" -> "wordpress"."""
    words = re.findall(r"[^\W\d_]+", generator)
    return words[0].casefold() if words else ""


def _is_junk_title(title: str, generator: str) -> bool:
    compact = _compact(title)
    if not compact or not any(ch.isalpha() for ch in title):
        return True
    if compact in CMS_NAMES or (generator and compact in (_compact(generator), _generator_name(generator))):
        return True
    # A one-word, lower-case "title" is a code name or a slug, not a headline; a
    # headline in a script without capitals (Chinese, Thai) is one "word" too.
    return len(title.split()) == 1 and title == title.lower() and title != title.upper()


def _mentions(text: str, names: list[str]) -> bool:
    folded = text.casefold()
    return any(re.search(rf"(?<!\w){re.escape(n.casefold())}(?!\w)", folded) for n in names if n)


def _without_named_end(title: str, site: _Site) -> str:
    """A title without the site's name glued on by a colon or by a dash without
    spaces, which are no separators inside a headline: "成否 ：日本経済新聞",
    "需求-新华网". Only the whole site name goes, never a part of the headline."""
    for m in reversed(list(re.finditer(r"\s*[:：]\s*|(?<=\S)[-–—|·»](?=\S)", title))):
        head, tail = title[:m.start()].strip(), title[m.end():].strip()
        if head and tail and count_words(head) >= 2 and site.is_name(tail):
            return head
    return title


def _stated_run(title: str, others: list[str]) -> str:
    """The part of a title that another source states as the whole headline:
    "Spy files exposed -- Puppet Masters" with that <h1> gives "Spy files exposed".
    What is cut must be shorter than the headline, so a logo's <h1> never wins."""
    for other in others:
        if other == title or count_words(other) < 2:
            continue
        parts = _around(title, other)
        if parts is not None and all(count_words(p) < count_words(other) for p in parts[0] + parts[1]):
            return other
    return title


def _titles(src: _Sources, site: _Site) -> list[str]:
    """The usable headline candidates, cleaned, in order of trust."""
    good = []
    cleaned = [_without_named_end(_clean_title(raw, site), site) for raw in src.headline]
    for raw, title in zip(src.headline, cleaned):
        # A portal's og:title that is its own site-name field ("Yahoo News - Latest
        # News & Headlines") is no headline when another source says something else.
        if any(_similar(raw, f) for f in src.sites) and any(not _similar(raw, h) for h in src.headline):
            continue
        title = _stated_run(title, cleaned)
        if not title or _is_junk_title(title, src.generator) or site.is_name(title):
            continue
        # "Breaking News, World News and Video from Al Jazeera": a home page's <title>
        if _is_tagline(title) and _mentions(title, site.names):
            continue
        good.append(title)
    return good


def _pick_title(good: list[str]) -> str | None:
    if not good:
        return None
    title = good[0]
    stem = title.rstrip(".… ")
    if title.endswith(("…", "...")):  # a headline cut to a schema length limit
        title = next((t for t in good[1:] if len(t) > len(stem) and t.startswith(stem)), title)
    return title


_GLUE = "-–—|·:：»"


def _around(raw: str, headline: str) -> tuple[list[str], list[str]] | None:
    """The parts of a title before and after a headline stated elsewhere (each
    nearest first), or None if the title does not hold that headline. The parts
    are set off by separators, or glued on by a dash or colon without spaces
    ("短缺药品保供稳价-新华网")."""
    segments = [s.strip() for s in _SEPARATOR.split(raw)[0::2]]
    target = _compact(headline)
    for i in range(len(segments)):
        for j in range(i + 1, len(segments) + 1):
            if len(segments) > 1 and _compact("".join(segments[i:j])) == target:
                return segments[:i][::-1], segments[j:]
    text, head = _text(raw), _text(headline)
    if text.startswith(head) and text[len(head):].strip()[:1] in _GLUE:
        return [], [text[len(head):].strip(" " + _GLUE)]
    if text.endswith(head) and text[:-len(head)].strip()[-1:] in _GLUE:
        return [text[:-len(head)].strip(" " + _GLUE)], []
    return None


def _is_proper(name: str) -> bool:
    """"The Guardian", "Kurdistan 24", "新华网"; not a section like "World news"."""
    return all(not w[:1].islower() for w in name.split())


def _names_beside_headline(headlines: list[str], known: list[str]) -> list[str]:
    """Site names a title gives around a headline stated elsewhere on the page:
    "Kadhimi heads to Washington :: Kurdistan 24" with that <h1> gives "Kurdistan 24".
    Of several parts, the one holding a known site name wins ("BBC中文网" beside a
    section), else the one farthest from the headline: sections sit between them
    ("Headline » Local » News » Island Daily Herald")."""
    found = []
    known_compact = [c for c in map(_compact, known) if len(c) >= 3]
    for raw in headlines:
        for other in headlines:
            if other == raw or count_words(other) < 2:
                continue
            parts = _around(raw, other)
            if parts is None:
                continue
            # A tagline ends the names: what follows it is more of it ("| Fort Lauderdale").
            sides = []
            for side in parts:
                cut = next((k for k, s in enumerate(side) if _is_tagline(s)), len(side))
                sides.append([s for s in side[:cut] if s and len(s.split()) <= MAX_OUTLET_WORDS])
            # The matched run must be the headline, not a site logo's <h1>.
            if any(count_words(s) >= count_words(other) for s in sides[0] + sides[1]):
                continue
            named = [s for s in sides[1] + sides[0] if any(c in _compact(s) for c in known_compact)]
            farthest = [s for side in (sides[1], sides[0]) for s in reversed(side) if _is_proper(s)]
            found.extend((named or farthest)[:1])
    return found


# --- outlets ---------------------------------------------------------------------------

def _outlet_from(raw: str, domain: tuple[str, str] | None) -> str:
    """The name in a site-name field: "WSVN 7News | Miami News, ..." -> "WSVN 7News"."""
    segments = [s.strip() for s in _SEPARATOR.split(_text(raw).lstrip("@"))[0::2] if s.strip()]
    if not segments:
        return ""
    if domain:
        for segment in segments:
            if _matches_domain(segment, domain[1]):
                return segment
    return segments[0]


def _is_domain_like(name: str) -> bool:
    return bool(re.fullmatch(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?", name, re.I))


def _colon_tail_name(raw: str, headlines: list[str], label: str) -> list[str]:
    """"... 国際ニュース：AFPBB News" on afpbb.com: a proper name matching the domain
    after the last colon of a title, that the other headline sources do not hold
    (in "Iraq talks: CNN reports" the colon is the headline's own)."""
    head, colon, tail = re.split(r"(\s*[:：]\s*)", _text(raw))[-3:] if re.search(r"[:：]", raw) else ("", "", "")
    tail = tail.strip()
    if not (head and tail and len(tail.split()) <= 3 and _is_proper(tail) and _matches_domain(tail, label)):
        return []
    others = [h for h in headlines if h != raw]
    return [tail] if others and not any(_compact(tail) in _compact(h) for h in others) else []


def _pick_outlet(src: _Sources, domain: tuple[str, str] | None, beside: list[str],
                 titles: list[str]) -> str | None:
    """The outlet, from the strongest evidence: the names the page states (and the
    parts of its title matching its domain); then a name it states as a domain
    ("Sott.net"); then a name beside the headline in the title; then the link home;
    then the domain of its address."""
    stated = [_outlet_from(raw, domain) for raw in src.sites]
    # The site's name may only be a segment of the page's own title ("... | The Japan Times").
    if domain:
        for raw in src.headline:
            stated += [s for s in _SEPARATOR.split(_text(raw))[0::2]
                       if s.strip() and _matches_domain(s.strip(), domain[1])]
            stated += _colon_tail_name(raw, src.headline, domain[1])
    valid, domain_like, weaker = [], [], []
    for rank, group in enumerate((stated, beside, src.home)):
        for name in (n.strip(" -–—|·»:") for n in group):
            words = name.split()
            if not name or len(words) > MAX_OUTLET_WORDS or _compact(name) in CMS_NAMES \
                    or _compact(name) == _generator_name(src.generator):
                continue
            # A headline is never the outlet, however a page labels it.
            if any(_similar(name, t) or (len(words) >= 4 and _compact(name) in _compact(t)) for t in titles):
                continue
            if _is_domain_like(name):
                domain_like.append(re.sub(r"^(?:https?://)?(?:www\.)?", "", name, flags=re.I).strip("/"))
            else:
                (valid if rank == 0 else weaker).append(name)
    if not valid:
        return next(iter(domain_like + weaker), domain[0] if domain else None)
    # og:site_name is sometimes an edition or a section ("U.S." on reuters.com): a
    # name matching the domain wins over it, though never over the stated publisher.
    first = valid[0]
    if domain and first != src.publisher and not _matches_domain(first, domain[1]):
        return next((n for n in valid[1:] if _matches_domain(n, domain[1])), first)
    return first


def _is_headline(name: str, src: _Sources) -> bool:
    """True if a "site name" is the page's headline: two of the title sources (<h1>
    included) give it. One is not enough: a <title> or a logo's <h1> may be the site's name."""
    return sum(1 for t in src.headline if _similar(name, t)) >= 2


def page_names(tree: etree._Element, raw: bytes = b"", *, st: Stated | None = None) -> PageNames:
    """The headline, outlet and address a saved page gives for itself.

    Args:
        tree: the parsed page (lxml).
        raw: the file's bytes, for the address a browser notes when saving a page.
        st: :func:`~parallax.core.ingest.page_stated.stated` of ``tree``, if read already.
    """
    src = _sources(tree, raw, st)
    domain = _domain(src.url)
    # A "site name" that is in fact the headline (a portal's WebSite item) must
    # neither cut the headline nor become the outlet.
    names = [_outlet_from(s, domain) for s in src.sites if not _is_domain_like(s)]
    names = [n for n in names if n and not _is_headline(n, src)]
    beside = [n for n in _names_beside_headline(src.headline, names) if n not in names]
    site = _Site(names + beside + [n for n in src.home if n not in names], domain)
    good = _titles(src, site)
    title = _pick_title(good)
    outlet = _pick_outlet(src, domain, beside, [t for t in (title, *good) if t])
    return PageNames(title=title, outlet=outlet, url=src.url, h1=src.h1 or None)
