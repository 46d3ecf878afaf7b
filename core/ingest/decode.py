"""Bytes of a text file to a string, with the encoding it was written in.

Depends on charset-normalizer, used only as a last resort. The order is the
one that is right for news text saved on Windows, macOS and Linux: a BOM
(UTF-8, UTF-16, UTF-32) wins; then strict UTF-8; then Windows-1252 when the
bytes look like Western text; then charset-normalizer's best guess.
"""
from __future__ import annotations

import codecs
from pathlib import Path

import charset_normalizer

from parallax.core.errors import InputError

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v", "\x1b"}
CANNOT_DECODE = "cannot decode text (not UTF-8, UTF-16 or Windows-1252)"
BINARY = "binary file, not text"


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(
        1 for ch in text
        if (ch < " " and ch not in _ALLOWED_CONTROLS) or "\x7f" <= ch <= "\x9f"
    )
    return bad / len(text)


def _checked(text: str, source: str | Path) -> str:
    if _control_ratio(text) > 0.1:
        raise InputError(source, BINARY)
    if not text.strip():
        raise InputError(source, "empty file")
    return text


def decode_text(data: bytes, source: str | Path) -> tuple[str, str]:
    """Decode a text file.

    Returns:
        ``(text, encoding label)``; the text has no BOM.

    Raises:
        InputError: "empty file", "binary file, not text" or "cannot decode text ...".
    """
    if not data.strip():
        raise InputError(source, "empty file")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise InputError(source, CANNOT_DECODE) from None
            return _checked(text, source), label
    if b"\x00" in data:
        raise InputError(source, BINARY)
    try:
        return _checked(data.decode("utf-8"), source), "UTF-8"
    except UnicodeDecodeError:
        pass
    # Western text has a few accented letters and curly quotes among ASCII; text
    # in other single- or multi-byte encodings is mostly high bytes.
    high = sum(1 for b in data if b >= 0x80)
    if high / len(data) <= 0.3:
        try:
            return _checked(data.decode("cp1252"), source), "Windows-1252"
        except UnicodeDecodeError:
            pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(source, CANNOT_DECODE)
    return _checked(str(best), source), best.encoding
