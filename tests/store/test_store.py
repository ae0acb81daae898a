"""The store on real SQLite and PostgreSQL: round trips, idempotence, replacement, atomicity."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from sitroom import store
from sitroom.ingest import content_hash
from sitroom.model import Actor, Article, Document, Evidence, Quote, Record, Relation
from sitroom.pipeline import extract_one
from sitroom.store import schema


def _record(article_id: str, body: str) -> Record:
    """A small record built by hand, so store tests do not depend on the NLP."""
    start = body.index("Hezbollah")
    quote_start = body.index("“")
    quote_end = body.index("”") + 1
    article = Article(
        id=article_id, title="t", sha256=content_hash(body), text=body, published="2015-05-06"
    )
    return Record(
        article=article,
        actors=[
            Actor(
                id="hezbollah",
                name="Hezbollah",
                kind="political_militia",
                country="LB",
                mentions=[(start, start + 9)],
                inferred=True,
            )
        ],
        quotes=[
            Quote(
                speaker="a resident",
                text=body[quote_start:quote_end],
                direct=True,
                evidence=Evidence(start=0, end=len(body), text=body),
            )
        ],
    )


BODY = "Hezbollah fighters moved north, a resident said: “They came at night.”"


def test_round_trip_is_exact(db_url: str) -> None:
    engine = store.open_db(db_url)
    record = _record("a1", BODY)
    assert store.save(engine, record).status == "new"
    assert store.get_record(engine, "a1") == record
    assert store.get_record(engine, "missing") is None


def test_same_text_twice_changes_nothing(db_url: str) -> None:
    engine = store.open_db(db_url)
    store.save(engine, _record("a1", BODY))
    before = store.counts(engine)
    assert store.save(engine, _record("a1", BODY)).status == "unchanged"
    twin = store.save(engine, _record("other-id", BODY))
    assert (twin.status, twin.duplicate_of) == ("unchanged", "a1")
    assert store.counts(engine) == before


def test_changed_text_replaces_old_extraction(db_url: str) -> None:
    engine = store.open_db(db_url)
    store.save(engine, _record("a1", BODY))
    new_body = "Later, Hezbollah units withdrew, a resident said: “It is quiet now.”"
    assert store.save(engine, _record("a1", new_body)).status == "changed"
    got = store.get_record(engine, "a1")
    assert got is not None and got.article.text == new_body
    assert [q.text for q in got.quotes] == ["“It is quiet now.”"]
    assert store.counts(engine)["quotes"] == 1


def test_failed_replacement_keeps_the_old_record(db_url: str) -> None:
    """A write that fails halfway rolls back: the old extraction is still whole."""
    engine = store.open_db(db_url)
    original = _record("a1", BODY)
    store.save(engine, original)
    broken = _record("a1", BODY + " More text.")
    broken.actors.append(broken.actors[0])  # the same actor twice breaks the primary key
    with pytest.raises(Exception):  # noqa: B017 - any database integrity error
        store.save(engine, broken)
    assert store.get_record(engine, "a1") == original


def test_migrations_are_recorded_once(db_url: str) -> None:
    engine = store.open_db(db_url)
    store.open_db(db_url).dispose()
    with engine.connect() as conn:
        names = list(conn.execute(select(schema.migrations_table.c.name)).scalars())
    assert sorted(names) == [
        "0001_initial",
        "0002_relation_origin",
        "0003_event_extras",
        "0004_stories",
    ]


def test_an_old_database_is_migrated_forward(db_url: str) -> None:
    """A database made before relations had `origin` gains the column and keeps its rows."""
    engine = store.open_db(db_url)
    store.save(engine, _record("a1", BODY))
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE relations DROP COLUMN origin"))
        conn.execute(
            schema.migrations_table.delete().where(
                schema.migrations_table.c.name == "0002_relation_origin"
            )
        )
    engine.dispose()
    engine = store.open_db(db_url)
    record = _record("a2", "Hezbollah backs the army, a resident said: “So it goes.”")
    record.relations.append(
        Relation(
            source="hezbollah",
            target="syrian-government-forces",
            kind="supports",
            origin="knowledge_base",
            evidence=Evidence(start=0, end=9, text="Hezbollah"),
        )
    )
    store.save(engine, record)
    assert store.get_record(engine, "a2") == record
    assert store.get_record(engine, "a1") == _record("a1", BODY)


def test_events_gain_their_trigger_and_further_evidence_on_an_old_database(db_url: str) -> None:
    """A database made before events had triggers keeps its events and stores the new fields."""
    engine = store.open_db(db_url)
    old = _record("e1", BODY)
    store.save(engine, old)
    with engine.begin() as conn:
        for column in schema.EVENT_EXTRAS:
            conn.execute(text(f"ALTER TABLE events DROP COLUMN {column.name}"))
        conn.execute(
            schema.migrations_table.delete().where(
                schema.migrations_table.c.name == "0003_event_extras"
            )
        )
    engine.dispose()
    engine = store.open_db(db_url)
    assert store.get_record(engine, "e1") == old
    text_ = "Rebels shelled the town. The shelling went on for a day."
    record = extract_one(Document(id="e2", text=text_, published="2015-05-02"))
    assert record.events, "the sample text must give an event"
    event = record.events[0]
    event.trigger = Evidence(start=7, end=14, text="shelled")
    event.evidence_more = [Evidence(start=25, end=37, text="The shelling")]
    event.geo_precision, event.place_basis = 3, "article"
    store.save(engine, record)
    assert store.get_record(engine, "e2") == record


def test_sqlite_uses_wal(tmp_path: Path) -> None:
    engine = store.open_db(f"sqlite:///{tmp_path / 'w.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_missing_sqlite_file_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    with pytest.raises(store.DatabaseError, match=r"no such database: .*nope.db.*sitroom ingest"):
        store.open_db(f"sqlite:///{missing}", create=False)
    assert not missing.exists()


def test_unreachable_postgres_is_a_clear_error() -> None:
    with pytest.raises(store.DatabaseError, match="cannot use database"):
        store.open_db("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2")
