"""An event's status (occurred, ongoing, anticipated, threatened) from the words that govern
its trigger: tense, modality and cue words of data/events/status_cues.json."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

from sitroom.events.parse import CUE_DEPS, VERBS, children, first_verb
from sitroom.events.triggers import Match, cues


def status_of(match: Match, doc: Doc, path: list[Token]) -> str | None:
    """occurred | ongoing | anticipated | threatened, or None when the trigger is negated."""
    c = cues()
    trigger = doc[match.head]
    words: set[str] = set()  # cue words from the governing clause
    own: set[str] = set()  # the trigger's own modifiers: 'upcoming', 'will'; not 'long-threatened'
    for child in trigger.children:
        if child.dep_ in CUE_DEPS:
            own.add(child.lemma_.lower())
    for token in path:
        if token.pos_ == "ADP":
            if token.lower_ in c.negation:  # 'took the town without a fight'
                return None
            continue
        words.add(token.lemma_.lower())
        words.update(ch.lemma_.lower() for ch in token.children if ch.dep_ in CUE_DEPS - {"det"})
    negated = (  # 'did not attack', 'no clashes were reported'
        ch.dep_ in ("neg", "det") and ch.lower_ in c.negation
        for t in [trigger, *path]
        for ch in t.children
    )
    if any(negated):
        return None
    if words & c.threatened:
        return "threatened"
    words |= own
    if words & c.anticipated or _unrealised_infinitive([trigger, *path]):
        return "anticipated"
    if match.trigger.status:
        return match.trigger.status
    if words & c.ongoing or _progressive(trigger, path):
        return "ongoing"
    return "occurred"


def _unrealised_infinitive(tokens: list[Token]) -> bool:
    """'to attack' is only intended, unless the verb above says it happened ('managed to')."""
    c = cues()
    for token in tokens:
        if token.lemma_.lower() in c.opaque:
            return False
        if token.tag_ == "VB" and any(ch.lower_ == "to" for ch in children(token, "aux")):
            head = token.head
            return head.lemma_.lower() not in c.implicative
    return False


def _progressive(trigger: Token, path: list[Token]) -> bool:
    """'are fighting', 'has been receiving', 'rebels fighting X', 'fighting which is occurring'."""
    candidates = [trigger]
    if trigger.pos_ not in VERBS:
        candidates += children(trigger, "relcl")
        verb = first_verb(path)
        if verb is not None:
            candidates.append(verb)
    for token in candidates:
        if token.tag_ != "VBG":
            continue
        auxes = children(token, "aux")
        if not auxes and token.dep_ == "acl":
            return True
        if any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return True
    return False
