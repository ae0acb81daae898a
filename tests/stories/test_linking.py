"""Cross-report event linking on a real database (SQLite and PostgreSQL).

Our own short dispatches (tests/stories/dispatches, one family of files per question) go
through the real pipeline into a real database, once per module and backend; the tests read
`canonical_events` and `event_links` back. A family of reports of one happening must become
one canonical event whose fields are reconciled the ACLED way; reports that only look alike
(far apart, years apart, expected but not yet fought, two bombings in one article, one town
on one day) must not. The bundled examples and the seeds are checked the same way, and so
are idempotent re-ingest, a changed article and a rebuild from scratch.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from sqlalchemy import Connection, Engine, and_, func, select

from sitroom import store
from sitroom.batch import Summary, ingest_paths
from sitroom.model import Record
from sitroom.store import schema
from sitroom.store.stories import rebuild
from tests.conftest import backend_url, stored
from tests.stories.conftest import DISPATCHES

# Family 1: one car bomb in Azaz on Tuesday 2016-10-04, three outlets, three tolls.
AZAZ_TUESDAY = "2016-10-04-euphrates-courier-azaz-car-bomb"  # "on Tuesday", 12 killed
AZAZ_YESTERDAY = "2016-10-05-hauran-bulletin-azaz-bombing"  # "yesterday", 15 killed
AZAZ_AT_LEAST = "2016-10-06-coastline-press-azaz-toll"  # "on Tuesday", "at least 10"
AZAZ_2016 = (AZAZ_TUESDAY, AZAZ_YESTERDAY, AZAZ_AT_LEAST)
# ... and another car bomb in Azaz, two years later.
AZAZ_2018 = "2018-10-02-euphrates-courier-azaz-car-bomb"
# Family 1b: Palmyra taken by "Islamic State" / "ISIS", retaken by "Syria's army" /
# "Syrian government forces".
PALMYRA_FALLS = "2015-05-21-levant-times-palmyra-falls"
PALMYRA_ISIS = "2015-05-22-desert-post-isis-takes-palmyra"
PALMYRA_ARMY = "2016-03-27-levant-times-army-retakes-palmyra"
PALMYRA_GOVERNMENT = "2016-03-28-desert-post-palmyra-regained"
# Family 2: must not link.
JABLEH = "2016-05-23-coastline-press-jableh-bombing"
TARTUS = "2016-05-23-levant-times-tartus-bombing"
RAQQA_EXPECTED = "2016-02-10-euphrates-courier-raqqa-offensive-expected"
RAQQA_BATTLE = "2017-06-06-hauran-bulletin-raqqa-battle-begins"
ZEINAB_ONE = "2016-02-21-levant-times-sayyida-zeinab-bombing"
ZEINAB_TWO = "2016-02-22-coastline-press-damascus-two-bombings"  # Sayyida Zeinab + Jaramana
DEIR_SHELLING = "2017-09-15-euphrates-courier-deir-ez-zor-shelling"
DEIR_STRIKE = "2017-09-16-desert-post-deir-ez-zor-air-strikes"

BOMB = "Remote explosive/landmine/IED"
NEAR_KM = 25
HAPPENED = {"occurred", "ongoing"}
EXPECTED = {"anticipated", "threatened"}

# The bundled examples and the seeds.
DAMASCUS_BOMBING = "2015-05-03-crossroads-news-damascus-bombing"
DAMASCUS_RSS_TITLE = "Nusra Front says it carried out weekend suicide attack in Damascus"
QALAMOUN_LOOMS = "2013-10-28-levant-wire-qalamoun-offensive-looms"
QALAMOUN_BEGINS = "2015-05-05-levant-wire-qalamoun-battle-begins"


# --- databases ---------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def linked(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    records: list[Record],
) -> Iterator[Engine]:
    """Every dispatch stored, in publication order (the order `sitroom ingest` reads them)."""
    yield from stored(request.param, tmp_path_factory, "linking", records)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def bundled(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    example_records: list[Record],
    seed_records: list[Record],
) -> Iterator[Engine]:
    """The bundled examples and both seeds stored, in the order `sitroom ingest` reads them."""
    yield from stored(request.param, tmp_path_factory, "linking", [*example_records, *seed_records])


# --- reading the tables back -------------------------------------------------------------------


def events_of(conn: Connection, article_id: str, **where) -> list[dict]:
    """An article's events (filtered by column values), each with its canonical event id."""
    e, link = schema.events, schema.event_links
    query = (
        select(e, link.c.canonical_id)
        .outerjoin(link, and_(link.c.article_id == e.c.article_id, link.c.event_id == e.c.id))
        .where(e.c.article_id == article_id, *(e.c[k] == v for k, v in where.items()))
        .order_by(e.c.seq)
    )
    return [dict(r) for r in conn.execute(query).mappings()]


