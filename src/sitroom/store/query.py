"""Filtered, paged reads for the HTTP API: events, canonical events, actors, places,
relations, quotes, claims, and a word search over articles.

Only SQLAlchemy Core with bound parameters; the same queries run on SQLite and PostgreSQL.
Every list comes back as (total, items) in a stable order, so pages never overlap.
Bad filter values raise QueryError (the API answers 422 with its message).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Select,
    and_,
    false,
    func,
    literal,
    or_,
    select,
    union,
)

from sitroom.model import ACLED_TYPES
from sitroom.store import schema
from sitroom.stories.sighting import EARTH_KM, distance_km

STATUSES = ("occurred", "ongoing", "anticipated", "threatened")
SNIPPET = 80  # characters of context either side of a search match


class QueryError(ValueError):
    """A filter value that cannot be used; the message says which and why."""


# --- parsing filter values ------------------------------------------------------------------


@dataclass(frozen=True)
class BBox:
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float


@dataclass(frozen=True)
class Near:
    lat: float
    lon: float
    radius_km: float = 25.0


def _floats(text: str, n: int, message: str) -> list[float]:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != n:
        raise QueryError(message)
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise QueryError(message) from None
    if not all(math.isfinite(v) for v in values):
        raise QueryError(message)
    return values


def parse_bbox(text: str | None) -> BBox | None:
    """`min_lon,min_lat,max_lon,max_lat` (a min_lon above max_lon crosses the antimeridian)."""
    if text is None or text == "":
        return None
    message = "bbox must be min_lon,min_lat,max_lon,max_lat (decimal degrees)"
    min_lon, min_lat, max_lon, max_lat = _floats(text, 4, message)
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise QueryError("bbox longitudes must lie in -180..180")
    if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise QueryError("bbox latitudes must lie in -90..90")
    if min_lat > max_lat:
        raise QueryError("bbox min_lat must not be above max_lat")
    return BBox(min_lon, min_lat, max_lon, max_lat)


def parse_near(text: str | None, radius_km: float = 25.0) -> Near | None:
    """`lat,lon` with a radius in kilometres."""
    if text is None or text == "":
        return None
    lat, lon = _floats(text, 2, "near must be lat,lon (decimal degrees)")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise QueryError("near must be lat,lon with lat in -90..90 and lon in -180..180")
    if not radius_km > 0:
        raise QueryError("radius_km must be above 0")
    return Near(lat, lon, radius_km)


def split_values(values: Iterable[str] | None) -> list[str]:
    """Repeated and comma-separated values, flattened, blanks dropped, order kept."""
    out: list[str] = []
    for value in values or ():
        for part in value.split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return out


def parse_statuses(values: Iterable[str] | None) -> list[str]:
    found = split_values(values)
    unknown = [s for s in found if s not in STATUSES]
    if unknown:
        raise QueryError(f"unknown status {unknown[0]!r}: use one of {', '.join(STATUSES)}")
    return found


def parse_event_types(values: Iterable[str] | None) -> list[str]:
    found = [v.strip() for v in values or () if v.strip()]
    unknown = [t for t in found if t not in ACLED_TYPES]
    if unknown:
        raise QueryError(f"unknown event_type {unknown[0]!r}: use one of {', '.join(ACLED_TYPES)}")
    return found


def parse_sub_event_types(values: Iterable[str] | None) -> list[str]:
    known = {s for subs in ACLED_TYPES.values() for s in subs}
    found = [v.strip() for v in values or () if v.strip()]
    unknown = [t for t in found if t not in known]
    if unknown:
        raise QueryError(f"unknown sub_event_type {unknown[0]!r} (spell it as ACLED does)")
    return found


def check_dates(date_from: date | None, date_to: date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise QueryError("date_from must not be after date_to")


@dataclass(frozen=True)
class EventFilter:
    """What /api/events and /api/canonical-events filter on (every part optional)."""

    date_from: date | None = None
    date_to: date | None = None
    bbox: BBox | None = None
    near: Near | None = None
    actor: str | None = None
    branches: bool = False
    event_types: Sequence[str] = ()
    sub_event_types: Sequence[str] = ()
    statuses: Sequence[str] = ()
    sources: Sequence[str] = ()
    q: str | None = None


# --- shared pieces ---------------------------------------------------------------------------


def _contains(column: ColumnElement, text: str) -> ColumnElement[bool]:
    """Case-insensitive substring (LIKE lower(..) on SQLite, ILIKE on PostgreSQL), with % and _
    in the text matched literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.ilike(f"%{escaped}%", escape="\\")


