"""The `relations.patterns.v1` stage: who backs, fights, allies with or talks to whom.

Relations come only from explicit words, read on the dependency parse with the patterns in
data/relations/patterns.json: a relating verb with its subject and object ("Iran, which backs
Hezbollah"; "rebels fighting Hezbollah"; "regime forces, aided by Hezbollah"), a relational
noun ("one of the key backers of the rebels", "the Syrian branch of al-Qaeda"), "talks
between X and Y", "X-backed Y", and "Y, together with X". Both ends must be actors the actors
stage found; a leader's name stands for his state's forces ("backs Assad"). Two groups merely
named in one sentence relate to nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from sitroom.actors.data import context_words, countries, load_json
from sitroom.actors.lookup import MentionIndex
from sitroom.model import Actor, Relation, RelationKind
from sitroom.spans import evidence
from sitroom.stages import StageContext, stage

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_RELATIVE = frozenset({"which", "that", "who", "whom"})
_SUBJECTS = ("nsubj", "nsubjpass")
_CLIMB = ("xcomp", "advcl", "conj", "ccomp")


@dataclass(frozen=True)
class _Verb:
    kind: str
    objects: tuple[str, ...]
    reverse: bool
    object_nouns: frozenset[str]
    subject_from: str | None


@dataclass(frozen=True)
class _Patterns:
    verbs: dict[str, tuple[_Verb, ...]]
    nouns: dict[str, str]
    between: dict[str, str]
    hyphen: dict[str, str]
    alongside: dict[tuple[str, ...], str]
    against: dict[str, str]
    against_preps: frozenset[str]


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    """The relation patterns of data/relations/patterns.json."""
    raw = load_json("relations/patterns.json")
    verbs: dict[str, list[_Verb]] = {}
    for row in raw["verbs"]:
        verb = _Verb(
            kind=row["kind"],
            objects=tuple(row["objects"]),
            reverse=bool(row.get("reverse")),
            object_nouns=frozenset(row.get("needs_object_noun", [])),
            subject_from=row.get("subject_from"),
        )
        for lemma in row["lemmas"]:
            verbs.setdefault(lemma, []).append(verb)
    return _Patterns(
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns=dict(raw["nouns"]),
        between=dict(raw["between_nouns"]),
        hyphen=dict(raw["hyphen_words"]),
        alongside={tuple(k.split()): v for k, v in raw["alongside"].items()},
        against=dict(raw["against_nouns"]),
        against_preps=frozenset(raw["against_preps"]),
    )


class _Actors:
    """Maps tokens to the actors they stand for."""

    def __init__(self, actors: list[Actor]) -> None:
        self.index = MentionIndex(actors)
        self.government: dict[str, str] = {}
        for actor in actors:  # a leader's name stands for his state's forces, else his state
            if not actor.country or actor.kind not in ("state_forces", "state"):
                continue
            if actor.kind == "state_forces" or actor.country not in self.government:
                self.government[actor.country] = actor.id

    def of(self, token: Token, depth: int = 0) -> str | None:
        """The actor a token names or stands for, or None."""
        actor = self.index.at(token.idx, token.idx + len(token.text))
        if actor is not None:
            return actor.id
        if depth > 2:
            return None
        leader = countries().by_leader.get(token.lower_)
        if leader and token.ent_type_ == "PERSON":
            return self.government.get(leader.code)
        if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
            return self.of(token.head.head, depth + 1)
        if token.dep_ == "appos":
            return self.of(token.head, depth + 1)
        for child in token.children:
            if child.dep_ == "appos" and child.i > token.i:
                found = self.index.at(child.idx, child.idx + len(child.text))
                if found is not None:
                    return found.id
        members = context_words("member_nouns")
        if token.lemma_.lower() in members or token.lower_ in members:
            return self._members_of(token, depth)
        return None

    def _members_of(self, token: Token, depth: int) -> str | None:
        """The group whose members a noun names: "Hezbollah fighters", "militants from X"."""
        for child in token.children:
            if child.dep_ in ("compound", "poss", "nmod", "amod"):
                found = self.of(child, depth + 1)
                if found:
                    return found
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return self.of(obj, depth + 1)
        return None

    def with_conjuncts(self, token: Token | None) -> list[str]:
        """The actors of a token and of the words coordinated with it ("Turkey and Qatar")."""
        if token is None:
            return []
        found: list[str] = []
        for item in [token, *_conjuncts(token)]:
            actor = self.of(item)
            if actor and actor not in found:
                found.append(actor)
        return found


def _conjuncts(token: Token) -> list[Token]:
    found = []
    for child in token.children:
        if child.dep_ == "conj":
            found.append(child)
            found.extend(_conjuncts(child))
    return found


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _passive(verb: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def _subject(verb: Token) -> Token | None:
    """Who does the verb: its subject, the noun a participle or relative clause hangs from."""
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            return child
    if verb.dep_ in ("acl", "relcl"):
        return verb.head
    if verb.dep_ in _CLIMB and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _objects(verb: Token, ways: tuple[str, ...]) -> list[Token]:
    found = []
    for child in verb.children:
        if child.dep_ == "dobj" and "dobj" in ways:
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in ways:
            found.extend(c for c in child.children if c.dep_ == "pobj")
    return found


def _from_verb(token: Token, actors: _Actors) -> Iterator[tuple[str, str, str]]:
    for verb in patterns().verbs.get(token.lemma_.lower(), ()):
        if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBN", "VBG"):
            continue
        if verb.object_nouns and not any(
            c.dep_ == "dobj"
            and (c.lemma_.lower() in verb.object_nouns or c.lower_ in verb.object_nouns)
            for c in token.children
        ):
            continue
        if verb.subject_from == "dobj":
            doers = [c for c in token.children if c.dep_ == "dobj"]
            source: Token | None = doers[0] if doers else None
            targets = _objects(token, verb.objects)
        elif _passive(token) and _agent(token) is not None:
            source = _agent(token)
            targets = [t for t in [_subject(token)] if t is not None]
        else:
            source = _subject(token)
            targets = _objects(token, verb.objects)
        for target in targets:
            for a in actors.with_conjuncts(source):
                for b in actors.with_conjuncts(target):
                    yield (b, a, verb.kind) if verb.reverse else (a, b, verb.kind)


def _owner(token: Token) -> Token | None:
    """Who a relational noun is said of: "X, the branch of", "X is one of the backers of"."""
    for _ in range(4):
        if token.dep_ == "appos":
            return token.head
        if token.dep_ == "attr":
            return _subject(token.head)
        if token.dep_ == "pobj" and token.head.lower_ in ("of", "among"):
            token = token.head.head
            continue
        if token.dep_ == "pobj" and token.head.lower_ == "as":  # "X joined as part of Y"
            verb = token.head.head
            return _subject(verb) if verb.pos_ in ("VERB", "AUX") else None
        return None
    return None


def _from_noun(token: Token, actors: _Actors) -> Iterator[tuple[str, str, str]]:
    kind = patterns().nouns.get(token.lemma_.lower())
    if kind is None or token.pos_ != "NOUN":
        return
    of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
    targets = [c for prep in of for c in prep.children if c.dep_ == "pobj"]
    owner = _owner(token)
    for target in targets:
        for a in actors.with_conjuncts(owner):
            for b in actors.with_conjuncts(target):
                yield (b, a, "supports") if kind == "supported_by" else (a, b, kind)


def _from_between(token: Token, actors: _Actors) -> Iterator[tuple[str, str, str]]:
    kind = patterns().between.get(token.lower_)
    if kind is None:
        return
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "between":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    sides = actors.with_conjuncts(obj)
                    for i, a in enumerate(sides):
                        for b in sides[i + 1 :]:
                            yield a, b, kind


def _from_hyphen(token: Token, actors: _Actors) -> Iterator[tuple[str, str, str]]:
    """X-backed Y: the word before the hyphen backs the noun after ("Turkish-backed rebels")."""
    kind = patterns().hyphen.get(token.lower_)
    doc = token.doc
    if kind is None or token.i < 2 or doc[token.i - 1].text != "-":
        return
    source = actors.of(doc[token.i - 2])
    head = token.head if token.dep_ in ("amod", "compound") else None
    target = actors.of(head) if head is not None else None
    if target is None and token.i + 1 < len(doc):
        target = actors.of(doc[token.i + 1])
    if source and target:
        yield source, target, kind


def _from_alongside(token: Token, actors: _Actors) -> Iterator[tuple[str, str, str]]:
    """X is on Y's side in "Y, together with X" and "Y fought alongside X"."""
    if token.dep_ != "prep":
        return
    doc = token.doc
    for phrase, kind in patterns().alongside.items():
        first = token.i - len(phrase) + 1
        if first < 0 or tuple(t.lower_ for t in doc[first : token.i + 1]) != phrase:
            continue
        owner = token.head
        while owner.i >= first and owner.i != owner.head.i:
            owner = owner.head
        side = owner if owner.pos_ in ("NOUN", "PROPN", "PRON") else _subject(owner)
        for obj in (c for c in token.children if c.dep_ == "pobj"):
            for a in actors.with_conjuncts(side):
                for b in actors.with_conjuncts(obj):
                    yield a, b, kind