def the_event(conn: Connection, article_id: str, **where) -> dict:
    """The one event of the article that matches; the dispatch is written to give exactly one."""
    found = events_of(conn, article_id, **where)
    shown = [(r["event_type"], r["sub_event_type"], r["date"], r["place"]) for r in found]
    assert len(found) == 1, f"{article_id} {where}: {shown}"
    assert found[0]["canonical_id"] is not None, f"{article_id}: event not linked"
    return found[0]


def canonical(conn: Connection, canonical_id: str) -> dict:
    c = schema.canonical_events
    return dict(conn.execute(select(c).where(c.c.id == canonical_id)).mappings().one())


def links_of(conn: Connection, canonical_id: str) -> set[tuple[str, str]]:
    link = schema.event_links
    rows = conn.execute(
        select(link.c.article_id, link.c.event_id).where(link.c.canonical_id == canonical_id)
    )
    return {tuple(r) for r in rows}


def place_spelled(conn: Connection, article_id: str, words: str) -> dict:
    """The place the article names with these words (its id and coordinates)."""
    text = conn.execute(
        select(schema.articles.c.text).where(schema.articles.c.id == article_id)
    ).scalar_one()
    m, p = schema.mentions, schema.places
    rows = conn.execute(
        select(m.c.entity_id, m.c.start, m.c.end).where(
            m.c.article_id == article_id, m.c.entity == "place"
        )
    ).all()
    ids = {pid for pid, s, e in rows if text[s:e] == words}
    assert len(ids) == 1, f"{article_id}: {words!r} is {sorted(ids)}"
    pid = ids.pop()
    row = conn.execute(
        select(p.c.place_id, p.c.lat, p.c.lon).where(
            p.c.article_id == article_id, p.c.place_id == pid
        )
    ).one()
    return dict(row._mapping)


def km(a: dict, b: dict) -> float:
    p1, p2 = math.radians(a["lat"]), math.radians(b["lat"])
    dp, dl = p2 - p1, math.radians(b["lon"] - a["lon"])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def check_consistent(conn: Connection) -> None:
    """The stories tables agree with each other and with the articles they describe."""
    c, link, e = schema.canonical_events, schema.event_links, schema.events
    st, sa, a = schema.stories, schema.story_articles, schema.articles
    by_canonical: dict[str, list[tuple[str, str]]] = {}
    for aid, eid, cid in conn.execute(
        select(link.c.article_id, link.c.event_id, link.c.canonical_id)
    ):
        by_canonical.setdefault(cid, []).append((aid, eid))
    rows = conn.execute(select(c.c.id, c.c.reports, c.c.articles, c.c.story_id)).all()
    assert {r.id for r in rows} == set(by_canonical), "a canonical event without links, or back"
    for r in rows:
        reports = by_canonical[r.id]
        assert r.reports == len(reports), r.id
        assert r.articles == len({aid for aid, _ in reports}), r.id
        assert r.articles == r.reports, f"{r.id}: one article gave it two reports"
    # every event has exactly one link, and every link an event
    events = set(conn.execute(select(e.c.article_id, e.c.id)).all())
    linked = [pair for pairs in by_canonical.values() for pair in pairs]
    assert len(linked) == len(set(linked))
    assert set(linked) == {tuple(x) for x in events}
    # every article is in exactly one story, and the stories count right
    articles = set(conn.execute(select(a.c.id)).scalars())
    placed = conn.execute(select(sa.c.article_id, sa.c.story_id)).all()
    assert sorted(aid for aid, _ in placed) == sorted(articles)
    members: dict[str, int] = {}
    for _, sid in placed:
        members[sid] = members.get(sid, 0) + 1
    stories = conn.execute(select(st.c.id, st.c.articles, st.c.events)).all()
    assert {s.id for s in stories} == set(members)
    for s in stories:
        assert s.articles == members[s.id], s.id
        held = conn.execute(
            select(func.count()).select_from(c).where(c.c.story_id == s.id)
        ).scalar_one()
        assert s.events == held, s.id


