"""Reading what a briefing needs: which articles and canonical events a query means, and
every record the brief states or quotes, with the spans it came from.

`resolve` turns a query (a story id, a date range, a place, an actor, or words of a story
label) into a `Scope`; `dossier` reads the scope into plain dataclasses that
`sitroom.stories.brief.render` turns into Markdown without touching the database.
"""

from __future__ import annotations

import calendar
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import Connection, Engine, and_, func, or_, select

from sitroom.store import schema
from sitroom.stories.sighting import ActorInfo, actor_keys, distance_km

#: How far (km) from a queried place an event may lie and still be "at" it, by the place's
#: feature; regions have no outline here, so "inside" a region means near its centre.
_REACH_KM = {"region": 40.0, "mountain": 25.0}
_NEAR_KM = 25.0
#: Features too broad for "near": an event placed at a whole region or country is not near a town.
_BROAD = ("region", "admin1", "country")
_CHUNK = 500


class BriefError(LookupError):
    """A query that matches nothing (or is malformed); the message says what was tried."""


@dataclass(frozen=True)
class Scope:
    """What a query means: the articles and canonical events a briefing covers."""

    kind: str  # story | dates | place | actor
    query: str
    title: str
    article_ids: tuple[str, ...]
    event_ids: tuple[str, ...]  # canonical event ids
    story_id: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    place_ids: tuple[str, ...] = ()
    actor_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Span:
    """Words of one article: [start, end) into its text, and the text itself."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ArticleInfo:
    id: str
    title: str | None
    source: str | None
    published: str | None


@dataclass(frozen=True)
class Report:
    """One article's report of a canonical event (a stored event row)."""

    article_id: str
    event_id: str
    source: str | None
    published: str | None
    event_type: str
    sub_event_type: str
    status: str
    date: str | None
    date_end: str | None
    date_precision: str | None
    actor1: str | None
    actor2: str | None
    place: str | None
    fatalities: int | None
    confidence: float
    score: float
    evidence: Span


@dataclass(frozen=True)
class CanonicalEvent:
    """One happening as reconciled from its reports, with every report."""

    id: str
    story_id: str | None
    event_type: str
    sub_event_type: str
    status: str
    date: str | None
    date_end: str | None
    date_precision: str | None
    actor1: str | None
    actor2: str | None
    place: str | None
    lat: float | None
    lon: float | None
    fatalities: int | None
    fatalities_min: int | None
    fatalities_max: int | None
    reports: tuple[Report, ...]


@dataclass(frozen=True)
class RelationItem:
    source: str
    target: str
    kind: str
    evidence: Span


@dataclass(frozen=True)
class QuoteItem:
    speaker: str | None
    affiliation: str | None
    text: str
    direct: bool
    evidence: Span


@dataclass(frozen=True)
class ClaimItem:
    value: float
    unit: str | None
    subject: str | None
    hedge: str | None
    text: str
    evidence: Span
    #: the claim's own words inside its evidence (the evidence itself when not found there)
    words: Span


@dataclass
class Dossier:
    """Everything a briefing states, each record with its span."""

    kind: str
    query: str
    title: str
    date_from: str | None
    date_to: str | None
    articles: list[ArticleInfo] = field(default_factory=list)
    events: list[CanonicalEvent] = field(default_factory=list)
    relations: list[RelationItem] = field(default_factory=list)
    quotes: list[QuoteItem] = field(default_factory=list)
    claims: list[ClaimItem] = field(default_factory=list)
    #: display names of actor, person and place ids
    names: dict[str, str] = field(default_factory=dict)
    story_id: str | None = None
    #: actor id -> the force it names (a state and its forces are one), for disagreements
    forces: dict[str, str] = field(default_factory=dict)


