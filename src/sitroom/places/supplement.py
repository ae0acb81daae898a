"""The curated supplement: places GeoNames' city lists lack, validated line by line on load.

Format (data/places/README.md): one JSON object per line; blank lines and lines starting
with `#` are skipped. Any mistake is a `DataFileError` naming the file, the line and the
field, so an analyst can fix it without reading Python.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitroom.datafiles import DataFileError, data_dir
from sitroom.places.candidate import Candidate
from sitroom.places.names import keys

FEATURES = ("city", "town", "village", "region", "admin1", "country", "water", "mountain", "other")
REQUIRED = ("id", "name", "lat", "lon", "country", "feature", "source")
OPTIONAL = ("aliases", "admin1", "population", "precision", "note")
_ID = re.compile(
    r"^(?:(?:sitroom|user):[a-z0-9][a-z0-9-]*|geonames:[0-9]+|admin1:[A-Z]{2}\.[A-Za-z0-9]+)$"
)
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def _text(raw: dict, field: str, where: str, optional: bool = False) -> str | None:
    value = raw.get(field)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(f"{where}: {field} must be a non-empty string")
    return value


def _number(raw: dict, field: str, where: str, low: float, high: float) -> float:
    value = raw[field]
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise DataFileError(f"{where}: {field} must be a number from {low} to {high}")
    return float(value)


def _entry(raw: dict[str, Any], where: str) -> tuple[Candidate, list[str]]:
    """One validated line: the candidate it defines and every name it goes by."""
    missing = [f for f in REQUIRED if f not in raw]
    if missing:
        raise DataFileError(f"{where}: missing field(s) {', '.join(missing)}")
    unknown = sorted(set(raw) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise DataFileError(
            f"{where}: unknown field(s) {', '.join(unknown)} "
            f"(known: {', '.join(REQUIRED + OPTIONAL)})"
        )
    place_id = _text(raw, "id", where)
    if not _ID.match(place_id):
        raise DataFileError(
            f"{where}: id {place_id!r} must look like 'sitroom:name-slug', 'user:name-slug', "
            "'geonames:123' or 'admin1:SY.11'"
        )
    name = _text(raw, "name", where)
    _text(raw, "source", where)
    if raw["feature"] not in FEATURES:
        raise DataFileError(
            f"{where}: feature {raw['feature']!r} is not one of {', '.join(FEATURES)}"
        )
    country = raw["country"]
    if not isinstance(country, str) or not _COUNTRY.match(country):
        raise DataFileError(f"{where}: country must be an ISO 3166-1 alpha-2 code like 'SY'")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise DataFileError(f"{where}: aliases must be a list of non-empty strings")
    population = raw.get("population", 0)
    if isinstance(population, bool) or not isinstance(population, int) or population < 0:
        raise DataFileError(f"{where}: population must be a whole number >= 0")
    precision = raw.get("precision")
    if precision not in (None, 1, 2, 3):
        raise DataFileError(f"{where}: precision must be 1, 2 or 3")
    geonameid = int(place_id.split(":", 1)[1]) if place_id.startswith("geonames:") else None
    candidate = Candidate(
        id=place_id,
        name=name,
        lat=_number(raw, "lat", where, -90, 90),
        lon=_number(raw, "lon", where, -180, 180),
        country=country,
        admin1=_text(raw, "admin1", where, optional=True),
        feature=raw["feature"],
        population=population,
        geonameid=geonameid,
        curated=True,
        precision=precision,
    )
    return candidate, [name, *aliases]


@dataclass(frozen=True)
class Supplement:
    """Curated places by name key and by id."""

    by_key: dict[str, tuple[Candidate, ...]]
    by_id: dict[str, Candidate]

    def lookup(self, name: str) -> list[Candidate]:
        found: dict[str, Candidate] = {}
        for k in sorted(keys(name)):
            for c in self.by_key.get(k, ()):
                found.setdefault(c.id, c)
        return list(found.values())

    def __len__(self) -> int:
        return len(self.by_id)


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read supplement ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise DataFileError(f"{path}: supplement is not UTF-8 text") from None


def load(paths: tuple[Path, ...]) -> Supplement:
    """Read and validate supplement files; a bad line is an error naming file and line.

    An id may appear once across all files; a later file cannot silently redefine a place.
    """
    by_key: dict[str, dict[str, Candidate]] = defaultdict(dict)
    by_id: dict[str, Candidate] = {}
    where_defined: dict[str, str] = {}
    for path in paths:
        for number, line in enumerate(_lines(path), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            where = f"{path}:{number}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataFileError(f"{where}: not valid JSON ({exc.msg})") from None
            if not isinstance(raw, dict):
                raise DataFileError(f"{where}: expected a JSON object")
            candidate, names = _entry(raw, where)
            if candidate.id in by_id:
                raise DataFileError(
                    f"{where}: id {candidate.id} already defined at {where_defined[candidate.id]}"
                )
            by_id[candidate.id] = candidate
            where_defined[candidate.id] = where
            for name in names:
                for k in keys(name):
                    by_key[k][candidate.id] = candidate
    return Supplement({k: tuple(v.values()) for k, v in by_key.items()}, by_id)


def default_paths() -> tuple[Path, ...]:
    """Our own supplement file(s) in the data folder."""
    return (data_dir() / "places" / "supplement.jsonl",)
