"""Keeping the stories tables in step with the articles, one article at a time.

`link` runs inside the transaction that stores an article: it links each of the article's
events to the canonical event it reports (or founds a new one), re-reconciles the canonical
events it touched, and puts the article in a storyline. `forget` undoes one article's part
before a changed article is rewritten. Neither looks at more of the database than the
candidates an index finds, so ingest stays incremental; `rebuild` recomputes everything.
"""

from __future__ import annotations

import hashlib
import json
import math
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, and_, delete, func, or_, select, update

from sitroom.model import Event, Record
from sitroom.store import schema
from sitroom.stories import group, match
from sitroom.stories.label import label
from sitroom.stories.reconcile import reconcile
from sitroom.stories.sighting import ActorInfo, PlaceInfo, Sighting, rules, window
from sitroom.stories.terms import tfidf, top, words

_WORDS_KEPT = 60


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _sighting(event: Event, record: Record) -> Sighting:
    actors = {a.id: a for a in record.actors}
    places = {p.id: p for p in record.places}
    cast = {}
    for aid in (event.actor1, event.actor2):
        if aid and aid in actors:
            a = actors[aid]
            cast[aid] = ActorInfo(a.kind, a.country, a.parent)
    lo, hi = window(
        event.status, event.date, event.date_end, event.date_precision, record.article.published
    )
    where = places.get(event.place) if event.place else None
    return Sighting(
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        plover=event.plover,
        status=event.status,
        lo=lo,
        hi=hi,
        precision=event.date_precision if event.date else None,
        actors=cast,
        side1=frozenset({event.actor1} & cast.keys()),
        side2=frozenset({event.actor2} & cast.keys()),
        place=event.place if where else None,
        where=PlaceInfo.of(where) if where else None,
        words=frozenset(words(event.evidence.text)),
        triggers=frozenset(words(event.trigger.text)) if event.trigger else frozenset(),
        article_id=record.article.id,
    )


def _canonical_sighting(row) -> Sighting:
    info = json.loads(row["where_info"]) if row["where_info"] else None
    cast = json.loads(row["actors"])  # {id: [kind, country, parent, roles]}
    return Sighting(
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        plover=row["plover"],
        status=row["status"],
        lo=row["day_lo"],
        hi=row["day_hi"],
        precision=row["date_precision"],
        actors={k: ActorInfo(*v[:3]) for k, v in cast.items()},
        side1=frozenset(k for k, v in cast.items() if "1" in v[3]),
        side2=frozenset(k for k, v in cast.items() if "2" in v[3]),
        place=row["place"],
        where=PlaceInfo(**info) if info else None,
        words=frozenset(json.loads(row["words"])),
        triggers=frozenset(json.loads(row["triggers"])),
    )


_WIDE = ("country", "admin1", "region")


#: Canonical events already read, as the linker sees them, by id: (stamp, sighting). A
#: stamp is a fresh random token on every change, so an entry is current or never used.
_SIGHTINGS: dict[str, tuple[str, Sighting]] = {}
_SIGHTINGS_KEPT = 50_000


def _box(c, p: PlaceInfo, km: float):
    """Canonical events placed within about `km` of p (a box: an index-friendly superset)."""
    dlat = km / 111.0
    dlon = dlat / max(0.1, math.cos(math.radians(p.lat)))
    return and_(
        c.c.lat.between(p.lat - dlat, p.lat + dlat), c.c.lon.between(p.lon - dlon, p.lon + dlon)
    )