# --- small helpers -------------------------------------------------------------------------


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching names ("Aarsâl" ~ "aarsal")."""
    decomposed = unicodedata.normalize("NFKD", text.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _chunks(items: Iterable[str]) -> Iterator[list[str]]:
    items = sorted(set(items))
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _linked(conn: Connection, ids: Iterable[str], *, by: str, want: str) -> set[str]:
    """Through event_links: the `want` column of the links whose `by` column is in `ids`
    (canonical events of articles, or articles of canonical events)."""
    link = schema.event_links
    out: set[str] = set()
    for chunk in _chunks(ids):
        out.update(
            conn.execute(select(link.c[want]).where(link.c[by].in_(chunk)).distinct()).scalars()
        )
    return out


def _surface_matches(conn: Connection, entity: str, query: str) -> Counter[tuple[str, str]]:
    """(entity id, spelling) of every mention of `entity` spelled as `query` (folded)."""
    m, art = schema.mentions, schema.articles
    wanted = fold(query)
    n = len(query.strip())
    surface = func.substr(art.c.text, m.c.start + 1, m.c.end - m.c.start)
    found: Counter[tuple[str, str]] = Counter()
    rows = conn.execute(
        select(m.c.entity_id, surface)
        .join(art, art.c.id == m.c.article_id)
        .where(m.c.entity == entity, m.c.end - m.c.start == n)
    )
    for entity_id, word in rows:
        if word is not None and fold(word) == wanted:
            found[(entity_id, word)] += 1
    return found


# --- resolving a query ---------------------------------------------------------------------

_DAY = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_RANGE = re.compile(rf"^({_DAY})(?:\.\.({_DAY}))?$")
_MONTHS = [calendar.month_name[i] for i in range(13)]


def _bounds(text: str) -> tuple[date, date]:
    """First and last day a YYYY, YYYY-MM or YYYY-MM-DD covers."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
    day = date(*parts)
    return day, day


def _date_title(left: str, right: str | None) -> str:
    if right is None:
        parts = left.split("-")
        if len(parts) == 1:
            return left
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1])]} {parts[0]}"
        return left
    return f"{left} to {right}"


def _resolve_story(conn: Connection, query: str, story_id: str) -> Scope | None:
    st, sa, c = schema.stories, schema.story_articles, schema.canonical_events
    row = conn.execute(select(st.c.id, st.c.label).where(st.c.id == story_id)).one_or_none()
    if row is None:
        return None
    articles = set(conn.execute(select(sa.c.article_id).where(sa.c.story_id == story_id)).scalars())
    events = _linked(conn, articles, by="article_id", want="canonical_id")
    events |= set(conn.execute(select(c.c.id).where(c.c.story_id == story_id)).scalars())
    return Scope(
        kind="story",
        query=query,
        title=row.label or f"Story {story_id}",
        article_ids=tuple(sorted(articles)),
        event_ids=tuple(sorted(events)),
        story_id=story_id,
    )


def _resolve_dates(conn: Connection, query: str) -> Scope | None:
    found = _RANGE.match(query.strip())
    if not found:
        return None
    left, right = found.group(1), found.group(2)
    try:
        lo = _bounds(left)[0]
        hi = _bounds(right or left)[1]
    except ValueError as exc:
        raise BriefError(f"not a valid date range: {query!r} ({exc})") from None
    if lo > hi:
        raise BriefError(f"date range {query!r} ends before it starts")
    a, c = schema.articles, schema.canonical_events
    lo_s, hi_s = lo.isoformat(), hi.isoformat()
    articles = set(
        conn.execute(select(a.c.id).where(a.c.published >= lo_s, a.c.published <= hi_s)).scalars()
    )
    dated = set(
        conn.execute(
            select(c.c.id).where(
                c.c.date.is_not(None),
                c.c.date <= hi_s,
                func.coalesce(c.c.date_end, c.c.date) >= lo_s,
            )
        ).scalars()
    )
    undated = set()
    for chunk in _chunks(_linked(conn, articles, by="article_id", want="canonical_id")):
        undated.update(
            conn.execute(select(c.c.id).where(c.c.id.in_(chunk), c.c.date.is_(None))).scalars()
        )
    events = dated | undated
    if not articles and not events:
        raise BriefError(f"nothing is stored from {lo_s} to {hi_s}")
    return Scope(
        kind="dates",
        query=query,
        title=_date_title(left, right),
        article_ids=tuple(sorted(articles)),
        event_ids=tuple(sorted(events)),
        date_from=lo_s,
        date_to=hi_s,
    )


