"""Dossier and article operations over an open :class:`Store`.

Depends on SQLAlchemy, the store models and the ingest dataclass. Every public
function is one user action and runs in one transaction: it either happens
completely or leaves the store exactly as it was. Results are frozen dataclasses,
never ORM objects, so callers on other threads can keep them.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer

from parallax.core.errors import InputError
from parallax.core.ingest.model import ImportedArticle
from parallax.core.store.connection import Store
from parallax.core.store.models import Article, Dossier, Setting

SEEDS_OFFERED_KEY = "seeds_offered"
REFERENCE_KEY = "reference_article:{}"  # per dossier id
LEAD_CHARS = 72  # length of the stand-in title of an untitled article
LEAD_SCAN_CHARS = 400


@dataclass(frozen=True)
class DossierInfo:
    id: int
    name: str
    article_count: int
    created_at: datetime


@dataclass(frozen=True)
class ArticleInfo:
    """An article's metadata, without its text or raw bytes."""

    id: int
    dossier_id: int
    title: str | None
    outlet: str | None
    author: str | None
    url: str | None
    published: date | None
    language: str | None
    source_name: str
    fmt: str
    word_count: int
    imported_at: datetime
    text_sha256: str
    raw_sha256: str
    lead: str = ""  # the first words of the text, for articles without a title

    @property
    def label(self) -> str:
        """Short name for pickers and tables: outlet, else title, else file name."""
        return self.outlet or self.title or self.source_name

    @property
    def display_title(self) -> str:
        """The title, else the opening words of the text ("BAGHDAD The Iraqi…"), else the file name."""
        return self.title or self.lead or self.source_name


@dataclass(frozen=True)
class ArticleText:
    info: ArticleInfo
    text: str


@dataclass(frozen=True)
class ImportReport:
    """What an import did: added article ids, duplicates skipped, bad inputs."""

    dossier_id: int | None = None
    added: tuple[int, ...] = ()
    duplicates: tuple[str, ...] = ()
    errors: tuple[InputError, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.errors


def list_dossiers(store: Store) -> list[DossierInfo]:
    with store.transaction() as s:
        rows = s.execute(
            select(Dossier, func.count(Article.id))
            .outerjoin(Article)
            .group_by(Dossier.id)
            .order_by(Dossier.name)
        ).all()
        return [DossierInfo(d.id, d.name, n, d.created_at) for d, n in rows]


def find_dossier(store: Store, name: str) -> DossierInfo | None:
    return next((d for d in list_dossiers(store) if d.name == name), None)


def create_dossier(store: Store, name: str) -> DossierInfo:
    name = _clean_name(name)
    with store.transaction() as s:
        if s.scalar(select(Dossier).where(Dossier.name == name)) is not None:
            raise InputError(name, "a dossier with this name already exists")
        d = Dossier(name=name, created_at=datetime.now())
        s.add(d)
        s.flush()
        return DossierInfo(d.id, d.name, 0, d.created_at)


def rename_dossier(store: Store, dossier_id: int, new_name: str) -> None:
    new_name = _clean_name(new_name)
    with store.transaction() as s:
        clash = s.scalar(select(Dossier).where(Dossier.name == new_name, Dossier.id != dossier_id))
        if clash is not None:
            raise InputError(new_name, "a dossier with this name already exists")
        _get(s, Dossier, dossier_id).name = new_name


def delete_dossier(store: Store, dossier_id: int) -> None:
    with store.transaction() as s:
        s.delete(_get(s, Dossier, dossier_id))


def list_articles(store: Store, dossier_id: int) -> list[ArticleInfo]:
    with store.transaction() as s:
        rows = s.execute(
            select(Article, func.substr(Article.text, 1, LEAD_SCAN_CHARS))
            .options(defer(Article.text), defer(Article.raw))
            .where(Article.dossier_id == dossier_id).order_by(Article.id)
        ).all()
        return [_info(a, head) for a, head in rows]


def get_article(store: Store, article_id: int) -> ArticleText:
    with store.transaction() as s:
        a = _get(s, Article, article_id)
        return ArticleText(_info(a, a.text[:LEAD_SCAN_CHARS]), a.text)


def get_raw(store: Store, article_id: int) -> bytes:
    with store.transaction() as s:
        return _get(s, Article, article_id).raw


def delete_article(store: Store, article_id: int) -> None:
    with store.transaction() as s:
        s.delete(_get(s, Article, article_id))


def set_reference_article(store: Store, dossier_id: int, article_id: int | None) -> None:
    """Make ``article_id`` the dossier's reference article (None: back to :func:`pick_reference`'s rule).

    Kept in the ``setting`` table under ``reference_article:<dossier id>``.
    """
    key = REFERENCE_KEY.format(dossier_id)
    with store.transaction() as s:
        _get(s, Dossier, dossier_id)
        if article_id is None:
            row = s.get(Setting, key)
            if row is not None:
                s.delete(row)
            return
        if _get(s, Article, article_id).dossier_id != dossier_id:
            raise InputError(f"article {article_id}", f"is not in dossier {dossier_id}")
        s.merge(Setting(key=key, value=str(article_id)))


def reference_article(store: Store, dossier_id: int) -> int | None:
    """The reference article chosen for the dossier, if one was chosen and is still in it."""
    with store.transaction() as s:
        row = s.get(Setting, REFERENCE_KEY.format(dossier_id))
        if row is None or not row.value.isdigit():
            return None
        a = s.get(Article, int(row.value))
        return a.id if a is not None and a.dossier_id == dossier_id else None


def pick_reference(articles: Sequence[ArticleInfo], chosen: int | None) -> int | None:
    """The article to compare the others with: ``chosen`` if it is among ``articles``, else
    the earliest-published one (the likely source), else the first."""
    if chosen is not None and any(a.id == chosen for a in articles):
        return chosen
    dated = [a for a in articles if a.published is not None]
    if dated:
        return min(dated, key=lambda a: a.published).id
    return articles[0].id if articles else None


def add_articles(
    store: Store, articles: Sequence[ImportedArticle], *, dossier: str
) -> ImportReport:
    """Store ``articles`` in the dossier named ``dossier`` (created if missing).

    A text already in that dossier (same normalised-text hash) is reported as a
    duplicate, not stored twice; so is a repeat inside ``articles``.
    """
    with store.transaction() as s:
        d, rows, duplicates = add_to_dossier(s, articles, dossier=dossier)
        return ImportReport(d.id, tuple(r.id for r in rows if r is not None), tuple(duplicates))


def add_to_dossier(
    s: Session, articles: Sequence[ImportedArticle], *, dossier: str
) -> tuple[Dossier, list[Article | None], list[str]]:
    """Inside an open transaction: the dossier, one row per article (None for a
    duplicate) and the duplicates' source names."""
    name = _clean_name(dossier)
    d = s.scalar(select(Dossier).where(Dossier.name == name))
    if d is None:
        d = Dossier(name=name, created_at=datetime.now())
        s.add(d)
        s.flush()
    seen = set(s.scalars(select(Article.text_sha256).where(Article.dossier_id == d.id)))
    rows: list[Article | None] = []
    duplicates: list[str] = []
    now = datetime.now()
    for art in articles:
        if art.text_sha256 in seen:
            duplicates.append(art.source_name)
            rows.append(None)
            continue
        seen.add(art.text_sha256)
        row = _article_row(art, d.id, now)
        s.add(row)
        rows.append(row)
    s.flush()
    return d, rows, duplicates


def import_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    dossier: str,
    progress: Callable[[int, int, str], None] | None = None,
) -> ImportReport:
    """Read every file (folders: every supported file in them) and store the good ones.

    Bad files are listed in the report's ``errors``; the good ones are still added.
    """
    from parallax.core.ingest.readers import collect

    good, bad = collect(list(paths), progress=progress)
    report = add_articles(store, good, dossier=dossier) if good else ImportReport()
    return ImportReport(report.dossier_id, report.added, report.duplicates, tuple(bad))