def _candidates(conn: Connection, s: Sighting) -> list[tuple[str, Sighting]]:
    """Canonical events the report could be: in its window of days, of a compatible type and
    status, placed near it (or only widely) when it is placed at a town, and held to the
    rules match.score sets for undated reports. A superset of what score accepts."""
    if s.lo is None or s.hi is None:
        return []
    c = schema.canonical_events
    statuses = next((g for g in rules()["status_groups"] if s.status in g), [s.status])
    where = [
        c.c.day_lo <= s.hi,
        c.c.day_lo >= s.lo - rules()["max_window_days"],
        c.c.day_hi >= s.lo,
        c.c.event_type.in_(match.compatible_types(s.event_type)),
        c.c.status.in_(statuses),
    ]
    p = s.where
    placed = p is not None and p.lat is not None and p.lon is not None
    close = _box(c, p, match.undated_km()) if placed else None
    if not s.dated:  # an undated report joins only the same kind of event close by
        if close is None:
            return []
        where += [c.c.sub_event_type == s.sub_event_type, close]
    else:  # and so does an undated canonical event
        undated_ok = and_(c.c.sub_event_type == s.sub_event_type, close) if placed else None
        dated = c.c.date_precision.is_not(None)
        where.append(dated if undated_ok is None else or_(dated, undated_ok))
    if placed and p.feature not in _WIDE:
        where.append(
            or_(c.c.lat.is_(None), c.c.place_feature.in_(_WIDE), _box(c, p, rules()["region_km"]))
        )
    found = dict(conn.execute(select(c.c.id, c.c.stamp).where(*where)).all())
    stale = [cid for cid, stamp in found.items() if _SIGHTINGS.get(cid, ("",))[0] != stamp]
    if stale:
        if len(_SIGHTINGS) > _SIGHTINGS_KEPT:
            _SIGHTINGS.clear()
        for start in range(0, len(stale), 500):  # bounded bind parameters per query
            chunk = stale[start : start + 500]
            for row in conn.execute(select(c).where(c.c.id.in_(chunk))).mappings():
                _SIGHTINGS[row["id"]] = (row["stamp"], _canonical_sighting(row))
    return [(cid, _SIGHTINGS[cid][1]) for cid in sorted(found)]


def _match(conn: Connection, record: Record) -> list[tuple[Event, Sighting, str | None, float]]:
    """Each event with the canonical event it reports (None: a new one) and the score.

    Pairs are taken best-first, and one article gives a canonical event one report at most:
    the events stage has already joined an article's reports of one happening.
    """
    sightings = [(e, _sighting(e, record)) for e in record.events]
    pairs = []
    for i, (_, s) in enumerate(sightings):
        for cid, other in _candidates(conn, s):
            value = match.score(s, other)
            if value >= rules()["threshold"]:
                pairs.append((value, i, cid))
    chosen: dict[int, tuple[str, float]] = {}
    used: set[str] = set()
    for value, i, cid in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if i not in chosen and cid not in used:
            chosen[i] = (cid, value)
            used.add(cid)
    return [
        (e, s, *chosen.get(i, (None, 1.0)))  # type: ignore[misc]
        for i, (e, s) in enumerate(sightings)
    ]


def _reports(conn: Connection, canonical_id: str) -> list[dict]:
    """Every report of a canonical event: the event row, its article's date and its place."""
    e, link, art, pl = schema.events, schema.event_links, schema.articles, schema.places
    rows = conn.execute(
        select(
            e,
            art.c.published,
            pl.c.lat,
            pl.c.lon,
            pl.c.feature,
            pl.c.country.label("place_country"),
            pl.c.admin1,
            pl.c.name.label("place_name"),
        )
        .join(link, and_(link.c.article_id == e.c.article_id, link.c.event_id == e.c.id))
        .join(art, art.c.id == e.c.article_id)
        .outerjoin(pl, and_(pl.c.article_id == e.c.article_id, pl.c.place_id == e.c.place))
        .where(link.c.canonical_id == canonical_id)
        .order_by(art.c.published, e.c.article_id, e.c.seq)
    ).mappings()
    return [dict(r) for r in rows]