# --- 1. one happening, many outlets ------------------------------------------------------------


def test_one_car_bomb_told_by_three_outlets_is_one_canonical_event(linked: Engine) -> None:
    with linked.connect() as conn:
        reports = {aid: the_event(conn, aid, sub_event_type=BOMB) for aid in AZAZ_2016}
        # what each outlet says: relative dates resolved to one day, three tolls
        assert {aid: r["date"] for aid, r in reports.items()} == dict.fromkeys(
            AZAZ_2016, "2016-10-04"
        )
        assert [reports[aid]["fatalities"] for aid in AZAZ_2016] == [12, 15, 10]
        azaz = place_spelled(conn, AZAZ_TUESDAY, "Azaz")["place_id"]

        assert len({r["canonical_id"] for r in reports.values()}) == 1
        cid = reports[AZAZ_TUESDAY]["canonical_id"]
        assert links_of(conn, cid) == {(aid, r["id"]) for aid, r in reports.items()}
        ev = canonical(conn, cid)
    assert (ev["reports"], ev["articles"]) == (3, 3)
    assert (ev["event_type"], ev["sub_event_type"]) == ("Explosions/Remote violence", BOMB)
    assert ev["status"] == "occurred"
    # ACLED's conservative figure, with the range across sources
    assert (ev["fatalities"], ev["fatalities_min"], ev["fatalities_max"]) == (10, 10, 15)
    assert (ev["date"], ev["date_precision"]) == ("2016-10-04", "day")
    assert ev["place"] == azaz
    assert ev["actor1"] == "islamic-state"


def test_a_capture_named_by_name_and_by_alias_is_one_canonical_event(linked: Engine) -> None:
    taken = "Non-state actor overtakes territory"
    with linked.connect() as conn:
        one = the_event(conn, PALMYRA_FALLS, sub_event_type=taken, date="2015-05-20")
        two = the_event(conn, PALMYRA_ISIS, sub_event_type=taken, date="2015-05-20")
        text = conn.execute(
            select(schema.articles.c.text).where(schema.articles.c.id == PALMYRA_ISIS)
        ).scalar_one()
        palmyra = place_spelled(conn, PALMYRA_FALLS, "Palmyra")["place_id"]
        assert one["canonical_id"] == two["canonical_id"]
        assert links_of(conn, one["canonical_id"]) == {
            (PALMYRA_FALLS, one["id"]),
            (PALMYRA_ISIS, two["id"]),
        }
        ev = canonical(conn, one["canonical_id"])
    assert "ISIS militants" in text and "Islamic State" not in text
    assert one["actor1"] == two["actor1"] == "islamic-state"
    assert (ev["reports"], ev["articles"]) == (2, 2)
    assert (ev["sub_event_type"], ev["actor1"]) == (taken, "islamic-state")
    assert (ev["date"], ev["date_precision"], ev["place"]) == ("2015-05-20", "day", palmyra)


def test_the_army_and_government_forces_retaking_a_town_is_one_canonical_event(
    linked: Engine,
) -> None:
    regained = "Government regains territory"
    with linked.connect() as conn:
        army = the_event(conn, PALMYRA_ARMY, sub_event_type=regained)
        forces = the_event(conn, PALMYRA_GOVERNMENT, sub_event_type=regained)
        fell = the_event(
            conn,
            PALMYRA_FALLS,
            sub_event_type="Non-state actor overtakes territory",
            date="2015-05-20",
        )
        assert army["canonical_id"] == forces["canonical_id"]
        assert links_of(conn, army["canonical_id"]) == {
            (PALMYRA_ARMY, army["id"]),
            (PALMYRA_GOVERNMENT, forces["id"]),
        }
        ev = canonical(conn, army["canonical_id"])
    assert (ev["reports"], ev["date"], ev["place"]) == (2, "2016-03-27", army["place"])
    assert (ev["actor1"], ev["actor2"]) == ("syrian-government-forces", "islamic-state")
    # the town's fall ten months earlier is another happening
    assert fell["canonical_id"] != army["canonical_id"]
    assert fell["place"] == army["place"]


# --- 2. must not link --------------------------------------------------------------------------