def ensure_seed_dossier(store: Store) -> int | None:
    """On first start, import the seed dossier; never again once offered.

    Returns the seed dossier's id if it was created now, else None.
    """
    from parallax.core.ingest.readers import collect
    from parallax.core.ingest.seeds import seed_dossier_name, seed_paths

    with store.transaction() as s:
        if s.get(Setting, SEEDS_OFFERED_KEY) is not None:
            return None
    good, bad = collect(seed_paths())
    if bad:  # the seeds ship with the app: a failure here is a bug, not user input
        raise RuntimeError(f"seed files failed to import: {bad[0]}")
    report = add_articles(store, good, dossier=seed_dossier_name())
    with store.transaction() as s:
        s.merge(Setting(key=SEEDS_OFFERED_KEY, value=datetime.now().isoformat()))
    return report.dossier_id


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise InputError("dossier name", "must not be empty")
    return name


def _get(s: Session, model: type, key: int):
    obj = s.get(model, key)
    if obj is None:
        raise InputError(f"{model.__tablename__} {key}", "no such id in the store")
    return obj


def _article_row(art: ImportedArticle, dossier_id: int, now: datetime) -> Article:
    return Article(
        dossier_id=dossier_id,
        title=art.title,
        outlet=art.outlet,
        author=art.author,
        url=art.url,
        published=art.published,
        language=art.language,
        source_name=art.source_name,
        fmt=art.fmt,
        raw_sha256=art.raw_sha256,
        text_sha256=art.text_sha256,
        imported_at=now,
        word_count=art.word_count,
        text=art.text,
        raw=art.raw,
    )


def lead_words(text: str, limit: int = LEAD_CHARS) -> str:
    """The first line of ``text`` cut at a word boundary near ``limit`` characters, with "…"."""
    line = text.strip().split("\n", 1)[0].strip()
    if len(line) <= limit:
        return line
    cut = line.rfind(" ", 0, limit)
    return line[: cut if cut > limit // 2 else limit].rstrip(" ,;:-–—") + "…"


def _info(a: Article, head: str) -> ArticleInfo:
    return ArticleInfo(
        a.id, a.dossier_id, a.title, a.outlet, a.author, a.url, a.published, a.language,
        a.source_name, a.fmt, a.word_count, a.imported_at, a.text_sha256, a.raw_sha256,
        lead_words(head),
    )