def _actor_infos(conn: Connection, pairs: set[tuple[str, str]]) -> dict[str, list]:
    """[kind, country, parent] of each actor, as the articles that name it store it."""
    a = schema.actors
    if not pairs:
        return {}
    rows = conn.execute(
        select(a.c.article_id, a.c.actor_id, a.c.kind, a.c.country, a.c.parent).where(
            a.c.article_id.in_(sorted({p[0] for p in pairs})),
            a.c.actor_id.in_(sorted({p[1] for p in pairs})),
        )
    ).all()
    out: dict[str, list] = {}
    for article_id, actor_id, *info in sorted(rows):
        if (article_id, actor_id) in pairs:
            out.setdefault(actor_id, info)
    return out


def _refresh_canonical(conn: Connection, canonical_id: str) -> None:
    """Reconcile a canonical event from its reports; drop it when none is left."""
    c = schema.canonical_events
    rows = _reports(conn, canonical_id)
    if not rows:
        conn.execute(delete(c).where(c.c.id == canonical_id))
        return
    fields = reconcile(rows)
    cast, roles = set(), {}
    for r in rows:
        for role, aid in (("1", r["actor1"]), ("2", r["actor2"])):
            if aid:
                cast.add((r["article_id"], aid))
                roles.setdefault(aid, set()).add(role)
    spans = [
        window(r["status"], r["date"], r["date_end"], r["date_precision"], r["published"])
        for r in rows
    ]
    spans = [(lo, hi) for lo, hi in spans if lo is not None]
    lo = max((s[0] for s in spans), default=None)
    hi = min((s[1] for s in spans), default=None)
    if lo is not None and hi is not None and lo > hi:  # reports disagree: keep the tightest
        lo, hi = min(spans, key=lambda s: s[1] - s[0])
    place_row = next((r for r in rows if r["place"] == fields["place"] and r["feature"]), None)
    said = Counter(w for r in rows for w in set(words(r["ev_text"])))
    conn.execute(
        update(c)
        .where(c.c.id == canonical_id)
        .values(
            **fields,
            day_lo=lo,
            day_hi=hi,
            stamp=uuid.uuid4().hex,
            place_feature=place_row["feature"] if place_row else None,
            actors=json.dumps(
                {
                    aid: [*info, "".join(sorted(roles[aid]))]
                    for aid, info in _actor_infos(conn, cast).items()
                },
                sort_keys=True,
            ),
            triggers=json.dumps(sorted({w for r in rows for w in words(r["trigger_text"] or "")})),
            where_info=json.dumps(
                {
                    "lat": place_row["lat"],
                    "lon": place_row["lon"],
                    "country": place_row["place_country"],
                    "admin1": place_row["admin1"],
                    "feature": place_row["feature"],
                    "name": place_row["place_name"],
                }
            )
            if place_row
            else None,
            words=json.dumps(sorted(top(said, _WORDS_KEPT))),
            updated_at=_now(),
        )
    )


def _found(conn: Connection, event: Event, article_id: str, story_id: str | None) -> str:
    """A new canonical event for a report that matches none (its fields are set by refresh)."""
    cid = "ce-" + hashlib.sha1(f"{article_id}:{event.id}".encode()).hexdigest()[:14]
    conn.execute(
        schema.canonical_events.insert().values(
            id=cid,
            story_id=story_id,
            event_type=event.event_type,
            sub_event_type=event.sub_event_type,
            plover=event.plover,
            status=event.status,
            reports=0,
            articles=0,
            stamp=uuid.uuid4().hex,
            updated_at=_now(),
        )
    )
    return cid


# --- storylines ---------------------------------------------------------------------------


def _df(conn: Connection, terms) -> tuple[dict[str, int], int]:
    t = schema.term_df
    found = dict(conn.execute(select(t.c.term, t.c.df).where(t.c.term.in_(list(terms)))).all())
    n_docs = conn.execute(select(func.count()).select_from(schema.story_articles)).scalar_one()
    return found, n_docs


