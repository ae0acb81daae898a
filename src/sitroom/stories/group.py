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
from sitroom.model import Record
from sitroom.stories.sighting import PlaceInfo, is_generic, km
from sitroom.stories.terms import cosine, counts, tfidf, top


@cache
def rules() -> dict:
    return load_json("stories/grouping.json")


_COUNTERS = ("terms", "actors", "place_counts", "relations", "pairs", "kinds", "event_places")


@dataclass
class Profile:
    """An article's (or a story's summed) words, actors and places, its span in time, and
    what its label is made of (names, spellings, relations, who fought whom, event kinds)."""

    terms: Counter[str] = field(default_factory=Counter)
    actors: Counter[str] = field(default_factory=Counter)  # mentions per actor
    places: dict[str, PlaceInfo] = field(default_factory=dict)
    place_counts: Counter[str] = field(default_factory=Counter)  # mentions per place
    broad: set[str] = field(default_factory=set)  # countries, states and generic actors
    armed: set[str] = field(default_factory=set)  # actors that can name a side
    names: dict[str, str] = field(default_factory=dict)
    spelled: dict[str, Counter[str]] = field(default_factory=dict)  # place -> its spellings
    relations: Counter[str] = field(default_factory=Counter)  # "source|kind|target"
    pairs: Counter[str] = field(default_factory=Counter)  # "actor1|actor2" of violent events
    kinds: Counter[str] = field(default_factory=Counter)  # ACLED event types
    event_places: Counter[str] = field(default_factory=Counter)
    first: str | None = None  # first and last publication dates
    last: str | None = None
    began: str | None = None  # the earliest date of an event that happened
    n: int = 1

    def to_json(self) -> dict:
        data = {name: dict(getattr(self, name)) for name in _COUNTERS}
        data["places"] = {
            pid: [p.lat, p.lon, p.country, p.admin1, p.feature, p.name]
            for pid, p in self.places.items()
        }
        data["spelled"] = {pid: dict(c) for pid, c in self.spelled.items()}
        data.update(
            broad=sorted(self.broad),
            armed=sorted(self.armed),
            names=self.names,
            first=self.first,
            last=self.last,
            began=self.began,
            n=self.n,
        )
        return data

    @classmethod
    def from_json(cls, data: dict) -> Profile:
        return cls(
            **{name: Counter(data.get(name, {})) for name in _COUNTERS},
            places={pid: PlaceInfo(*v) for pid, v in data["places"].items()},
            spelled={pid: Counter(c) for pid, c in data.get("spelled", {}).items()},
            broad=set(data.get("broad", ())),
            armed=set(data.get("armed", ())),
            names=data.get("names", {}),
            first=data.get("first"),
            last=data.get("last"),
            began=data.get("began"),
            n=data.get("n", 1),
        )

    def spelling(self, pid: str) -> str | None:
        """How the articles spell a place most often."""
        c = self.spelled.get(pid)
        return c.most_common(1)[0][0] if c else None


def _edge(pick, *values: str | None) -> str | None:
    present = [v for v in values if v]
    return pick(present) if present else None


def add(story: Profile, article: Profile) -> Profile:
    """The story with the article counted in (word counts capped to the heaviest terms)."""
    merged = Profile(
        **{name: getattr(story, name) + getattr(article, name) for name in _COUNTERS},
        places={**story.places, **article.places},
        spelled={
            pid: story.spelled.get(pid, Counter()) + article.spelled.get(pid, Counter())
            for pid in story.spelled.keys() | article.spelled.keys()
        },
        broad=story.broad | article.broad,
        armed=story.armed | article.armed,
        names={**article.names, **story.names},
        first=_edge(min, story.first, article.first),
        last=_edge(max, story.last, article.last),
        began=_edge(min, story.began, article.began),
        n=story.n + article.n,
    )
    merged.terms = Counter(top(merged.terms, rules()["profile_terms"]))
    return merged


def remove(story: Profile, article: Profile) -> Profile:
    """The story without the article (its span is kept: recomputing it needs every article)."""
    left = Profile(
        **{name: getattr(story, name) - getattr(article, name) for name in _COUNTERS},
        broad=story.broad,
        armed=story.armed,
        names=story.names,
        first=story.first,
        last=story.last,
        began=story.began,
        n=max(0, story.n - article.n),
    )
    left.places = {pid: p for pid, p in story.places.items() if left.place_counts[pid] > 0}
    left.spelled = {
        pid: story.spelled[pid] - article.spelled.get(pid, Counter())
        for pid in story.spelled
        if pid in left.places
    }
    return left


def profile_of(record: Record) -> Profile:
    """What an article brings to a story: its words, actors and places, its dates, and what
    its story's label is made of."""
    r = rules()
    text = record.article.text
    terms = counts(f"{record.article.title or ''}\n{text}")
    broad = {p.id for p in record.places if p.feature == "country"}
    broad |= {a.id for a in record.actors if a.kind == "state" or is_generic(a.id)}
    happened = [e.date for e in record.events if e.date and e.status in ("occurred", "ongoing")]
    published = record.article.published
    armed, violent = set(r["armed_kinds"]), set(r["violent_types"])
    return Profile(
        terms=Counter(top(terms, r["article_terms"])),
        actors=Counter({a.id: max(1, len(a.mentions)) for a in record.actors}),
        places={p.id: PlaceInfo.of(p) for p in record.places},
        place_counts=Counter({p.id: max(1, len(p.mentions)) for p in record.places}),
        broad=broad,
        armed={a.id for a in record.actors if a.kind in armed and not is_generic(a.id)},
        names={
            **{a.id: a.name for a in record.actors},
            **{p.id: p.name for p in record.places},
        },
        spelled={p.id: Counter(text[s:e] for s, e in p.mentions) for p in record.places},
        relations=Counter(f"{x.source}|{x.kind}|{x.target}" for x in record.relations),
        pairs=Counter(
            f"{e.actor1}|{e.actor2}"
            for e in record.events
            if e.actor1 and e.actor2 and e.actor1 != e.actor2 and e.event_type in violent
        ),
        kinds=Counter(e.event_type for e in record.events),
        event_places=Counter(e.place for e in record.events if e.place),
        first=published,
        last=published,
        began=min([d for d in (published, *happened) if d], default=None),
        n=1,
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
    article: Profile,
    story: Profile,
    df: dict[str, int],
    n_docs: int,
    *,
    shares_event: bool,
    story_vector: dict[str, float] | None = None,
) -> float:
    """How well the article fits the story (0 to about 1.3). `story_vector`: the story's
    TF-IDF vector when the caller keeps one (it changes little from article to article)."""
    r = rules()
    w = r["weights"]
    theirs = story_vector if story_vector is not None else tfidf(story.terms, df, n_docs)
    words = cosine(tfidf(article.terms, df, n_docs), theirs)
    actors = _weighted_cosine(article.actors, story.actors, article.broad | story.broad)
    places = _place_overlap(article, story)
    total = w["terms"] * words + w["actors"] * actors + w["places"] * places
    if shares_event:
        total += r["shared_event_bonus"]
    elif places == 0.0:
        total *= r["apart_factor"]  # the same actors somewhere else: likely another story
    return round(total * _time_factor(article, story), 4)
