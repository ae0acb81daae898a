"""Choosing one gazetteer entry per toponym, the way a careful reader would.

A name's candidates are ranked by prominence (log population), feature kind (a country
name means the country), whether the entry is curated, whether the text spells the entry's
own name, a kind hinted by the words around ('Idlib province'), and the article's focus:
the countries its unambiguous places (and, more weakly, its actors) point to. So "Al
Qusayr" in a report about Syria goes to Syria, not Egypt; with no focus to help, the
clearly most populous reading wins. Every weight lives in data/places/ranking.json.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sitroom.datafiles import load_json
from sitroom.places.candidate import Candidate
from sitroom.places.names import bare, key


@dataclass(frozen=True)
class Weights:
    """The resolver's knobs (data/places/ranking.json)."""

    feature: dict[str, float]
    curated: float
    own_name: float
    hint: float
    focus: float
    actor_focus: float
    clear_margin: float
    close: float
    weak_min_population: int
    weak_min_share: float
    weak_person_min_population: int
    person_guard_population: int
    region_focus: float
    same_place_km: float
    assumed_population: dict[str, int]
    hints: dict[str, frozenset[str]]
    wide: frozenset[str]


@lru_cache(maxsize=1)
def weights() -> Weights:
    raw: dict[str, Any] = load_json("places/ranking.json")
    return Weights(
        feature=dict(raw["feature"]),
        curated=raw["curated"],
        own_name=raw["own_name"],
        hint=raw["hint"],
        focus=raw["focus"],
        actor_focus=raw["actor_focus"],
        clear_margin=raw["clear_margin"],
        close=raw["close"],
        weak_min_population=raw["weak_min_population"],
        weak_min_share=raw["weak_min_share"],
        weak_person_min_population=raw["weak_person_min_population"],
        person_guard_population=raw["person_guard_population"],
        region_focus=raw["region_focus"],
        same_place_km=raw["same_place_km"],
        assumed_population=dict(raw["assumed_population"]),
        hints={k: frozenset(v) for k, v in raw["hints"].items()},
        wide=frozenset(raw["wide"]),
    )


def seats_over_divisions(candidates: Iterable[Candidate], hint: str | None) -> list[Candidate]:
    """Drop a division when a city or town inside it answers to the same name: a bare
    'Idlib', 'Homs' or 'New York' means the city; 'Idlib province' (the hint) means the
    province. A village of that name (Halba, called Akkar) does not count."""
    ranked = list(candidates)
    if hint and "admin1" in weights().hints.get(hint, ()):
        return ranked
    seats = {(c.country, c.admin1) for c in ranked if c.feature in ("city", "town") and c.admin1}
    return [c for c in ranked if c.feature != "admin1" or (c.country, c.admin1) not in seats]


def clear_reading(
    name: str, candidates: Iterable[Candidate], hint: str | None = None
) -> Candidate | None:
    """The one reading of `name` that needs no context, if there is one: the best candidate
    when every candidate in another country scores at least `clear_margin` below it (about
    ten times less populous, or only an alternate name, or not a country)."""
    ranked = sorted(
        seats_over_divisions(candidates, hint), key=lambda c: -score(c, name, Counter(), hint)
    )
    if not ranked:
        return None
    top = score(ranked[0], name, Counter(), hint)
    for other in ranked[1:]:
        if other.country != ranked[0].country:
            if top - score(other, name, Counter(), hint) < weights().clear_margin:
                return None
            break
    return ranked[0]


@dataclass(frozen=True)
class Focus:
    """The countries an article is about: each name with a clear reading votes for its
    country, each actor adds a fraction of a vote for its base. A name never votes for its
    own resolution (`counts(exclude=name)`), or a clear misreading would confirm itself."""

    votes: dict[str, str]
    actors: Counter
    regions: dict[str, tuple[str, str]] = field(default_factory=dict)

    def counts(self, exclude: str | None = None) -> Counter:
        counts = Counter(self.actors)
        for name, country in self.votes.items():
            if name != exclude:
                counts[country] += 1
        return counts

    def region_counts(self, exclude: str | None = None) -> Counter:
        """Votes by (country, first-level division): a local paper's towns share a state."""
        return Counter(region for name, region in self.regions.items() if name != exclude)


def focus(
    names: Iterable[tuple[str, Iterable[Candidate], str | None]],
    actor_countries: Iterable[str | None] = (),
) -> Focus:
    """The article's focus from (name, candidates, hint) triples and its actors' countries."""
    votes: dict[str, str] = {}
    regions: dict[str, tuple[str, str]] = {}
    for name, candidates, hint in names:
        clear = clear_reading(name, candidates, hint)
        if clear is not None and clear.country:
            votes[key(name)] = clear.country
            if clear.admin1 and clear.feature != "country":
                regions[key(name)] = (clear.country, clear.admin1)
    actors: Counter = Counter()
    for country in actor_countries:
        if country:
            actors[country] += weights().actor_focus
    return Focus(votes, actors, regions)


