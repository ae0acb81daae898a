"""A user's own places file (`--places FILE`, SITROOM_PLACES, `places` in sitroom.toml),
run through the real `sitroom` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from tests.conftest import ROOT, assert_valid

runner = CliRunner()

#: A made-up village (not in GeoNames), and a new spelling of a real GeoNames village
#: (Hrajel, Mount Lebanon, geonames:274499) that GeoNames does not list.
VILLAGE = {
    "id": "user:kafr-tessira",
    "name": "Kafr Tessira",
    "aliases": ["Kfar Tessira"],
    "lat": 35.6112,
    "lon": 36.4234,
    "country": "SY",
    "admin1": "Idlib",
    "feature": "village",
    "source": "our field team's GPS reading",
}
HRAJEL = {
    "id": "geonames:274499",
    "name": "Hrajel",
    "aliases": ["Hrajjel"],
    "lat": 34.0172,
    "lon": 35.7924,
    "country": "LB",
    "admin1": "Mount Lebanon",
    "feature": "village",
    "source": "GeoNames 274499",
}
REPORT = (
    "Two farmers killed in shelling\n\n"
    "Government artillery shelled Kafr Tessira on Friday, killing two farmers, residents said. "
    "Families from Kfar Tessira fled north. "
    "On Saturday a drone struck a car on the road out of Hrajjel, in the hills above Beirut.\n"
)


@pytest.fixture(autouse=True)
def _no_inherited_places(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI exports SITROOM_PLACES into this process: unset it, and restore it afterwards."""
    monkeypatch.setenv("SITROOM_PLACES", "")  # records the value to restore
    monkeypatch.delenv("SITROOM_PLACES")  # unset: an empty variable would hide sitroom.toml


def run(*args: str, env: dict | None = None):
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


