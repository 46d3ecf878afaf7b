"""Import articles from files, folders and pasted text.

Depends on the format readers (``fmt_text``, ``fmt_html``, ``fmt_docx``,
``fmt_pdf``), on :mod:`clean` for the text and its header, and on :mod:`meta`
for user metadata (side files ``foo.meta.json`` and folder ``manifest.json``).
Every bad input raises or returns an :class:`InputError` that names the file
and says why in a few words; nothing is ever fetched from the network.

Metadata precedence, strongest first: what the caller or a side file gives;
what the document itself states (HTML meta tags, .docx/.pdf title and author);
what the text's header says (a date line, a headline, a byline, a news
agency in the dateline); file-level fallbacks (.docx/.pdf creation date).
The language is the caller's if given, else detected from the text
(:mod:`language`), with the page's ``lang`` attribute only as a hint.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from parallax.core.errors import InputError, Progress
from parallax.core.ingest import fmt_docx, fmt_html, fmt_pdf, fmt_text
from parallax.core.ingest.clean import clean_article
from parallax.core.ingest.extracted import Extracted
from parallax.core.ingest.language import detect_language, language_code
from parallax.core.ingest.meta import (
    MANIFEST_NAME,
    is_side_file,
    load_manifest,
    load_side_file,
    normalise_meta,
    side_file_for,
)
from parallax.core.ingest.model import MAX_FILE_BYTES, ImportedArticle

# extension -> (format name, reader)
READERS: dict[str, tuple[str, Callable[[bytes, Path], Extracted]]] = {
    ".txt": ("text", fmt_text.extract),
    ".md": ("text", fmt_text.extract),
    ".html": ("html", fmt_html.extract),
    ".htm": ("html", fmt_html.extract),
    ".docx": ("docx", fmt_docx.extract),
    ".pdf": ("pdf", fmt_pdf.extract),
}
SUPPORTED = ", ".join(READERS)
PASTED = "pasted text"
# Files a file manager or an OS leaves in folders; skipped without a word.
_SYSTEM_FILES = {"thumbs.db", "desktop.ini", "ehthumbs.db", "icon\r"}
_SYSTEM_DIRS = {"__macosx", "__pycache__"}
_MB = 1024 * 1024


def unsupported(path: Path) -> InputError:
    """The error for a file whose extension no reader handles."""
    ext = path.suffix.lower()
    if ext == ".parallax":  # a whole dossier, not an article
        return InputError(path, "a Parallax dossier file, not an article: add it with "
                                "'parallax import-dossier' (File > Import Dossier File in the app)")
    kind = f"'{ext}'" if ext else "(no file extension)"
    return InputError(path, f"unsupported file type {kind} (supported: {SUPPORTED})")


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(path, f"file too large ({size / _MB:.1f} MB; limit {MAX_FILE_BYTES // _MB} MB)")
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except PermissionError:
        raise InputError(path, "cannot read file (permission denied)") from None
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:  # it grew after stat()
        raise InputError(path, f"file too large (over {MAX_FILE_BYTES // _MB} MB)")
    return data


def read_file(path: Path, *, meta: Mapping[str, Any] | None = None) -> ImportedArticle:
    """Read one article file.

    Args:
        path: a .txt, .md, .html, .htm, .docx or .pdf file.
        meta: optional title/outlet/author/url/published/language (and note)
            that override what the file says.

    Raises:
        InputError: naming the file, for every input that cannot be imported.
    """
    path = Path(path)
    override = normalise_meta(dict(meta), path) if meta else {}
    if not path.exists():
        raise InputError(path, "file not found")
    if path.is_dir():
        raise InputError(path, "is a folder, not a file (import it as a folder)")
    ext = path.suffix.lower()
    if ext not in READERS:
        raise unsupported(path)
    data = _read_bytes(path)
    if not data.strip():
        raise InputError(path, "empty file")
    fmt, reader = READERS[ext]
    return _article(reader(data, path), raw=data, source=path, fmt=fmt, override=override)


def read_pasted(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    url: str | None = None,
    published: date | str | None = None,
    language: str | None = None,
) -> ImportedArticle:
    """An article from pasted text (``source_name`` "pasted text", ``fmt`` "paste").

    Raises:
        InputError: ("pasted text", "no text") for empty or whitespace-only text,
            or naming a bad field (an unreadable ``published`` date).
    """
    if not text or not text.strip():
        raise InputError(PASTED, "no text")
    given = {"title": title, "outlet": outlet, "author": author, "url": url,
             "published": published, "language": language}
    override = normalise_meta({k: v for k, v in given.items() if v is not None}, PASTED)
    return _article(Extracted(text=text), raw=text.encode("utf-8"), source=PASTED, fmt="paste",
                    override=override)


def _article(ex: Extracted, *, raw: bytes, source: str | Path, fmt: str, override: dict) -> ImportedArticle:
    known_title = override.get("title") or ex.meta.get("title")
    outlet = override.get("outlet") or ex.meta.get("outlet")
    cleaned = clean_article(ex.text, known_title=known_title, outlet=outlet, wrapped=ex.wrapped)
    if not cleaned.text:
        raise InputError(source, "no article text (only a title or page boilerplate)")

    def pick(field: str, *candidates):
        for value in (override.get(field), ex.meta.get(field), *candidates):
            if value:
                return value
        return None

    extra = dict(ex.extra)
    if "note" in override:
        extra["note"] = override["note"]
    if cleaned.dateline:
        extra["dateline"] = cleaned.dateline
    if cleaned.dateline_source:
        extra["dateline_source"] = cleaned.dateline_source
    name = source.name if isinstance(source, Path) else source
    return ImportedArticle(
        text=cleaned.text,
        raw=raw,
        source_name=name,
        fmt=fmt,
        title=pick("title", cleaned.title),
        outlet=pick("outlet", cleaned.agency),
        author=pick("author", cleaned.author, ex.weak.get("author")),
        url=pick("url"),
        published=pick("published", cleaned.published, ex.weak.get("published")),
        # What the user gave wins; a page's own lang attribute is only a hint.
        language=(language_code(override.get("language"))
                  or detect_language(cleaned.text, hint=ex.meta.get("language"))),
        extra=extra,
    )


# --- folders and side files -------------------------------------------------------

def _is_system(name: str) -> bool:
    low = name.casefold()
    return name.startswith((".", "~$")) or low in _SYSTEM_FILES


def _folder_files(folder: Path) -> list[Path]:
    """Every file below ``folder`` except hidden/system ones and side files, sorted."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not _is_system(d) and d.casefold() not in _SYSTEM_DIRS]
        for name in files:
            path = Path(root, name)
            if not _is_system(name) and not is_side_file(path):
                found.append(path)
    return sorted(found, key=lambda p: [part.casefold() for part in p.relative_to(folder).parts])


