"""Whether a bare name is a place, for the actor and people stages.

The small model tags many towns ORG or PERSON ("Government forces shelled Aleppo", "Qalamoun
is not Qusayr"); a name with no group word that the gazetteer knows as a curated place, a
country, a first-level division or a town of some size is left to the places stage.
"""

from __future__ import annotations

from functools import lru_cache

from sitroom.places import gazetteer
from sitroom.places.resolve import weights

#: Features that are places whatever their population.
_ALWAYS = ("country", "admin1", "region", "water", "mountain")


@lru_cache(maxsize=4096)
def names_a_place(name: str) -> bool:
    """A curated place, country, division, region, or a city or town at least
    `person_guard_population` strong (data/places/ranking.json)."""
    town = weights().person_guard_population
    return any(
        c.curated
        or c.feature in _ALWAYS
        or (c.feature in ("city", "town") and c.population >= town)
        for c in gazetteer.default().lookup(name)
    )
