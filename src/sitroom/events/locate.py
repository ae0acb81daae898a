"""Where and when: the place and date a trigger's sentence ties to its event."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

from sitroom.dates import DateValue, resolve_date
from sitroom.events.parse import NEAR_TOKENS, Mentions
from sitroom.events.triggers import Match, patterns


def place_of(
    match: Match, doc: Doc, path: list[Token], places: Mentions, actors: Mentions
) -> tuple[str | None, int]:
    """The place of the event and how sure: 3 governed by in/at/near/for... of the trigger,
    2 governed by such a preposition elsewhere in the clause, 1 merely near the trigger."""
    p = patterns()
    trigger = doc[match.head]
    near = {trigger, *path[:3]}
    if match.trigger.heads and trigger.dep_ in ("nsubj", "nsubjpass"):
        near.add(trigger.head)  # 'rockets struck Hermel', 'shells landed in the hills'
    targets = {o for t in near for o in t.children if o.dep_ in ("dobj", "pobj")}
    clause = {*path, *trigger.subtree}
    best: tuple[int, int, str] | None = None
    for m in places.items:
        if actors.overlapping(m.start, m.end):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        score = 1
        if root.dep_ == "compound" and root.head == trigger:
            score = 3
        elif root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head == trigger:
            score = 3  # 'the capture of Palmyra', 'the battle of Aleppo'
        elif root.dep_ == "pobj" and root.head.lower_ in p.place_preps:
            governor = root.head.head
            score = 3 if governor in near else 2 if governor in clause else 1
            if score == 1 and governor.pos_ in ("NOUN", "PROPN"):
                continue  # 'the siege of Homs' places the siege, not another event
        elif root.dep_ == "dobj" and root.head in near and root.head.pos_ in ("VERB", "AUX"):
            score = 3  # what is shelled, struck or taken is where it happens: 'shelled Homs'
        elif root.dep_ == "pobj" and root.head.head in targets:
            score = 2  # 'attacked rebel positions in Qalamoun': the target's place
        elif root.dep_ in ("nsubj", "nsubjpass") and root.head in path:
            score = 2  # 'the valley has seen clashes', 'the town was the site of attacks'
        distance = min(abs(root.i - match.start), abs(root.i - match.end))
        if score == 1 and distance > NEAR_TOKENS:
            continue
        candidate = (score, -distance, m.id)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return (best[2], best[0]) if best else (None, 0)


def date_of(
    match: Match, doc: Doc, path: list[Token], bounds: tuple[int, int], base: date | None
) -> DateValue | None:
    """The DATE entity of the sentence nearest the trigger (attached to it first), resolved."""
    trigger = doc[match.head]
    near = {trigger, *path[:3]}
    best: tuple[int, int, DateValue] | None = None
    for ent in doc.ents:
        if ent.label_ != "DATE" or ent.start_char < bounds[0] or ent.end_char > bounds[1]:
            continue
        phrase = ent.text
        if ent.start > 0 and doc[ent.start - 1].lower_ == "since":
            phrase = "since " + phrase
        value = resolve_date(phrase, base)
        if value is None:
            continue
        attached = ent.root.head in near or (
            ent.root.head.pos_ == "ADP" and ent.root.head.head in near
        )
        distance = min(abs(ent.start - match.start), abs(ent.end - match.end))
        candidate = (int(attached), -distance, value)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best else None
