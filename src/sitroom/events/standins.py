"""Words that stand for an actor without naming it: a leader's name for his state's forces
("backs Assad", "fighting Assad"), where the article names those forces or that state, and
a bare "the army" or "the regime" for the state forces the article named last before it."""

from __future__ import annotations

import re

from sitroom.actors.data import countries
from sitroom.datafiles import load_json
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


def bare_force_spans(record: Record) -> list[tuple[str, list[tuple[int, int]]]]:
    """(actor id, mentions) for 'the army', 'the regime', 'the government' that the actors
    stage left unattributed: each is the state forces (or state) named last before it."""
    text = record.article.text
    nouns = load_json("events/patterns.json")["bare_force_nouns"]
    pattern = re.compile(r"\b(?:the|its|their)\s+(" + "|".join(nouns) + r")\b", re.IGNORECASE)
    forces = sorted(
        (start, end, a.id)
        for a in record.actors
        if a.kind in ("state_forces", "state")
        for start, end in a.mentions
    )
    taken = [span for a in record.actors for span in a.mentions]
    found: dict[str, list[tuple[int, int]]] = {}
    for m in pattern.finditer(text):
        start, end = m.span(1)
        if any(s < end and start < e for s, e in taken):
            continue
        before = [f for f in forces if f[1] <= start]
        if before:
            found.setdefault(before[-1][2], []).append((start, end))
    return list(found.items())
