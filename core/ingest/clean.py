"""Cleaning applied to every imported text, whatever its format.

Standard library only (plus :mod:`parallax.core.ingest.meta` for dates). Text
copied from the web brings page furniture with it; this module turns it into
the article alone, as paragraphs separated by one blank line:

* newlines become ``\\n``, the text is NFC, invisible and control characters
  go, runs of spaces shrink to one, lines are stripped;
* page boilerplate lines are dropped ("LEAVE A REPLY", "Source link",
  "Advertisement", photo placeholders, stray counters...);
* a date line near the top ("date 2021-07-24", "Published 24 July 2021")
  becomes ``published`` (an "Updated ..." line goes too, but an update's date
  is never the publication date); a byline "By Jane Doe" becomes ``author``;
* a short leading headline becomes ``title`` (a copy of it repeated just
  below is dropped too);
* lines are joined into paragraphs: a line that continues a sentence (next
  line starts in lower case) or a visually wrapped line (PDF, hard-wrapped
  text) joins the previous one.

Nothing else is changed: the words of the article stay exactly as they were.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from parallax.core.ingest.meta import parse_date

# --- characters -----------------------------------------------------------------------

_CHAR_MAP = {
    0x00A0: " ", 0x2007: " ", 0x202F: " ", 0x2009: " ", 0x200A: " ", 0x3000: " ",
    0x200B: None, 0x200C: None, 0x2060: None, 0xFEFF: None, 0x00AD: None,
    0x2028: "\n", 0x2029: "\n\n", 0x0C: "\n\n", 0x0B: "\n", 0x09: " ",
}
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r" {2,}")


def normalise(text: str) -> str:
    """Newlines to ``\\n``, NFC, invisible/control characters out, lines stripped,
    space runs shrunk; 3+ newlines become one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).translate(_CHAR_MAP)
    text = _CONTROLS.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


# --- boilerplate ----------------------------------------------------------------------

_BOILERPLATE = {
    "leave a reply", "leave a comment", "cancel reply", "post comment", "submit comment",
    "please enter your comment!", "please enter your name here",
    "please enter your email address here",
    "you have entered an incorrect email address!",
    "save my name, email, and website in this browser for the next time i comment.",
    "source link", "source", "back to top button", "back to top", "advertisement",
    "advertisements", "sponsored", "sponsored content", "share this article", "share this",
    "share this story", "share", "share on facebook", "share on twitter", "tweet", "email",
    "print", "whatsapp", "related articles", "related posts", "related stories", "related",
    "read more", "read more:", "read also", "continue reading", "continue reading below",
    "comments", "no comments", "0 comments", "skip to content", "skip to main content",
    "subscribe", "sign up for our newsletter", "follow us", "click here", "loading...",
    "you may also like", "more from this author", "most popular", "trending",
    "scroll to continue with content", "story continues below advertisement",
}
# A "Read more: other story" link line.
_LINK_LINE = re.compile(r"(?:read more|read also|also read|see also|related)\s*[:|>»]\s*\S.*", re.I)
_PHOTO_LINE = re.compile(r"[#(\[]*\s*(?:photo|image|picture|img|video)\s*\d*\s*[)\]]*", re.I)
# "# photo1" glued to the start of a real paragraph, as copied from some pages.
_PHOTO_PREFIX = re.compile(
    r"^(?:#+\s*(?i:photo|image|picture|img|video)\s?\d*(?=\s|$|[A-Z“\"‘'(])"
    r"|(?i:photo|image|picture|img)\d+(?=[A-Z“\"‘'(]))\s*"
)


def _is_boilerplate(line: str) -> bool:
    low = line.casefold()
    if low in _BOILERPLATE or _LINK_LINE.fullmatch(line) or _PHOTO_LINE.fullmatch(line):
        return True
    # Stray counters and symbols: "0", "17", "***", "|".
    return len(line) <= 8 and not any(ch.isalpha() for ch in line)


def drop_boilerplate(lines: list[str]) -> list[str]:
    """Lines without page furniture; blank lines are kept as paragraph breaks."""
    out = []
    for line in lines:
        if not line:
            out.append(line)
            continue
        line = _PHOTO_PREFIX.sub("", line, count=1).strip()
        if line and not _is_boilerplate(line):
            out.append(line)
        elif out and out[-1]:
            out.append("")  # a dropped line still separates paragraphs
    return out


# --- header: date, byline, title, dateline ------------------------------------------

