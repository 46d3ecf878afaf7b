"""Open the local SQLite store: checks, backup, migrations, engine and sessions.

Depends on SQLAlchemy, platformdirs and the standard library. The engine comes
from outside (``open_store(path)``) so every test can use its own file.

On open: the file must be an SQLite database that passes ``PRAGMA quick_check``;
a schema older than this code is backed up (SQLite backup API) and migrated; a
newer one is refused. Every connection has foreign keys on and WAL journaling.
Every problem becomes a one-line :class:`StoreError`, never a traceback.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from parallax.core.errors import StoreError
from parallax.core.store.migrations import MIGRATIONS, Migration, migrate, user_version

ENV_VAR = "PARALLAX_DB"
APP_NAME = "parallax"
BUSY_TIMEOUT_MS = 3000
SQLITE_MAGIC = b"SQLite format 3\x00"


def default_db_path() -> Path:
    """The database used when neither ``--db`` nor ``PARALLAX_DB`` says otherwise."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "parallax.sqlite3"


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--db PATH`` wins over ``PARALLAX_DB``, which wins over the default."""
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    return default_db_path()


@dataclass
class Store:
    """An open store: its path, engine and session factory."""

    path: Path
    engine: Engine
    _sessions: sessionmaker[Session]
    backup_path: Path | None = None  # made before a migration on this open, if any

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction per user action: commits on success, rolls back on error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except DBAPIError as exc:
            session.rollback()
            raise StoreError(_describe(self.path, exc.orig or exc)) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def open_store(
    path: str | os.PathLike[str] | None = None, *, migrations: list[Migration] = MIGRATIONS
) -> Store:
    """Open (creating if needed) and migrate the store at ``path``.

    ``migrations`` is the ordered list of migrations (tests pass a longer one
    to exercise the backup-then-migrate path).

    Raises:
        StoreError: not a database, damaged, locked, or from a newer Parallax.
    """
    db_path = resolve_db_path(path)
    _check_header(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{db_path}: cannot create folder ({exc.strerror})") from exc
    backup = None
    try:
        with closing(_raw_connect(db_path)) as conn:
            _quick_check(db_path, conn)
            version = user_version(conn)
            if version > len(migrations):
                raise StoreError(
                    f"{db_path}: made by a newer Parallax (schema {version}, "
                    f"this version knows {len(migrations)}); update Parallax"
                )
            if version == 0 and _has_tables(conn):
                raise StoreError(f"{db_path}: not a Parallax database (unknown tables)")
            if version < len(migrations):
                if version > 0:
                    backup = backup_database(conn, db_path, f"v{version}")
                migrate(conn, scripts=migrations)
            conn.execute("PRAGMA journal_mode=WAL")
    except sqlite3.Error as exc:
        raise StoreError(_describe(db_path, exc)) from exc
    engine = _make_engine(db_path)
    return Store(db_path, engine, sessionmaker(engine, expire_on_commit=False), backup)


def backup_database(conn: sqlite3.Connection, db_path: Path, label: str) -> Path:
    """Copy the whole database next to it with SQLite's online backup API."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.stem}.backup-{label}-{stamp}{db_path.suffix}")
    with closing(sqlite3.connect(target)) as dest:
        conn.backup(dest)
    return target


def _check_header(db_path: Path) -> None:
    if db_path.is_dir():
        raise StoreError(f"{db_path}: is a folder, not a database file")
    if not db_path.exists() or db_path.stat().st_size == 0:
        return
    try:
        with open(db_path, "rb") as fh:
            magic = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"{db_path}: cannot read ({exc.strerror})") from exc
    if magic != SQLITE_MAGIC:
        raise StoreError(f"{db_path}: not a Parallax database (not an SQLite file)")


def _raw_connect(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db_path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _quick_check(db_path: Path, conn: sqlite3.Connection) -> None:
    rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    if rows != ["ok"]:
        raise StoreError(
            f"{db_path}: database is damaged (quick_check: {rows[0]}); "
            "restore one of the .backup files beside it"
        )


def _has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0] > 0


def _describe(db_path: Path, exc: BaseException) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return f"{db_path}: database is locked by another program (is Parallax already running?)"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return f"{db_path}: database is damaged ({text}); restore one of the .backup files beside it"
    if "readonly" in text or "read-only" in text:
        return f"{db_path}: database is read-only"
    if "unable to open" in text:
        return f"{db_path}: cannot open the database file"
    return f"{db_path}: database error ({text})"


def _make_engine(db_path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{db_path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001 - SQLAlchemy hook
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin,
        # so PRAGMAs run outside them and BEGIN covers reads as well as writes.
        dbapi_conn.isolation_level = None
        dbapi_conn.execute("PRAGMA foreign_keys=ON")
        dbapi_conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001 - SQLAlchemy hook
        conn.exec_driver_sql("BEGIN")

    return engine
