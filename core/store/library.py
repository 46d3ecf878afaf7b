"""Dossier and article operations over an open :class:`Store`.

Depends on SQLAlchemy, the store models and the ingest dataclass. Every public
function is one user action and runs in one transaction: it either happens
completely or leaves the store exactly as it was. Results are frozen dataclasses,
never ORM objects, so callers on other threads can keep them.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer

from parallax.core.errors import InputError, Progress
from parallax.core.ingest.model import ImportedArticle
from parallax.core.store.connection import Store
from parallax.core.store.models import Article, Dossier, Setting

SEEDS_OFFERED_KEY = "seeds_offered"
# The highest id of a row removed by an undoable delete, per table: new rows get
# higher ids, so a restored row finds its own id free (SQLite would reuse it).
ID_FLOOR_KEY = "id_floor.{table}"
DETAIL_FIELDS = ("title", "outlet", "author", "published", "url")


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Any = _Unchanged()  # update_article_details' default: leave the field as it is
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
        d = _new_dossier(s, name)
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


def has_article(store: Store, article_id: int) -> bool:
    with store.transaction() as s:
        return s.get(Article, article_id) is not None


def get_info(s: Session, article_id: int) -> ArticleInfo:
    """Inside an open transaction: the article's details (InputError if unknown)."""
    a = _get(s, Article, article_id)
    return _info(a, a.text[:LEAD_SCAN_CHARS])


def get_raw(store: Store, article_id: int) -> bytes:
    with store.transaction() as s:
        return _get(s, Article, article_id).raw


def delete_article(store: Store, article_id: int) -> None:
    with store.transaction() as s:
        s.delete(_get(s, Article, article_id))


def clean_details(source: str, **fields: Any) -> dict[str, Any]:
    """Check and tidy article details a user typed (only the fields given).

    Text fields are stripped with inner whitespace collapsed; an empty one
    becomes None (cleared). ``published`` is a date, an ISO or written-out
    date string ("2021-07-24", "July 24, 2021") or None; ``url`` must be an
    http(s) address or empty.

    Raises:
        InputError: naming ``source`` and the first bad field.
    """
    from parallax.core.ingest.meta import parse_date

    out: dict[str, Any] = {}
    for key, value in fields.items():
        if key not in DETAIL_FIELDS:
            raise InputError(source, f"unknown field '{key}' (known: {', '.join(DETAIL_FIELDS)})")
        if isinstance(value, str):
            value = " ".join(value.split()) or None
        if key == "published" and value is not None:
            day = parse_date(value)
            if day is None:
                raise InputError(source, f"unreadable date {value!r} (use YYYY-MM-DD, e.g. 2021-07-24)")
            value = day
        elif key == "url" and value is not None:
            value = _check_url(source, value)
        out[key] = value
    return out


def update_article_details(
    store: Store, article_id: int, *,
    title: str | None = UNCHANGED, outlet: str | None = UNCHANGED, author: str | None = UNCHANGED,
    published: date | str | None = UNCHANGED, url: str | None = UNCHANGED,
) -> ArticleInfo:
    """Correct what import got wrong: set the fields given (None or "" clears one).

    Returns:
        The article's details after the change.

    Raises:
        InputError: unknown id, an unreadable date or a URL that is not http(s).
    """
    given = {k: v for k, v in (("title", title), ("outlet", outlet), ("author", author),
                                ("published", published), ("url", url)) if v is not UNCHANGED}
    source = f"article {article_id}"
    changes = clean_details(source, **given)
    with store.transaction() as s:
        a = s.get(Article, article_id)
        if a is None:
            raise InputError(source, "no such id in the store")
        for key, value in changes.items():
            setattr(a, key, value)
        s.flush()
        return get_info(s, article_id)


def restore_article_details(store: Store, article_id: int, details: dict[str, Any]) -> ArticleInfo:
    """Put back details exactly as :func:`article_details` read them (for undo).

    Unlike :func:`update_article_details` nothing is checked or tidied: the values
    came from the store, and an odd URL an import stored must come back as it was.
    """
    unknown = set(details) - set(DETAIL_FIELDS)
    if unknown:
        raise InputError(f"article {article_id}", f"unknown field '{sorted(unknown)[0]}'")
    with store.transaction() as s:
        a = s.get(Article, article_id)
        if a is None:
            raise InputError(f"article {article_id}", "no such id in the store")
        for key, value in details.items():
            setattr(a, key, value)
        s.flush()
        return get_info(s, article_id)


def article_details(info: ArticleInfo) -> dict[str, Any]:
    """The editable details of an article, as :func:`update_article_details` takes them."""
    return {k: getattr(info, k) for k in DETAIL_FIELDS}


def move_article(store: Store, article_id: int, dossier_id: int) -> ArticleInfo:
    """Move an article (text, raw bytes, notes) into another dossier.

    Raises:
        InputError: unknown id, or the target dossier already holds the same text.
    """
    with store.transaction() as s:
        a = s.get(Article, article_id)
        if a is None:
            raise InputError(f"article {article_id}", "no such id in the store")
        target = _get(s, Dossier, dossier_id)
        if a.dossier_id != dossier_id:
            clash = s.scalar(select(Article.id).where(
                Article.dossier_id == dossier_id, Article.text_sha256 == a.text_sha256))
            if clash is not None:
                raise InputError(f"article {article_id}",
                                 f"the dossier '{target.name}' already has this text")
            a.dossier_id = dossier_id
            s.flush()
        return _info(a, a.text[:LEAD_SCAN_CHARS])


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
        d = _new_dossier(s, name)
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
        rows.append(row)
    fresh = [r for r in rows if r is not None]
    for row, new_id in zip(fresh, _ids_above_floor(s, Article, len(fresh))):
        row.id = new_id
    s.add_all(fresh)
    s.flush()
    return d, rows, duplicates


def raise_id_floor(s: Session, model: type, deleted_id: int) -> None:
    """Inside an open transaction: never hand out ``deleted_id`` (or lower) again."""
    key = ID_FLOOR_KEY.format(table=model.__tablename__)
    row = s.get(Setting, key)
    if row is None:
        s.add(Setting(key=key, value=str(deleted_id)))
    elif int(row.value) < deleted_id:
        row.value = str(deleted_id)


def _ids_above_floor(s: Session, model: type, n: int) -> list[int | None]:
    """Ids for ``n`` new rows of ``model``: explicit ones while deleted ids lie above
    the table's highest, else None (SQLite's own max + 1 is then safe)."""
    floor = s.get(Setting, ID_FLOOR_KEY.format(table=model.__tablename__))
    if floor is None:
        return [None] * n
    start = max(int(floor.value), s.scalar(select(func.max(model.id))) or 0) + 1
    return list(range(start, start + n))


def _new_dossier(s: Session, name: str) -> Dossier:
    d = Dossier(id=_ids_above_floor(s, Dossier, 1)[0], name=name, created_at=datetime.now())
    s.add(d)
    s.flush()
    return d


def _check_url(source: str, value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or " " in value:
        raise InputError(source, f"URL must start with http:// or https:// (got {value!r})")
    if not parts.hostname:
        raise InputError(source, f"URL has no site name ({value!r})")
    return value


def import_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    dossier: str,
    progress: Progress | None = None,
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