HEADER_LINES = 5
_DATE_LABEL = re.compile(
    r"(?:date|dated|published|publication date|posted|first published|last updated|updated)"
    r"(?:\s+on)?\s*[:\-–—]?\s*(?P<rest>.+)", re.I,
)
# An update's date is never the publication date: the line goes, its date is not kept.
_UPDATE_LABEL = re.compile(r"(?:last\s+)?updated\b", re.I)
_BYLINE = re.compile(
    r"(?i:by)\s+(?P<name>[A-Z][\w.'’-]+(?:(?:\s+|\s*,\s*|\s+and\s+|\s*&\s*)"
    r"(?:[A-Z][\w.'’-]+|al-\w+|van|von|de|der|da|bin|ibn)){1,7})",
)
_DATELINE = re.compile(
    r"(?P<place>[A-Z][\w'’.-]*(?:[ ,]+[A-Z][\w'’.-]*){0,3})\s*\((?P<source>[A-Za-z][\w .&-]{0,30})\)"
    r"\s*(?:[-–—]+|:|$)"
)
_CAPS_DATELINE = re.compile(r"(?P<place>[A-Z]{4,}(?:[ ,-]+[A-Z]{2,}){0,3})\s*(?:[-–—]+|:)?\s+(?=[A-Z])")
NEWS_AGENCIES = {
    "afp": "AFP", "ap": "AP", "associated press": "AP", "reuters": "Reuters", "dpa": "dpa",
    "xinhua": "Xinhua", "upi": "UPI", "ansa": "ANSA", "efe": "EFE", "irna": "IRNA",
    "anadolu": "Anadolu Agency", "aa": "Anadolu Agency", "tass": "TASS", "kyodo": "Kyodo",
    "pti": "PTI", "ians": "IANS", "bernama": "Bernama", "wam": "WAM", "spa": "SPA",
    "ina": "INA", "mena": "MENA", "apa": "APA", "pap": "PAP", "ctk": "ČTK",
}
MAX_TITLE_WORDS = 20
_TRAILING_SEPARATOR = re.compile(r"\s*(?:[-–—|:•·]\s*)+\.?$")
_SENTENCE_END = re.compile(r"[.,;:][\"'”’»)\]]*$")


def date_from_line(line: str) -> date | None:
    """The date a header line announces ("Date: July 24, 2021", "2021-07-24"), else None."""
    m = _DATE_LABEL.fullmatch(line)
    return parse_date(m.group("rest") if m else line)


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def tidy_title(line: str, outlet: str | None = None) -> str:
    """A headline without a dangling separator ("Title – .") or the outlet's name
    as prefix/suffix ("politico – Title", "Title | Politico")."""
    line = _TRAILING_SEPARATOR.sub("", line).strip()
    if outlet:
        sep = r"\s*[-–—|:•·]\s*"
        name = re.escape(outlet.strip())
        line = re.sub(rf"^{name}{sep}|{sep}{name}$", "", line, flags=re.I).strip()
    return line


_OPEN_ENDINGS = frozenset("a an and the of to in for on with that by from or as at".split())


def _is_title_like(line: str, next_line: str, body: list[str]) -> bool:
    words = line.split()
    if not words or len(words) > MAX_TITLE_WORDS or len(line) > 200:
        return False
    if _SENTENCE_END.search(line) or _DATELINE.fullmatch(line):
        return False
    # The first line of wrapped text stops mid-sentence: "...this weekend to".
    if words[-1].casefold() in _OPEN_ENDINGS or _continues(line, next_line):
        return False
    # A headline is followed by a body: at least one real sentence-sized paragraph.
    return any(len(b.split()) >= 12 for b in body[:HEADER_LINES + 3])


@dataclass(frozen=True)
class Cleaned:
    """The article text after cleaning, and what its header told."""

    text: str
    title: str | None = None
    published: date | None = None
    author: str | None = None
    dateline: str | None = None  # "Baghdad"
    dateline_source: str | None = None  # "AFP", "Dispatches"
    agency: str | None = None  # a known news agency named in the dateline


def _take_header(lines: list[str]) -> tuple[list[str], date | None, str | None]:
    """Remove a date line and a byline among the first content lines."""
    published = author = None
    seen = 0
    out = list(lines)
    i = 0
    while i < len(out) and seen < HEADER_LINES:
        line = out[i]
        if not line:
            i += 1
            continue
        seen += 1
        day = date_from_line(line) if published is None else None
        if day is not None:
            if not _UPDATE_LABEL.match(line.strip()):
                published = day
            del out[i]
            continue
        m = _BYLINE.fullmatch(line) if author is None else None
        if m is not None:
            author = m.group("name")
            del out[i]
            continue
        i += 1
    return out, published, author


