"""Migrations: named, ordered steps, each applied once in its own transaction with its record.

Step 0001 creates the current schema; every later step must be safe on a database that
0001 just created (add a column only if it is missing, and so on), because a fresh
database gets the newest tables from 0001 and then runs the later steps too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, inspect, select, text

from sitroom.store import schema

Migration = tuple[str, Callable[[Connection], None]]


def _initial(conn: Connection) -> None:
    schema.metadata.create_all(conn)


def _relation_origin(conn: Connection) -> None:
    """Relations say whether the text states them or the knowledge base asserts them."""
    columns = {c["name"] for c in inspect(conn).get_columns("relations")}
    if "origin" not in columns:
        conn.execute(
            text("ALTER TABLE relations ADD COLUMN origin VARCHAR NOT NULL DEFAULT 'text'")
        )


def _event_extras(conn: Connection) -> None:
    """Events gain their trigger words, further evidence, and how closely they are placed."""
    columns = {c["name"] for c in inspect(conn).get_columns("events")}
    for column in schema.EVENT_EXTRAS:
        if column.name in columns:
            continue
        kind = column.type.compile(dialect=conn.dialect)
        default = " NOT NULL DEFAULT '[]'" if column.name == "evidence_more" else ""
        conn.execute(text(f"ALTER TABLE events ADD COLUMN {column.name} {kind}{default}"))


def _stories(conn: Connection) -> None:
    """Canonical events across articles, their links to reports, and storylines."""
    for table in schema.STORY_TABLES:
        table.create(conn, checkfirst=True)


MIGRATIONS: list[Migration] = [
    ("0001_initial", _initial),
    ("0002_relation_origin", _relation_origin),
    ("0003_event_extras", _event_extras),
    ("0004_stories", _stories),
]


def applied(engine: Engine) -> set[str]:
    """Names of the migrations this database has recorded."""
    if not inspect(engine).has_table(schema.migrations_table.name):
        return set()
    with engine.connect() as conn:
        return set(conn.execute(select(schema.migrations_table.c.name)).scalars())


def migrate(engine: Engine) -> list[str]:
    """Apply every pending migration in order; returns the names applied now."""
    done = applied(engine)
    ran: list[str] = []
    for name, step in MIGRATIONS:
        if name in done:
            continue
        with engine.begin() as conn:
            schema.migrations_table.create(conn, checkfirst=True)
            step(conn)
            conn.execute(
                schema.migrations_table.insert().values(
                    name=name, applied_at=datetime.now(UTC).isoformat(timespec="seconds")
                )
            )
        ran.append(name)
    return ran