def _place_rows(conn: Connection, place_ids: Iterable[str]) -> dict[str, dict]:
    """One stored description (name, lat, lon, country, admin1, feature) per place id."""
    ap = schema.places
    out: dict[str, dict] = {}
    for chunk in _chunks(place_ids):
        for r in conn.execute(
            select(
                ap.c.place_id,
                ap.c.name,
                ap.c.lat,
                ap.c.lon,
                ap.c.country,
                ap.c.admin1,
                ap.c.feature,
            ).where(ap.c.place_id.in_(chunk))
        ).mappings():
            out.setdefault(r["place_id"], dict(r))
    return out


def _resolve_place(conn: Connection, query: str) -> Scope | None:
    ap, c = schema.places, schema.canonical_events
    wanted = fold(query)
    spellings: Counter[str] = Counter()
    matched: set[str] = set()
    for pid, name in conn.execute(select(ap.c.place_id, ap.c.name).distinct()):
        if fold(pid) == wanted or fold(name) == wanted:
            matched.add(pid)
            spellings[name] += 1
    for (pid, word), n in _surface_matches(conn, "place", query).items():
        matched.add(pid)
        spellings[word] += n
    if not matched:
        return None
    info = _place_rows(conn, matched)
    events: set[str] = set()
    for chunk in _chunks(matched):
        events.update(conn.execute(select(c.c.id).where(c.c.place.in_(chunk))).scalars())
    for pid in sorted(matched):  # places described relative to it: "east of Arsal"
        events.update(
            conn.execute(
                select(c.c.id).where(c.c.place.startswith(f"{pid}@", autoescape=True))
            ).scalars()
        )
    for _pid, row in sorted(info.items()):
        feature = row["feature"]
        if feature == "country" and row["country"]:
            inside = select(ap.c.place_id).where(ap.c.country == row["country"])
            events.update(conn.execute(select(c.c.id).where(c.c.place.in_(inside))).scalars())
            continue
        if feature == "admin1" and row["country"]:
            inside = select(ap.c.place_id).where(
                ap.c.country == row["country"], ap.c.admin1 == row["name"]
            )
            events.update(conn.execute(select(c.c.id).where(c.c.place.in_(inside))).scalars())
            continue
        if row["lat"] is None or row["lon"] is None:
            continue
        reach = _REACH_KM.get(feature, _NEAR_KM)
        dlat = reach / 111.0
        dlon = reach / max(1.0, 111.0 * math.cos(math.radians(row["lat"])))
        for cid, lat, lon, where in conn.execute(
            select(c.c.id, c.c.lat, c.c.lon, c.c.where_info).where(
                c.c.lat.between(row["lat"] - dlat, row["lat"] + dlat),
                c.c.lon.between(row["lon"] - dlon, row["lon"] + dlon),
            )
        ):
            there = json.loads(where) if where else {}
            if there.get("feature") in _BROAD:
                continue
            if distance_km(row["lat"], row["lon"], lat, lon) <= reach:
                events.add(cid)
    articles = _linked(conn, events, by="canonical_id", want="article_id")
    for chunk in _chunks(matched):
        articles.update(
            conn.execute(select(ap.c.article_id).where(ap.c.place_id.in_(chunk))).scalars()
        )
    spelled = spellings.most_common(1)[0][0]
    gazetteer = {r["name"] for r in info.values() if r["feature"] != "other"}
    extra = sorted(n for n in gazetteer if fold(n) != fold(spelled))
    title = f"{spelled} ({', '.join(extra)})" if extra else spelled
    return Scope(
        kind="place",
        query=query,
        title=title,
        article_ids=tuple(sorted(articles)),
        event_ids=tuple(sorted(events)),
        place_ids=tuple(sorted(matched)),
    )


