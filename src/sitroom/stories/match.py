"""When two reports tell of the same happening, and how sure we are.

Hard rules first, each one a way two reports are known to differ: an expectation is never
the event that came later; types that cannot be one happening; windows in time that do not
meet; places further apart than a town's reach. Then a score from what the two share.
Place proximity alone never links: reports need an actor in common, or, when one names no
actor, the same sub-event type on a tight date with wording in common.
"""

from __future__ import annotations

from sitroom.stories.sighting import (
    ActorInfo,
    Sighting,
    actor_keys,
    is_generic,
    km,
    rules,
    status_group,
)
from sitroom.stories.terms import jaccard


def _type_group(s: Sighting) -> set[int]:
    """The type groups the report's type falls in (an entry is "Type" or "Type: Sub-type")."""
    groups = set()
    for i, group in enumerate(rules()["type_groups"]):
        if s.event_type in group or f"{s.event_type}: {s.sub_event_type}" in group:
            groups.add(i)
    return groups


def compatible_types(event_type: str) -> list[str]:
    """Every ACLED event type whose reports may be the same happening as one of this type."""
    types = {event_type}
    for group in rules()["type_groups"]:
        bare = [entry.split(": ")[0] for entry in group]
        if event_type in bare:
            types.update(bare)
    return sorted(types)


def type_score(a: Sighting, b: Sighting) -> float:
    """1 for the same sub-event type, less for a compatible one, 0 when they cannot match."""
    if a.event_type == b.event_type and a.sub_event_type == b.sub_event_type:
        strict = a.event_type in rules()["same_sub_type_only"]
        return 1.0 if a.plover == b.plover or not strict else 0.0
    if {a.event_type, b.event_type} & set(rules()["same_sub_type_only"]):
        return 0.0
    return 0.6 if _type_group(a) & _type_group(b) else 0.0


def _kind(info: ActorInfo) -> str:
    return "state" if info.kind in ("state", "state_forces") else info.kind


def _meets(one: str, a: ActorInfo, two: str, b: ActorInfo) -> float:
    """How far two actor names can be one force: same (1), branch and parent (0.8),
    a generic collective and one of its kind (0.5)."""
    if actor_keys(one, a) & actor_keys(two, b):
        return 1.0
    if a.parent == two or b.parent == one:
        return 0.8
    if (is_generic(one) or is_generic(two)) and _kind(a) == _kind(b):
        return 0.5
    return 0.0


def _best(xs: frozenset[str], ys: frozenset[str], a: Sighting, b: Sighting) -> float | None:
    if not xs or not ys:
        return None
    return max(_meets(x, a.actors[x], y, b.actors[y]) for x in xs for y in ys)


def _oriented(pairs: list[float | None]) -> float | None:
    known = [v for v in pairs if v is not None]
    if not known:
        return None
    return 0.0 if min(known) == 0.0 else sum(known) / len(known)


def actor_score(a: Sighting, b: Sighting) -> float | None:
    """How well the two reports' doers and targets agree: 0 when a role both name is held by
    forces that cannot be one, None when no role is named by both (one outlet names only the
    bomber, the other only the victims). The sides of a battle may come in either order."""
    straight = _oriented([_best(a.side1, b.side1, a, b), _best(a.side2, b.side2, a, b)])
    options = [straight]
    if a.event_type == "Battles" and b.event_type == "Battles":
        options.append(_oriented([_best(a.side1, b.side2, a, b), _best(a.side2, b.side1, a, b)]))
    positive = [v for v in options if v]
    if positive:
        return max(positive)
    return None if None in options else 0.0


def place_score(a: Sighting, b: Sighting) -> float | None:
    """1 for the same place, falling to 0.5 at `near_km`; 0.5 when one lies inside the other;
    0 when they are apart; None when either is unplaced."""
    if a.where is None or b.where is None:
        return None
    if a.place == b.place:
        return 1.0
    r = rules()
    pa, pb = a.where, b.where
    dist = km(pa, pb)
    for outer, inner in ((pa, pb), (pb, pa)):
        if outer.feature == "country" and outer.country and outer.country == inner.country:
            return 0.5
        if outer.feature in ("admin1", "region"):
            if outer.admin1 and outer.admin1 == inner.admin1 and outer.feature == "admin1":
                return 0.5
            if dist is not None and dist <= r["region_km"]:
                return 0.5
    if dist is None:
        return None
    if dist <= r["near_km"]:
        return 1.0 - 0.5 * dist / r["near_km"]
    return 0.0


def date_score(a: Sighting, b: Sighting) -> float | None:
    """How tightly two windows agree (0 when they do not meet; None when undated)."""
    if None in (a.lo, a.hi, b.lo, b.hi):
        return None
    overlap = min(a.hi, b.hi) - max(a.lo, b.lo) + 1
    if overlap <= 0:
        return 0.0
    widest = max(a.hi - a.lo, b.hi - b.lo) + 1
    return max(0.3, overlap / widest) if a.dated and b.dated else 0.3


def undated_km() -> float:
    """How far apart two places may be for an undated report to link (its place score)."""
    r = rules()
    return 2 * r["near_km"] * (1.0 - r["undated"]["place"])


def _doers_meet(a: Sighting, b: Sighting) -> bool:
    """Whether the two reports name the same doer (actor1), as a development needs."""
    return (_best(a.side1, b.side1, a, b) or 0.0) >= 0.8


def _tight(s: Sighting) -> bool:
    return s.dated and s.lo is not None and s.hi - s.lo <= rules()["actorless"]["max_days"]


def score(a: Sighting, b: Sighting) -> float:
    """How sure we are that a and b are one happening; 0 when they cannot be."""
    if a.article_id is not None and a.article_id == b.article_id:
        return 0.0  # the events stage already decided these are two happenings
    if status_group(a.status) != status_group(b.status):
        return 0.0
    kind = type_score(a, b)
    if kind == 0.0:
        return 0.0
    when = date_score(a, b)
    if when == 0.0:
        return 0.0
    where = place_score(a, b)
    if where == 0.0:
        return 0.0
    if kind < 1.0 and not (_tight(a) and _tight(b) and (where or 0.0) >= 0.8):
        return 0.0  # a battle and a capture are one happening only on one day at one place
    who = actor_score(a, b)
    said = jaccard(a.words, b.words)
    r = rules()
    if who is None:  # no actor to share: the same kind, place and day, told in common words
        if not (
            _tight(a)
            and _tight(b)
            and kind == 1.0
            and (where or 0.0) >= 0.5
            and (said >= r["actorless"]["min_words"] or a.triggers & b.triggers)
        ):
            return 0.0
        who = 0.5
    elif who == 0.0:
        return 0.0
    close = r["undated"]["place"]
    if not (a.dated and b.dated) and (kind < 1.0 or not where or where < close or who < 0.8):
        return 0.0  # undated reports: only the same kind of event, place and actors
    if a.event_type in r["same_sub_type_only"] and not _doers_meet(a, b):
        return 0.0
    w = r["weights"]
    total = (
        w["type"] * kind
        + w["actors"] * who
        + w["place"] * (0.4 if where is None else where)
        + w["date"] * (0.3 if when is None else when)
        + w["words"] * min(1.0, 2 * said)
    )
    return round(total, 4)