def _page(conn: Connection, query: Select, order: Sequence, limit: int, offset: int):
    total = conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = conn.execute(query.order_by(*order).limit(limit).offset(offset)).mappings().all()
    return total, rows


def _evidence(row, prefix: str = "ev_") -> dict:
    return {
        "start": row[f"{prefix}start"],
        "end": row[f"{prefix}end"],
        "text": row[f"{prefix}text"],
    }


def _haversine_km(lat1, lon1, lat2, lon2) -> float | None:
    """The distance SQL asks for: NULL when a coordinate is NULL."""
    if None in (lat1, lon1, lat2, lon2):
        return None
    return distance_km(lat1, lon1, lat2, lon2)


def _prepare(conn: Connection) -> None:
    """SQLite may lack trigonometry: give it the distance function PostgreSQL builds in SQL."""
    if conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        raw.create_function("sitroom_km", 4, _haversine_km, deterministic=True)


def _distance_km(conn: Connection, lat: ColumnElement, lon: ColumnElement, near: Near):
    if conn.dialect.name == "sqlite":
        return func.sitroom_km(lat, lon, literal(near.lat), literal(near.lon))
    p1, p2 = func.radians(lat), func.radians(literal(near.lat))
    dp = (p2 - p1) / 2
    dl = (func.radians(literal(near.lon)) - func.radians(lon)) / 2
    h = func.power(func.sin(dp), 2) + func.cos(p1) * func.cos(p2) * func.power(func.sin(dl), 2)
    return 2 * EARTH_KM * func.asin(func.least(1.0, func.sqrt(h)))


def _geo(conn: Connection, lat, lon, bbox: BBox | None, near: Near | None) -> list:
    where: list = []
    if bbox is not None:
        where += [lat.is_not(None), lon.is_not(None), lat.between(bbox.min_lat, bbox.max_lat)]
        if bbox.min_lon <= bbox.max_lon:
            where.append(lon.between(bbox.min_lon, bbox.max_lon))
        else:  # across the antimeridian
            where.append(or_(lon >= bbox.min_lon, lon <= bbox.max_lon))
    if near is not None:
        # a cheap box first (a superset of the circle), then the great-circle distance
        dlat = math.degrees(near.radius_km / EARTH_KM)
        where += [
            lat.is_not(None),
            lon.is_not(None),
            lat.between(near.lat - dlat, near.lat + dlat),
            _distance_km(conn, lat, lon, near) <= near.radius_km,
        ]
    return where


def _actor_ids(conn: Connection, actor: str, branches: bool) -> list[str]:
    """The actor, and with branches its branches and members (transitively)."""
    ids = [actor]
    if not branches:
        return ids
    t = schema.actors
    frontier = {actor}
    while frontier:
        found = set(
            conn.execute(
                select(t.c.actor_id).where(t.c.parent.in_(sorted(frontier))).distinct()
            ).scalars()
        )
        frontier = found - set(ids)
        ids += sorted(frontier)
    return ids


def _dates(column: ColumnElement, f: EventFilter) -> list:
    where: list = []
    if f.date_from is not None:
        where.append(column >= f.date_from.isoformat())
    if f.date_to is not None:
        # stored dates are ISO strings; a full date sorts inside the day it names
        where.append(column <= f.date_to.isoformat())
    if where:
        where.insert(0, column.is_not(None))
    return where


# --- events -----------------------------------------------------------------------------------