def _resolve_actor(conn: Connection, query: str) -> Scope | None:
    aa, c = schema.actors, schema.canonical_events
    wanted = fold(query)
    names: Counter[str] = Counter()
    matched: set[str] = set()
    for aid, name in conn.execute(select(aa.c.actor_id, aa.c.name).distinct()):
        if fold(aid) == wanted or fold(name) == wanted:
            matched.add(aid)
            names[name] += 1
    if not matched:
        for (aid, word), n in _surface_matches(conn, "actor", query).items():
            matched.add(aid)
            names[word] += n
    if not matched:
        return None
    ids = sorted(matched)
    stored: Counter[str] = Counter(
        conn.execute(select(aa.c.name).where(aa.c.actor_id.in_(ids))).scalars()
    )
    names = stored or names
    events = set(
        conn.execute(select(c.c.id).where(or_(c.c.actor1.in_(ids), c.c.actor2.in_(ids)))).scalars()
    )
    articles = _linked(conn, events, by="canonical_id", want="article_id")
    if not articles:  # named but never an actor of an event: the articles that name it
        articles = set(
            conn.execute(select(aa.c.article_id).where(aa.c.actor_id.in_(ids))).scalars()
        )
    return Scope(
        kind="actor",
        query=query,
        title=names.most_common(1)[0][0],
        article_ids=tuple(sorted(articles)),
        event_ids=tuple(sorted(events)),
        actor_ids=tuple(ids),
    )


def _resolve_label(conn: Connection, query: str) -> Scope | None:
    st = schema.stories
    wanted = fold(query)
    if not wanted:
        return None
    best = None
    for sid, label, _n in conn.execute(
        select(st.c.id, st.c.label, st.c.articles).order_by(st.c.articles.desc(), st.c.id)
    ):
        if label and wanted in fold(label):
            best = sid
            break
    return None if best is None else _resolve_story(conn, query, best)


def some_stories(engine: Engine, n: int = 5) -> list[tuple[str, str]]:
    """The n biggest stories (id, label), to suggest when a query matches nothing."""
    st = schema.stories
    with engine.connect() as conn:
        return [
            (sid, label)
            for sid, label in conn.execute(
                select(st.c.id, st.c.label).order_by(st.c.articles.desc(), st.c.id).limit(n)
            )
        ]


def resolve(engine: Engine, query: str) -> Scope:
    """The scope a query means, trying in order: a story id, a date range (YYYY-MM-DD..
    YYYY-MM-DD, or YYYY-MM or YYYY alone), a place, an actor, words of a story label."""
    query = query.strip()
    if not query:
        raise BriefError("empty query: give a story id, a date range, a place or an actor")
    with engine.connect() as conn:
        if query.startswith("st-"):
            scope = _resolve_story(conn, query, query)
            if scope is not None:
                return scope
        for step in (_resolve_dates, _resolve_place, _resolve_actor, _resolve_label):
            scope = step(conn, query)
            if scope is not None:
                return scope
    known = some_stories(engine)
    listed = "; ".join(f"{sid} ({label})" for sid, label in known) or "none stored yet"
    raise BriefError(
        f"nothing matches {query!r}: tried a story id, a date range (YYYY-MM-DD..YYYY-MM-DD, "
        f"YYYY-MM or YYYY), a place, an actor and story labels; stories: {listed}"
    )


# --- reading a scope -----------------------------------------------------------------------


def _span(article_id: str, row) -> Span:
    return Span(article_id, row["ev_start"], row["ev_end"], row["ev_text"])


def _claim_words(evidence: Span, text: str) -> Span:
    at = evidence.text.find(text) if text else -1
    if at < 0:
        return evidence
    start = evidence.start + at
    return Span(evidence.article_id, start, start + len(text), text)


