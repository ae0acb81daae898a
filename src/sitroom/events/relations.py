"""The `relations.patterns.v1` stage: who backs, fights, allies with or talks to whom.

Relations come only from explicit words, read on the dependency parse with the patterns in
data/relations/patterns.json: a relating verb with its subject and object ("Iran, which backs
Hezbollah"; "rebels fighting Hezbollah"; "regime forces, aided by Hezbollah"), a relational
noun ("one of the key backers of the rebels", "the Syrian branch of al-Qaeda"), "talks
between X and Y", "X held talks with Y", "X and Y were locked in fighting", "X-backed Y",
"Al Qaeda-linked Y", and "Y, together with X". Both ends must be actors the actors stage found;
a leader's name stands for his state's forces ("backs Assad"). Two groups merely named in one
sentence relate to nothing, and neither does a negated ("did not fight") or hypothetical
("could fight", "if X attacked Y") statement: the gold rules code only present conduct.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from sitroom.actors.coref import enumerated
from sitroom.actors.data import context_words, countries
from sitroom.actors.lookup import MentionIndex
from sitroom.datafiles import load_json
from sitroom.events.standins import governments
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
    mutual_kinds: frozenset[str]
    mutual_verbs: frozenset[str]
    target_nouns: frozenset[str]
    hedges: frozenset[str]
    conditions: frozenset[str]
    hyphen: dict[str, str]
    hyphen_reversed: frozenset[str]
    alongside: dict[tuple[str, ...], str]
    against: dict[str, str]
    against_preps: frozenset[str]
    side_clauses: dict[str, frozenset[str]]
    responsibility: frozenset[str]


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
        mutual_kinds=frozenset(raw["mutual_kinds"]),
        mutual_verbs=frozenset(raw["mutual_verbs"]),
        target_nouns=frozenset(raw["target_nouns"]),
        hedges=frozenset(raw["hedges"]),
        conditions=frozenset(raw["conditions"]),
        hyphen=dict(raw["hyphen_words"]),
        hyphen_reversed=frozenset(raw["hyphen_reversed"]),
        alongside={tuple(k.split()): v for k, v in raw["alongside"].items()},
        against=dict(raw["against_nouns"]),
        against_preps=frozenset(raw["against_preps"]),
        side_clauses={k: frozenset(v) for k, v in raw["side_clauses"].items()},
        responsibility=frozenset(raw["responsibility_nouns"]),
    )


class _Actors:
    """Maps tokens to the actors they stand for."""

    def __init__(self, actors: list[Actor]) -> None:
        self.actors = actors
        self.index = MentionIndex(actors)
        self.government = governments(actors)  # a leader's name stands for his forces

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
        if token.lower_ in patterns().target_nouns:  # "Hezbollah positions", "influence of Iran"
            for child in token.children:
                if child.dep_ in ("compound", "poss"):
                    found = self.of(child, depth + 1)
                    if found is not None:
                        return found
                if child.dep_ == "prep" and child.lower_ == "of":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            return self.of(obj, depth + 1)
        members = context_words("member_nouns")
        if token.lemma_.lower() in members or token.lower_ in members:
            return self._members_of(token, depth)
        if token.lemma_.lower() in patterns().against and token.pos_ == "NOUN":
            for owner in _against_owners(token):  # "a bombing that killed ..." is its owner's
                found = self.of(owner, depth + 1)
                if found is not None:
                    return found
        return None

    def first_side(self, candidates: list[Token], kind: str) -> list[str]:
        """The side of the first candidate that names any actor."""
        for candidate in candidates:
            found = self.side(candidate, kind)
            if found:
                return found
        return []

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

    def named_by(self, token: Token) -> list[str]:
        """The actor a word stands for, or the actors it counts back to ("the two countries")."""
        actor = self.of(token)
        return [actor] if actor else enumerated(token, self.actors)

    def with_conjuncts(self, token: Token | None) -> list[str]:
        """The actors of a token and of the words coordinated with it ("Turkey and Qatar"),
        listed in apposition to it ("the groups -- Ahrar al-Sham and Jaish al-Islam") or
        counted back to ("the two countries")."""
        if token is None:
            return []
        found: list[str] = []
        for item in [token, *_conjuncts(token)]:
            listed = [c for c in item.children if c.dep_ == "appos" and c.i > item.i]
            for one in [item, *(x for c in listed for x in [c, *_conjuncts(c)])]:
                found.extend(a for a in self.named_by(one) if a not in found)
        return found

    def side(self, token: Token | None, kind: str) -> list[str]:
        """Everyone a relation said of this phrase holds for: its conjuncts, the groups put
        beside it ("X, together with Y"), the named group it is said of ("X, one of the groups
        fighting Z") and, for hostility, the leader of a coalition ("factions led by X")."""
        found = self.with_conjuncts(token)
        if token is None:
            return found
        for item in [token, *_conjuncts(token)]:
            extra: list[str] = []
            for prep in item.children:
                if prep.dep_ == "prep" and _alongside_phrase(prep) is not None:
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            extra.extend(self.with_conjuncts(obj))
            head = item.head
            if (
                item.dep_ == "pobj"
                and head.lower_ == "of"
                and head.head.lower_ == "one"
                and head.head.dep_ == "appos"
            ):
                extra.extend(self.with_conjuncts(head.head.head))
            if kind == "enemy":
                for acl in item.children:
                    if acl.dep_ != "acl":
                        continue
                    if acl.lemma_.lower() == "lead":
                        extra.extend(self.with_conjuncts(_agent(acl)))
                    for partner in _clause_partners(acl):  # "factions working with Nusra"
                        extra.extend(self.with_conjuncts(partner))
            found.extend(a for a in extra if a not in found)
        return found


def _clause_partners(clause: Token) -> list[Token]:
    """The partners a participle clause names: "working with Y", "fighting alongside Y"."""
    preps = patterns().side_clauses.get(clause.lemma_.lower(), frozenset())
    return [
        obj
        for prep in clause.children
        if prep.dep_ == "prep" and prep.lower_ in preps
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def _conjuncts(token: Token) -> list[Token]:
    found = []
    for child in token.children:
        if child.dep_ == "conj":
            found.append(child)
            found.extend(_conjuncts(child))
    return found


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _governing_verb(token: Token) -> Token | None:
    """The verb a word belongs to: itself, or the verb its noun phrase hangs from."""
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _hedged(token: Token) -> bool:
    """A statement made as a possibility or condition ("could fight", "if X attacked Y"),
    on the word itself or on the verbs it depends on ("may seek to fight")."""
    kinds = patterns()
    verb = _governing_verb(token)
    for _ in range(6):
        if verb is None:
            return False
        for child in verb.children:
            if child.dep_ == "aux" and child.lower_ in kinds.hedges:
                return True
            if child.dep_ == "neg":
                return True
            if child.dep_ == "mark" and child.lower_ in kinds.conditions:
                return True
        if verb.dep_ not in ("xcomp", "conj") or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


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
        elif child.dep_ == "dobj" and "from" in ways:  # "seized control of X from Y"
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "from":
                    found.extend(c for c in prep.children if c.dep_ == "pobj")
    return found


def _each_other(token: Token) -> bool:
    return token.lower_ in ("other", "another") and any(
        c.lower_ in ("each", "one") for c in token.children
    )


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
            if _each_other(target):  # "X and Y fought each other"
                yield from _pairs(actors.with_conjuncts(source), verb.kind)
                continue
            yield from _verb_pairs(actors, verb, source, target)


def _verb_pairs(
    actors: _Actors, verb: _Verb, source: Token | None, target: Token
) -> Iterator[tuple[str, str, str]]:
    """Every (source, target, kind) a relating verb states between two phrases' sides."""
    for a in actors.side(source, verb.kind):
        for b in actors.side(target, verb.kind):
            yield (b, a, verb.kind) if verb.reverse else (a, b, verb.kind)


def _from_misparsed_infinitive(token: Token, actors: _Actors) -> Iterator[tuple[str, str, str]]:
    """ "hoping to wrest control of X from Y" when the small model reads "wrest" as an
    adjective of "control": the noun it modifies is its object, "to"'s verb its subject's."""
    doc = token.doc
    if (
        token.pos_ not in ("ADJ", "NOUN", "PROPN")
        or token.dep_ not in ("amod", "compound")
        or token.i == 0
        or doc[token.i - 1].lower_ != "to"
        or token.head.pos_ != "NOUN"
    ):
        return
    noun = token.head
    for verb in patterns().verbs.get(token.lower_, ()):
        if verb.object_nouns and noun.lemma_.lower() not in verb.object_nouns:
            continue
        governor = _governing_verb(doc[token.i - 1])
        source = _subject(governor) if governor is not None else None
        for target in _objects(noun, verb.objects):
            yield from _verb_pairs(actors, verb, source, target)


def _pairs(sides: list[str], kind: str) -> Iterator[tuple[str, str, str]]:
    for i, a in enumerate(sides):
        for b in sides[i + 1 :]:
            yield a, b, kind


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
        for a in actors.side(owner, kind):
            for b in actors.side(target, kind):
                yield (b, a, "supports") if kind == "supported_by" else (a, b, kind)


def _from_between(token: Token, actors: _Actors) -> Iterator[tuple[str, str, str]]:
    """Mutual nouns: "talks between X and Y", "X held talks with Y", "X and Y were locked in
    fighting", "X and Y engaged in cooperation"."""
    kinds = patterns()
    kind = kinds.between.get(token.lower_) or kinds.between.get(token.lemma_.lower())
    if kind is None or token.pos_ not in ("NOUN", "VERB"):
        return
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "between":
            for obj in prep.children:
                if obj.dep_ == "pobj":  # "between the rebels and the two countries"
                    groups = [actors.named_by(item) for item in [obj, *_conjuncts(obj)]]
                    if len(groups) == 1:  # "between the two groups"
                        yield from _pairs(groups[0], kind)
                    for i, group in enumerate(groups):
                        for other in groups[i + 1 :]:
                            yield from ((a, b, kind) for a in group for b in other if a != b)
    verb = _noun_verb(token)
    owner = _against_owner(token)
    withs = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "with"]
    if verb is not None and token.dep_ == "dobj":
        withs += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"]
    others = [c for prep in withs for c in prep.children if c.dep_ == "pobj"]
    if others:
        for other in others:
            for a in actors.side(owner, kind):
                for b in actors.side(other, kind):
                    yield a, b, kind
    elif kind in kinds.mutual_kinds or (
        verb is not None and verb.lemma_.lower() in kinds.mutual_verbs
    ):
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS] if verb else [owner]
        sides: list[str] = []  # every subject token: a split name parses as two subjects
        for subject in subjects:
            sides.extend(a for a in actors.with_conjuncts(subject) if a not in sides)
        yield from _pairs(sides, kind)