def test_same_bombing_on_the_same_day_in_towns_far_apart_is_two_events(linked: Engine) -> None:
    with linked.connect() as conn:
        jableh = the_event(conn, JABLEH, sub_event_type=BOMB, date="2016-05-23")
        tartus = the_event(conn, TARTUS, sub_event_type=BOMB, date="2016-05-23")
        apart = km(place_spelled(conn, JABLEH, "Jableh"), place_spelled(conn, TARTUS, "Tartus"))
        found = [canonical(conn, r["canonical_id"]) for r in (jableh, tartus)]
    assert jableh["actor1"] == tartus["actor1"] == "islamic-state"
    assert apart > NEAR_KM
    assert jableh["canonical_id"] != tartus["canonical_id"]
    assert [ev["reports"] for ev in found] == [1, 1]
    assert [ev["fatalities"] for ev in found] == [40, 33]


def test_same_town_and_type_two_years_apart_is_two_events(linked: Engine) -> None:
    with linked.connect() as conn:
        then = the_event(conn, AZAZ_TUESDAY, sub_event_type=BOMB)
        later = the_event(conn, AZAZ_2018, sub_event_type=BOMB)
        alone = links_of(conn, later["canonical_id"])
        ev = canonical(conn, later["canonical_id"])
    assert (later["place"], later["actor1"]) == (then["place"], then["actor1"])
    assert later["canonical_id"] != then["canonical_id"]
    assert alone == {(AZAZ_2018, later["id"])}
    assert (ev["reports"], ev["date"], ev["fatalities"]) == (1, "2018-10-02", 6)


def test_an_expected_offensive_is_not_the_battle_fought_over_a_year_later(linked: Engine) -> None:
    with linked.connect() as conn:
        expected = events_of(conn, RAQQA_EXPECTED, status="anticipated")
        fought = events_of(conn, RAQQA_BATTLE)
        raqqa = place_spelled(conn, RAQQA_BATTLE, "Raqqa")["place_id"]
        held = {r["canonical_id"]: links_of(conn, r["canonical_id"]) for r in expected + fought}
    assert any(r["event_type"] == "Battles" and r["place"] == raqqa for r in expected)
    assert any(r["status"] == "occurred" and r["place"] == raqqa for r in fought)
    for cid, reports in held.items():
        assert {aid for aid, _ in reports} in ({RAQQA_EXPECTED}, {RAQQA_BATTLE}), cid


def test_no_canonical_event_mixes_expected_and_happened_reports(linked: Engine) -> None:
    e, link = schema.events, schema.event_links
    with linked.connect() as conn:
        rows = conn.execute(
            select(link.c.canonical_id, e.c.status).join(
                e, and_(e.c.article_id == link.c.article_id, e.c.id == link.c.event_id)
            )
        ).all()
    statuses: dict[str, set[str]] = {}
    for cid, status in rows:
        statuses.setdefault(cid, set()).add(status)
    assert any(s & EXPECTED for s in statuses.values())  # the dispatches have expectations
    mixed = {cid: s for cid, s in statuses.items() if s & EXPECTED and s & HAPPENED}
    assert not mixed


def test_two_bombings_in_one_article_are_never_one_canonical_event(linked: Engine) -> None:
    with linked.connect() as conn:
        told_once = the_event(conn, ZEINAB_ONE, sub_event_type=BOMB, date="2016-02-21")
        zeinab = the_event(conn, ZEINAB_TWO, sub_event_type=BOMB, fatalities=45)
        jaramana = the_event(conn, ZEINAB_TWO, sub_event_type=BOMB, fatalities=6)
        near = km(
            place_spelled(conn, ZEINAB_TWO, "Sayyida Zeinab"),
            place_spelled(conn, ZEINAB_TWO, "Jaramana"),
        )
        shared = links_of(conn, told_once["canonical_id"])
        ev = canonical(conn, told_once["canonical_id"])
    # both bombings: same group, same day, a few km apart; each could match the other report
    assert zeinab["actor1"] == jaramana["actor1"] == told_once["actor1"] == "islamic-state"
    assert zeinab["date"] == jaramana["date"] == "2016-02-21"
    assert near < NEAR_KM
    assert zeinab["canonical_id"] != jaramana["canonical_id"]
    # the other outlet's report joins the bombing at the same place, and only that one
    assert shared == {(ZEINAB_ONE, told_once["id"]), (ZEINAB_TWO, zeinab["id"])}
    assert (ev["reports"], ev["articles"], ev["place"]) == (2, 2, told_once["place"])
    assert (ev["fatalities"], ev["fatalities_min"], ev["fatalities_max"]) == (40, 40, 45)