def list_events(
    engine: Engine, f: EventFilter, *, limit: int = 50, offset: int = 0
) -> tuple[int, list[dict]]:
    """Stored events (one per report), with names, place, and the canonical event they joined."""
    e, a, p = schema.events, schema.articles, schema.places
    a1, a2 = schema.actors.alias("a1"), schema.actors.alias("a2")
    link, ce = schema.event_links, schema.canonical_events
    with engine.connect() as conn:
        _prepare(conn)
        query = (
            select(
                e.c.article_id,
                e.c.id,
                a.c.source,
                e.c.event_type,
                e.c.sub_event_type,
                e.c.plover,
                e.c.status,
                e.c.date,
                e.c.date_end,
                e.c.date_precision,
                e.c.actor1,
                a1.c.name.label("actor1_name"),
                e.c.actor2,
                a2.c.name.label("actor2_name"),
                e.c.place,
                p.c.name.label("place_name"),
                p.c.lat,
                p.c.lon,
                e.c.geo_precision,
                e.c.fatalities,
                e.c.confidence,
                e.c.ev_start,
                e.c.ev_end,
                e.c.ev_text,
                link.c.canonical_id,
                ce.c.reports,
            )
            .select_from(e)
            .join(a, a.c.id == e.c.article_id)
            .outerjoin(a1, and_(a1.c.article_id == e.c.article_id, a1.c.actor_id == e.c.actor1))
            .outerjoin(a2, and_(a2.c.article_id == e.c.article_id, a2.c.actor_id == e.c.actor2))
            .outerjoin(p, and_(p.c.article_id == e.c.article_id, p.c.place_id == e.c.place))
            .outerjoin(link, and_(link.c.article_id == e.c.article_id, link.c.event_id == e.c.id))
            .outerjoin(ce, ce.c.id == link.c.canonical_id)
        )
        where = _dates(e.c.date, f) + _geo(conn, p.c.lat, p.c.lon, f.bbox, f.near)
        if f.actor:
            ids = _actor_ids(conn, f.actor, f.branches)
            where.append(or_(e.c.actor1.in_(ids), e.c.actor2.in_(ids)))
        if f.event_types:
            where.append(e.c.event_type.in_(list(f.event_types)))
        if f.sub_event_types:
            where.append(e.c.sub_event_type.in_(list(f.sub_event_types)))
        if f.statuses:
            where.append(e.c.status.in_(list(f.statuses)))
        if f.sources:
            where.append(func.lower(a.c.source).in_([s.lower() for s in f.sources]))
        if f.q:
            where.append(_contains(e.c.ev_text, f.q))
        order = (e.c.date.asc().nulls_last(), e.c.article_id, e.c.id)
        total, rows = _page(conn, query.where(*where), order, limit, offset)
    items = []
    for r in rows:
        item = {k: v for k, v in dict(r).items() if not k.startswith("ev_")}
        item["evidence"] = _evidence(r)
        items.append(item)
    return total, items


# --- canonical events -------------------------------------------------------------------------


def _name_of(table_col_id, table_col_name, value) -> ColumnElement:
    """Any stored name of an actor or place id (names come from the knowledge base)."""
    return select(func.max(table_col_name)).where(table_col_id == value).scalar_subquery()


def list_canonical_events(
    engine: Engine, f: EventFilter, *, limit: int = 50, offset: int = 0
) -> tuple[int, list[dict]]:
    """Reconciled events across reports, each with its reports (article, outlet, evidence)."""
    ce, link, e, a = schema.canonical_events, schema.event_links, schema.events, schema.articles
    act, pl = schema.actors, schema.places
    columns = [
        ce.c.id,
        ce.c.story_id,
        ce.c.event_type,
        ce.c.sub_event_type,
        ce.c.plover,
        ce.c.status,
        ce.c.date,
        ce.c.date_end,
        ce.c.date_precision,
        ce.c.actor1,
        _name_of(act.c.actor_id, act.c.name, ce.c.actor1).label("actor1_name"),
        ce.c.actor2,
        _name_of(act.c.actor_id, act.c.name, ce.c.actor2).label("actor2_name"),
        ce.c.place,
        _name_of(pl.c.place_id, pl.c.name, ce.c.place).label("place_name"),
        ce.c.lat,
        ce.c.lon,
        ce.c.geo_precision,
        ce.c.fatalities,
        ce.c.fatalities_min,
        ce.c.fatalities_max,
        ce.c.reports.label("report_count"),
        ce.c.articles,
    ]
    with engine.connect() as conn:
        _prepare(conn)
        where = _dates(ce.c.date, f) + _geo(conn, ce.c.lat, ce.c.lon, f.bbox, f.near)
        if f.actor:
            ids = _actor_ids(conn, f.actor, f.branches)
            where.append(or_(ce.c.actor1.in_(ids), ce.c.actor2.in_(ids)))
        if f.event_types:
            where.append(ce.c.event_type.in_(list(f.event_types)))
        if f.sub_event_types:
            where.append(ce.c.sub_event_type.in_(list(f.sub_event_types)))
        if f.statuses:
            where.append(ce.c.status.in_(list(f.statuses)))
        if f.sources or f.q:
            # some report of it comes from the outlet / has the words in its evidence
            report = (
                select(link.c.canonical_id)
                .join(e, and_(e.c.article_id == link.c.article_id, e.c.id == link.c.event_id))
                .join(a, a.c.id == link.c.article_id)
            )
            if f.sources:
                report = report.where(func.lower(a.c.source).in_([s.lower() for s in f.sources]))
            if f.q:
                report = report.where(_contains(e.c.ev_text, f.q))
            where.append(ce.c.id.in_(report))
        order = (ce.c.date.asc().nulls_last(), ce.c.id)
        total, rows = _page(conn, select(*columns).where(*where), order, limit, offset)
        ids = [r["id"] for r in rows]
        reports: dict[str, list[dict]] = {i: [] for i in ids}
        if ids:
            found = conn.execute(
                select(
                    link.c.canonical_id,
                    link.c.article_id,
                    link.c.event_id,
                    link.c.score,
                    a.c.source,
                    a.c.published,
                    e.c.status,
                    e.c.date,
                    e.c.ev_start,
                    e.c.ev_end,
                    e.c.ev_text,
                )
                .join(e, and_(e.c.article_id == link.c.article_id, e.c.id == link.c.event_id))
                .join(a, a.c.id == link.c.article_id)
                .where(link.c.canonical_id.in_(ids))
                .order_by(link.c.canonical_id, a.c.published.nulls_last(), link.c.article_id)
            ).mappings()
            for r in found:
                reports[r["canonical_id"]].append(
                    {
                        "article_id": r["article_id"],
                        "event_id": r["event_id"],
                        "source": r["source"],
                        "published": r["published"],
                        "status": r["status"],
                        "date": r["date"],
                        "score": r["score"],
                        "evidence": _evidence(r),
                    }
                )
    return total, [{**dict(r), "reports": reports[r["id"]]} for r in rows]


