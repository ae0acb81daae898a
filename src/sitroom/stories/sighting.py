"""What the linker sees of one report of an event: its kind, window in time, actors and place.

A report's date is widened into a window of days it may lie in: its precision, a little
slack for time zones and "overnight", and for an undated report a span before (or, when it
is only expected, after) its article's publication. Actors are folded into keys that two
outlets naming the same force share: a state and its forces are one key.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from sitroom.datafiles import load_json
from sitroom.model import Place

_GOVERNMENT_KINDS = ("state", "state_forces")


@cache
def rules() -> dict:
    return load_json("stories/linking.json")


@dataclass(frozen=True)
class ActorInfo:
    """What the linker needs of an actor: its kind, base country and parent."""

    kind: str
    country: str | None = None
    parent: str | None = None


@dataclass(frozen=True)
class PlaceInfo:
    """What the linker needs of a place: where it is, what it lies in, and its kind."""

    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    feature: str
    name: str = ""

    @classmethod
    def of(cls, place: Place) -> PlaceInfo:
        return cls(place.lat, place.lon, place.country, place.admin1, place.feature, place.name)


@dataclass
class Sighting:
    """One report of an event (or a canonical event's reconciled view of its reports)."""

    event_type: str
    sub_event_type: str
    plover: str
    status: str
    lo: int | None  # first and last day (date ordinals) the event may have happened on
    hi: int | None
    precision: str | None
    actors: dict[str, ActorInfo] = field(default_factory=dict)  # actor1 and actor2
    side1: frozenset[str] = frozenset()  # actor1 (a canonical event: every report's actor1)
    side2: frozenset[str] = frozenset()
    place: str | None = None
    where: PlaceInfo | None = None
    words: frozenset[str] = frozenset()
    triggers: frozenset[str] = frozenset()  # the words that name the event ('offensive')
    article_id: str | None = None

    @property
    def dated(self) -> bool:
        return self.precision is not None


def _day(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def window(
    status: str,
    when: str | None,
    until: str | None,
    precision: str | None,
    published: str | None,
) -> tuple[int | None, int | None]:
    """The days an event reported so may lie in (None, None when nothing dates it)."""
    r = rules()
    start = _day(when)
    if start is not None and precision:
        end = _day(until) or start + r["precision_days"].get(precision, 1) - 1
        slack = r["slack_days"].get(precision, 0)
        before = r["ongoing_days"] if status == "ongoing" else 0  # it began before it was seen
        return start - slack - before, max(end, start) + slack
    pub = _day(published)
    if pub is None:
        return None, None
    before, after = r["undated_window"].get(status, (-10, 0))
    return pub + before, pub + after


def status_group(status: str) -> int:
    for i, group in enumerate(rules()["status_groups"]):
        if status in group:
            return i
    return -1


def actor_keys(actor_id: str, info: ActorInfo) -> set[str]:
    """Keys under which another outlet's name for the same force would meet this one."""
    keys = {actor_id}
    if info.kind in _GOVERNMENT_KINDS and info.country:
        keys.add(f"gov:{info.country}")
    return keys


def is_generic(actor_id: str) -> bool:
    return actor_id in rules()["generic_actors"]


EARTH_KM = 6371.0  # mean radius


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return EARTH_KM * 2 * math.asin(min(1.0, math.sqrt(h)))


def km(a: PlaceInfo, b: PlaceInfo) -> float | None:
    """Distance between two places in km, or None when either has no coordinates."""
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return distance_km(a.lat, a.lon, b.lat, b.lon)
