"""Event exports read from the database: ACLED CSV and GeoJSON (one row or feature per
canonical event, a happening reconciled from its reports), and Parquet (every stored event).

Everything taken from an article (names, evidence) is written as data: the csv and json
modules quote it, nothing in it is read as formatting.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import IO, Any, TextIO

from sqlalchemy import Boolean, Engine, Float, Integer, and_, select

from sitroom.export import ExportError, db_exporter
from sitroom.store import schema

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)

#: ACLED's actor codes (inter1, inter2) by actor kind; other kinds have none.
INTER_CODES = {
    "state_forces": 1,
    "rebel_group": 2,
    "political_militia": 3,
    "identity_militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external_forces": 8,
}

DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

#: Statuses ACLED codes: what happened or is happening (not what is expected or threatened).
HAPPENED = ("occurred", "ongoing")
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


@dataclass(frozen=True)
class ReportRef:
    article_id: str
    source: str | None
    published: str | None
    start: int
    end: int
    text: str
    score: float
    confidence: float


@dataclass
class Happening:
    """One canonical event (or, in a database without them, one stored event)."""

    id: str
    event_type: str
    sub_event_type: str
    status: str
    date: str | None
    date_precision: str | None
    actor1: str | None
    actor2: str | None
    associated: list[str]
    place: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    fatalities: int | None
    reports: list[ReportRef] = field(default_factory=list)

    def best(self) -> ReportRef | None:
        if not self.reports:
            return None
        return max(self.reports, key=lambda r: (r.score, r.confidence, -len(r.text)))


@dataclass(frozen=True)
class Names:
    """Actors (name, kind, country) and places (name, country, admin1), most usual form."""

    actors: dict[str, tuple[str, str, str | None]]
    places: dict[str, tuple[str, str | None, str | None]]


def _most_usual(rows) -> dict[str, tuple]:
    seen: dict[str, Counter] = defaultdict(Counter)
    for key, *values in rows:
        seen[key][tuple(values)] += 1
    return {key: counts.most_common(1)[0][0] for key, counts in seen.items()}


def load_names(conn) -> Names:
    aa, ap = schema.actors, schema.places
    actors = _most_usual(conn.execute(select(aa.c.actor_id, aa.c.name, aa.c.kind, aa.c.country)))
    places = _most_usual(conn.execute(select(ap.c.place_id, ap.c.name, ap.c.country, ap.c.admin1)))
    return Names(actors=actors, places=places)


def _places_at(conn) -> dict[tuple[str, str], tuple[float | None, float | None]]:
    ap = schema.places
    rows = conn.execute(select(ap.c.article_id, ap.c.place_id, ap.c.lat, ap.c.lon))
    return {(r[0], r[1]): (r[2], r[3]) for r in rows}


def load_happenings(engine: Engine, statuses: tuple[str, ...] | None = None) -> list[Happening]:
    """Canonical events with their reports (every stored event on its own when the database
    has no canonical events), in date order."""
    c, e, link, art = schema.canonical_events, schema.events, schema.event_links, schema.articles
    out: dict[str, Happening] = {}
    with engine.connect() as conn:
        query = select(c)
        if statuses:
            query = query.where(c.c.status.in_(statuses))
        for r in conn.execute(query).mappings():
            out[r["id"]] = Happening(
                id=r["id"],
                event_type=r["event_type"],
                sub_event_type=r["sub_event_type"],
                status=r["status"],
                date=r["date"],
                date_precision=r["date_precision"],
                actor1=r["actor1"],
                actor2=r["actor2"],
                associated=[],
                place=r["place"],
                lat=r["lat"],
                lon=r["lon"],
                geo_precision=r["geo_precision"],
                fatalities=r["fatalities"],
            )
        linked = bool(out) or bool(conn.execute(select(c.c.id).limit(1)).first())
        rows = conn.execute(
            select(e, link.c.canonical_id, link.c.score, art.c.source, art.c.published)
            .join(
                link,
                and_(link.c.article_id == e.c.article_id, link.c.event_id == e.c.id),
                isouter=True,
            )
            .join(art, art.c.id == e.c.article_id)
            .order_by(art.c.published, e.c.article_id, e.c.seq)
        ).mappings()
        coords = None if linked else _places_at(conn)
        for r in rows:
            ref = ReportRef(
                article_id=r["article_id"],
                source=r["source"],
                published=r["published"],
                start=r["ev_start"],
                end=r["ev_end"],
                text=r["ev_text"],
                score=float(r["score"] if r["score"] is not None else 1.0),
                confidence=float(r["confidence"]),
            )
            if linked:
                happening = out.get(r["canonical_id"])
                if happening is None:
                    continue
                happening.reports.append(ref)
                for actor in json.loads(r["associated_actors"] or "[]"):
                    if actor not in happening.associated:
                        happening.associated.append(actor)
                continue
            if statuses and r["status"] not in statuses:
                continue
            lat, lon = coords.get((r["article_id"], r["place"]), (None, None))
            key = f"{r['article_id']}/{r['id']}"
            out[key] = Happening(
                id=key,
                event_type=r["event_type"],
                sub_event_type=r["sub_event_type"],
                status=r["status"],
                date=r["date"],
                date_precision=r["date_precision"],
                actor1=r["actor1"],
                actor2=r["actor2"],
                associated=json.loads(r["associated_actors"] or "[]"),
                place=r["place"],
                lat=lat,
                lon=lon,
                geo_precision=r["geo_precision"],
                fatalities=r["fatalities"],
                reports=[ref],
            )
    found = [h for h in out.values() if h.reports]
    found.sort(key=lambda h: (h.date is None, h.date or "", h.reports[0].published or "", h.id))
    return found


def _country(code: str | None) -> tuple[str, str]:
    """(ISO 3166-1 alpha-3, short name) of an alpha-2 code; ("XXX", "") when unknown."""
    if not code:
        return "XXX", ""
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code.upper(), code.upper()
    return country.alpha_3, getattr(country, "common_name", None) or country.name


def _inter(names: Names, actor: str | None) -> int | None:
    if not actor or actor not in names.actors:
        return None
    return INTER_CODES.get(names.actors[actor][1])


def _interaction(a: int | None, b: int | None) -> str:
    codes = sorted(code for code in (a, b) if code is not None)
    if not codes:
        return ""
    if len(codes) == 1:
        return f"{codes[0]}0"
    return f"{codes[0]}{codes[1]}"


def _name(names: Names, actor: str | None) -> str:
    if not actor:
        return ""
    return names.actors.get(actor, (actor, "", None))[0]


def _citations(h: Happening) -> str:
    return " ".join(f"[{r.article_id}:{r.start}-{r.end}]" for r in h.reports)


def acled_row(h: Happening, names: Names) -> dict[str, Any]:
    """One happening as an ACLED row (keys: ACLED_COLUMNS)."""
    place_name, place_country, admin1 = names.places.get(h.place or "", ("", None, None))
    code = place_country or (names.actors.get(h.actor1 or "", ("", "", None))[2])
    iso3, country = _country(code)
    inter1, inter2 = _inter(names, h.actor1), _inter(names, h.actor2)
    best = h.best()
    sources = list(dict.fromkeys(r.source for r in h.reports if r.source))
    assoc1 = [a for a in h.associated if a not in (h.actor1, h.actor2)]
    precision = _TIME_PRECISION.get(h.date_precision or "", 3) if h.date else ""
    return {
        "event_id_cnty": f"{iso3}-{h.id.removeprefix('ce-')}",
        "event_date": h.date or "",
        "year": h.date[:4] if h.date else "",
        "time_precision": precision,
        "disorder_type": DISORDER.get(h.event_type, ""),
        "event_type": h.event_type,
        "sub_event_type": h.sub_event_type,
        "actor1": _name(names, h.actor1),
        "assoc_actor_1": "; ".join(_name(names, a) for a in assoc1),
        "inter1": "" if inter1 is None else inter1,
        "actor2": _name(names, h.actor2),
        "assoc_actor_2": "",
        "inter2": "" if inter2 is None else inter2,
        "interaction": _interaction(inter1, inter2),
        "country": country,
        "admin1": admin1 or "",
        "location": place_name or "",
        "latitude": "" if h.lat is None else h.lat,
        "longitude": "" if h.lon is None else h.lon,
        "geo_precision": "" if h.geo_precision is None else h.geo_precision,
        "source": "; ".join(sources),
        "notes": ((best.text + " ") if best else "") + _citations(h),
        "fatalities": h.fatalities or 0,
    }


@db_exporter("acled", unit="events")
def write_acled(engine: Engine, out: TextIO) -> int:
    """ACLED's CSV: one row per canonical event that occurred or is ongoing."""
    happenings = load_happenings(engine, HAPPENED)
    with engine.connect() as conn:
        names = load_names(conn)
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for h in happenings:
        writer.writerow(acled_row(h, names))
    return len(happenings)


