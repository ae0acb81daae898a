"""Choosing one gazetteer entry per toponym, the way a careful reader would.

Each name's candidates are ranked by prominence (log population), whether the name is the
entry's own name rather than an alternate one, whether the entry is curated, whether it is
a country, and the article's focus: the countries its unambiguous places and its actors
point to. "Al Qusayr" in a report about Syria goes to Syria, not Egypt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sitroom.places.gazetteer import Candidate
from sitroom.places.names import bare, key

WIDE_FEATURES = {"country", "admin1", "region", "water"}


def focus(candidate_lists: Iterable[list[Candidate]], extra: Iterable[str] = ()) -> Counter:
    """Countries the article is about: from names with one clear reading, and from `extra`."""
    counts: Counter = Counter(c for c in extra if c)
    for candidates in candidate_lists:
        if not candidates:
            continue
        clear = {c.country for c in candidates if c.feature == "country" or c.curated}
        if len({c.country for c in candidates}) == 1 or (
            not clear
            and candidates[0].population
            > 10 * max((c.population for c in candidates[1:]), default=0)
        ):
            clear = {candidates[0].country}
        for country in clear:
            counts[country] += 1
    return counts


def score(candidate: Candidate, name: str, countries: Counter) -> tuple[float, list[str]]:
    """How likely `candidate` is what `name` means here, and the reasons."""
    reasons = []
    total = sum(countries.values()) or 1
    value = candidate.weight
    if candidate.feature == "country":
        value += 20
        reasons.append("country name")
    if candidate.curated:
        value += 2
        reasons.append("curated")
    if bare(key(candidate.name)) == bare(key(name)):
        value += 1
        reasons.append("exact name")
    else:
        reasons.append("alternate name")
    share = countries.get(candidate.country, 0) / total
    if share:
        value += 5 * share
        reasons.append(f"article focus {candidate.country}")
    return value, reasons


def choose(name: str, candidates: list[Candidate], countries: Counter) -> tuple[Candidate, str]:
    """The best candidate for `name`, with a short reason string."""
    ranked = sorted(
        ((score(c, name, countries), c) for c in candidates), key=lambda item: -item[0][0]
    )
    (_, reasons), best = ranked[0]
    if len(ranked) > 1:
        reasons = [*reasons, f"{len(ranked)} candidates"]
    else:
        reasons = [*reasons, "only candidate"]
    return best, "; ".join(reasons)


def precision(candidate: Candidate) -> int:
    """1 a point-like place, 3 a country, division, region or body of water."""
    return 3 if candidate.feature in WIDE_FEATURES else 1