# --- actors and places ------------------------------------------------------------------------


def list_actors(
    engine: Engine,
    *,
    kinds: Sequence[str] = (),
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[dict]]:
    """Actors named anywhere, with how many articles and events (as actor1 or actor2) name them;
    most-named first."""
    t, e = schema.actors, schema.events
    named = (
        select(
            t.c.actor_id.label("id"),
            func.max(t.c.name).label("name"),
            func.max(t.c.kind).label("kind"),
            func.max(t.c.country).label("country"),
            func.max(t.c.parent).label("parent"),
            func.count().label("articles"),
        )
        .group_by(t.c.actor_id)
        .subquery()
    )
    roles = union(
        select(e.c.article_id, e.c.id, e.c.actor1.label("actor_id")).where(e.c.actor1.is_not(None)),
        select(e.c.article_id, e.c.id, e.c.actor2.label("actor_id")).where(e.c.actor2.is_not(None)),
    ).subquery()
    in_events = (
        select(roles.c.actor_id, func.count().label("n")).group_by(roles.c.actor_id).subquery()
    )
    events = func.coalesce(in_events.c.n, 0).label("events")
    query = select(*named.c, events).outerjoin(in_events, in_events.c.actor_id == named.c.id)
    if kinds:
        query = query.where(named.c.kind.in_(list(kinds)))
    if q:
        query = query.where(or_(_contains(named.c.name, q), _contains(named.c.id, q)))
    with engine.connect() as conn:
        total, rows = _page(conn, query, (named.c.articles.desc(), named.c.id), limit, offset)
    return total, [dict(r) for r in rows]


def list_places(
    engine: Engine,
    *,
    bbox: BBox | None = None,
    near: Near | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[dict]]:
    """Places named anywhere, with how many articles name them; most-named first."""
    t = schema.places
    named = (
        select(
            t.c.place_id.label("id"),
            func.max(t.c.name).label("name"),
            func.max(t.c.lat).label("lat"),
            func.max(t.c.lon).label("lon"),
            func.max(t.c.feature).label("feature"),
            func.max(t.c.country).label("country"),
            func.max(t.c.admin1).label("admin1"),
            func.count().label("articles"),
        )
        .group_by(t.c.place_id)
        .subquery()
    )
    with engine.connect() as conn:
        _prepare(conn)
        where = _geo(conn, named.c.lat, named.c.lon, bbox, near)
        if q:
            where.append(_contains(named.c.name, q))
        query = select(*named.c).where(*where)
        total, rows = _page(conn, query, (named.c.articles.desc(), named.c.id), limit, offset)
    return total, [dict(r) for r in rows]


