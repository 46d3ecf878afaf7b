"""Undoable deletes: remove an article or a dossier, keeping a full copy to put back.

Depends on SQLAlchemy, the store models and :mod:`parallax.core.store.library`.
A snapshot holds every column of the rows a delete removes (the article with
its text and raw bytes, its annotations) and the analysis-cache rows of its
text, so a restore needs no re-import and no re-analysis. Columns are read from
the models, so a column added later is kept too. A delete raises the table's
id floor (``library.raise_id_floor``): imports made meanwhile get higher ids and
a restore gets back its own. Each function is one transaction.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from parallax.core.errors import InputError
from parallax.core.store import library
from parallax.core.store.connection import Store
from parallax.core.store.library import ArticleInfo, DossierInfo
from parallax.core.store.models import AnalysisCache, Annotation, Article, Dossier

Row = tuple[tuple[str, Any], ...]  # (column, value) pairs of one row


@dataclass(frozen=True)
class ArticleSnapshot:
    """An article as it was: its row, its annotations' rows, its text's cache rows."""

    article: Row
    annotations: tuple[Row, ...]
    cache: tuple[Row, ...]

    def value(self, column: str) -> Any:
        return dict(self.article)[column]

    @property
    def article_id(self) -> int:
        return self.value("id")

    @property
    def dossier_id(self) -> int:
        return self.value("dossier_id")

    @property
    def title(self) -> str:
        """What the user calls it: title, else outlet, else the file name."""
        return self.value("title") or self.value("outlet") or self.value("source_name")


@dataclass(frozen=True)
class DossierSnapshot:
    dossier: Row
    articles: tuple[ArticleSnapshot, ...]

    @property
    def dossier_id(self) -> int:
        return dict(self.dossier)["id"]

    @property
    def name(self) -> str:
        return dict(self.dossier)["name"]


def snapshot_article(store: Store, article_id: int) -> ArticleSnapshot:
    """A copy of the article and everything a delete would take with it."""
    with store.transaction() as s:
        return _snapshot_article(s, _article(s, article_id))


def delete_article(store: Store, article_id: int) -> ArticleSnapshot:
    """Remove an article; returns what :func:`restore_article` needs to put it back."""
    with store.transaction() as s:
        a = _article(s, article_id)
        snap = _snapshot_article(s, a)
        s.delete(a)
        library.raise_id_floor(s, Article, article_id)
        for note in snap.annotations:
            library.raise_id_floor(s, Annotation, dict(note)["id"])
        return snap


def restore_article(store: Store, snap: ArticleSnapshot) -> ArticleInfo:
    """Put a deleted article back: same id, text, raw bytes, details and notes.

    Cache rows of its text that were dropped meanwhile come back too; rows
    present now are left as they are.

    Raises:
        InputError: its dossier is gone, or the same text was imported into it again.
    """
    with store.transaction() as s:
        d = s.get(Dossier, snap.dossier_id)
        if d is None:
            raise InputError(f"article {snap.article_id}",
                             f"its dossier (id {snap.dossier_id}) no longer exists")
        _put_article(s, snap, d.name)
        s.flush()
        return library.get_info(s, snap.article_id)


def snapshot_dossier(store: Store, dossier_id: int) -> DossierSnapshot:
    with store.transaction() as s:
        return _snapshot_dossier(s, _dossier(s, dossier_id))


def delete_dossier(store: Store, dossier_id: int) -> DossierSnapshot:
    """Delete a dossier and its articles; returns what :func:`restore_dossier` needs."""
    with store.transaction() as s:
        d = _dossier(s, dossier_id)
        snap = _snapshot_dossier(s, d)
        s.delete(d)
        library.raise_id_floor(s, Dossier, dossier_id)
        for art in snap.articles:
            library.raise_id_floor(s, Article, art.article_id)
            for note in art.annotations:
                library.raise_id_floor(s, Annotation, dict(note)["id"])
        return snap


def restore_dossier(store: Store, snap: DossierSnapshot) -> DossierInfo:
    """Put a deleted dossier back with its id, name and every article.

    Raises:
        InputError: a dossier with its name (or id) exists again.
    """
    with store.transaction() as s:
        source = f"dossier {snap.dossier_id}"
        if s.scalar(select(Dossier.id).where(Dossier.name == snap.name)) is not None:
            raise InputError(source, f"a dossier named '{snap.name}' exists again; rename that one first")
        if s.get(Dossier, snap.dossier_id) is not None:
            raise InputError(source, "its id is taken by another dossier")
        s.add(Dossier(**dict(snap.dossier)))
        s.flush()
        for art in snap.articles:
            _put_article(s, art, snap.name)
        s.flush()
        return DossierInfo(snap.dossier_id, snap.name, len(snap.articles), dict(snap.dossier)["created_at"])


def _put_article(s: Session, snap: ArticleSnapshot, dossier_name: str) -> None:
    source = f"article {snap.article_id}"
    if s.get(Article, snap.article_id) is not None:
        raise InputError(source, "its id is taken by another article")
    clash = s.scalar(select(Article.id).where(Article.dossier_id == snap.dossier_id,
                                              Article.text_sha256 == snap.value("text_sha256")))
    if clash is not None:
        raise InputError(source, f"its text is in the dossier '{dossier_name}' again "
                                 f"(article {clash}); remove that one first")
    s.add(Article(**dict(snap.article)))
    s.flush()
    for note in snap.annotations:
        values = dict(note)
        if s.get(Annotation, values["id"]) is not None:
            values.pop("id")  # nothing refers to a note by id: a new one will do
        s.add(Annotation(**values))
    for row in snap.cache:
        values = dict(row)
        present = s.scalar(select(AnalysisCache.version).where(
            AnalysisCache.text_sha256 == values["text_sha256"],
            AnalysisCache.analyser == values["analyser"]).limit(1))
        if present is None:  # a row of any version now is newer than the copy
            s.add(AnalysisCache(**values))


def _snapshot_article(s: Session, a: Article) -> ArticleSnapshot:
    notes = s.scalars(select(Annotation).where(Annotation.article_id == a.id).order_by(Annotation.id))
    cache = s.scalars(select(AnalysisCache).where(AnalysisCache.text_sha256 == a.text_sha256))
    return ArticleSnapshot(_row(a), tuple(_row(n) for n in notes), tuple(_row(c) for c in cache))


def _snapshot_dossier(s: Session, d: Dossier) -> DossierSnapshot:
    articles = s.scalars(select(Article).where(Article.dossier_id == d.id).order_by(Article.id))
    return DossierSnapshot(_row(d), tuple(_snapshot_article(s, a) for a in articles))


def _row(obj: Any) -> Row:
    return tuple((attr.key, getattr(obj, attr.key)) for attr in inspect(obj).mapper.column_attrs)


def _article(s: Session, article_id: int) -> Article:
    a = s.get(Article, article_id)
    if a is None:
        raise InputError(f"article {article_id}", "no such id in the store")
    return a


def _dossier(s: Session, dossier_id: int) -> Dossier:
    d = s.get(Dossier, dossier_id)
    if d is None:
        raise InputError(f"dossier {dossier_id}", "no such id in the store")
    return d