def _load_events(conn: Connection, event_ids: Iterable[str]) -> list[CanonicalEvent]:
    c, e, link, art = schema.canonical_events, schema.events, schema.event_links, schema.articles
    rows: dict[str, dict] = {}
    reports: dict[str, list[Report]] = defaultdict(list)
    for chunk in _chunks(event_ids):
        for r in conn.execute(select(c).where(c.c.id.in_(chunk))).mappings():
            rows[r["id"]] = dict(r)
        for r in conn.execute(
            select(e, link.c.canonical_id, link.c.score, art.c.source, art.c.published)
            .join(link, and_(link.c.article_id == e.c.article_id, link.c.event_id == e.c.id))
            .join(art, art.c.id == e.c.article_id)
            .where(link.c.canonical_id.in_(chunk))
            .order_by(art.c.published, e.c.article_id, e.c.seq)
        ).mappings():
            reports[r["canonical_id"]].append(
                Report(
                    article_id=r["article_id"],
                    event_id=r["id"],
                    source=r["source"],
                    published=r["published"],
                    event_type=r["event_type"],
                    sub_event_type=r["sub_event_type"],
                    status=r["status"],
                    date=r["date"],
                    date_end=r["date_end"],
                    date_precision=r["date_precision"],
                    actor1=r["actor1"],
                    actor2=r["actor2"],
                    place=r["place"],
                    fatalities=r["fatalities"],
                    confidence=float(r["confidence"]),
                    score=float(r["score"]),
                    evidence=_span(r["article_id"], r),
                )
            )
    out = []
    for cid, r in rows.items():
        mine = sorted(reports.get(cid, []), key=lambda p: (p.published or "9999", p.article_id))
        if not mine:
            continue
        out.append(
            CanonicalEvent(
                id=cid,
                story_id=r["story_id"],
                event_type=r["event_type"],
                sub_event_type=r["sub_event_type"],
                status=r["status"],
                date=r["date"],
                date_end=r["date_end"],
                date_precision=r["date_precision"],
                actor1=r["actor1"],
                actor2=r["actor2"],
                place=r["place"],
                lat=r["lat"],
                lon=r["lon"],
                fatalities=r["fatalities"],
                fatalities_min=r["fatalities_min"],
                fatalities_max=r["fatalities_max"],
                reports=tuple(mine),
            )
        )
    out.sort(key=lambda ev: (ev.date is None, ev.date or "", ev.reports[0].published or "", ev.id))
    return out


