"""The API's filtered lists (events, canonical events, actors, places, relations, quotes,
claims, search) over the bundled examples, ingested through the real pipeline into SQLite and
PostgreSQL once per module each."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from sitroom.api import MAX_PAGE, create_app
from sitroom.model import Record
from tests.conftest import stored

DAMASCUS = (33.5102, 36.2913)  # lat, lon
DAMASCUS_BBOX = "36.1,33.4,36.45,33.65"  # min_lon,min_lat,max_lon,max_lat: the city, not Qalamoun
NEW_PATHS = (
    "/api/events",
    "/api/canonical-events",
    "/api/actors",
    "/api/places",
    "/api/relations",
    "/api/quotes",
    "/api/claims",
    "/api/search",
)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def client(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    example_records: list[Record],
) -> Iterator[TestClient]:
    for engine in stored(request.param, tmp_path_factory, "resources", example_records):
        yield TestClient(create_app(engine))


def get(client: TestClient, path: str, **params) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def everything(client: TestClient, path: str, **params) -> list[dict]:
    body = get(client, path, limit=MAX_PAGE, **params)
    assert body["total"] == len(body["items"])
    return body["items"]


def all_events(records: list[Record]) -> list[tuple[str, object]]:
    return [(r.article.id, e) for r in records for e in r.events]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


# --- events --------------------------------------------------------------------------------


def test_events_list_every_stored_event_with_names_and_places(
    client: TestClient, example_records: list[Record]
) -> None:
    items = everything(client, "/api/events")
    assert len(items) == len(all_events(example_records))
    texts = {r.article.id: r.article.text for r in example_records}
    for item in items:
        ev = item["evidence"]
        assert texts[item["article_id"]][ev["start"] : ev["end"]] == ev["text"]
        if item["actor1"]:
            assert item["actor1_name"]
        if item["place"]:
            assert item["place_name"]
        if item["canonical_id"]:
            assert item["reports"] >= 1
    assert any(item["lat"] is not None for item in items)
    assert any(item["reports"] and item["reports"] > 1 for item in items)
    dated = [item["date"] for item in items if item["date"]]
    assert dated == sorted(dated)
    assert all(item["date"] is None for item in items[len(dated) :])  # undated last


def test_bbox_keeps_only_events_inside_it(client: TestClient) -> None:
    items = everything(client, "/api/events", bbox=DAMASCUS_BBOX)
    assert items
    for item in items:
        assert 33.4 <= item["lat"] <= 33.65 and 36.1 <= item["lon"] <= 36.45
    assert any(item["place_name"] == "Damascus" for item in items)
    outside = [
        i
        for i in everything(client, "/api/events")
        if i["lat"] is not None and not (33.4 <= i["lat"] <= 33.65 and 36.1 <= i["lon"] <= 36.45)
    ]
    assert outside  # the filter did remove something


def test_near_keeps_events_within_the_radius(client: TestClient) -> None:
    near = f"{DAMASCUS[0]},{DAMASCUS[1]}"
    small = everything(client, "/api/events", near=near, radius_km=10)
    assert small
    for item in small:
        assert km(*DAMASCUS, item["lat"], item["lon"]) <= 10
    wide = everything(client, "/api/events", near=near, radius_km=60)
    assert len(wide) > len(small)
    for item in wide:
        assert km(*DAMASCUS, item["lat"], item["lon"]) <= 60
    located = [i for i in everything(client, "/api/events") if i["lat"] is not None]
    expected = {
        (i["article_id"], i["id"]) for i in located if km(*DAMASCUS, i["lat"], i["lon"]) <= 60
    }
    assert {(i["article_id"], i["id"]) for i in wide} == expected


def test_actor_matches_either_side(client: TestClient) -> None:
    items = everything(client, "/api/events", actor="hezbollah")
    assert items
    assert all("hezbollah" in (i["actor1"], i["actor2"]) for i in items)
    assert any(i["actor2"] == "hezbollah" for i in items)
    every = everything(client, "/api/events")
    assert len(items) == sum("hezbollah" in (i["actor1"], i["actor2"]) for i in every)


def test_branches_bring_in_an_actors_branches(client: TestClient) -> None:
    alone = everything(client, "/api/events", actor="al-qaeda")
    with_branches = everything(client, "/api/events", actor="al-qaeda", branches="true")
    nusra = [i for i in with_branches if "jabhat-al-nusra" in (i["actor1"], i["actor2"])]
    assert nusra
    assert len(with_branches) > len(alone)
    assert {(i["article_id"], i["id"]) for i in alone} <= {
        (i["article_id"], i["id"]) for i in with_branches
    }


def test_date_range_keeps_dated_events_inside_it(client: TestClient) -> None:
    items = everything(client, "/api/events", date_from="2015-05-01", date_to="2015-05-10")
    assert items
    assert all("2015-05-01" <= i["date"] <= "2015-05-10" for i in items)
    every = everything(client, "/api/events")
    assert len(items) == sum(
        1 for i in every if i["date"] and "2015-05-01" <= i["date"] <= "2015-05-10"
    )
    since = everything(client, "/api/events", date_from="2015-05-01")
    assert all(i["date"] >= "2015-05-01" for i in since)


def test_status_filter(client: TestClient) -> None:
    items = everything(client, "/api/events", status="anticipated")
    assert items and all(i["status"] == "anticipated" for i in items)
    both = everything(client, "/api/events", status="anticipated,threatened")
    repeated = client.get("/api/events?status=anticipated&status=threatened&limit=500").json()
    assert both == repeated["items"]
    assert {i["status"] for i in both} == {"anticipated", "threatened"}


def test_type_and_source_filters(client: TestClient) -> None:
    every = everything(client, "/api/events")
    kind = every[0]["event_type"]
    items = everything(client, "/api/events", event_type=kind)
    assert items and all(i["event_type"] == kind for i in items)
    assert len(items) == sum(i["event_type"] == kind for i in every)
    items = everything(client, "/api/events", source="Levant Wire")
    assert items and all(i["source"] == "Levant Wire" for i in items)


def test_pages_do_not_overlap_and_total_is_right(
    client: TestClient, example_records: list[Record]
) -> None:
    first = get(client, "/api/events", limit=5, offset=0)
    second = get(client, "/api/events", limit=5, offset=5)
    both = get(client, "/api/events", limit=10, offset=0)
    key = lambda i: (i["article_id"], i["id"])  # noqa: E731
    a, b = [key(i) for i in first["items"]], [key(i) for i in second["items"]]
    assert len(a) == len(b) == 5 and not set(a) & set(b)
    assert a + b == [key(i) for i in both["items"]]
    assert first["total"] == len(all_events(example_records))
    assert (first["limit"], first["offset"], second["offset"]) == (5, 0, 5)


def test_q_finds_evidence_words_and_escapes_wildcards(client: TestClient) -> None:
    items = everything(client, "/api/events", q="SUICIDE BOMBER")
    assert items and all("suicide bomber" in i["evidence"]["text"].lower() for i in items)
    assert everything(client, "/api/events", q="%") == []
    assert everything(client, "/api/events", q="_") == []
    assert everything(client, "/api/events", q="suicide%bomber") == []


# --- canonical events -------------------------------------------------------------------------


def test_canonical_events_carry_their_reports(client: TestClient) -> None:
    items = everything(client, "/api/canonical-events")
    assert items
    for item in items:
        assert len(item["reports"]) == item["report_count"] >= 1
        for report in item["reports"]:
            assert {"article_id", "source", "evidence"} <= set(report)
    damascus = everything(client, "/api/canonical-events", bbox=DAMASCUS_BBOX)
    assert damascus
    assert all(33.4 <= i["lat"] <= 33.65 and 36.1 <= i["lon"] <= 36.45 for i in damascus)
    hezbollah = everything(client, "/api/canonical-events", actor="hezbollah")
    assert hezbollah and all("hezbollah" in (i["actor1"], i["actor2"]) for i in hezbollah)
    bombing = everything(client, "/api/canonical-events", q="suicide bomber")
    assert bombing
    for item in bombing:
        assert any("suicide bomber" in r["evidence"]["text"].lower() for r in item["reports"])
    expected = everything(client, "/api/canonical-events", status="anticipated")
    assert all(i["status"] == "anticipated" for i in expected)


# --- the other resources ----------------------------------------------------------------------


def test_actors_count_articles_and_events(client: TestClient) -> None:
    items = everything(client, "/api/actors")
    by_id = {i["id"]: i for i in items}
    hezbollah = by_id["hezbollah"]
    assert hezbollah["name"] == "Hezbollah" and hezbollah["articles"] >= 3
    events = everything(client, "/api/events", actor="hezbollah")
    assert hezbollah["events"] == len(events)
    assert by_id["jabhat-al-nusra"]["parent"] == "al-qaeda"
    found = everything(client, "/api/actors", q="NUSRA")
    assert "jabhat-al-nusra" in {i["id"] for i in found}
    kind = hezbollah["kind"]
    assert all(i["kind"] == kind for i in everything(client, "/api/actors", kind=kind))


def test_places_bbox_and_q(client: TestClient) -> None:
    items = everything(client, "/api/places", bbox=DAMASCUS_BBOX)
    assert "Damascus" in {i["name"] for i in items}
    assert all(33.4 <= i["lat"] <= 33.65 and 36.1 <= i["lon"] <= 36.45 for i in items)
    found = everything(client, "/api/places", q="BEIRUT")
    assert found and all("beirut" in i["name"].lower() for i in found)
    assert all(i["articles"] >= 1 for i in found)


def test_relations_quotes_and_claims(client: TestClient, example_records: list[Record]) -> None:
    relations = everything(client, "/api/relations")
    assert len(relations) == sum(len(r.relations) for r in example_records)
    mine = everything(client, "/api/relations", actor="ahrar-al-sham")
    assert mine and all("ahrar-al-sham" in (i["source"], i["target"]) for i in mine)
    assert {i["source"] for i in mine} & {i["target"] for i in mine} == {"ahrar-al-sham"}
    kind = mine[0]["kind"]
    assert all(i["kind"] == kind for i in everything(client, "/api/relations", kind=kind))
    quotes = everything(client, "/api/quotes")
    assert len(quotes) == sum(len(r.quotes) for r in example_records)
    speaker = next(q["speaker"] for q in quotes if q["speaker"])
    spoken = everything(client, "/api/quotes", speaker=speaker.upper())
    assert spoken and all(speaker.lower() in q["speaker"].lower() for q in spoken)
    claims = everything(client, "/api/claims")
    assert len(claims) == sum(len(r.claims) for r in example_records)
    word = claims[0]["text"].split()[-1].strip(".,")
    assert everything(client, "/api/claims", q=word)
    for item in quotes + claims + relations:
        assert {"article_id", "evidence"} <= set(item)


def test_search_finds_an_article_by_a_word_of_its_text(
    client: TestClient, example_records: list[Record]
) -> None:
    body = get(client, "/api/search", q="motorcycle")
    ids = {i["id"] for i in body["items"]}
    expected = {r.article.id for r in example_records if "motorcycle" in r.article.text.lower()}
    assert expected and ids == expected and body["total"] == len(expected)
    for item in body["items"]:
        assert "motorcycle" in item["snippet"].lower()
        assert item["match"] is not None
    two = get(client, "/api/search", q="Maydaa captured")["items"]
    assert two and all("maydaa" in i["snippet"].lower() for i in two)
    assert get(client, "/api/search", q="zzyzx-nowhere")["total"] == 0


# --- errors and the OpenAPI document ----------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/api/events?bbox=1,2,3", "bbox must be min_lon,min_lat,max_lon,max_lat"),
        ("/api/events?bbox=a,b,c,d", "bbox must be"),
        ("/api/events?bbox=36,34,37,33", "min_lat"),
        ("/api/events?date_from=2015-13-01", "date_from"),
        ("/api/events?date_from=2015-05-10&date_to=2015-05-01", "date_from"),
        ("/api/events?near=33.5,36.3&radius_km=-5", "radius_km"),
        ("/api/events?near=33.5", "near must be lat,lon"),
        ("/api/events?limit=100000", "limit"),
        ("/api/events?status=happened", "unknown status"),
        ("/api/events?event_type=Skirmish", "unknown event_type"),
        ("/api/canonical-events?bbox=nonsense", "bbox must be"),
        ("/api/places?near=100,0", "near must be"),
        ("/api/search", "q"),
        ("/api/search?q=%20%2B%20", "at least one word"),
        ("/api/quotes?offset=-1", "offset"),
    ],
)
def test_bad_parameters_get_422(client: TestClient, path: str, words: str) -> None:
    response = client.get(path)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["status"] == 422 and words in error["message"]


def test_openapi_documents_the_new_paths_and_filters(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert set(NEW_PATHS) <= set(paths)
    for path in NEW_PATHS:
        operation = paths[path]["get"]
        assert operation["summary"]
        params = {p["name"]: p for p in operation["parameters"]}
        assert {"limit", "offset"} <= set(params)
        assert all(p.get("description") for p in params.values()), path
    events = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {
        "date_from",
        "date_to",
        "bbox",
        "near",
        "radius_km",
        "actor",
        "branches",
        "event_type",
        "sub_event_type",
        "status",
        "source",
        "q",
    } <= events


def test_the_database_is_left_unchanged(client: TestClient) -> None:
    before = get(client, "/api/health")["counts"]
    everything(client, "/api/events", near="33.5,36.3", q="bomb")
    assert get(client, "/api/health")["counts"] == before
