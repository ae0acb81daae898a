"""Words that stand for an actor without naming it: a leader's name for his state's forces
("backs Assad", "fighting Assad"), where the article names those forces or that state."""

from __future__ import annotations

from sitroom.actors.data import countries
from sitroom.model import Actor, Record


def governments(actors: list[Actor]) -> dict[str, str]:
    """Country code -> the actor that acts for its government: its forces, else the state."""
    found: dict[str, str] = {}
    for actor in actors:
        if not actor.country or actor.kind not in ("state_forces", "state"):
            continue
        if actor.kind == "state_forces" or actor.country not in found:
            found[actor.country] = actor.id
    return found


def leader_spans(record: Record) -> list[tuple[str, list[tuple[int, int]]]]:
    """(actor id, mentions) for each named leader whose government the article names."""
    government = governments(record.actors)
    spans = []
    for person in record.people:
        country = countries().by_leader.get(person.name.split()[-1].lower())
        if country is not None and country.code in government:
            spans.append((government[country.code], person.mentions))
    return spans