def _noun_verb(noun: Token) -> Token | None:
    """The verb a noun is the object of, directly or through "in" ("engaged in talks")."""
    if noun.dep_ == "dobj":
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.head.head.pos_ == "VERB":
        return noun.head.head
    return None


def _from_hyphen(token: Token, actors: _Actors) -> Iterator[tuple[str, str, str]]:
    """X-backed Y: the word before the hyphen backs the noun after ("Turkish-backed rebels")."""
    kind = patterns().hyphen.get(token.lower_)
    doc = token.doc
    if kind is None or token.i < 2 or doc[token.i - 1].text != "-":
        return
    reverse = token.lower_ in patterns().hyphen_reversed
    source = actors.of(doc[token.i - 2])
    head = token.head if token.dep_ in ("amod", "compound") else None
    target = actors.of(head) if head is not None else None
    if target is None and token.i + 1 < len(doc):
        target = actors.of(doc[token.i + 1])
    if source and target:
        yield (target, source, kind) if reverse else (source, target, kind)


def _from_alongside(token: Token, actors: _Actors) -> Iterator[tuple[str, str, str]]:
    """X is on Y's side in "Y, together with X" and "Y fought alongside X"."""
    found = _alongside_phrase(token)
    if found is None:
        return
    first, kind = found
    owner = token.head
    while owner.i >= first and owner.i != owner.head.i:
        owner = owner.head
    side = owner if owner.pos_ in ("NOUN", "PROPN", "PRON") else _subject(owner)
    for obj in (c for c in token.children if c.dep_ == "pobj"):
        for a in actors.with_conjuncts(side):
            for b in actors.with_conjuncts(obj):
                yield a, b, kind