def _bump_df(conn: Connection, terms, delta: int) -> None:
    t = schema.term_df
    terms = sorted(terms)
    known = set(conn.execute(select(t.c.term).where(t.c.term.in_(terms))).scalars())
    if known:
        conn.execute(update(t).where(t.c.term.in_(known)).values(df=t.c.df + delta))
    fresh = [{"term": w, "df": delta} for w in terms if w not in known and delta > 0]
    if fresh:
        conn.execute(t.insert(), fresh)


def _keys(profile: group.Profile) -> list[str]:
    """What finds a story for an article: its actors and places, but for the broad ones
    (countries, states, generic collectives) that half the database shares."""
    actors = [f"a:{a}" for a in profile.actors if a not in profile.broad]
    places = [f"p:{p}" for p in profile.places if p not in profile.broad]
    return sorted(actors + places)


def _bump_keys(conn: Connection, story_id: str, keys: list[str], delta: int) -> None:
    k = schema.story_keys
    known = set(
        conn.execute(select(k.c.key).where(k.c.story_id == story_id, k.c.key.in_(keys))).scalars()
    )
    if known:
        conn.execute(
            update(k)
            .where(k.c.story_id == story_id, k.c.key.in_(sorted(known)))
            .values(n=k.c.n + delta)
        )
        conn.execute(delete(k).where(k.c.story_id == story_id, k.c.n <= 0))
    fresh = [{"story_id": story_id, "key": key, "n": delta} for key in keys if key not in known]
    if fresh and delta > 0:
        conn.execute(k.insert(), fresh)


def _story_candidates(
    conn: Connection, mine: group.Profile, canonical_ids: set[str]
) -> dict[str, bool]:
    """Stories that share the most actors and places with the article, and those holding an
    event it reports (True)."""
    k, sa, link = schema.story_keys, schema.story_articles, schema.event_links
    best: list[str] = []
    keys = _keys(mine)
    if keys:
        shared = func.sum(k.c.n)
        best = list(
            conn.execute(
                select(k.c.story_id)
                .where(k.c.key.in_(keys))
                .group_by(k.c.story_id)
                .order_by(shared.desc(), k.c.story_id)
                .limit(group.rules()["candidates"])
            ).scalars()
        )
    sharing = set()
    if canonical_ids:
        sharing = set(
            conn.execute(
                select(sa.c.story_id)
                .join(link, link.c.article_id == sa.c.article_id)
                .where(link.c.canonical_id.in_(sorted(canonical_ids)))
            ).scalars()
        )
    chosen = list(dict.fromkeys([*sorted(sharing), *best]))
    return {sid: sid in sharing for sid in chosen}


#: Story profiles already read, by story id: (stamp, profile). A stamp is a fresh random
#: token on every change of a profile, so an entry is either current or never matched again.
_PROFILES: dict[str, tuple[str, group.Profile]] = {}
_PROFILES_KEPT = 5000
#: Their TF-IDF vectors, by stamp, weighed with the word counts of when they were first read.
_VECTORS: dict[str, dict[str, float]] = {}


def _profiles(conn: Connection, story_ids: list[str]) -> dict[str, group.Profile]:
    """The stories' profiles, read from the database only when changed since last read."""
    st = schema.stories
    stamps = dict(conn.execute(select(st.c.id, st.c.stamp).where(st.c.id.in_(story_ids))).all())
    stale = [sid for sid, stamp in stamps.items() if _PROFILES.get(sid, ("",))[0] != stamp]
    if stale:
        if len(_PROFILES) > _PROFILES_KEPT:
            _PROFILES.clear()
        for sid, stamp, raw in conn.execute(
            select(st.c.id, st.c.stamp, st.c.profile).where(st.c.id.in_(stale))
        ):
            _PROFILES[sid] = (stamp, group.Profile.from_json(json.loads(raw)))
    return {sid: _PROFILES[sid][1] for sid in story_ids if sid in stamps}


