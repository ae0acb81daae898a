"""Opening a database by URL: SQLite (WAL, foreign keys on) by default, PostgreSQL by URL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from sitroom.store.migrations import migrate


class DatabaseError(RuntimeError):
    """A database that cannot be opened or used, with a hint for the user."""


def normalise_url(url: str) -> str:
    """Accept a bare path as a SQLite file, and plain postgresql:// as psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return None if parsed.database == ":memory:" else Path(parsed.database)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def open_db(url: str, *, create: bool = True) -> Engine:
    """An engine for `url`, migrated to the current schema.

    With create=False a missing SQLite file is an error instead of a new empty database,
    so read-only commands do not litter empty files on a typo.
    """
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"not a database URL: {url}") from exc
    path = sqlite_path(url)
    if path is not None:
        if not create and not path.exists():
            raise DatabaseError(f"no such database: {path}; create it with `sitroom ingest`")
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(parsed, future=True)
    except Exception as exc:  # missing driver, bad options
        raise DatabaseError(
            f"cannot open {parsed.render_as_string(hide_password=True)}: {exc}"
        ) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        migrate(engine)
    except OperationalError as exc:
        where = parsed.render_as_string(hide_password=True)
        raise DatabaseError(f"cannot use database {where}: {exc.orig}") from exc
    return engine