def write_places(path: Path, *entries: dict, comment: bool = True) -> Path:
    lines = ["# places our team tracks"] if comment else []
    path.write_text("\n".join(lines + [json.dumps(e) for e in entries]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def record_of(result) -> dict:
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert_valid(record)
    return record


def places_of(result) -> dict[str, dict]:
    return {p["id"]: p for p in record_of(result)["places"]}


def mentioned(record: dict, place_id: str) -> list[str]:
    """The words of the article text each mention of the place points at."""
    place = next(p for p in record["places"] if p["id"] == place_id)
    return [record["article"]["text"][s:e] for s, e in place["mentions"]]


def test_without_a_file_neither_spelling_is_a_place(report: Path) -> None:
    record = record_of(run("extract", str(report)))
    found = {p["id"] for p in record["places"]}
    assert "user:kafr-tessira" not in found and "geonames:274499" not in found
    words = " ".join(w for p in found for w in mentioned(record, p))
    assert "Tessira" not in words and "Hrajjel" not in words


def test_a_users_village_is_put_on_the_map_with_their_coordinates(
    tmp_path: Path, report: Path
) -> None:
    mine = write_places(tmp_path / "mine.jsonl", VILLAGE)
    record = record_of(run("extract", "--places", str(mine), str(report)))
    village = {p["id"]: p for p in record["places"]}["user:kafr-tessira"]
    assert (village["lat"], village["lon"]) == (35.6112, 36.4234)
    assert (village["country"], village["feature"], village["precision"]) == ("SY", "village", 1)
    assert mentioned(record, "user:kafr-tessira") == ["Kafr Tessira", "Kfar Tessira"]
    shelling = [e for e in record["events"] if "shelled" in e["evidence"]["text"]]
    assert shelling and shelling[0]["place"] == "user:kafr-tessira"


def test_a_geonames_override_adds_a_spelling_that_resolves(tmp_path: Path, report: Path) -> None:
    mine = write_places(tmp_path / "mine.jsonl", HRAJEL)
    record = record_of(run("extract", "--places", str(mine), str(report)))
    hrajel = {p["id"]: p for p in record["places"]}["geonames:274499"]
    assert hrajel["name"] == "Hrajel" and hrajel["admin1"] == "Mount Lebanon"
    assert mentioned(record, "geonames:274499") == ["Hrajjel"]


def test_several_files_and_the_environment_variable(tmp_path: Path, report: Path) -> None:
    one = write_places(tmp_path / "one.jsonl", VILLAGE)
    two = write_places(tmp_path / "two.jsonl", HRAJEL)
    both = run("extract", "--places", str(one), "--places", str(two), str(report))
    assert {"user:kafr-tessira", "geonames:274499"} <= set(places_of(both))
    from_env = run("extract", str(report), env={"SITROOM_PLACES": f"{one},{two}"})
    assert {"user:kafr-tessira", "geonames:274499"} <= set(places_of(from_env))


def test_the_config_file_key(tmp_path: Path, report: Path) -> None:
    mine = write_places(tmp_path / "mine.jsonl", VILLAGE)
    config = tmp_path / "sitroom.toml"
    config.write_text(f"[sitroom]\nplaces = [{json.dumps(str(mine))}]\n", encoding="utf-8")
    found = places_of(run("extract", "--config", str(config), str(report)))
    assert found["user:kafr-tessira"]["lat"] == 35.6112


def assert_one_line_error(result, *words: str) -> None:
    """Exit status 2, nothing extracted, and one line on stderr that says where and why."""
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    for word in words:
        assert word in lines[0], (word, lines[0])


def test_a_bad_json_line_stops_before_any_article(tmp_path: Path, report: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(VILLAGE) + '\n{"id": "user:x", "name": "X"\n', encoding="utf-8")
    assert_one_line_error(
        run("extract", "--places", str(bad), str(report)), f"{bad}:2:", "not valid JSON"
    )


def test_a_missing_lat_names_file_line_and_field(tmp_path: Path, report: Path) -> None:
    no_lat = {k: v for k, v in VILLAGE.items() if k != "lat"}
    bad = write_places(tmp_path / "bad.jsonl", HRAJEL, no_lat)  # line 1 is a comment
    assert_one_line_error(
        run("extract", "--places", str(bad), str(report)), f"{bad}:3:", "missing", "lat"
    )
    db = tmp_path / "never.db"
    ingest = run(
        "ingest", "--no-progress", "--db", f"sqlite:///{db}", str(report),
        env={"SITROOM_PLACES": str(bad)},
    )  # fmt: skip
    assert_one_line_error(ingest, f"{bad}:3:", "lat")
    assert not db.exists()


def test_a_missing_file_is_named(tmp_path: Path, report: Path) -> None:
    missing = tmp_path / "nowhere.jsonl"
    assert_one_line_error(
        run("extract", "--places", str(missing), str(report)), "no such places file", str(missing)
    )


def test_an_id_ours_already_defines_is_refused(tmp_path: Path, report: Path) -> None:
    """A user's file adds places; it cannot silently redefine one of our curated entries."""
    lines = (ROOT / "data" / "places" / "supplement.jsonl").read_text(encoding="utf-8")
    ours = json.loads(next(line for line in lines.splitlines() if line.startswith("{")))
    clash = write_places(tmp_path / "clash.jsonl", ours, comment=False)
    assert_one_line_error(
        run("extract", "--places", str(clash), str(report)), f"{clash}:1:", "already defined"
    )


def test_the_gazetteer_is_opened_once_per_file_set(tmp_path: Path) -> None:
    """Three articles with a user's file: one gazetteer for the file set, reused."""
    from sitroom.places import gazetteer

    mine = write_places(tmp_path / "mine.jsonl", VILLAGE)
    folder = tmp_path / "reports"
    folder.mkdir()
    for n in range(3):
        (folder / f"r{n}.txt").write_text(f"Report {n}\n\n{REPORT}", encoding="utf-8")
    before = gazetteer.default.cache_info()
    result = run("extract", "--places", str(mine), str(folder))
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(any(p["id"] == "user:kafr-tessira" for p in r["places"]) for r in records)
    after = gazetteer.default.cache_info()
    assert after.misses - before.misses == 1
    assert after.hits - before.hits >= 2