def test_one_town_on_one_day_alone_never_links(linked: Engine) -> None:
    with linked.connect() as conn:
        shelling = the_event(conn, DEIR_SHELLING, date="2017-09-15")
        strike = the_event(conn, DEIR_STRIKE, date="2017-09-15")
        found = [links_of(conn, r["canonical_id"]) for r in (shelling, strike)]
    assert shelling["place"] == strike["place"]
    assert (shelling["actor1"], strike["actor1"]) == ("islamic-state", "russian-aerospace-forces")
    assert shelling["sub_event_type"] != strike["sub_event_type"]
    assert shelling["canonical_id"] != strike["canonical_id"]
    assert found == [{(DEIR_SHELLING, shelling["id"])}, {(DEIR_STRIKE, strike["id"])}]


def test_the_linked_tables_are_consistent(linked: Engine) -> None:
    with linked.connect() as conn:
        check_consistent(conn)


# --- on the bundled examples and the seeds -----------------------------------------------------


def _article_by_title(conn: Connection, title: str) -> str:
    a = schema.articles
    return conn.execute(select(a.c.id).where(a.c.title == title)).scalar_one()


def test_the_damascus_bombing_reports_share_a_canonical_event(bundled: Engine) -> None:
    with bundled.connect() as conn:
        rss = _article_by_title(conn, DAMASCUS_RSS_TITLE)
        mine = {r["canonical_id"] for r in events_of(conn, DAMASCUS_BOMBING)}
        theirs = {r["canonical_id"] for r in events_of(conn, rss)}
    assert mine & theirs


def test_expected_and_fought_qalamoun_offensives_never_share_a_canonical_event(
    bundled: Engine, seed_records: list[Record]
) -> None:
    e, link, a = schema.events, schema.event_links, schema.articles
    with bundled.connect() as conn:
        rows = conn.execute(
            select(link.c.canonical_id, e.c.status, a.c.id, a.c.published)
            .join(e, and_(e.c.article_id == link.c.article_id, e.c.id == link.c.event_id))
            .join(a, a.c.id == link.c.article_id)
        ).all()
        check_consistent(conn)
    seeds = {r.article.id for r in seed_records}
    assert len(seeds) == 2
    statuses: dict[str, set[str]] = {}
    articles: dict[str, set[str]] = {}
    years: dict[str, set[str]] = {}
    for cid, status, aid, published in rows:
        statuses.setdefault(cid, set()).add(status)
        articles.setdefault(cid, set()).add(aid)
        years.setdefault(cid, set()).add((published or "")[:4])
    # the 2013 expected offensive is there, expected, and so is the 2015 battle
    looms = [s for cid, s in statuses.items() if QALAMOUN_LOOMS in articles[cid]]
    assert any(s <= EXPECTED for s in looms)
    assert any(s <= HAPPENED for cid, s in statuses.items() if QALAMOUN_BEGINS in articles[cid])
    for cid in statuses:
        assert not (statuses[cid] & EXPECTED and statuses[cid] & HAPPENED), cid
        assert not {QALAMOUN_LOOMS, QALAMOUN_BEGINS} <= articles[cid], cid
        assert not seeds <= articles[cid], cid  # the seeds tell of battles years apart
        assert not {"2013", "2015"} <= years[cid], cid


# --- 3. incremental and idempotent -------------------------------------------------------------

#: Edited versions of two Azaz reports (same ids): the tolls revised.
REVISED = {
    AZAZ_TUESDAY: ("killing 12 people", "killing nine people"),
    AZAZ_AT_LEAST: ("killing at least 10 people", "killing at least 20 people"),
}


