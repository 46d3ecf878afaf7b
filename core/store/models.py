"""ORM models of the local store (SQLAlchemy 2.0). Depends on SQLAlchemy only.

The schema itself is created by the ordered scripts in ``migrations.py``; a test
checks that these models and the migrated schema agree.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Dossier(Base):
    __tablename__ = "dossier"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    articles: Mapped[list[Article]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", order_by="Article.id"
    )


class Article(Base):
    __tablename__ = "article"
    __table_args__ = (UniqueConstraint("dossier_id", "text_sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id", ondelete="CASCADE"), index=True)
    title: Mapped[str | None] = mapped_column(String)
    outlet: Mapped[str | None] = mapped_column(String)
    author: Mapped[str | None] = mapped_column(String)
    url: Mapped[str | None] = mapped_column(String)
    published: Mapped[date | None] = mapped_column(Date)
    language: Mapped[str | None] = mapped_column(String)
    source_name: Mapped[str] = mapped_column(String)
    fmt: Mapped[str] = mapped_column(String)
    raw_sha256: Mapped[str] = mapped_column(String(64))
    text_sha256: Mapped[str] = mapped_column(String(64), index=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    word_count: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    raw: Mapped[bytes] = mapped_column(LargeBinary)

    dossier: Mapped[Dossier] = relationship(back_populates="articles")
    annotations: Mapped[list[Annotation]] = relationship(
        back_populates="article", cascade="all, delete-orphan"
    )


class AnalysisCache(Base):
    """Results computed from an article's text, keyed by text hash + analyser version."""

    __tablename__ = "analysis_cache"

    text_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    analyser: Mapped[str] = mapped_column(String, primary_key=True)
    version: Mapped[str] = mapped_column(String, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    payload: Mapped[bytes] = mapped_column(LargeBinary)


class JudgementCache(Base):
    """The pair judge's answer for two sentences, keyed by their texts' hash + the judge's id."""

    __tablename__ = "judgement_cache"

    pair_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    judge: Mapped[str] = mapped_column(String, primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    score: Mapped[float] = mapped_column(Float)
    verdict: Mapped[str] = mapped_column(String)
    probabilities: Mapped[str] = mapped_column(Text)  # JSON: {verdict: probability}
    features: Mapped[str] = mapped_column(Text)  # JSON: {name: value}, conflict flags included


class Annotation(Base):
    """A note anchored to a character span ``[start, end)`` of an article's text."""

    __tablename__ = "annotation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    article: Mapped[Article] = relationship(back_populates="annotations")


class Setting(Base):
    """Small key/value facts about the store itself (e.g. whether seeds were offered)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(String)