class _SideMeta:
    """Metadata for a file from its folder's manifest and its own side file."""

    def __init__(self) -> None:
        self._manifests: dict[Path, tuple[dict, InputError | None]] = {}

    def manifest_error(self, folder: Path) -> InputError | None:
        return self._manifest(folder)[1]

    def _manifest(self, folder: Path) -> tuple[dict, InputError | None]:
        if folder not in self._manifests:
            path = folder / MANIFEST_NAME
            entries, error = {}, None
            if path.is_file():
                try:
                    entries = load_manifest(path)[1]
                except InputError as exc:
                    error = exc
            self._manifests[folder] = (entries, error)
        return self._manifests[folder]

    def for_file(self, path: Path) -> dict:
        """Raises InputError naming the side file if it is broken."""
        meta = dict(self._manifest(path.parent)[0].get(path.name, {}))
        side = side_file_for(path)
        if side.is_file():
            meta.update(load_side_file(side))
        return meta


def collect(
    paths: Iterable[Path],
    *,
    progress: Progress | None = None,
) -> tuple[list[ImportedArticle], list[InputError]]:
    """Read files and folders (recursively); bad inputs are returned, not raised.

    Folders give every file in them, sorted; hidden and system files
    (.DS_Store, Thumbs.db, ~$ lock files) and side files are skipped, other
    unsupported files are errors. ``foo.meta.json`` next to ``foo.txt`` and a
    ``manifest.json`` in its folder supply metadata; if one is broken, the
    error names it and the files it describes are not imported.

    Args:
        paths: files and folders, in the order the user gave them.
        progress: called as ``progress(done, total, file name)`` after each file.

    Returns:
        ``(articles, errors)``, each in input order.
    """
    plan: list[Path] = []
    seen: set[Path] = set()
    for path in map(Path, paths):
        candidates = _folder_files(path) if path.is_dir() else [path]
        for p in candidates:
            key = p.resolve() if p.exists() else p.absolute()
            if key not in seen and not (is_side_file(p) and p.exists()):
                seen.add(key)
                plan.append(p)
    good: list[ImportedArticle] = []
    bad: list[InputError] = []
    side = _SideMeta()
    reported: set[Path] = set()
    for done, path in enumerate(plan, start=1):
        try:
            manifest_error = side.manifest_error(path.parent)
            if manifest_error is not None:
                if path.parent not in reported:
                    reported.add(path.parent)
                    bad.append(manifest_error)
            else:
                good.append(read_file(path, meta=side.for_file(path) if path.exists() else None))
        except InputError as exc:
            bad.append(exc)
        if progress is not None:
            progress(done, len(plan), path.name)
    return good, bad