def snapshot(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of the stories tables, in a stable order."""
    with engine.connect() as conn:
        return {
            t.name: sorted(
                (tuple(map(repr, r)) for r in conn.execute(select(t)).all()),
            )
            for t in schema.STORY_TABLES
        }


@dataclass
class Partition:
    """Which reports make one canonical event (with its reconciled fields) and which
    articles make one story, independent of the ids given to them."""

    events: dict[frozenset, tuple] = field(default_factory=dict)
    stories: set[frozenset] = field(default_factory=set)


def partition(engine: Engine) -> Partition:
    c, link, sa = schema.canonical_events, schema.event_links, schema.story_articles
    out = Partition()
    with engine.connect() as conn:
        groups: dict[str, set] = {}
        for aid, eid, cid in conn.execute(
            select(link.c.article_id, link.c.event_id, link.c.canonical_id)
        ):
            groups.setdefault(cid, set()).add((aid, eid))
        fields = (
            "event_type",
            "sub_event_type",
            "status",
            "date",
            "date_precision",
            "actor1",
            "actor2",
            "place",
            "fatalities",
            "fatalities_min",
            "fatalities_max",
            "reports",
            "articles",
        )
        for row in conn.execute(select(c)).mappings():
            out.events[frozenset(groups[row["id"]])] = tuple(row[f] for f in fields)
        members: dict[str, set] = {}
        for aid, sid in conn.execute(select(sa.c.article_id, sa.c.story_id)):
            members.setdefault(sid, set()).add(aid)
        out.stories = {frozenset(m) for m in members.values()}
    return out


@dataclass
class History:
    first: dict
    again: dict
    again_summary: Summary
    incremental: Partition
    rebuilt: Partition
    rebuilt_count: int
    changed_summary: Summary
    engine: Engine


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def history(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    records: list[Record],
) -> Iterator[History]:
    """One database through a life: ingest, ingest again, rebuild, ingest revised articles."""
    edited = tmp_path_factory.mktemp("revised")
    for aid, (old, new) in REVISED.items():
        text = (DISPATCHES / f"{aid}.txt").read_text(encoding="utf-8")
        assert text.count(old) == 1
        (edited / f"{aid}.txt").write_text(text.replace(old, new), encoding="utf-8")
        meta = json.loads((DISPATCHES / f"{aid}.meta.json").read_text(encoding="utf-8"))
        (edited / f"{aid}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    for url in backend_url(request.param, tmp_path_factory, "linking"):
        engine = store.open_db(url)
        for record in records:
            store.save(engine, record)
        first = snapshot(engine)
        again_summary = ingest_paths([DISPATCHES], engine)
        again = snapshot(engine)
        incremental = partition(engine)
        count = rebuild(engine)
        rebuilt = partition(engine)
        changed_summary = ingest_paths([edited], engine)
        try:
            yield History(
                first,
                again,
                again_summary,
                incremental,
                rebuilt,
                count,
                changed_summary,
                engine,
            )
        finally:
            engine.dispose()


def test_ingesting_the_same_files_twice_changes_no_row(history: History) -> None:
    n = len(list(DISPATCHES.glob("*.txt")))
    s = history.again_summary
    assert (s.read, s.new, s.changed, s.unchanged, s.failed) == (n, 0, 0, n, 0)
    assert history.again == history.first
    assert len(history.first["event_links"]) > n


def test_rebuild_gives_the_same_events_and_stories_as_ingest_in_publication_order(
    history: History,
) -> None:
    assert history.rebuilt_count == len(list(DISPATCHES.glob("*.txt")))
    inc, reb = history.incremental, history.rebuilt
    assert set(reb.events) == set(inc.events)
    for reports, fields in inc.events.items():
        assert reb.events[reports] == fields, sorted(reports)
    assert reb.stories == inc.stories


def test_a_revised_article_relinks_and_the_figures_follow(history: History) -> None:
    s = history.changed_summary
    assert (s.read, s.new, s.changed, s.unchanged, s.failed) == (2, 0, 2, 0, 0)
    with history.engine.connect() as conn:
        reports = {aid: the_event(conn, aid, sub_event_type=BOMB) for aid in AZAZ_2016}
        later = the_event(conn, AZAZ_2018, sub_event_type=BOMB)
        check_consistent(conn)
        assert [reports[aid]["fatalities"] for aid in AZAZ_2016] == [9, 15, 20]
        assert len({r["canonical_id"] for r in reports.values()}) == 1
        cid = reports[AZAZ_TUESDAY]["canonical_id"]
        assert links_of(conn, cid) == {(aid, r["id"]) for aid, r in reports.items()}
        ev = canonical(conn, cid)
        # each revised article has exactly its current events linked, nothing left over
        link = schema.event_links
        for aid in REVISED:
            held = set(
                conn.execute(select(link.c.event_id).where(link.c.article_id == aid)).scalars()
            )
            assert held == {r["id"] for r in events_of(conn, aid)}
    assert (ev["reports"], ev["articles"]) == (3, 3)
    assert (ev["fatalities"], ev["fatalities_min"], ev["fatalities_max"]) == (9, 9, 20)
    assert (ev["date"], ev["place"]) == ("2016-10-04", reports[AZAZ_TUESDAY]["place"])
    assert later["canonical_id"] != cid
