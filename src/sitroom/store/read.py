"""Reading stored articles back, as summaries or as whole contract records."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, func, select

from sitroom.model import (
    Actor,
    Article,
    Claim,
    Event,
    Evidence,
    Person,
    Place,
    Quote,
    Record,
    Relation,
)
from sitroom.store import schema

SUMMARY_COLUMNS = ("id", "title", "source", "url", "published", "published_inferred", "sha256")


@dataclass(frozen=True)
class Page:
    """One page of article summaries, in stable order (published, then id)."""

    total: int
    items: list[dict]


def counts(engine: Engine) -> dict[str, int]:
    """Rows per contract part, for health checks and summaries."""
    tables = {
        "articles": schema.articles,
        "actors": schema.actors,
        "people": schema.people,
        "places": schema.places,
        "events": schema.events,
        "relations": schema.relations,
        "quotes": schema.quotes,
        "claims": schema.claims,
    }
    with engine.connect() as conn:
        return {
            name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for name, t in tables.items()
        }


def list_articles(engine: Engine, *, limit: int = 50, offset: int = 0) -> Page:
    a = schema.articles
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(a)).scalar_one()
        rows = conn.execute(
            select(*(a.c[name] for name in SUMMARY_COLUMNS))
            .order_by(a.c.published.desc().nulls_last(), a.c.id)
            .limit(limit)
            .offset(offset)
        ).mappings()
        return Page(total=total, items=[dict(r) for r in rows])


#: Event fields stored in more than one column (or as JSON), rebuilt by hand.
_EVENT_JOINED = ("evidence", "associated_actors", "trigger", "evidence_more")


def _trigger(row) -> Evidence | None:
    if row["trigger_start"] is None:
        return None
    return Evidence(start=row["trigger_start"], end=row["trigger_end"], text=row["trigger_text"])


def _evidence(row) -> Evidence:
    return Evidence(start=row["ev_start"], end=row["ev_end"], text=row["ev_text"])


def _load(conn: Connection, article_row) -> Record:
    aid = article_row["id"]
    by_table = {}
    for table in schema.EXTRACTION_TABLES:
        order = (table.c.start,) if table is schema.mentions else (table.c.seq,)
        by_table[table] = list(
            conn.execute(select(table).where(table.c.article_id == aid).order_by(*order)).mappings()
        )
    spans: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for m in by_table[schema.mentions]:
        spans[(m["entity"], m["entity_id"])].append((m["start"], m["end"]))

    article = Article(**{k: article_row[k] for k in Article.model_fields})
    return Record(
        article=article,
        actors=[
            Actor(
                id=r["actor_id"],
                name=r["name"],
                kind=r["kind"],
                country=r["country"],
                parent=r["parent"],
                inferred=r["inferred"],
                mentions=spans[("actor", r["actor_id"])],
            )
            for r in by_table[schema.actors]
        ],
        people=[
            Person(
                id=r["person_id"],
                name=r["name"],
                title=r["title"],
                affiliation=r["affiliation"],
                mentions=spans[("person", r["person_id"])],
            )
            for r in by_table[schema.people]
        ],
        places=[
            Place(
                id=r["place_id"],
                name=r["name"],
                lat=r["lat"],
                lon=r["lon"],
                country=r["country"],
                admin1=r["admin1"],
                feature=r["feature"],
                precision=r["precision"],
                reason=r["reason"],
                mentions=spans[("place", r["place_id"])],
            )
            for r in by_table[schema.places]
        ],
        events=[
            Event(
                **{k: r[k] for k in Event.model_fields if k not in _EVENT_JOINED},
                associated_actors=json.loads(r["associated_actors"]),
                evidence=_evidence(r),
                trigger=_trigger(r),
                evidence_more=[Evidence(**m) for m in json.loads(r["evidence_more"] or "[]")],
            )
            for r in by_table[schema.events]
        ],
        relations=[
            Relation(
                source=r["source"],
                target=r["target"],
                kind=r["kind"],
                origin=r["origin"],
                evidence=_evidence(r),
            )
            for r in by_table[schema.relations]
        ],
        quotes=[
            Quote(
                speaker=r["speaker"],
                affiliation=r["affiliation"],
                text=r["text"],
                direct=r["direct"],
                evidence=_evidence(r),
            )
            for r in by_table[schema.quotes]
        ],
        claims=[
            Claim(
                value=r["value"],
                unit=r["unit"],
                subject=r["subject"],
                hedge=r["hedge"],
                text=r["text"],
                evidence=_evidence(r),
            )
            for r in by_table[schema.claims]
        ],
    )


def get_record(engine: Engine, article_id: str) -> Record | None:
    """The stored contract record of one article, or None."""
    with engine.connect() as conn:
        row = (
            conn.execute(select(schema.articles).where(schema.articles.c.id == article_id))
            .mappings()
            .one_or_none()
        )
        return None if row is None else _load(conn, row)


def iter_records(engine: Engine) -> Iterator[Record]:
    """Every stored record, in stable order (published, then id)."""
    a = schema.articles
    with engine.connect() as conn:
        ids = list(
            conn.execute(select(a.c.id).order_by(a.c.published.nulls_last(), a.c.id)).scalars()
        )
    for aid in ids:
        record = get_record(engine, aid)
        if record is not None:
            yield record
