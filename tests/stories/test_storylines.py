"""Storylines on a real database (SQLite and PostgreSQL).

Our own dispatches (tests/stories/dispatches) go through the real pipeline, once per module
and backend: three reports of the fight for Kobani over a month must make one story, labelled
with its place and both sides and spanning the reports; a battle in Daraa province between
other forces at the same time must make its own. The bundled examples are checked too: both
reports of the capture of Tallet Moussa belong to one story.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, Engine, func, select

from sitroom.model import Record
from sitroom.store import schema
from tests.conftest import stored
from tests.stories.conftest import DISPATCHES

KOBANI = (
    "2014-09-19-euphrates-courier-kobani-villages",
    "2014-10-06-hauran-bulletin-kobani-flag",
    "2014-10-20-coastline-press-kobani-repelled",
)
NAWA = "2014-11-10-levant-times-nawa-captured"
TALLET_MOUSSA = ("2015-05-12-tallet-moussa-captured", "2015-05-13-cedar-dispatch-tallet-moussa")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    records: list[Record],
) -> Iterator[Engine]:
    """Every dispatch stored, in publication order."""
    yield from stored(request.param, tmp_path_factory, "storylines", records)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def examples_db(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    example_records: list[Record],
) -> Iterator[Engine]:
    """The bundled examples stored, in the order `sitroom ingest` reads them."""
    yield from stored(request.param, tmp_path_factory, "storylines", example_records)


def story_of(conn: Connection, article_id: str) -> str:
    sa = schema.story_articles
    return conn.execute(select(sa.c.story_id).where(sa.c.article_id == article_id)).scalar_one()


def members(conn: Connection, story_id: str) -> set[str]:
    sa = schema.story_articles
    return set(conn.execute(select(sa.c.article_id).where(sa.c.story_id == story_id)).scalars())


def story(conn: Connection, story_id: str) -> dict:
    st = schema.stories
    return dict(conn.execute(select(st).where(st.c.id == story_id)).mappings().one())


def place_spelled(conn: Connection, article_id: str, words: str) -> str:
    """The id of the place the article names with these words."""
    text = conn.execute(
        select(schema.articles.c.text).where(schema.articles.c.id == article_id)
    ).scalar_one()
    m = schema.mentions
    rows = conn.execute(
        select(m.c.entity_id, m.c.start, m.c.end).where(
            m.c.article_id == article_id, m.c.entity == "place"
        )
    ).all()
    ids = {pid for pid, s, e in rows if text[s:e] == words}
    assert len(ids) == 1, f"{article_id}: {words!r} is {sorted(ids)}"
    return ids.pop()


def test_reports_of_one_campaign_over_weeks_are_one_story(db: Engine) -> None:
    with db.connect() as conn:
        sid = story_of(conn, KOBANI[0])
        assert [story_of(conn, aid) for aid in KOBANI] == [sid] * 3
        assert members(conn, sid) == set(KOBANI)
        row = story(conn, sid)
    assert row["articles"] == 3


def test_an_unrelated_battle_elsewhere_is_a_story_of_its_own(db: Engine) -> None:
    with db.connect() as conn:
        sid = story_of(conn, NAWA)
        assert sid != story_of(conn, KOBANI[0])
        assert members(conn, sid) == {NAWA}
        row = story(conn, sid)
        nawa = place_spelled(conn, NAWA, "Nawa")
    assert row["articles"] == 1
    assert row["place"] == nawa
    head, _, cast = row["label"].partition(": ")
    assert head == "Nawa"
    assert "Southern Front" in cast and "Syrian government forces" in cast


def test_the_label_names_the_dominant_place_and_both_sides(db: Engine) -> None:
    with db.connect() as conn:
        row = story(conn, story_of(conn, KOBANI[0]))
        kobani = place_spelled(conn, KOBANI[0], "Kobani")
    assert row["place"] == kobani
    head, _, cast = row["label"].partition(": ")
    assert head == "Kobani"  # as the articles spell it, not the gazetteer's name
    one, vs, two = cast.partition(" vs ")
    assert vs, row["label"]
    # the two sides fight each other: one on each side of "vs", whichever comes first
    sides = {"Islamic State", "People's Protection Units"}
    assert {s for s in sides if s in one} | {s for s in sides if s in two} == sides
    assert not all(s in one for s in sides) and not all(s in two for s in sides)
    assert set(json.loads(row["actors"])) >= {"islamic-state", "ypg"}
    assert row["event_type"] == "Battles"


def test_a_story_spans_its_articles(db: Engine) -> None:
    with db.connect() as conn:
        kobani = story(conn, story_of(conn, KOBANI[0]))
        nawa = story(conn, story_of(conn, NAWA))
    assert (kobani["date_start"], kobani["date_end"]) == ("2014-09-19", "2014-10-20")
    assert nawa["date_end"] == "2014-11-10"
    assert "2014-11-09" <= nawa["date_start"] <= "2014-11-10"  # the capture or its report


def test_every_story_counts_its_articles_and_events(db: Engine) -> None:
    st, sa, c = schema.stories, schema.story_articles, schema.canonical_events
    with db.connect() as conn:
        stories = conn.execute(select(st.c.id, st.c.articles, st.c.events)).all()
        placed = dict(
            conn.execute(select(sa.c.story_id, func.count()).group_by(sa.c.story_id)).all()
        )
        held = dict(conn.execute(select(c.c.story_id, func.count()).group_by(c.c.story_id)).all())
        n_articles = conn.execute(select(func.count()).select_from(schema.articles)).scalar_one()
    assert sum(placed.values()) == n_articles == len(list(DISPATCHES.glob("*.txt")))
    assert {s.id for s in stories} == set(placed)
    for s in stories:
        assert (s.articles, s.events) == (placed[s.id], held.get(s.id, 0)), s.id


def test_the_tallet_moussa_reports_are_one_story(examples_db: Engine) -> None:
    with examples_db.connect() as conn:
        sid = story_of(conn, TALLET_MOUSSA[0])
        assert story_of(conn, TALLET_MOUSSA[1]) == sid
        held = members(conn, sid)
        row = story(conn, sid)
    assert set(TALLET_MOUSSA) <= held
    assert row["articles"] == len(held)
    assert row["date_start"] <= "2015-05-12" and row["date_end"] >= "2015-05-13"
