"""The curated supplement: places GeoNames' city lists lack, validated line by line on load."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sitroom.datafiles import DataFileError, data_dir
from sitroom.places.gazetteer import Candidate
from sitroom.places.names import keys

FEATURES = {"city", "town", "village", "region", "admin1", "country", "water", "mountain", "other"}
REQUIRED = ("id", "name", "lat", "lon", "country", "feature", "source")


def _entry(raw: dict, where: str) -> tuple[Candidate, list[str]]:
    missing = [f for f in REQUIRED if raw.get(f) in (None, "")]
    if missing:
        raise DataFileError(f"{where}: missing {', '.join(missing)}")
    if not str(raw["id"]).startswith(("sitroom:", "user:")):
        raise DataFileError(f"{where}: id must start with 'sitroom:' or 'user:'")
    if raw["feature"] not in FEATURES:
        raise DataFileError(f"{where}: feature {raw['feature']!r} is not one of {sorted(FEATURES)}")
    lat, lon = raw["lat"], raw["lon"]
    if not (
        isinstance(lat, int | float)
        and -90 <= lat <= 90
        and isinstance(lon, int | float)
        and -180 <= lon <= 180
    ):
        raise DataFileError(f"{where}: lat/lon out of range")
    if not (isinstance(raw["country"], str) and len(raw["country"]) == 2):
        raise DataFileError(f"{where}: country must be an ISO 3166-1 alpha-2 code")
    candidate = Candidate(
        id=raw["id"],
        name=raw["name"],
        lat=float(lat),
        lon=float(lon),
        country=raw["country"].upper(),
        admin1=raw.get("admin1"),
        feature=raw["feature"],
        population=int(raw.get("population") or 0),
        curated=True,
    )
    return candidate, [raw["name"], *raw.get("aliases", [])]


@dataclass(frozen=True)
class Supplement:
    """Curated places by name key."""

    by_key: dict[str, list[Candidate]]

    def lookup(self, name: str) -> list[Candidate]:
        found: dict[str, Candidate] = {}
        for k in keys(name):
            for c in self.by_key.get(k, []):
                found.setdefault(c.id, c)
        return list(found.values())


def load(paths: tuple[Path, ...]) -> Supplement:
    """Read and validate supplement files; a bad line is an error naming file and line."""
    by_key: dict[str, list[Candidate]] = defaultdict(list)
    seen: dict[str, str] = {}
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise DataFileError(f"{path}: cannot read ({exc.strerror})") from None
        for number, line in enumerate(lines, 1):
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
            if candidate.id in seen:
                raise DataFileError(
                    f"{where}: id {candidate.id} already defined at {seen[candidate.id]}"
                )
            seen[candidate.id] = where
            for name in names:
                for k in keys(name):
                    by_key[k].append(candidate)
    return Supplement(dict(by_key))


def default_paths() -> tuple[Path, ...]:
    return (data_dir() / "places" / "supplement.jsonl",)


@lru_cache(maxsize=8)
def cached(extra: tuple[Path, ...] = ()) -> Supplement:
    """Our supplement plus a user's files, loaded once per process."""
    return load(default_paths() + extra)