@db_exporter("geojson", unit="events")
def write_geojson(engine: Engine, out: TextIO) -> int:
    """A GeoJSON FeatureCollection: one Point per canonical event with coordinates."""
    happenings = load_happenings(engine)
    with engine.connect() as conn:
        names = load_names(conn)
    features = []
    for h in happenings:
        if h.lat is None or h.lon is None:
            continue
        props = acled_row(h, names)
        props.update(
            canonical_id=h.id,
            status=h.status,
            date_precision=h.date_precision,
            actor1_id=h.actor1,
            actor2_id=h.actor2,
            place_id=h.place,
            reports=len(h.reports),
            article_ids=list(dict.fromkeys(r.article_id for r in h.reports)),
        )
        features.append(
            {
                "type": "Feature",
                "id": h.id,
                "geometry": {"type": "Point", "coordinates": [h.lon, h.lat]},
                "properties": props,
            }
        )
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


def _arrow_type(column, pa):
    if isinstance(column.type, Boolean):
        return pa.bool_()
    if isinstance(column.type, Integer):
        return pa.int64()
    if isinstance(column.type, Float):
        return pa.float64()
    return pa.string()


@db_exporter("parquet", binary=True, unit="events")
def write_parquet(engine: Engine, out: IO[bytes]) -> int:
    """Every stored event (all its columns) with its canonical event id, as one table."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError("parquet needs pyarrow: pip install pyarrow") from None
    e, link = schema.events, schema.event_links
    columns = [*e.columns, link.c.canonical_id]
    label = {col.name: col.name for col in columns} | {"id": "event_id"}
    data: dict[str, list] = {col.name: [] for col in columns}
    with engine.connect() as conn:
        rows = conn.execute(
            select(*columns)
            .join(
                link,
                and_(link.c.article_id == e.c.article_id, link.c.event_id == e.c.id),
                isouter=True,
            )
            .order_by(e.c.article_id, e.c.seq)
        )
        n = 0
        for row in rows:
            for col, value in zip(columns, row, strict=True):
                data[col.name].append(value)
            n += 1
    table = pa.table(
        {label[col.name]: pa.array(data[col.name], type=_arrow_type(col, pa)) for col in columns}
    )
    pq.write_table(table, out)
    return n
