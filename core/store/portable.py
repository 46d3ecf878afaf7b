"""A dossier as one portable file, to hand to a class or a colleague.

Standard library plus the store. The file is a zip holding ``dossier.json``
(format tag, version, dossier name, each article's metadata, text and
annotations) and ``raw/N`` (each article's original bytes). Importing checks
everything before it writes anything, so a bad file leaves the store as it was.
A file whose dossier name is taken is merged into that dossier only when the
caller says so (``merge=True``); else :class:`DossierNameTaken` is raised and
the caller asks the user (merge, or another name: :func:`suggest_name`).
"""
from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from parallax.core.errors import InputError
from parallax.core.ingest.language import detect_language
from parallax.core.ingest.model import ImportedArticle
from parallax.core.store.connection import Store
from parallax.core.store.library import ImportReport, add_to_dossier
from parallax.core.store.models import Annotation, Dossier

FORMAT_TAG = "parallax-dossier"
FORMAT_VERSION = 1
SUFFIX = ".parallax"
MAX_BUNDLE_BYTES = 500 * 1024 * 1024
_META_FIELDS = ("title", "outlet", "author", "url", "language", "source_name", "fmt")


class DossierNameTaken(InputError):
    """The dossier in a file has the name of one in the store (``dossier``)."""

    def __init__(self, source: str | Path, dossier: str) -> None:
        self.dossier = dossier
        super().__init__(source, f"a dossier named '{dossier}' already exists; "
                                 "merge into it or import under another name")


def export_dossier(store: Store, dossier_id: int, target: Path) -> Path:
    """Write the dossier to ``target`` (a zip; written to a temp name, then renamed)."""
    with store.transaction() as s:
        d = s.get(Dossier, dossier_id)
        if d is None:
            raise InputError(f"dossier {dossier_id}", "no such id in the store")
        articles = []
        raws = []
        for i, a in enumerate(d.articles):
            entry = {k: getattr(a, k) for k in _META_FIELDS}
            entry["published"] = a.published.isoformat() if a.published else None
            entry["text"] = a.text
            entry["raw"] = f"raw/{i}"
            entry["annotations"] = [
                {"start": n.start, "end": n.end, "note": n.note} for n in a.annotations
            ]
            articles.append(entry)
            raws.append(a.raw)
        doc = {
            "format": FORMAT_TAG,
            "version": FORMAT_VERSION,
            "dossier": d.name,
            "exported_at": datetime.now().isoformat(timespec="seconds"),
            "articles": articles,
        }
    tmp = target.with_name(target.name + ".part")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("dossier.json", json.dumps(doc, ensure_ascii=False, indent=1))
            for i, raw in enumerate(raws):
                zf.writestr(f"raw/{i}", raw)
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(target, f"cannot write ({exc.strerror})") from exc
    return target


def import_dossier(
    store: Store, source: Path, *, name: str | None = None, merge: bool = False
) -> ImportReport:
    """Add the dossier in ``source`` to the store, under ``name`` or the file's own.

    Args:
        merge: if a dossier of that name exists, add the articles to it (articles
            whose text it already holds are reported as duplicates).

    Raises:
        DossierNameTaken: the name exists and ``merge`` is false (nothing written).
        InputError: the file is not a good dossier file (nothing written).
    """
    bundle_name, entries = _read_bundle(source)
    target = " ".join((name or bundle_name).split())
    with store.transaction() as s:
        if not merge and s.scalar(select(Dossier.id).where(Dossier.name == target)) is not None:
            raise DossierNameTaken(source, target)
        d, rows, duplicates = add_to_dossier(s, [art for art, _ in entries], dossier=target)
        now = datetime.now()
        for row, (_, notes) in zip(rows, entries):
            if row is not None:
                row.annotations = [
                    Annotation(start=n["start"], end=n["end"], note=n["note"], created_at=now)
                    for n in notes
                ]
        s.flush()
        return ImportReport(d.id, tuple(r.id for r in rows if r is not None), tuple(duplicates))


def dossier_name(source: Path) -> str:
    """The name of the dossier in a ``.parallax`` file (the whole file is checked)."""
    return _read_bundle(source)[0]


def suggest_name(name: str, taken: Iterable[str]) -> str:
    """A dossier name not in ``taken`` for a second copy: "X (2)", else "X (3)", ..."""
    taken = set(taken)
    n = 2
    while f"{name} ({n})" in taken:
        n += 1
    return f"{name} ({n})"


def _read_bundle(source: Path) -> tuple[str, list[tuple[ImportedArticle, list[dict]]]]:
    """Read and validate the whole file; raises InputError naming it."""
    if not source.is_file():
        raise InputError(source, "file not found")
    if source.stat().st_size > MAX_BUNDLE_BYTES:
        raise InputError(source, "file too large for a dossier")
    try:
        with zipfile.ZipFile(source) as zf:
            total = sum(i.file_size for i in zf.infolist())
            if total > MAX_BUNDLE_BYTES:
                raise InputError(source, "refused: expands to too much data")
            doc = json.loads(zf.read("dossier.json").decode("utf-8"))
            if not isinstance(doc, dict) or doc.get("format") != FORMAT_TAG:
                raise InputError(source, "not a Parallax dossier file")
            if doc.get("version") != FORMAT_VERSION:
                raise InputError(source, f"dossier file version {doc.get('version')} is not supported")
            entries = [_entry(zf, e) for e in doc["articles"]]
            return str(doc["dossier"]), entries
    except InputError:
        raise
    except zipfile.BadZipFile as exc:
        raise InputError(source, "not a Parallax dossier file (not a zip archive)") from exc
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(source, f"damaged dossier file ({exc.__class__.__name__}: {exc})") from exc


def _entry(zf: zipfile.ZipFile, e: dict) -> tuple[ImportedArticle, list[dict]]:
    text = e["text"]
    if not isinstance(text, str) or not text.strip():
        raise ValueError("an article has no text")
    meta = {k: e.get(k) for k in _META_FIELDS if k not in ("source_name", "fmt")}
    if not meta["language"]:  # a file from before language detection
        meta["language"] = detect_language(text)
    art = ImportedArticle(
        text=text,
        raw=zf.read(e["raw"]),
        published=date.fromisoformat(e["published"]) if e.get("published") else None,
        **meta,
        source_name=str(e["source_name"]),
        fmt=str(e["fmt"]),
    )
    notes = e.get("annotations", [])
    for n in notes:
        if not (0 <= n["start"] <= n["end"] <= len(text)) or not isinstance(n["note"], str):
            raise ValueError("an annotation lies outside its article")
    return art, notes
