"""Deaths the ACLED way: the most conservative figure a sentence gives for its event, none when
it gives none, and a war's running toll never counted as one event's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

from sitroom.events.claims import quantities, vocab
from sitroom.events.parse import VERBS, children, is_passive, with_conjuncts
from sitroom.events.triggers import Cues, cues


def _count(token: Token | None) -> int | None:
    """How many people a victim noun phrase stands for: '12 people' 12, 'a general' 1."""
    if token is None:
        return None
    v = vocab()
    c = cues()
    total = 0
    known = False
    for noun in with_conjuncts(token):
        n = _count_one(noun, v, c)
        if n is not None:
            total += n
            known = True
    return total if known else None


def _count_one(noun: Token, v: Any, c: Cues) -> int | None:
    low = noun.lower_
    if low in v.vague_fatalities:
        return int(v.vague_fatalities[low])
    if low in c.one_victim_pronouns:
        return 1
    lo = noun.left_edge.i
    numbers = [
        q
        for q in quantities(noun.doc[lo : noun.i + 1])
        if q.end == noun.i or _counts(noun.doc[q.end - 1], noun)
    ]
    if numbers:
        return int(min(q.value for q in numbers))  # 'between 10 and 15 soldiers': 10
    for child in noun.lefts:
        if child.lower_ in v.vague_fatalities:
            return int(v.vague_fatalities[child.lower_])
    if noun.tag_ in ("NNS", "NNPS") or noun.pos_ == "PRON":
        return None
    if noun.pos_ == "PROPN" or any(
        (ch.dep_ == "det" and ch.lower_ in c.one_victim) or ch.dep_ == "poss"
        for ch in noun.children
    ):
        return 1  # 'a general', 'their mother', 'Colonel Haddad'

    return None


def _counts(number: Token, noun: Token) -> bool:
    """The number token modifies the noun ('10 and 15 soldiers'), not a date before it."""
    while number.dep_ == "conj" and number.head != number:
        number = number.head
    return number.head == noun


def cumulative(report: Token) -> bool:
    """'killed since the war began', 'the conflict has killed 280,000': a running total of a
    war, not the deaths of one event."""
    c = cues()
    verb = report if report.pos_ in VERBS else report.head
    for child in verb.children:
        if child.dep_ in ("prep", "mark") and child.lower_ in c.cumulative_preps:
            return True
        if child.dep_ == "advcl" and any(
            g.dep_ == "mark" and g.lower_ in c.cumulative_preps for g in child.children
        ):
            return True
        if child.dep_ == "nsubj" and child.lemma_.lower() in c.cumulative_subjects:
            return True
    return False


def deaths(unit: Span) -> list[tuple[Token, int]]:
    """Death reports in a stretch of text: (the word that reports them, how many)."""
    c = cues()
    doc = unit.doc
    found: list[tuple[Token, int]] = []
    for token in unit:
        lemma = token.lemma_.lower()
        count: int | None = None
        if lemma in c.kill and token.pos_ == "VERB":
            if is_passive(token):
                patients = children(token, "nsubjpass")
                count = _count(patients[0] if patients else token.head)
            else:
                count = _count(next(iter(children(token, "dobj")), None))
        elif lemma in c.die and token.pos_ == "VERB":
            count = _count(next(iter(children(token, "nsubj")), None))
        elif token.lower_ in c.dead:
            before = [q for q in quantities(doc[max(unit.start, token.i - 4) : token.i])]
            count = int(before[-1].value) if before else None
        elif lemma in c.death_nouns and token.pos_ == "NOUN":
            count = _count(token) if token.tag_ == "NNS" else None
        elif lemma in c.toll:
            after = quantities(doc[token.i + 1 : min(unit.end, token.i + 8)])
            count = int(after[0].value) if after else None
        if count is not None and not cumulative(token):
            found.append((token, count))
    return found