def _share(countries: Counter, country: str | None) -> float:
    total = sum(countries.values())
    return countries.get(country, 0) / total if total and country else 0.0


def effective_population(candidate: Candidate) -> int:
    """The population to rank by: GeoNames' figure, or an assumed one where it gives 0."""
    return candidate.population or weights().assumed_population.get(candidate.feature, 0)


def score(
    candidate: Candidate,
    name: str,
    countries: Counter,
    hint: str | None,
    regions: Counter | None = None,
) -> float:
    """How likely `candidate` is what `name` means in this article."""
    w = weights()
    value = math.log10(effective_population(candidate) + 10) + w.feature.get(candidate.feature, 0.0)
    if candidate.curated:
        value += w.curated
    if bare(key(candidate.name)) == bare(key(name)):
        value += w.own_name
    if hint and candidate.feature in w.hints.get(hint, ()):
        value += w.hint
    if regions and candidate.admin1:
        total = sum(regions.values())
        value += w.region_focus * regions.get((candidate.country, candidate.admin1), 0) / total
    return value + w.focus * _share(countries, candidate.country)


def choose(
    name: str,
    candidates: Iterable[Candidate],
    countries: Counter,
    hint: str | None = None,
    regions: Counter | None = None,
) -> tuple[Candidate, str]:
    """The best candidate for `name`, with a short reason ('own name; most populous; ...');
    `regions` are the article's votes by first-level division (Focus.region_counts)."""
    w = weights()
    ranked = sorted(
        seats_over_divisions(candidates, hint),
        key=lambda c: -score(c, name, countries, hint, regions),
    )
    best = ranked[0]
    reasons = []
    if best.curated:
        reasons.append("curated")
    if best.feature == "country":
        reasons.append("country name")
    own = bare(key(best.name)) == bare(key(name))
    reasons.append("exact name" if own else f"alternate name of {best.name}")
    if hint and best.feature in w.hints.get(hint, ()):
        reasons.append(f"{hint} cue")
    if len(ranked) == 1:
        reasons.append("only candidate")
        return best, "; ".join(reasons)
    if best.population > 0 and best.population == max(c.population for c in ranked):
        reasons.append("most populous")
    if _share(countries, best.country) > 0:
        reasons.append(f"article focus {best.country}")
    if regions and regions.get((best.country, best.admin1)):
        reasons.append(f"article focus {best.admin1}")
    top = score(best, name, countries, hint, regions)
    rival = next((c for c in ranked[1:] if c.country != best.country), None)
    if rival is not None and top - score(rival, name, countries, hint, regions) < w.close:
        reasons.append(f"ambiguous with {rival.name} ({rival.country})")
    reasons.append(f"{len(ranked)} candidates")
    return best, "; ".join(reasons)


_SETTLEMENTS = ("city", "town", "village")


def wider_unit(
    name: str,
    candidates: Iterable[Candidate],
    countries: Counter,
    hint: str | None = None,
    regions: Counter | None = None,
) -> tuple[str, str | None] | None:
    """When the text cannot choose between settlements of one country far apart that answer to
    `name`, the unit they share, (country, admin1) or (country, None), to report instead of
    pinning one of them; None when the best reading stands (or the rivals are abroad)."""
    w = weights()
    ranked = sorted(
        seats_over_divisions(candidates, hint),
        key=lambda c: -score(c, name, countries, hint, regions),
    )
    if len(ranked) < 2 or ranked[0].curated or ranked[0].feature not in _SETTLEMENTS:
        return None
    best = ranked[0]
    top = score(best, name, countries, hint, regions)
    rivals = [
        c
        for c in ranked[1:]
        if top - score(c, name, countries, hint, regions) < w.close
        and c.feature in _SETTLEMENTS
        and _km(best, c) > w.same_place_km
    ]
    if not rivals or any(c.country != best.country for c in rivals):
        return None
    shared = {c.admin1 for c in [best, *rivals]}
    return best.country or "", shared.pop() if len(shared) == 1 else None


def _km(a: Candidate, b: Candidate) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def fits_focus(candidate: Candidate, countries: Counter, person: bool = False) -> bool:
    """Whether a weakly evidenced name's reading is plausible here: in a country the article
    is mostly about, and not a hamlet (a big place, when spaCy took the name for a person)."""
    return (
        candidate.curated
        or candidate.feature == "country"
        or (
            _share(countries, candidate.country) >= weights().weak_min_share
            and effective_population(candidate)
            >= (weights().weak_person_min_population if person else weights().weak_min_population)
        )
    )


def precision(candidate: Candidate) -> int:
    """1 the place itself, 3 a country, division, region, range or river."""
    if candidate.precision is not None:
        return candidate.precision
    return 3 if candidate.feature in weights().wide else 1
