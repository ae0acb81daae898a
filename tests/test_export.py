"""`sitroom export` in every format, over the examples ingested into real databases."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest
from sqlalchemy import create_engine, func, select
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.export import formats, get_exporter
from sitroom.export_acled import ACLED_COLUMNS, Happening, Names, ReportRef, acled_row
from sitroom.store import schema
from tests.conftest import EXAMPLES, _postgres_database

runner = CliRunner()
#: Syria and Lebanon together, as a box (lat, lon).
LEVANT = ((33.0, 37.4), (35.0, 42.5))
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The examples ingested once per module and database."""
    if request.param == "sqlite":
        urls = iter([f"sqlite:///{tmp_path_factory.mktemp('export') / 'test.db'}"])
    else:
        urls = _postgres_database()
    url = next(urls)
    result = run("ingest", "--no-progress", "--db", url, str(EXAMPLES))
    assert result.exit_code == 0, result.stderr
    yield url
    for _ in urls:  # drops the PostgreSQL database
        pass


def export(db: str, fmt: str, out: Path) -> Path:
    result = run("export", "--db", db, "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert not out.with_name(out.name + ".part").exists()
    return out


def count(db: str, query) -> int:
    engine = create_engine(db)
    try:
        with engine.connect() as conn:
            return conn.execute(query).scalar_one()
    finally:
        engine.dispose()


def test_formats_keep_jsonl_and_json_and_add_the_others() -> None:
    assert {"jsonl", "json", "acled", "geojson", "graphml", "gexf", "parquet"} <= set(formats())
    out = io.StringIO()
    assert get_exporter("jsonl")([], out) == 0 and out.getvalue() == ""


def test_acled_csv_one_row_per_canonical_event(db: str, tmp_path: Path) -> None:
    text = export(db, "acled", tmp_path / "events.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(ACLED_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows and tuple(rows[0]) == ACLED_COLUMNS
    c = schema.canonical_events
    happened = count(
        db, select(func.count()).select_from(c).where(c.c.status.in_(["occurred", "ongoing"]))
    )
    assert len(rows) == happened
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)
    anticipated = count(db, select(func.count()).select_from(c).where(c.c.status == "anticipated"))
    assert anticipated and len(rows) < count(db, select(func.count()).select_from(c))
    for row in rows:
        assert row["disorder_type"] in (
            "Political violence",
            "Demonstrations",
            "Strategic developments",
        )
        assert row["time_precision"] in ("", "1", "2", "3")
        assert row["fatalities"].isdigit()
        codes = sorted(c for c in (row["inter1"], row["inter2"]) if c)
        assert row["interaction"] == (("".join(codes) + "0")[:2] if codes else "")
        assert "[" in row["notes"] and ":" in row["notes"]  # cited to article spans

    bombing = [
        r for r in rows if r["sub_event_type"] == "Suicide bomb" and r["location"] == "Damascus"
    ]
    assert len(bombing) == 1, bombing
    bomb = bombing[0]
    assert "Crossroads News Service" in bomb["source"] and ";" in bomb["source"]
    assert bomb["actor1"] == "Jabhat al-Nusra" and bomb["inter1"] == "2"
    assert bomb["event_date"] == "2015-05-02" and bomb["time_precision"] == "1"
    assert bomb["event_id_cnty"].startswith("SYR") and bomb["country"] == "Syria"

    qalamoun = [r for r in rows if "Qalamoun" in r["location"] and r["latitude"]]
    assert qalamoun
    for row in qalamoun:
        assert LEVANT[0][0] <= float(row["latitude"]) <= LEVANT[0][1]
        assert LEVANT[1][0] <= float(row["longitude"]) <= LEVANT[1][1]


def test_geojson_is_a_feature_collection_of_lon_lat_points(db: str, tmp_path: Path) -> None:
    data = json.loads(export(db, "geojson", tmp_path / "events.geojson").read_text())
    assert data["type"] == "FeatureCollection" and data["features"]
    statuses = set()
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        props = feature["properties"]
        assert (props["latitude"], props["longitude"]) == (lat, lon)
        assert props["reports"] == len(props["article_ids"]) or props["reports"] >= 1
        assert props["article_ids"] and props["status"]
        statuses.add(props["status"])
        if props["location"] == "Damascus":
            assert 33 < lat < 34 and 36 < lon < 37  # [lon, lat], not the other way round
    assert "occurred" in statuses


def _graphml_edges(path: Path) -> list[tuple[str, str, dict[str, str]]]:
    root = ET.parse(path).getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.iter(f"{GRAPHML}key")}
    graph = root.find(f"{GRAPHML}graph")
    nodes = {n.get("id") for n in graph.iter(f"{GRAPHML}node")}
    edges = []
    for edge in graph.iter(f"{GRAPHML}edge"):
        attrs = {keys[d.get("key")]: d.text or "" for d in edge.iter(f"{GRAPHML}data")}
        assert edge.get("source") in nodes and edge.get("target") in nodes
        edges.append((edge.get("source"), edge.get("target"), attrs))
    return edges