def _alongside_phrase(token: Token) -> tuple[int, str] | None:
    """Where a side-by-side phrase ending in this preposition starts, and its kind."""
    if token.dep_ != "prep":
        return None
    doc = token.doc
    for phrase, kind in patterns().alongside.items():
        first = token.i - len(phrase) + 1
        if first >= 0 and tuple(t.lower_ for t in doc[first : token.i + 1]) == phrase:
            return first, kind
    return None


def _against_owners(noun: Token) -> list[Token]:
    """Who may wage a hostile act, most direct first: "Nusra's attacks", "Turkish strikes",
    "attacks by X", "X launched an attack", "X claimed responsibility for a bombing"."""
    found = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "by":
            found.extend(c for c in prep.children if c.dep_ == "pobj")
    head = noun.head
    if (
        noun.dep_ == "pobj"
        and head.lower_ == "for"
        and head.head.lemma_.lower() in (patterns().responsibility)
    ):
        noun, head = head.head, head.head.head
    if noun.dep_ == "dobj" or (noun.dep_ == "pobj" and head.lower_ == "in"):
        verb = head if noun.dep_ == "dobj" else head.head
        subject = _subject(verb) if verb.pos_ in ("VERB", "AUX") else None
        if subject is not None:
            found.append(subject)
    return found


def _against_owner(noun: Token) -> Token | None:
    """The most direct candidate for who wages a hostile act (see `_against_owners`)."""
    owners = _against_owners(noun)
    return owners[0] if owners else None


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
    owners = actors.first_side(_against_owners(token), kind)
    for target in targets:
        for a in owners:
            for b in actors.side(target, kind):
                yield a, b, kind


_READERS = (
    _from_verb,
    _from_misparsed_infinitive,
    _from_noun,
    _from_between,
    _from_hyphen,
    _from_alongside,
    _from_against,
)


def _sentence_relations(sent: Span, actors: _Actors) -> list[tuple[str, str, str]]:
    """(source, target, kind) triples the sentence states, without duplicates."""
    found: list[tuple[str, str, str]] = []
    for token in sent:
        if _negated(token) or _hedged(token):
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
