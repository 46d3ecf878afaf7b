"""Article metadata given by the user: dates, side files and folder manifests.

Standard library only. Three sources feed it:

* the ``meta`` dict a caller passes to ``read_file`` / ``read_pasted``;
* a side file ``foo.meta.json`` next to ``foo.txt``;
* a folder-level ``manifest.json`` (the format of ``seeds/manifest.json``)::

    {"dossier": "optional dossier name",
     "files": {"foo.txt": {"outlet": "AFP", "published": "2021-07-24"}}}

Every field is optional. Known fields are ``title``, ``outlet``, ``author``,
``url``, ``published`` (alias ``date``), ``language`` and ``note``. A bad
side file raises :class:`InputError` naming it.
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from parallax.core.errors import InputError

MANIFEST_NAME = "manifest.json"
SIDE_SUFFIX = ".meta.json"

TEXT_FIELDS = ("title", "outlet", "author", "url", "language", "note")
KNOWN_FIELDS = (*TEXT_FIELDS, "published")
_ALIASES = {"date": "published"}

_MONTHS = {
    name: i
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# A time and zone after the date ("10:00 AM EDT", "| 14.30 GMT") is allowed and ignored.
_TIME = r"(?:\s*(?:[,|·•–—-]|at)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}|\s*[+-]\d{2}:?\d{2}|Z)?)?"
DATE_PATTERNS = [
    re.compile(rf"{_WEEKDAY}(?P<year>(?:19|20)\d{{2}})[-/](?P<month>\d{{1,2}})[-/](?P<day>\d{{1,2}})"
               rf"(?:T\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?{_TIME}", re.I),
    re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}", re.I),
    re.compile(rf"{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}{_TIME}", re.I),
]


def parse_date(value: Any) -> date | None:
    """A calendar date from a date, a datetime or a string such as ``2021-07-24``,
    ``July 24, 2021``, ``Saturday 24 July 2021 10:00 GMT``; None if it is not one.

    The whole string must be the date (an optional time after it is ignored).
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    for pattern in DATE_PATTERNS:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        month = m.group("month")
        month_no = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
        try:
            return date(int(m.group("year")), month_no, int(m.group("day")))
        except ValueError:
            return None
    return None


def normalise_meta(raw: Any, source: str | Path) -> dict[str, Any]:
    """Check and tidy user-given metadata.

    Returns a dict with only known fields, strings stripped, empty values
    dropped and ``published`` as a :class:`date`.

    Raises:
        InputError: naming ``source`` for an unknown field or a bad value.
    """
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise InputError(source, "metadata must be a JSON object of field: value")
    out: dict[str, Any] = {}
    for key, value in raw.items():
        field = _ALIASES.get(key, key)
        if field not in KNOWN_FIELDS:
            raise InputError(source, f"unknown field '{key}' (known: {', '.join(KNOWN_FIELDS)})")
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if field == "published":
            day = parse_date(value)
            if day is None:
                raise InputError(source, f"unreadable date {value!r} (use YYYY-MM-DD)")
            out[field] = day
        elif isinstance(value, str):
            out[field] = " ".join(value.split())
        else:
            raise InputError(source, f"field '{key}' must be text")
    return out


def _load_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON (line {exc.lineno}: {exc.msg})") from None


def side_file_for(path: Path) -> Path:
    """``foo.meta.json`` for ``foo.txt``."""
    return path.with_name(path.stem + SIDE_SUFFIX)


def is_side_file(path: Path) -> bool:
    """True for metadata files that are never imported as articles."""
    name = path.name.lower()
    return name == MANIFEST_NAME or name.endswith(SIDE_SUFFIX)


def load_side_file(path: Path) -> dict[str, Any]:
    """The metadata in one ``*.meta.json`` file."""
    return normalise_meta(_load_json(path), path)


def load_manifest(path: Path) -> tuple[str | None, dict[str, dict[str, Any]]]:
    """``(dossier name or None, {file name: metadata})`` from a ``manifest.json``."""
    data = _load_json(path)
    if not isinstance(data, dict):
        raise InputError(path, "manifest must be a JSON object with a \"files\" object")
    unknown = set(data) - {"dossier", "files"}
    if unknown:
        raise InputError(path, f"unknown key '{sorted(unknown)[0]}' (known: dossier, files)")
    dossier = data.get("dossier")
    if dossier is not None and not isinstance(dossier, str):
        raise InputError(path, "\"dossier\" must be text")
    files = data.get("files", {})
    if not isinstance(files, dict):
        raise InputError(path, "\"files\" must map file names to metadata")
    entries = {}
    for name, raw in files.items():
        try:
            entries[name] = normalise_meta(raw, path)
        except InputError as exc:
            raise InputError(path, f"{name}: {exc.reason}") from None
    return dossier, entries