def _against_owner(noun: Token) -> Token | None:
    """Who wages a hostile act: "Nusra's attacks", "Turkish strikes", "X launched an attack"."""
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            return child
    if noun.dep_ == "dobj" or (noun.dep_ == "pobj" and noun.head.lower_ == "in"):
        verb = noun.head if noun.dep_ == "dobj" else noun.head.head
        return _subject(verb) if verb.pos_ in ("VERB", "AUX") else None
    return None


def _from_against(token: Token, actors: _Actors) -> Iterator[tuple[str, str, str]]:
    """Hostile acts: "Nusra's attacks on Hezbollah", "rebels launched an offensive against X"."""
    kinds = patterns()
    kind = kinds.against.get(token.lemma_.lower())
    if kind is None or token.pos_ != "NOUN":
        return
    preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in kinds.against_preps]
    targets = [c for prep in preps for c in prep.children if c.dep_ == "pobj"]
    if not targets:
        return
    owner = _against_owner(token)
    for target in targets:
        for a in actors.with_conjuncts(owner):
            for b in actors.with_conjuncts(target):
                yield a, b, kind


_READERS = (_from_verb, _from_noun, _from_between, _from_hyphen, _from_alongside, _from_against)


def _sentence_relations(sent: Span, actors: _Actors) -> list[tuple[str, str, str]]:
    """(source, target, kind) triples the sentence states, without duplicates."""
    found: list[tuple[str, str, str]] = []
    for token in sent:
        if _negated(token):
            continue
        for reader in _READERS:
            for source, target, kind in reader(token, actors):
                if source != target and (source, target, kind) not in found:
                    found.append((source, target, kind))
    return found


@stage("relations.patterns.v1", fills="relations")
def pattern_relations(ctx: StageContext) -> list[Relation]:
    """Relations between actors stated in so many words, each with its sentence as evidence."""
    if len(ctx.record.actors) < 2:
        return []
    actors = _Actors(ctx.record.actors)
    relations = []
    for sent in ctx.doc.sents:
        triples = _sentence_relations(sent, actors)
        if not triples:
            continue
        proof = evidence(ctx.text, sent.start_char, sent.end_char)
        for source, target, kind in triples:
            relations.append(
                Relation(
                    source=source, target=target, kind=cast(RelationKind, kind), evidence=proof
                )
            )
    return relations