def _names(conn: Connection, article_ids: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Display names (actors and people as stored, places as the articles spell them most),
    and the force each actor names (a state and its forces are one)."""
    aa, pp, ap, m, art = (
        schema.actors,
        schema.people,
        schema.places,
        schema.mentions,
        schema.articles,
    )
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    forces: dict[str, str] = {}
    surface = func.substr(art.c.text, m.c.start + 1, m.c.end - m.c.start)
    for chunk in _chunks(article_ids):
        for aid, name, kind, country in conn.execute(
            select(aa.c.actor_id, aa.c.name, aa.c.kind, aa.c.country).where(
                aa.c.article_id.in_(chunk)
            )
        ):
            tally[aid][name] += 1
            forces.setdefault(aid, min(actor_keys(aid, ActorInfo(kind, country))))
        for pid, name in conn.execute(
            select(pp.c.person_id, pp.c.name).where(pp.c.article_id.in_(chunk))
        ):
            tally[pid][name] += 1
        for pid, name in conn.execute(
            select(ap.c.place_id, ap.c.name).where(ap.c.article_id.in_(chunk))
        ):
            tally[pid][name] += 1
        for pid, word in conn.execute(
            select(m.c.entity_id, surface)
            .join(art, art.c.id == m.c.article_id)
            .where(m.c.entity == "place", m.c.article_id.in_(chunk))
        ):
            if word:
                spelled[pid][" ".join(word.split())] += 1
    names = {k: v.most_common(1)[0][0] for k, v in tally.items()}
    for pid, words in spelled.items():
        names[pid] = min(words.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return names, forces


def _extras(conn: Connection, article_ids: set[str]):
    rel, q, cl = schema.relations, schema.quotes, schema.claims
    relations, quotes, claims = [], [], []
    for chunk in _chunks(article_ids):
        for r in conn.execute(
            select(rel).where(rel.c.article_id.in_(chunk), rel.c.origin == "text")
        ).mappings():
            relations.append(
                RelationItem(r["source"], r["target"], r["kind"], _span(r["article_id"], r))
            )
        for r in conn.execute(select(q).where(q.c.article_id.in_(chunk))).mappings():
            quotes.append(
                QuoteItem(
                    r["speaker"],
                    r["affiliation"],
                    r["text"],
                    bool(r["direct"]),
                    _span(r["article_id"], r),
                )
            )
        for r in conn.execute(select(cl).where(cl.c.article_id.in_(chunk))).mappings():
            evidence = _span(r["article_id"], r)
            claims.append(
                ClaimItem(
                    value=float(r["value"]),
                    unit=r["unit"],
                    subject=r["subject"],
                    hedge=r["hedge"],
                    text=r["text"],
                    evidence=evidence,
                    words=_claim_words(evidence, r["text"]),
                )
            )
    return relations, quotes, claims


def _by_article(items: list, published: dict[str, str | None]) -> list:
    def key(item):
        span = item.evidence
        return (published.get(span.article_id) or "9999", span.article_id, span.start, span.end)

    return sorted(items, key=key)


def dossier(engine: Engine, scope: Scope) -> Dossier:
    """Read everything a briefing on `scope` states: articles, canonical events with all
    their reports, relations stated in the text, quotes, claims and display names."""
    art, st = schema.articles, schema.stories
    with engine.connect() as conn:
        events = _load_events(conn, scope.event_ids)
        cited = set(scope.article_ids) | {p.article_id for ev in events for p in ev.reports}
        articles = []
        for chunk in _chunks(cited):
            articles += [
                ArticleInfo(*row)
                for row in conn.execute(
                    select(art.c.id, art.c.title, art.c.source, art.c.published).where(
                        art.c.id.in_(chunk)
                    )
                )
            ]
        articles.sort(key=lambda a: (a.published or "9999", a.id))
        relations, quotes, claims = _extras(conn, set(scope.article_ids))
        names, forces = _names(conn, cited)
        date_from, date_to = scope.date_from, scope.date_to
        if scope.kind == "story" and scope.story_id:
            date_from, date_to = conn.execute(
                select(st.c.date_start, st.c.date_end).where(st.c.id == scope.story_id)
            ).one()
        elif scope.kind != "dates":
            days = [a.published for a in articles if a.published]
            days += [ev.date for ev in events if ev.date and ev.status in ("occurred", "ongoing")]
            date_from, date_to = (min(days), max(days)) if days else (None, None)
    published = {a.id: a.published for a in articles}
    return Dossier(
        kind=scope.kind,
        query=scope.query,
        title=scope.title,
        date_from=date_from,
        date_to=date_to,
        articles=articles,
        events=events,
        relations=_by_article(relations, published),
        quotes=_by_article(quotes, published),
        claims=_by_article(claims, published),
        names=names,
        story_id=scope.story_id,
        forces=forces,
    )


# --- stories for the CLI and the API -------------------------------------------------------

STORY_COLUMNS = (
    "id",
    "label",
    "place",
    "actors",
    "event_type",
    "date_start",
    "date_end",
    "articles",
    "events",
    "updated_at",
)


def _story_dict(row) -> dict:
    out = {k: row[k] for k in STORY_COLUMNS}
    out["actors"] = json.loads(out["actors"] or "[]")
    return out


def list_stories(engine: Engine, *, limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
    """(total, one page of stories), latest first (date_end descending, then id)."""
    st = schema.stories
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(st)).scalar_one()
        rows = conn.execute(
            select(*(st.c[k] for k in STORY_COLUMNS))
            .order_by(st.c.date_end.desc().nulls_last(), st.c.id)
            .limit(limit)
            .offset(offset)
        ).mappings()
        return total, [_story_dict(r) for r in rows]


def get_story_row(engine: Engine, story_id: str) -> dict | None:
    """One story's row (label, span, counts), or None."""
    st = schema.stories
    with engine.connect() as conn:
        row = (
            conn.execute(select(*(st.c[k] for k in STORY_COLUMNS)).where(st.c.id == story_id))
            .mappings()
            .one_or_none()
        )
    return None if row is None else _story_dict(row)


def get_story(engine: Engine, story_id: str) -> dict | None:
    """One story with its articles and its canonical events (each with its reports)."""
    row = get_story_row(engine, story_id)
    if row is None:
        return None
    with engine.connect() as conn:
        scope = _resolve_story(conn, story_id, story_id)
    if scope is None:  # removed in the meantime
        return None
    found = dossier(engine, scope)
    return {
        "story": row,
        "articles": [asdict(a) for a in found.articles],
        "events": [asdict(ev) for ev in found.events],
    }
