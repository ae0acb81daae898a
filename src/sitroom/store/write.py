"""Writing extraction records: one transaction per article, idempotent by content hash.

An article whose id and normalised-text hash are already stored is left alone; the same
text under another id is a duplicate and also left alone; an article whose text changed
has its old extraction deleted and the new one written in the same transaction, so a
reader (or a kill -9) never sees half of either.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import Connection, Engine, delete, select

from sitroom.model import Article, Evidence, Record
from sitroom.store import schema, stories

Status = Literal["new", "changed", "unchanged"]


@dataclass(frozen=True)
class Check:
    """What storing an article would do, decided before any NLP is spent on it."""

    status: Status
    duplicate_of: str | None = None


def check(conn: Connection, article: Article) -> Check:
    """Whether `article` is new, changed, or already stored (possibly under another id)."""
    stored = conn.execute(
        select(schema.articles.c.sha256).where(schema.articles.c.id == article.id)
    ).scalar_one_or_none()
    if stored == article.sha256:
        return Check("unchanged")
    twin = conn.execute(
        select(schema.articles.c.id)
        .where(schema.articles.c.sha256 == article.sha256)
        .where(schema.articles.c.id != article.id)
        .limit(1)
    ).scalar_one_or_none()
    if twin is not None:
        return Check("unchanged", duplicate_of=twin)
    return Check("new" if stored is None else "changed")


def check_article(engine: Engine, article: Article) -> Check:
    with engine.connect() as conn:
        return check(conn, article)


def _ev(evidence: Evidence) -> dict:
    return {"ev_start": evidence.start, "ev_end": evidence.end, "ev_text": evidence.text}


def _rows(record: Record) -> dict[schema.Table, list[dict]]:
    """Every row of the record's extraction, keyed by table."""
    aid = record.article.id
    rows: dict[schema.Table, list[dict]] = {t: [] for t in schema.EXTRACTION_TABLES}

    def add_mentions(entity: str, entity_id: str, spans: list[tuple[int, int]]) -> None:
        for start, end in dict.fromkeys(spans):  # keep order, drop repeats
            rows[schema.mentions].append(
                {
                    "article_id": aid,
                    "entity": entity,
                    "entity_id": entity_id,
                    "start": start,
                    "end": end,
                }
            )

    for seq, a in enumerate(record.actors):
        rows[schema.actors].append(
            {
                "article_id": aid,
                "actor_id": a.id,
                "seq": seq,
                "name": a.name,
                "kind": a.kind,
                "country": a.country,
                "parent": a.parent,
                "inferred": a.inferred,
            }
        )
        add_mentions("actor", a.id, a.mentions)
    for seq, p in enumerate(record.people):
        rows[schema.people].append(
            {
                "article_id": aid,
                "person_id": p.id,
                "seq": seq,
                "name": p.name,
                "title": p.title,
                "affiliation": p.affiliation,
            }
        )
        add_mentions("person", p.id, p.mentions)
    for seq, pl in enumerate(record.places):
        rows[schema.places].append(
            {
                "article_id": aid,
                "place_id": pl.id,
                "seq": seq,
                "name": pl.name,
                "lat": pl.lat,
                "lon": pl.lon,
                "country": pl.country,
                "admin1": pl.admin1,
                "feature": pl.feature,
                "precision": pl.precision,
                "reason": pl.reason,
            }
        )
        add_mentions("place", pl.id, pl.mentions)
    for seq, e in enumerate(record.events):
        fields = e.model_dump(exclude={"evidence", "associated_actors", "trigger", "evidence_more"})
        trigger = e.trigger
        rows[schema.events].append(
            {
                "article_id": aid,
                "seq": seq,
                **fields,
                "associated_actors": json.dumps(e.associated_actors),
                **_ev(e.evidence),
                "trigger_start": trigger.start if trigger else None,
                "trigger_end": trigger.end if trigger else None,
                "trigger_text": trigger.text if trigger else None,
                "evidence_more": json.dumps([m.model_dump() for m in e.evidence_more]),
            }
        )
    for seq, r in enumerate(record.relations):
        rows[schema.relations].append(
            {
                "article_id": aid,
                "seq": seq,
                "source": r.source,
                "target": r.target,
                "kind": r.kind,
                "origin": r.origin,
                **_ev(r.evidence),
            }
        )
    for seq, q in enumerate(record.quotes):
        rows[schema.quotes].append(
            {
                "article_id": aid,
                "seq": seq,
                "speaker": q.speaker,
                "affiliation": q.affiliation,
                "text": q.text,
                "direct": q.direct,
                **_ev(q.evidence),
            }
        )
    for seq, c in enumerate(record.claims):
        rows[schema.claims].append(
            {
                "article_id": aid,
                "seq": seq,
                "value": c.value,
                "unit": c.unit,
                "subject": c.subject,
                "hedge": c.hedge,
                "text": c.text,
                **_ev(c.evidence),
            }
        )
    return rows


def save(engine: Engine, record: Record, *, origin: str | None = None, link: bool = True) -> Check:
    """Store one record in one transaction; returns what happened (re-checked inside it).

    With link=False the stories tables are left alone (benchmarks measure linking's cost
    so; `sitroom stories --rebuild` brings them up to date)."""
    article = record.article
    with engine.begin() as conn:
        outcome = check(conn, article)
        if outcome.status == "unchanged":
            return outcome
        if outcome.status == "changed" and link:
            stories.forget(conn, article.id)
        for table in schema.EXTRACTION_TABLES:
            conn.execute(delete(table).where(table.c.article_id == article.id))
        conn.execute(delete(schema.articles).where(schema.articles.c.id == article.id))
        conn.execute(
            schema.articles.insert().values(
                **article.model_dump(),
                origin=origin,
                ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
            )
        )
        for table, rows in _rows(record).items():
            if rows:
                conn.execute(table.insert(), rows)
        if link:
            stories.link(conn, record)
    return outcome