# --- relations, quotes, claims ----------------------------------------------------------------


def _by_article(conn, table, columns, where, limit, offset) -> tuple[int, list[dict]]:
    a = schema.articles
    query = (
        select(table.c.article_id, *columns, table.c.ev_start, table.c.ev_end, table.c.ev_text)
        .join(a, a.c.id == table.c.article_id)
        .where(*where)
    )
    order = (a.c.published.nulls_last(), table.c.article_id, table.c.seq)
    total, rows = _page(conn, query, order, limit, offset)
    items = []
    for r in rows:
        item = {k: v for k, v in dict(r).items() if not k.startswith("ev_")}
        item["evidence"] = _evidence(r)
        items.append(item)
    return total, items


def list_relations(
    engine: Engine,
    *,
    actor: str | None = None,
    kinds: Sequence[str] = (),
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[dict]]:
    t = schema.relations
    where: list = []
    if actor:
        where.append(or_(t.c.source == actor, t.c.target == actor))
    if kinds:
        where.append(t.c.kind.in_(list(kinds)))
    columns = (t.c.seq, t.c.source, t.c.target, t.c.kind, t.c.origin)
    with engine.connect() as conn:
        return _by_article(conn, t, columns, where, limit, offset)


def list_quotes(
    engine: Engine,
    *,
    q: str | None = None,
    speaker: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[dict]]:
    t = schema.quotes
    where: list = []
    if q:
        where.append(_contains(t.c.text, q))
    if speaker:
        where.append(_contains(t.c.speaker, speaker))
    columns = (t.c.seq, t.c.speaker, t.c.affiliation, t.c.text, t.c.direct)
    with engine.connect() as conn:
        return _by_article(conn, t, columns, where, limit, offset)


def list_claims(
    engine: Engine, *, q: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[int, list[dict]]:
    t = schema.claims
    where: list = []
    if q:
        where.append(or_(_contains(t.c.text, q), _contains(func.coalesce(t.c.subject, ""), q)))
    columns = (t.c.seq, t.c.value, t.c.unit, t.c.subject, t.c.hedge, t.c.text)
    with engine.connect() as conn:
        return _by_article(conn, t, columns, where, limit, offset)


# --- search -----------------------------------------------------------------------------------

WORD = re.compile(r"\w+", re.UNICODE)


def _snippet(text: str, words: list[str]) -> tuple[str, list[int] | None]:
    """Some text around the first place any word (or, failing that, its stem) appears."""
    low = text.lower()
    best = None
    for length in (None, 5):
        for w in words:
            needle = w.lower()[:length] if length else w.lower()
            if not needle:
                continue
            m = re.search(r"\b" + re.escape(needle), low)
            if m and (best is None or m.start() < best[0]):
                end = m.end() if length is None else m.start() + len(w)
                best = (m.start(), min(end, len(text)))
        if best is not None:
            break
    if best is None:
        return text[: 2 * SNIPPET].strip(), None
    start, end = best
    lo, hi = max(0, start - SNIPPET), min(len(text), end + SNIPPET)
    out = " ".join(text[lo:hi].split())
    return ("…" if lo else "") + out + ("…" if hi < len(text) else ""), [start, end]


def search_articles(
    engine: Engine, q: str, *, limit: int = 50, offset: int = 0
) -> tuple[int, list[dict]]:
    """Articles whose title or text holds every word of q, newest first, each with a snippet
    around its first match and that match's [start, end) offsets into the text."""
    words = WORD.findall(q)
    if not words:
        raise QueryError("q must contain at least one word")
    a = schema.articles
    body = func.coalesce(a.c.title, "") + literal(" ") + a.c.text
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            match = func.to_tsvector("english", body).bool_op("@@")(
                func.plainto_tsquery("english", q)
            )
            where = [match]
        else:
            where = [_contains(body, w) for w in words] or [false()]
        query = select(a.c.id, a.c.title, a.c.source, a.c.published, a.c.text).where(*where)
        order = (a.c.published.desc().nulls_last(), a.c.id)
        total, rows = _page(conn, query, order, limit, offset)
    items = []
    for r in rows:
        snippet, span = _snippet(r["text"], words)
        items.append(
            {
                "id": r["id"],
                "title": r["title"],
                "source": r["source"],
                "published": r["published"],
                "snippet": snippet,
                "match": span,
            }
        )
    return total, items
