"""Reader for plain text (.txt) and Markdown (.md) files.

Depends on :mod:`parallax.core.ingest.decode` for the encoding. Markdown is
reduced to its text: heading marks, emphasis, images and link targets go,
link words stay.
"""
from __future__ import annotations

import re
from pathlib import Path

from parallax.core.ingest.decode import decode_text
from parallax.core.ingest.extracted import Extracted

_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.M)
_MD_SETEXT = re.compile(r"^\s{0,3}(?:=+|-{2,})\s*$", re.M)
_MD_RULE = re.compile(r"^\s{0,3}(?:[*_-]\s*){3,}$", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?", re.M)


def markdown_to_text(text: str) -> str:
    """The readable text of a Markdown article."""
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub(r"\1", text)
    text = _MD_RULE.sub("", text)
    text = _MD_SETEXT.sub("", text)
    text = _MD_QUOTE.sub("", text)
    return _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)


def extract(data: bytes, source: Path) -> Extracted:
    """Decode a .txt/.md file; raises InputError for empty, binary or undecodable files."""
    text, encoding = decode_text(data, source)
    if source.suffix.lower() == ".md":
        text = markdown_to_text(text)
    return Extracted(text=text, extra={"encoding": encoding})
