"""The database tables: one row per article, and one per contract part with its evidence span.

Extraction rows belong to their article (article_id) and are replaced together with it.
Spans are stored as integer [start, end) offsets into `articles.text`.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()


def _article_fk() -> Column:
    return Column(
        "article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )


def _evidence() -> list[Column]:
    return [
        Column("ev_start", Integer, nullable=False),
        Column("ev_end", Integer, nullable=False),
        Column("ev_text", Text, nullable=False),
    ]


migrations_table = Table(
    "schema_migrations",
    metadata,
    Column("name", String, primary_key=True),
    Column("applied_at", String, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String, primary_key=True),
    Column("title", Text),
    Column("source", String),
    Column("url", Text),
    Column("published", String, index=True),
    Column("published_inferred", Boolean, nullable=False, default=False),
    Column("language", String, nullable=False, default="en"),
    Column("sha256", String(64), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("origin", Text),
    Column("ingested_at", String, nullable=False),
)

actors = Table(
    "article_actors",
    metadata,
    _article_fk(),
    Column("actor_id", String, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String, nullable=False),
    Column("country", String(2)),
    Column("parent", String),
    Column("inferred", Boolean, nullable=False, default=False),
    Index("ix_article_actors_actor", "actor_id"),
)

people = Table(
    "article_people",
    metadata,
    _article_fk(),
    Column("person_id", String, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("title", Text),
    Column("affiliation", Text),
)

places = Table(
    "article_places",
    metadata,
    _article_fk(),
    Column("place_id", String, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("feature", String, nullable=False),
    Column("precision", Integer, nullable=False),
    Column("reason", Text),
    Index("ix_article_places_place", "place_id"),
)

mentions = Table(
    "mentions",
    metadata,
    _article_fk(),
    Column("entity", String(8), primary_key=True),  # actor | person | place
    Column("entity_id", String, primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, nullable=False),
)

#: Event columns added by migration 0003 (its own list so the migration adds exactly these).
EVENT_EXTRAS: tuple[Column, ...] = (
    Column("geo_precision", Integer),
    Column("place_basis", String),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Column("trigger_text", Text),
    Column("evidence_more", Text, nullable=False, default="[]"),  # JSON list of evidence
)

events = Table(
    "events",
    metadata,
    _article_fk(),
    Column("id", String, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("event_type", String, nullable=False),
    Column("sub_event_type", String, nullable=False),
    Column("plover", String, nullable=False),
    Column("mode", String),
    Column("status", String, nullable=False),
    Column("date", String, index=True),
    Column("date_end", String),
    Column("date_precision", String),
    Column("actor1", String, index=True),
    Column("actor2", String, index=True),
    Column("associated_actors", Text, nullable=False, default="[]"),  # JSON list of ids
    Column("place", String, index=True),
    Column("fatalities", Integer),
    *_evidence(),
    Column("confidence", Float, nullable=False),
    *EVENT_EXTRAS,
)

relations = Table(
    "relations",
    metadata,
    _article_fk(),
    Column("seq", Integer, primary_key=True),
    Column("source", String, nullable=False, index=True),
    Column("target", String, nullable=False, index=True),
    Column("kind", String, nullable=False),
    *_evidence(),
    Column("origin", String, nullable=False, default="text"),
)

quotes = Table(
    "quotes",
    metadata,
    _article_fk(),
    Column("seq", Integer, primary_key=True),
    Column("speaker", Text),
    Column("affiliation", Text),
    Column("text", Text, nullable=False),
    Column("direct", Boolean, nullable=False),
    *_evidence(),
)

claims = Table(
    "claims",
    metadata,
    _article_fk(),
    Column("seq", Integer, primary_key=True),
    Column("value", Float, nullable=False),
    Column("unit", String),
    Column("subject", Text),
    Column("hedge", String),
    Column("text", Text, nullable=False),
    *_evidence(),
)

#: Tables holding an article's extraction, deleted and rewritten together when it changes.
EXTRACTION_TABLES = (mentions, actors, people, places, events, relations, quotes, claims)

# Stories (migration 0004): canonical events linking reports across articles, and storylines.

canonical_events = Table(
    "canonical_events",
    metadata,
    Column("id", String, primary_key=True),
    Column("story_id", String, index=True),
    Column("event_type", String, nullable=False),
    Column("sub_event_type", String, nullable=False),
    Column("plover", String, nullable=False),
    Column("mode", String),
    Column("status", String, nullable=False),
    Column("date", String, index=True),
    Column("date_end", String),
    Column("date_precision", String),
    Column("actor1", String, index=True),
    Column("actor2", String),
    Column("place", String, index=True),
    Column("lat", Float),
    Column("lon", Float),
    Column("place_feature", String),
    Column("geo_precision", Integer),
    Column("fatalities", Integer),
    Column("fatalities_min", Integer),
    Column("fatalities_max", Integer),
    Column("reports", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
    # what the linker compares a new report with: the window of days, every report's actors
    # ({id: [kind, country, parent, roles "1"/"2"/"12"]}), the place's description, and the
    # reports' words and trigger words
    Column("day_lo", Integer, index=True),
    Column("day_hi", Integer),
    Column("actors", Text, nullable=False, default="{}"),
    Column("where_info", Text),
    Column("words", Text, nullable=False, default="[]"),
    Column("triggers", Text, nullable=False, default="[]"),
    Column("stamp", String, nullable=False),  # changes with every update (a cache key)
    Column("updated_at", String, nullable=False),
    Index("ix_canonical_events_search", "event_type", "status", "day_lo"),
)

event_links = Table(
    "event_links",
    metadata,
    _article_fk(),
    Column("event_id", String, primary_key=True),
    Column("canonical_id", String, nullable=False, index=True),
    Column("score", Float, nullable=False),  # 1.0 for the report that founded the event
)

stories = Table(
    "stories",
    metadata,
    Column("id", String, primary_key=True),
    Column("label", Text, nullable=False),
    Column("place", String),
    Column("actors", Text, nullable=False, default="[]"),  # JSON: the label's actor ids
    Column("event_type", String),
    Column("date_start", String, index=True),
    Column("date_end", String),
    Column("articles", Integer, nullable=False),
    Column("events", Integer, nullable=False),
    Column("profile", Text, nullable=False),  # JSON: summed terms, actors and places
    Column("stamp", String, nullable=False),  # changes with the profile (a cache key)
    Column("updated_at", String, nullable=False),
)

story_articles = Table(
    "story_articles",
    metadata,
    Column(
        "article_id",
        String,
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("story_id", String, nullable=False, index=True),
    Column("score", Float, nullable=False),
    Column("profile", Text, nullable=False),  # JSON: what the article added to its story
)

story_keys = Table(
    "story_keys",
    metadata,
    Column("story_id", String, primary_key=True),
    Column("key", String, primary_key=True),  # "a:<actor id>" or "p:<place id>"
    Column("n", Integer, nullable=False),  # how many of the story's articles name it
    Index("ix_story_keys_key", "key"),
)

term_df = Table(
    "term_df",
    metadata,
    Column("term", String, primary_key=True),
    Column("df", Integer, nullable=False),
)

#: Tables the stories step owns, emptied by a rebuild.
STORY_TABLES = (event_links, story_articles, canonical_events, stories, story_keys, term_df)