def _place_story(conn: Connection, record: Record, canonical_ids: set[str]) -> str:
    """Put the article in its best story (or a new one); returns the story id."""
    st, sa = schema.stories, schema.story_articles
    mine = group.profile_of(record)
    df, n_docs = _df(conn, mine.terms)
    n_docs += 1
    for t in mine.terms:
        df[t] = df.get(t, 0) + 1
    best_id, best, best_profile = None, group.rules()["threshold"], None
    candidates = _story_candidates(conn, mine, canonical_ids)
    for sid, profile in _profiles(conn, list(candidates)).items():
        stamp = _PROFILES[sid][0]
        if stamp not in _VECTORS:
            if len(_VECTORS) > _PROFILES_KEPT:
                _VECTORS.clear()
            _VECTORS[stamp] = tfidf(profile.terms, df, n_docs)
        value = group.similarity(
            mine, profile, df, n_docs, shares_event=candidates[sid], story_vector=_VECTORS[stamp]
        )
        if value > best or (value == best and best_id is not None and sid < best_id):
            best_id, best, best_profile = sid, value, profile
    if best_id is None:
        best_id = "st-" + hashlib.sha1(record.article.id.encode()).hexdigest()[:12]
        conn.execute(delete(st).where(st.c.id == best_id))
        conn.execute(
            st.insert().values(
                id=best_id,
                label="",
                articles=0,
                events=0,
                profile=json.dumps(mine.to_json()),
                stamp=uuid.uuid4().hex,
                updated_at=_now(),
            )
        )
        best = 1.0
    else:
        merged = group.add(best_profile, mine)
        stamp = uuid.uuid4().hex
        conn.execute(
            update(st)
            .where(st.c.id == best_id)
            .values(profile=json.dumps(merged.to_json()), stamp=stamp)
        )
        _PROFILES[best_id] = (stamp, merged)
    conn.execute(
        sa.insert().values(
            article_id=record.article.id,
            story_id=best_id,
            score=best,
            profile=json.dumps(mine.to_json()),
        )
    )
    _bump_df(conn, mine.terms, +1)
    _bump_keys(conn, best_id, _keys(mine), +1)
    return best_id


def _refresh_story(conn: Connection, story_id: str) -> None:
    """Recount a story and re-label it from its profile; drop it when no article is left."""
    st, c = schema.stories, schema.canonical_events
    profile = _profiles(conn, [story_id]).get(story_id)
    if profile is None:
        return
    if profile.n <= 0:
        conn.execute(delete(st).where(st.c.id == story_id))
        conn.execute(update(c).where(c.c.story_id == story_id).values(story_id=None))
        return
    n_events = conn.execute(
        select(func.count()).select_from(c).where(c.c.story_id == story_id)
    ).scalar_one()
    made = label(profile)
    conn.execute(
        update(st)
        .where(st.c.id == story_id)
        .values(
            label=made.text,
            place=made.place,
            actors=json.dumps(made.actors),
            event_type=made.event_type,
            date_start=profile.began or profile.first,
            date_end=profile.last,
            articles=profile.n,
            events=n_events,
            updated_at=_now(),
        )
    )


# --- the entry points ---------------------------------------------------------------------


def link(conn: Connection, record: Record) -> None:
    """Link a just-stored article's events and put it in a story (caller's transaction)."""
    matched = _match(conn, record)
    story_id = _place_story(conn, record, {cid for _, _, cid, _ in matched if cid})
    touched: set[str] = set()
    grown: set[str] = set()  # canonical events that existed and got a report
    for event, _s, cid, value in matched:
        if cid is None:
            cid = _found(conn, event, record.article.id, story_id)
        else:
            grown.add(cid)
        conn.execute(
            schema.event_links.insert().values(
                article_id=record.article.id, event_id=event.id, canonical_id=cid, score=value
            )
        )
        touched.add(cid)
    for cid in sorted(touched):
        _refresh_canonical(conn, cid)
    for cid in sorted(grown):  # a new one was just matched against them all
        _join_twins(conn, cid)
    _refresh_story(conn, story_id)