def test_graphml_holds_the_actor_network(db: str, tmp_path: Path) -> None:
    edges = _graphml_edges(export(db, "graphml", tmp_path / "actors.graphml"))
    supports = [a for s, t, a in edges if (s, t) == ("hezbollah", "syrian-government-forces")]
    assert any(
        a["kind"] == "supports" and int(a["weight"]) >= 1 and a["evidence"] for a in supports
    )
    assert any(a["kind"] == "fights" for _, _, a in edges)


def _edges(graph, source: str, target: str) -> list[dict]:
    """The attributes of every edge source -> target (one or many, as the reader made it)."""
    data = graph.get_edge_data(source, target) or {}
    return list(data.values()) if graph.is_multigraph() else [data]


def test_gexf_holds_the_actor_network(db: str, tmp_path: Path) -> None:
    graph = nx.read_gexf(export(db, "gexf", tmp_path / "actors.gexf"))
    assert graph.nodes["hezbollah"]["label"] == "Hezbollah"
    edges = _edges(graph, "hezbollah", "syrian-government-forces")
    assert any(e.get("kind") == "supports" and e.get("weight", 0) >= 1 for e in edges)


def test_networkx_reads_graphml_back(db: str, tmp_path: Path) -> None:
    graph = nx.read_graphml(export(db, "graphml", tmp_path / "actors.graphml"))
    edges = _edges(graph, "hezbollah", "syrian-government-forces")
    assert any(e["kind"] == "supports" and e["evidence"] for e in edges)


def test_parquet_reads_back_with_every_event(db: str, tmp_path: Path) -> None:
    table = pq.read_table(export(db, "parquet", tmp_path / "events.parquet"))
    assert table.num_rows == count(db, select(func.count()).select_from(schema.events))
    assert {"article_id", "event_id", "event_type", "canonical_id"} <= set(table.column_names)


def test_parquet_to_a_terminal_is_refused(tmp_path: Path) -> None:
    result = run("export", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--format", "parquet")
    assert result.exit_code == 2
    assert "parquet is binary: give -o FILE" in result.stderr


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    result = run("export", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--format", "xlsx")
    assert result.exit_code == 2
    assert "unknown export format 'xlsx'" in result.stderr and "acled" in result.stderr


def test_graph_formats_go_to_stdout_as_text(db: str) -> None:
    result = run("export", "--db", db, "--format", "graphml")
    assert result.exit_code == 0
    assert result.stdout.startswith("<?xml") and "hezbollah" in result.stdout


def test_article_text_is_quoted_as_data_in_the_csv() -> None:
    text = 'He said "retreat", then =SUM(A1)\nand left; [x:1-2]'
    report = ReportRef("a1", "Wire, Inc.", "2015-05-02", 0, len(text), text, 1.0, 0.9)
    happening = Happening(
        id="ce-0123",
        event_type="Battles",
        sub_event_type="Armed clash",
        status="occurred",
        date="2015-05-02",
        date_precision="week",
        actor1="army",
        actor2="rebels",
        associated=[],
        place="p1",
        lat=33.5,
        lon=36.3,
        geo_precision=1,
        fatalities=None,
        reports=[report],
    )
    names = Names(
        actors={"army": ("Army", "state_forces", "SY"), "rebels": ("Rebels", "rebel_group", None)},
        places={"p1": ("Damascus", "SY", "Dimashq")},
    )
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerow(acled_row(happening, names))
    (row,) = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert row["notes"] == text + " [a1:0-" + str(len(text)) + "]"
    assert row["source"] == "Wire, Inc."
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("1", "2", "12")
    assert (row["time_precision"], row["fatalities"], row["year"]) == ("2", "0", "2015")
    assert row["event_id_cnty"] == "SYR-0123"


def test_the_api_serves_every_format_as_the_cli_writes_it(db: str, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from sitroom.api import create_app
    from sitroom.store import open_db

    engine = open_db(db, create=False)
    try:
        client = TestClient(create_app(engine))
        for fmt in ("acled", "geojson", "graphml", "parquet", "jsonl"):
            response = client.get(f"/api/export/{fmt}")
            assert response.status_code == 200, response.text
            assert f"sitroom-{fmt}." in response.headers["content-disposition"]
            if fmt != "parquet":  # parquet files carry their write time
                written = export(db, fmt, tmp_path / f"cli.{fmt}").read_bytes()
                assert response.content == written, fmt
        rows = list(csv.DictReader(io.StringIO(client.get("/api/export/acled").text)))
        assert tuple(rows[0]) == tuple(ACLED_COLUMNS)
        table = pq.read_table(io.BytesIO(client.get("/api/export/parquet").content))
        assert table.num_rows == count(db, select(func.count()).select_from(schema.events))
        missing = client.get("/api/export/xlsx")
        assert missing.status_code == 404 and "acled" in missing.json()["error"]["message"]
    finally:
        engine.dispose()
