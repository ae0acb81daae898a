"""The dependency parse around a trigger: actor and place mentions by token, the heads
whose modality reaches a trigger, subjects, objects and prepositional arguments."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

from sitroom.events.triggers import cues

VERBS = ("VERB", "AUX")
# dependency labels a trigger's modality and agent are read through ('launched attacks',
# 'preparing for what is likely to be a battle'); subjects and compounds carry modality only
ARG_CLIMB = {"dobj", "pobj", "prep", "attr", "oprd", "appos", "conj", "pcomp", "xcomp", "acomp"}
CLIMB = ARG_CLIMB | {"nsubj", "nsubjpass", "compound", "npadvmod"}
BY, FROM, BETWEEN = frozenset({"by"}), frozenset({"from"}), frozenset({"between", "among"})
NEAR_TOKENS = 12  # a place or date further than this from the trigger needs the parse's support
CUE_DEPS = {"aux", "auxpass", "advmod", "neg", "mark", "acomp", "prt", "amod", "det"}
_INDEFINITE = {"a", "an", "any", "another", "some"}
RELATIVE = {"who", "which", "that"}


@dataclass(frozen=True)
class Mention:
    id: str
    start: int  # characters
    end: int
    kind: str | None = None


class Mentions:
    """Actor or place mentions inside a character range, looked up by token."""

    def __init__(
        self, items: Iterable[tuple[str, str | None, list[tuple[int, int]]]], lo: int, hi: int
    ) -> None:
        self.items = [
            Mention(ident, s, e, kind)
            for ident, kind, spans in items
            for s, e in spans
            if lo <= s and e <= hi
        ]

    def covering(self, token: Token) -> Mention | None:
        for m in self.items:
            if m.start <= token.idx < m.end:
                return m
        return None

    def overlapping(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.items if m.start < end and start < m.end]


def _phrase_range(token: Token) -> tuple[int, int]:
    """Characters of the token with the compounds, modifiers and possessor before it."""
    left = token
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "nmod", "poss") and child.left_edge.i < left.i:
            left = child.left_edge
    return left.idx, token.idx + len(token.text)


def actor_for(token: Token | None, actors: Mentions, avoid: Token | None = None) -> Mention | None:
    """The actor a noun phrase names: in the phrase itself, else the first in its subtree,
    leaving out the clause of `avoid` (the trigger: 'one that could threaten the regime')."""
    if token is None:
        return None
    start, end = _phrase_range(token)
    found = actors.overlapping(start, end)
    if found:
        return max(found, key=lambda m: m.start)
    lo = token.left_edge.idx
    hi = token.right_edge.idx + len(token.right_edge.text)
    inside = [m for m in actors.items if lo <= m.start and m.end <= hi]
    if avoid is not None and avoid in token.subtree:
        skip_lo = avoid.left_edge.idx
        skip_hi = avoid.right_edge.idx + len(avoid.right_edge.text)
        inside = [m for m in inside if not (skip_lo <= m.start < skip_hi)]
    if inside:
        return min(inside, key=lambda m: m.start)
    if token.dep_ == "appos" and token.head != token:
        # 'Hezbollah, the Shiite group that supports Assad': the group is Hezbollah
        start, end = _phrase_range(token.head)
        named = actors.overlapping(start, end)
        return max(named, key=lambda m: m.start) if named else None
    return None


def governors(token: Token) -> list[Token]:
    """The heads whose modality reaches the trigger, nearest first (see status_cues.json)."""
    c = cues()
    path: list[Token] = []
    current = token
    for _ in range(12):
        head = current.head
        if head == current or current.dep_ not in CLIMB:
            break
        if current.dep_ == "conj" and any(
            ch.dep_ in ("nsubj", "nsubjpass") for ch in current.children
        ):
            break
        if head.pos_ == "ADP" and head.lemma_.lower() in c.stop_preps:
            break
        if (
            current.dep_ in ("nsubj", "nsubjpass")
            and head.lemma_.lower() not in c.subject_verbs
            and not any(ch.dep_ == "det" and ch.lower_ in _INDEFINITE for ch in current.children)
        ):
            break  # 'the attacks could bring rebels closer': the attacks happened; but 'an
            # offensive would see gains' is as hypothetical as its verb
        path.append(head)
        if head.pos_ in VERBS and head.lemma_.lower() in c.opaque:
            break
        current = head
    return path


def first_verb(path: list[Token]) -> Token | None:
    return next((t for t in path if t.pos_ in VERBS), None)


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def is_passive(verb: Token) -> bool:
    return bool(children(verb, "nsubjpass", "auxpass")) or (
        verb.tag_ == "VBN" and verb.dep_ == "acl"
    )


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, looking through infinitives, participles and conjoined verbs."""
    current = verb
    for step in range(4):
        # past the first step a passive subject counts: 'the army was expected to advance'
        subjects = children(current, "nsubj", "csubj", *(("nsubjpass",) if step else ()))
        if subjects:
            subj = subjects[0]
            if subj.lower_ in RELATIVE and current.dep_ == "relcl":
                return current.head
            return subj
        if current.dep_ in ("acl", "relcl") and not is_passive(current):
            return current.head
        if current.dep_ in ("xcomp", "advcl", "conj", "acomp") and current.head != current:
            current = current.head
            continue
        break
    return None


def reporter(verb: Token, actors: Mentions) -> Token | None:
    """For 'the army said it had captured X': the actor-subject of the verb whose reported
    clause holds the trigger, standing in for the pronoun."""
    current = verb
    for _ in range(4):
        if current.dep_ == "ccomp" and current.head != current:
            subject = subject_of(current.head)
            if subject is not None and actor_for(subject, actors) is not None:
                return subject
            return None
        if current.dep_ not in ("xcomp", "conj", "advcl") or current.head == current:
            return None
        current = current.head
    return None


def prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    return [
        obj
        for prep in token.children
        if prep.dep_ in ("prep", "agent") and prep.lower_ in preps
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def with_conjuncts(token: Token) -> list[Token]:
    return [token, *[c for c in token.children if c.dep_ == "conj"]]


_PARTITIVE = {"one", "some", "two", "several", "many", "among"}
_COPULAS = {"be", "remain", "become", "stay", "rank", "count"}


def copula_of(noun: Token) -> Token | None:
    """The copula a predicate noun hangs on: 'Iran is the chief patron of Hezbollah',
    'Saudi Arabia is one of the key backers of the rebels', 'Qatar remains a sponsor'."""
    head = noun
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in _PARTITIVE:
        head = head.head.head
    if head.dep_ == "attr" and head.head.lemma_.lower() in _COPULAS:
        return head.head
    if head.dep_ == "pobj" and head.head.lower_ == "among":  # 'ranks among its funders'
        verb = head.head.head
        return verb if verb.lemma_.lower() in _COPULAS else None
    return None
