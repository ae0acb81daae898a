"""Grouping articles into storylines, one article at a time (single-pass clustering).

An article is described by its words, actors and places; a story by the sum of its
articles'. The article joins the story it resembles most (TF-IDF cosine of the words,
shared actors and places, a bonus for reporting an event the story already holds, less for
a story last heard of years ago), or starts a new one.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from sitroom.datafiles import load_json
from sitroom.stories.sighting import PlaceInfo, is_generic, km
from sitroom.stories.terms import cosine, tfidf, top


@cache
def rules() -> dict:
    return load_json("stories/grouping.json")


@dataclass
class Profile:
    """An article's (or a story's summed) words, actors and places, and its span in time."""

    terms: Counter[str] = field(default_factory=Counter)
    actors: Counter[str] = field(default_factory=Counter)
    places: dict[str, PlaceInfo] = field(default_factory=dict)
    place_counts: Counter[str] = field(default_factory=Counter)
    broad: set[str] = field(default_factory=set)  # countries and generic actors
    first: str | None = None
    last: str | None = None
    n: int = 1

    def to_json(self) -> dict:
        return {
            "terms": dict(self.terms),
            "actors": dict(self.actors),
            "places": {
                pid: [
                    self.place_counts[pid],
                    p.lat,
                    p.lon,
                    p.country,
                    p.admin1,
                    p.feature,
                    p.name,
                ]
                for pid, p in self.places.items()
            },
            "broad": sorted(self.broad),
            "first": self.first,
            "last": self.last,
            "n": self.n,
        }

    @classmethod
    def from_json(cls, data: dict) -> Profile:
        places, counts = {}, Counter()
        for pid, (count, lat, lon, country, admin1, feature, name) in data["places"].items():
            places[pid] = PlaceInfo(lat, lon, country, admin1, feature, name)
            counts[pid] = count
        return cls(
            terms=Counter(data["terms"]),
            actors=Counter(data["actors"]),
            places=places,
            place_counts=counts,
            broad=set(data.get("broad", ())),
            first=data.get("first"),
            last=data.get("last"),
            n=data.get("n", 1),
        )


def add(story: Profile, article: Profile) -> Profile:
    """The story with the article counted in (word counts capped to the heaviest terms)."""
    terms = Counter(top(story.terms + article.terms, rules()["profile_terms"]))
    places = {**story.places, **article.places}
    return Profile(
        terms=terms,
        actors=story.actors + article.actors,
        places=places,
        place_counts=story.place_counts + article.place_counts,
        broad=story.broad | article.broad,
        first=min(d for d in (story.first, article.first) if d)
        if story.first or article.first
        else None,
        last=max(d for d in (story.last, article.last) if d)
        if story.last or article.last
        else None,
        n=story.n + article.n,
    )


def remove(story: Profile, article: Profile) -> Profile:
    """The story without the article (its span is kept: recomputing it needs every article)."""
    counts = story.place_counts - article.place_counts
    return Profile(
        terms=story.terms - article.terms,
        actors=story.actors - article.actors,
        places={pid: p for pid, p in story.places.items() if counts[pid] > 0},
        place_counts=counts,
        broad=story.broad,
        first=story.first,
        last=story.last,
        n=max(0, story.n - article.n),
    )


def _weighted_cosine(a: Counter[str], b: Counter[str], broad: set[str]) -> float:
    w = rules()["broad_weight"]

    def weight(key: str) -> float:
        return w if key in broad or is_generic(key) else 1.0

    dot = sum(a[k] * b[k] * weight(k) ** 2 for k in a.keys() & b.keys())
    na = math.sqrt(sum((v * weight(k)) ** 2 for k, v in a.items()))
    nb = math.sqrt(sum((v * weight(k)) ** 2 for k, v in b.items()))
    return dot / (na * nb) if na and nb else 0.0


def _place_overlap(article: Profile, story: Profile) -> float:
    """Share of the article's place mentions that fall in or near the story's places."""
    total = sum(article.place_counts.values())
    if not total or not story.places:
        return 0.0
    near = rules()["near_km"]
    hit = 0.0
    for pid, count in article.place_counts.items():
        weight = rules()["broad_weight"] if pid in article.broad else 1.0
        if pid in story.places:
            hit += count * weight
            continue
        here = article.places[pid]
        if here.feature == "country":
            continue
        for other in story.places.values():
            d = km(here, other)
            if d is not None and d <= near and other.feature != "country":
                hit += count * weight * 0.8
                break
    return min(1.0, hit / total)


def _time_factor(article: Profile, story: Profile) -> float:
    if not article.first or not story.first or not story.last:
        return 1.0
    day = date.fromisoformat(article.first).toordinal()
    lo = date.fromisoformat(story.first).toordinal()
    hi = date.fromisoformat(story.last).toordinal()
    gap = max(0, lo - day, day - hi)
    r = rules()
    if gap <= r["time_grace_days"]:
        return 1.0
    return max(r["time_floor"], 1.0 - (1.0 - r["time_floor"]) * gap / r["time_decay_days"])


def similarity(
    article: Profile, story: Profile, df: dict[str, int], n_docs: int, *, shares_event: bool
) -> float:
    """How well the article fits the story (0 to about 1.3)."""
    r = rules()
    w = r["weights"]
    words = cosine(tfidf(article.terms, df, n_docs), tfidf(story.terms, df, n_docs))
    actors = _weighted_cosine(article.actors, story.actors, article.broad | story.broad)
    places = _place_overlap(article, story)
    total = w["terms"] * words + w["actors"] * actors + w["places"] * places
    if shares_event:
        total += r["shared_event_bonus"]
    return round(total * _time_factor(article, story), 4)
