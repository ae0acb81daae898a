"""A story's label: its dominant place, the sides that fight in it, and its kind of events.

"Qalamoun: Hezbollah and Syrian government forces vs Jabhat al-Nusra (battles)". Sides come
from the story's violent events (actor1 and actor2 of one are on opposite sides) and its
relations (enemies apart; allies, backers and branches together), grown outwards from the
most-mentioned actor that fights.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from sitroom.datafiles import load_json
from sitroom.stories import group
from sitroom.stories.group import Profile

_TOGETHER = ("ally", "supports", "cooperates", "member_of", "branch_of")


@cache
def _words() -> dict:
    return load_json("stories/labels.json")


@dataclass(frozen=True)
class Label:
    text: str
    place: str | None
    actors: list[str]
    event_type: str | None


def sides(
    weight: Mapping[str, float],
    against: Sequence[tuple[str, str]],
    together: Sequence[tuple[str, str]],
) -> tuple[list[str], list[str]]:
    """Two sides grown from the heaviest actor that fights anyone: whom it fights is the
    other side, whom it allies with or backs is its own. Each side is ordered by weight;
    actors tied to no fight stay out."""
    links: dict[str, list[tuple[str, int]]] = {}
    for a, b in against:
        links.setdefault(a, []).append((b, 1))
        links.setdefault(b, []).append((a, 1))
    for a, b in together:
        links.setdefault(a, []).append((b, 0))
        links.setdefault(b, []).append((a, 0))
    fighters = {a for pair in against for a in pair}
    seeds = sorted(fighters, key=lambda a: (-weight.get(a, 0), a))
    if not seeds:
        return [], []
    side = {seeds[0]: 0}
    queue = [seeds[0]]
    while queue:
        actor = queue.pop(0)
        for other, flip in links.get(actor, ()):
            if other not in side:
                side[other] = side[actor] ^ flip
                queue.append(other)
    ranked = sorted(weight, key=lambda a: (-weight[a], a))
    one = [a for a in ranked if side.get(a) == 0]
    two = [a for a in ranked if side.get(a) == 1]
    return one, two


def _join(names: list[str]) -> str:
    return " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " and " + names[-1]


def label(profile: Profile) -> Label:
    """The label of a story from its summed profile."""
    words = _words()
    where = profile.place_counts + Counter({p: 2 * n for p, n in profile.event_places.items()})
    features = {pid: p.feature for pid, p in profile.places.items()}
    fine = [p for p, _ in where.most_common() if features.get(p) in words["place_features"]]
    place = fine[0] if fine else (where.most_common(1)[0][0] if where else None)
    against, together = [], []
    for key, _n in profile.relations.items():
        source, kind, target = key.split("|")
        if kind == "enemy":
            against.append((source, target))
        elif kind in _TOGETHER:
            together.append((source, target))
    against += [tuple(key.split("|")) for key in profile.pairs]
    weight = {a: n for a, n in profile.actors.items() if a in profile.armed and n > 0}
    one, two = sides(weight, against, together)
    k = words["max_side"]
    if not one:  # nobody is seen fighting: name the most-mentioned armed actors
        one = sorted(weight, key=lambda a: (-weight[a], a))
    one, two = one[:k], two[:k]
    types = group.rules()["violent_types"]
    violent = [t for t, _ in profile.kinds.most_common() if t in types]
    kind = violent[0] if violent else next(iter(profile.kinds.most_common(1)), (None,))[0]

    def named(ids: list[str]) -> list[str]:
        return [profile.names.get(a, a) for a in ids]

    cast = _join(named(one)) + (f" vs {_join(named(two))}" if two else "")
    head = (profile.spelling(place) or profile.names.get(place, place)) if place else "Unplaced"
    text = f"{head}: {cast}" if cast else head
    if kind:
        text += f" ({words['type_words'].get(kind, kind.lower())})"
    return Label(text=text, place=place, actors=one + two, event_type=kind)