def _articles_of(conn: Connection, canonical_id: str) -> set[str]:
    link_t = schema.event_links
    return set(
        conn.execute(
            select(link_t.c.article_id).where(link_t.c.canonical_id == canonical_id)
        ).scalars()
    )


def _join_twins(conn: Connection, canonical_id: str) -> None:
    """Join a canonical event that a new report has made more precise with another it now
    matches: a report dated late can show that two events founded earlier, each from reports
    too vague to link, are one. The event with more reports keeps its id. Without this the
    links would depend on the order the articles came in."""
    c, link_t = schema.canonical_events, schema.event_links
    row = conn.execute(select(c).where(c.c.id == canonical_id)).mappings().one_or_none()
    if row is None:
        return
    me = _canonical_sighting(row)
    mine = _articles_of(conn, canonical_id)
    best = None
    for other_id, other in _candidates(conn, me):
        if other_id == canonical_id:
            continue
        value = match.score(me, other)
        better = value >= rules()["threshold"] and (best is None or value > best[0])
        if better and not mine & _articles_of(conn, other_id):  # one article, one report
            best = (value, other_id)
    if best is None:
        return
    other_id = best[1]
    reports = dict(
        conn.execute(select(c.c.id, c.c.reports).where(c.c.id.in_([canonical_id, other_id]))).all()
    )
    keep, drop = sorted((canonical_id, other_id), key=lambda i: (-reports.get(i, 0), i))
    story = conn.execute(select(c.c.story_id).where(c.c.id == drop)).scalar()
    conn.execute(update(link_t).where(link_t.c.canonical_id == drop).values(canonical_id=keep))
    conn.execute(delete(c).where(c.c.id == drop))
    _SIGHTINGS.pop(drop, None)
    _refresh_canonical(conn, keep)
    if story:
        _refresh_story(conn, story)  # it holds one event fewer


def forget(conn: Connection, article_id: str) -> None:
    """Take one article out of the stories tables, before it is rewritten or removed."""
    link_t, sa, st = schema.event_links, schema.story_articles, schema.stories
    touched = set(
        conn.execute(select(link_t.c.canonical_id).where(link_t.c.article_id == article_id))
        .scalars()
        .all()
    )
    conn.execute(delete(link_t).where(link_t.c.article_id == article_id))
    for cid in sorted(touched):
        _refresh_canonical(conn, cid)
    row = conn.execute(select(sa).where(sa.c.article_id == article_id)).mappings().one_or_none()
    if row is None:
        return
    mine = group.Profile.from_json(json.loads(row["profile"]))
    conn.execute(delete(sa).where(sa.c.article_id == article_id))
    _bump_df(conn, mine.terms, -1)
    _bump_keys(conn, row["story_id"], _keys(mine), -1)
    current = conn.execute(select(st.c.profile).where(st.c.id == row["story_id"])).scalar()
    if current is not None:
        left = group.remove(group.Profile.from_json(json.loads(current)), mine)
        conn.execute(
            update(st)
            .where(st.c.id == row["story_id"])
            .values(profile=json.dumps(left.to_json()), stamp=uuid.uuid4().hex)
        )
    _refresh_story(conn, row["story_id"])


def rebuild(engine: Engine, tick: Callable[[], None] = lambda: None) -> int:
    """Recompute every link and story from the stored articles, oldest first."""
    from sitroom.store.read import get_record

    with engine.begin() as conn:
        for table in schema.STORY_TABLES:
            conn.execute(delete(table))
        a = schema.articles
        ids = list(
            conn.execute(select(a.c.id).order_by(a.c.published.nulls_last(), a.c.id)).scalars()
        )
    for aid in ids:
        record = get_record(engine, aid)
        if record is not None:
            with engine.begin() as conn:
                link(conn, record)
        tick()
    return len(ids)
