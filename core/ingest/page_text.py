"""Repairs to a saved page's tree before its article text is extracted.

Depends on lxml only (the ``lxml.html`` tree trafilatura parses). Two things
real pages get wrong for a text extractor, both decided from the markup:

* a drop cap: the first letter of the article in its own element
  (``<span class="dropcap">T</span>urkey``, or a block of its own before
  ``<p>urkey``), which the extractor may throw away with the element. The
  letter is put back into its word.
* link clutter inside the article: lists of links ("More on coronavirus:"
  and three headlines), paragraphs that are mostly link text ("Read more:
  <a>other story</a>"), short calls to action that carry a link ("Sign up
  for our <a>newsletter</a>") and the short lead-in line ending in ":" above
  such a block. A sentence with a link in it stays; a list of related headlines
  only partly linked goes.
* page furniture: buttons, short forms (a newsletter sign-up), cookie notices
  (marked so in their class or id), short hidden boxes, share bars of icon links
  and a copyright line; and a last line that announces what is not there ("See
  more photos:").
"""
from __future__ import annotations

import re

from lxml import html

_BLOCKS = {"p", "div", "li", "dd", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "figure", "aside"}
_HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
_LISTS = {"ul", "ol", "dl"}
_CAP_CLASS = re.compile(r"drop-?cap|dropcap|initial|first-?letter|big-?letter|lettrine", re.I)
_CAP_TEXT = re.compile(r"[\"'“‘«]?[^\W\d_]")
# Share of a block's letters inside links above which the block is navigation.
LINK_SHARE = 0.6
# Fewer linked words than this is a byline or a credit ("By <a>Jane Doe</a>"), kept.
MIN_LINK_WORDS = 3
# How a call to action opens; it is clutter only beside a link or a form (see _is_link_block).
_CALL_TO_ACTION = re.compile(
    r"(?:sign up\b|subscribe\b|follow us\b|follow \w+ on\b|like us on\b|join us on\b|"
    r"share (?:this|on)\b|download (?:our|the)\b|get (?:our|the)\b.*\bnewsletter|newsletter|"
    r"click here\b|read more\b|read also\b|also read\b|see also\b|related(?:\s+\w+)?\s*:|"
    r"more (?:on|from)\b[^.]{0,40}:)",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# Non-link words a sentence with a long link in it keeps around the link
# ("<a>Iraq's parliament voted in January 2020</a> to expel foreign troops.").
MIN_SENTENCE_WORDS = 4
MAX_CALL_WORDS = 30
# A list of related stories: at least this many items, each a short linked headline.
MIN_HEADLINE_ITEMS = 3
MAX_HEADLINE_WORDS = 20
MIN_HEADLINE_LINK_SHARE = 0.3
# A form this short is a sign-up or search box; some sites wrap the whole page in one.
MAX_FORM_WORDS = 80
MAX_NOTICE_WORDS = 100
_NOTICE_CLASS = re.compile(r"cookie|consent|gdpr|privacy-notice", re.I)
_RIGHTS = re.compile(r"©|\ball rights reserved\b", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
MAX_LEAD_IN_WORDS = 8


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def _text(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _remove(element: html.HtmlElement, *, keep: str = "") -> None:
    """Take ``element`` out of the tree, leaving ``keep`` and its tail in its place."""
    parent = element.getparent()
    if parent is None:
        return
    rest = keep + (element.tail or "")
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + rest
    else:
        parent.text = (parent.text or "") + rest
    parent.remove(element)


# --- drop caps ---------------------------------------------------------------------------

def _is_cap(element: html.HtmlElement) -> bool:
    if len(element) > 1:  # a cap holds one letter, at most wrapped once (<span><b>T</b></span>)
        return False
    text = element.text_content().strip()
    return 1 <= len(text) <= 2 and bool(_CAP_TEXT.fullmatch(text)) and text[-1].isupper()


def _hinted(element: html.HtmlElement) -> bool:
    return bool(_CAP_CLASS.search(f"{element.get('class', '')} {element.get('id', '')}"))


def _next_text(element: html.HtmlElement) -> str:
    """The text right after an inline element, inside the same block."""
    if element.tail:
        return element.tail
    following = element.getnext()
    return following.text_content() if following is not None else ""


def join_drop_caps(tree: html.HtmlElement) -> None:
    """Put a drop cap's letter back at the start of its word."""
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None or not _is_cap(element):
            continue
        letter = element.text_content().strip()
        if element.tag in _BLOCKS:
            following = element.getnext()
            if following is None or following.tag not in _BLOCKS:
                continue
            start = following.text or ""
            rest = following.text_content()
            # The next block carries on the word ("hen ..."), or the cap is marked as one.
            if not (rest.lstrip()[:1].islower() or _hinted(element)) or not rest.strip():
                continue
            following.text = letter + (" " if start[:1].isspace() else "") + start.lstrip()
            _remove(element)
        elif _next_text(element)[:1].isalpha() and (_next_text(element)[:1].islower() or _hinted(element)):
            _remove(element, keep=letter)
        elif _hinted(element):
            _remove(element, keep=letter)


# --- link clutter --------------------------------------------------------------------------

def _link_stats(element: html.HtmlElement) -> tuple[float, int, int]:
    """(share of the block's letters inside links, linked words, words outside links)."""
    text = element.text_content()
    total = _letters(text)
    if not total:
        return 0.0, 0, 0
    linked = [a.text_content() for a in element.iter("a")]
    linked_words = sum(len(t.split()) for t in linked)
    return sum(_letters(t) for t in linked) / total, linked_words, len(text.split()) - linked_words


def _is_mostly_links(element: html.HtmlElement) -> bool:
    """Links with little around them, and not a sentence that happens to be linked."""
    share, linked_words, other_words = _link_stats(element)
    if share < LINK_SHARE or linked_words < MIN_LINK_WORDS:
        return False
    text = _text(element)
    if text.casefold().startswith("by "):  # a byline, read by the text cleaner
        return False
    if not _SENTENCE_END.search(text):
        return True
    last = _text(list(element.iter("a"))[-1])
    after = text[text.rfind(last) + len(last):].split() if last else []
    # "<a>They returned in 2014</a> at Baghdad's request.": the sentence goes on after the link.
    carries_on = len(after) >= 2 and after[0][:1].islower()
    return not (other_words >= MIN_SENTENCE_WORDS or carries_on)


def _has_form(element: html.HtmlElement) -> bool:
    return any(isinstance(e.tag, str) and e.tag in ("form", "input", "button") for e in element.iter())


def _is_link_block(element: html.HtmlElement) -> bool:
    # A list item is judged with its list (_is_link_list), unless it is a call to action.
    if element.tag != "li" and _is_mostly_links(element):
        return True
    # A short call to action beside a link or a sign-up form: "Sign up for our <a>newsletter</a>".
    text = _text(element)
    if len(text.split()) > MAX_CALL_WORDS or not _CALL_TO_ACTION.match(text):
        return False
    parent = element.getparent()
    return _link_stats(element)[1] > 0 or (parent is not None and _has_form(parent))


def _is_headline_item(item: html.HtmlElement) -> bool:
    """A related story's headline, linked in part ("The Prime Minister and the <a>Future
    of Democracy</a>"): a short line, not a sentence, with a few linked words."""
    share, linked_words, _ = _link_stats(item)
    text = _text(item)
    return (share >= MIN_HEADLINE_LINK_SHARE and linked_words >= MIN_LINK_WORDS
            and len(text.split()) <= MAX_HEADLINE_WORDS and not text.endswith("."))


def _is_link_list(element: html.HtmlElement) -> bool:
    items = [li for li in element if isinstance(li.tag, str) and _text(li)]
    if not items:
        return False
    if sum(1 for li in items if _is_mostly_links(li)) >= 0.75 * len(items):
        return True
    # Every item links somewhere, and nearly all are headlines (one may be a call to action).
    return (len(items) >= MIN_HEADLINE_ITEMS and all(li.find(".//a") is not None for li in items)
            and sum(1 for li in items if _is_headline_item(li)) >= 0.75 * len(items))


def _is_leaf_block(element: html.HtmlElement) -> bool:
    return not any(isinstance(child.tag, str) and child.tag in _BLOCKS | _LISTS
                   for child in element.iterdescendants())


def _previous_block(element: html.HtmlElement) -> html.HtmlElement | None:
    previous = element.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    return previous


def _is_lead_in(element: html.HtmlElement, *, before_list: bool) -> bool:
    """"More on coronavirus:", "Related coverage": the line that announces a link block.
    It ends in a colon; above a list of links a heading or a bold line is one too (an
    article's subheading above a lone "Read more" link is not)."""
    text = _text(element)
    if not text or len(text.split()) > MAX_LEAD_IN_WORDS:
        return False
    if text.endswith(":"):
        return True
    bold = [child for child in element if child.tag in ("b", "strong")]
    return before_list and (element.tag in _HEADINGS or (len(bold) == 1 and _text(bold[0]) == text))


def _lead_in_of(element: html.HtmlElement, doomed: set) -> html.HtmlElement | None:
    """The block just before a link block, climbing out of wrappers that hold only it."""
    node = element
    while True:
        previous = _previous_block(node)
        while previous is not None and (previous in doomed or not _text(previous)):
            previous = _previous_block(previous)
        if previous is not None:
            return previous
        parent = node.getparent()
        if parent is None or _text(parent) != _text(node):
            return None
        node = parent


def drop_link_clutter(tree: html.HtmlElement) -> None:
    """Remove link lists, link-only paragraphs and calls to action, with their lead-ins."""
    clutter: list[html.HtmlElement] = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _LISTS and _is_link_list(element):
            clutter.append(element)
        elif element.tag in _BLOCKS and element.tag not in _HEADINGS and _is_leaf_block(element) \
                and _is_link_block(element):
            clutter.append(element)
    doomed = set(clutter)
    for element in clutter:
        previous = _lead_in_of(element, doomed)
        if previous is not None and previous.tag in _BLOCKS and _is_lead_in(
                previous, before_list=element.tag in _LISTS):
            doomed.add(previous)
    for element in doomed:
        if element.getparent() is not None and not any(a in doomed for a in element.iterancestors()):
            _remove(element)


# --- page furniture ------------------------------------------------------------------------

def _is_furniture(element: html.HtmlElement) -> bool:
    """A button, a short form (a newsletter sign-up with its thank-you text), a cookie
    notice, or the copyright line under a story ("™ & © 2013 Cable News Network, Inc.
    All rights reserved.")."""
    words = len(_shown_text(element, set()).split())
    if element.tag == "button" or (element.tag == "form" and words <= MAX_FORM_WORDS):
        return True
    # Hidden from the reader (a "save article" pull-down); a long hidden part may be
    # the rest of the story behind a "read more" button, and stays.
    if words <= MAX_NOTICE_WORDS and (_HIDDEN_STYLE.search(element.get("style", ""))
                                      or element.get("hidden") is not None
                                      or element.get("aria-hidden", "").lower() == "true"):
        return True
    # A share bar: icon links without text under a short label ("Share this news").
    links = [a for a in element.iter("a") if a.get("href")]
    if len(links) >= 2 and not any(_text(a) for a in links) and 0 < words <= MAX_LEAD_IN_WORDS:
        return True
    if _NOTICE_CLASS.search(f"{element.get('class', '')} {element.get('id', '')}") \
            and words <= MAX_NOTICE_WORDS and element.tag not in ("html", "body"):
        return True
    return element.tag in _BLOCKS and _is_leaf_block(element) and words <= MAX_CALL_WORDS \
        and bool(_RIGHTS.search(_text(element)))


def _line_key(line: str) -> str:
    return " ".join(line.strip().lstrip("-•*").split()).casefold()


def furniture_lines(tree: html.HtmlElement) -> frozenset[str]:
    """The texts of the page's furniture, each block's and the whole's. They are
    taken out of the extracted text, not out of the tree: taking a sign-up form
    out of the tree can change which part of the page the extractor takes for the
    article, and lose its lead."""
    found: set[str] = set()
    furniture = [e for e in tree.iter() if isinstance(e.tag, str) and _is_furniture(e)]
    for element in furniture:
        found.update(_line_key(_text(e)) for e in element.iter() if isinstance(e.tag, str))
        found.update(_line_key(piece) for piece in element.itertext())  # lines a <br> cuts
    # A hidden share box may repeat the lead the reader sees: what is shown stays.
    inside = {d for element in furniture for d in element.iter()}
    shown = {_line_key(_shown_text(e, inside)) for e in tree.iter()
             if isinstance(e.tag, str) and e.tag in _BLOCKS and e not in inside}
    return frozenset(found - shown - {""})


def _shown_text(element: html.HtmlElement, furniture: set) -> str:
    """An element's text as the reader sees it: without its scripts and styles, and
    without what its furniture (a button inside it) says."""
    parts = [element.text or ""]
    for child in element:
        if child not in furniture and child.tag not in ("script", "style", "noscript"):
            parts.append(_shown_text(child, furniture) if isinstance(child.tag, str) else "")
        parts.append(child.tail or "")
    return "".join(parts)


def without_lines(text: str, lines: frozenset[str]) -> str:
    """The extracted text without the lines that are page furniture, and without a
    last line that announces what the text no longer holds ("See more photos:")."""
    kept = [line for line in text.split("\n") if _line_key(line) not in lines]
    while kept and not kept[-1].strip():
        kept.pop()
    if kept and kept[-1].rstrip().endswith((":", "：")) and len(kept[-1].split()) <= MAX_LEAD_IN_WORDS:
        kept.pop()
    return "\n".join(kept)


def prepare(tree: html.HtmlElement) -> None:
    """Repair drop caps and remove link clutter, in place (page furniture goes from
    the extracted text: see :func:`furniture_lines`)."""
    join_drop_caps(tree)
    drop_link_clutter(tree)