def _take_title(lines: list[str], known_title: str | None, outlet: str | None) -> tuple[list[str], str | None]:
    content = [i for i, line in enumerate(lines) if line]
    if not content:
        return lines, known_title
    first = content[0]
    candidate = tidy_title(lines[first], outlet)
    body = [lines[i] for i in content[1:]]
    if known_title is not None:
        if _fold(candidate) != _fold(tidy_title(known_title, outlet)):
            return lines, known_title
        title = known_title
    elif candidate and _is_title_like(candidate, lines[first + 1] if first + 1 < len(lines) else "", body):
        title = candidate
    else:
        return lines, None
    drop = {first}
    # Aggregator pages repeat the headline a line or two below.
    for i in content[1:HEADER_LINES]:
        if _fold(tidy_title(lines[i], outlet)) == _fold(title):
            drop.add(i)
    return [line for i, line in enumerate(lines) if i not in drop], title


def find_dateline(paragraph: str) -> tuple[str | None, str | None]:
    """``(place, source)`` of a dateline opening the first paragraph:
    "BAGHDAD (Dispatches) -- ...", "Baghdad (AFP)", "BAGHDAD — ..."."""
    m = _DATELINE.match(paragraph)
    if m:
        return m.group("place").strip(" ,"), m.group("source").strip()
    m = _CAPS_DATELINE.match(paragraph)
    if m:
        return m.group("place").strip(" ,-"), None
    return None, None


# --- paragraphs ---------------------------------------------------------------------

_LIST_ITEM = re.compile(r"(?:[-*•–]\s|\d{1,3}[.)]\s)")
_ENDS_SENTENCE = re.compile(r"[.!?…:;\"'”’»)\]]$")


def _continues(prev: str, nxt: str) -> bool:
    """True if ``nxt`` carries on the sentence that ``prev`` left open."""
    return bool(nxt) and nxt[0].islower() and not _ENDS_SENTENCE.search(prev)


def _looks_hard_wrapped(blocks: list[list[str]]) -> bool:
    """Plain text wrapped at a fixed width (e-mail, Project Gutenberg style)."""
    lines = [line for block in blocks for line in block]
    multi = [block for block in blocks if len(block) > 1]
    if len(lines) < 6 or not multi or max(len(line) for line in lines) > 120:
        return False
    inner = [len(line) for block in multi for line in block[:-1]]
    return sum(1 for n in inner if 40 <= n <= 120) >= 0.8 * len(inner)


def _join(parts: list[str], nxt: str) -> None:
    if re.search(r"\w-$", parts[-1]) and nxt[:1].islower():
        parts.append(nxt)  # keep the hyphen: "US-\nled" must stay "US-led"
    else:
        parts.extend((" ", nxt))


def paragraphs(lines: list[str], *, wrapped: bool = False) -> list[str]:
    """Group lines into paragraphs.

    Args:
        lines: stripped lines; empty strings are blank lines.
        wrapped: True when line ends are visual (PDF): a line break then ends a
            paragraph only after a short line (a sentence end or a heading).
    """
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    hard = wrapped or _looks_hard_wrapped(blocks)
    lengths = sorted(len(line) for b in blocks for line in b)
    full = lengths[int(len(lengths) * 0.8)] if lengths else 0
    out = []
    for block in blocks:
        current = [block[0]]  # parts, joined once: long blocks stay linear
        for prev, line in zip(block, block[1:]):
            if _LIST_ITEM.match(line):
                join = False
            elif wrapped:
                # A full line runs on; a short one ends a paragraph or is a heading.
                join = _continues(prev, line) or (
                    len(prev) >= 0.7 * full and not (_ENDS_SENTENCE.search(prev) and len(prev) < 0.85 * full)
                )
            else:
                join = hard or _continues(prev, line)
            if join:
                _join(current, line)
            else:
                out.append("".join(current))
                current = [line]
        out.append("".join(current))
    return out


# --- the whole pass ---------------------------------------------------------------

def clean_article(
    text: str,
    *,
    known_title: str | None = None,
    outlet: str | None = None,
    wrapped: bool = False,
) -> Cleaned:
    """Clean an article's text and read its header.

    Args:
        text: the extracted text, any newlines.
        known_title: a title from metadata; the first line is removed only if it
            repeats it (then it is the headline, not body text).
        outlet: the outlet's name if known, to strip it from a headline.
        wrapped: line ends are visual (PDF), see :func:`paragraphs`.
    """
    lines = normalise(text).split("\n")
    lines = drop_boilerplate(lines)
    lines, published, author = _take_header(lines)
    lines, title = _take_title(lines, known_title, outlet)
    paras = paragraphs(lines, wrapped=wrapped)
    place = source = agency = None
    if paras:
        place, source = find_dateline(paras[0])
        agency = NEWS_AGENCIES.get(source.casefold()) if source else None
    return Cleaned(
        text="\n\n".join(paras),
        title=title,
        published=published,
        author=author,
        dateline=place,
        dateline_source=source,
        agency=agency,
    )

