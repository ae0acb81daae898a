"""The `events.patterns.v1` stage: events found from trigger words and coded ACLED + PLOVER.

One event per trigger occurrence (data/events/patterns.json: verbs and nouns by lemma,
"took control", "suicide bombing"). From the dependency parse of the trigger's sentence:
actor1 from the subject side (subject, "by" agent, possessor, the subject of a light verb
such as "launched an attack" or "claimed responsibility for"), actor2 from the object side
(object, "against"/"on"/"with", a passive subject), a place with a mention in the sentence
(preferring one governed by in/at/near/... of the trigger), a date from a spaCy DATE entity
resolved against the publication date, a status from cue words (data/events/status_cues.json;
an expected offensive is never "occurred"), and fatalities counted the ACLED way (the most
conservative figure; null when the text gives none).

Confidence, a simple additive score clamped to [0.05, 0.95]:
    trigger weight (data; 0.5 by default, higher for unambiguous triggers)
    + 0.15 with actor1, + 0.10 with actor2, + 0.10 with a place, + 0.05 with a date
    - 0.15 when no armed actor takes part (a political or figurative use is likelier).

Precision over volume: a trigger with no actor and no place is dropped (figurative "battle"),
as are negated triggers and speech-like triggers (warned, agreed) with no actor. Reporting
verbs ("said", "reported") are never triggers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sitroom.datafiles import load_json
from sitroom.dates import DateValue, resolve_date
from sitroom.events.claims import quantities, sentence_bounds, vocab
from sitroom.model import Event
from sitroom.spans import evidence
from sitroom.stages import StageContext, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_VERBS = ("VERB", "AUX")
# dependency labels a trigger's modality and agent are read through ('launched attacks',
# 'preparing for what is likely to be a battle'); subjects and compounds carry modality only
_ARG_CLIMB = {"dobj", "pobj", "prep", "attr", "oprd", "appos", "conj", "pcomp", "xcomp", "acomp"}
_CLIMB = _ARG_CLIMB | {"nsubj", "nsubjpass", "compound", "npadvmod"}
_BY, _FROM, _BETWEEN = frozenset({"by"}), frozenset({"from"}), frozenset({"between", "among"})
_NEAR_TOKENS = 12  # a place or date further than this from the trigger needs the parse's support
_CUE_DEPS = {"aux", "auxpass", "advmod", "neg", "mark", "acomp", "prt", "amod", "det"}
_RELATIVE = {"who", "which", "that"}


# ---------------------------------------------------------------------------------------------
# data


@dataclass(frozen=True)
class Trigger:
    """One trigger of data/events/patterns.json and the coding it gives."""

    id: str
    lemmas: tuple[str, ...]
    head: int
    pos: frozenset[str]
    event_type: str
    sub_event_type: str
    plover: str
    mode: str | None = None
    territory: bool = False
    by_target: bool = False
    weak: bool = False
    needs_actor: bool = False
    status: str | None = None
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    weight: float = 0.5


@dataclass(frozen=True)
class _Refinement:
    triggers: frozenset[str]
    cues: frozenset[str]
    coding: dict[str, Any]


@dataclass(frozen=True)
class _Patterns:
    by_lemma: dict[str, tuple[Trigger, ...]]
    refinements: tuple[_Refinement, ...]
    armed_kinds: frozenset[str]
    government_kinds: frozenset[str]
    civilian_kinds: frozenset[str]
    civilian_nouns: frozenset[str]
    object_preps: frozenset[str]
    loser_preps: frozenset[str]
    place_preps: frozenset[str]
    agent_verbs: frozenset[str]
    recipient_verbs: frozenset[str]


@dataclass(frozen=True)
class _Cues:
    threatened: frozenset[str]
    anticipated: frozenset[str]
    ongoing: frozenset[str]
    negation: frozenset[str]
    opaque: frozenset[str]
    stop_preps: frozenset[str]
    implicative: frozenset[str]
    kill: frozenset[str]
    die: frozenset[str]
    dead: frozenset[str]
    death_nouns: frozenset[str]
    toll: frozenset[str]
    one_victim: frozenset[str]
    one_victim_pronouns: frozenset[str]
    cumulative_preps: frozenset[str]
    cumulative_subjects: frozenset[str]


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    """The triggers and role words of data/events/patterns.json, indexed by first lemma."""
    raw = load_json("events/patterns.json")
    default_weight = float(raw.get("default_weight", 0.5))
    by_lemma: dict[str, list[Trigger]] = {}
    for item in raw["triggers"]:
        lemmas = tuple(x.lower() for x in item["lemmas"])
        trigger = Trigger(
            id=item["id"],
            lemmas=lemmas,
            head=int(item.get("head", len(lemmas) - 1)),
            pos=frozenset(item.get("pos", ["NOUN", "VERB"])),
            event_type=item["event_type"],
            sub_event_type=item["sub_event_type"],
            plover=item["plover"],
            mode=item.get("mode"),
            territory=bool(item.get("territory", False)),
            by_target=bool(item.get("by_target", False)),
            weak=bool(item.get("weak", False)),
            needs_actor=bool(item.get("needs_actor", False)),
            status=item.get("status"),
            roles={k: tuple(v) for k, v in item.get("roles", {}).items()},
            weight=float(item.get("weight", default_weight)),
        )
        by_lemma.setdefault(lemmas[0], []).append(trigger)
    return _Patterns(
        by_lemma={k: tuple(sorted(v, key=lambda t: -len(t.lemmas))) for k, v in by_lemma.items()},
        refinements=tuple(
            _Refinement(
                frozenset(r["triggers"]),
                frozenset(r["cues"]),
                {k: v for k, v in r.items() if k not in ("triggers", "cues")},
            )
            for r in raw.get("refinements", [])
        ),
        armed_kinds=frozenset(raw["armed_kinds"]),
        government_kinds=frozenset(raw["government_kinds"]),
        civilian_kinds=frozenset(raw["civilian_kinds"]),
        civilian_nouns=frozenset(raw["civilian_nouns"]),
        object_preps=frozenset(raw["object_preps"]),
        loser_preps=frozenset(raw["territory_loser_preps"]),
        place_preps=frozenset(raw["place_preps"]),
        agent_verbs=frozenset(raw["agent_verbs"]),
        recipient_verbs=frozenset(raw["recipient_verbs"]),
    )


@lru_cache(maxsize=1)
def cues() -> _Cues:
    """Status cues (data/events/status_cues.json) and death words (data/events/fatalities.json)."""
    status = load_json("events/status_cues.json")
    deaths = load_json("events/fatalities.json")

    def words(data: dict[str, Any], key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data[key])

    return _Cues(
        threatened=words(status, "threatened"),
        anticipated=words(status, "anticipated"),
        ongoing=words(status, "ongoing"),
        negation=words(status, "negation"),
        opaque=words(status, "opaque_verbs"),
        stop_preps=words(status, "stop_preps"),
        implicative=words(status, "implicative"),
        kill=words(deaths, "kill"),
        die=words(deaths, "die"),
        dead=words(deaths, "dead"),
        death_nouns=words(deaths, "death_nouns"),
        toll=words(deaths, "toll"),
        one_victim=words(deaths, "one_victim"),
        one_victim_pronouns=words(deaths, "one_victim_pronouns"),
        cumulative_preps=words(deaths, "cumulative_preps"),
        cumulative_subjects=words(deaths, "cumulative_subjects"),
    )


# ---------------------------------------------------------------------------------------------
# finding triggers


@dataclass(frozen=True)
class Match:
    """A trigger found in the text: tokens [start, end) and the token the parse hangs on."""

    trigger: Trigger
    start: int
    end: int
    head: int


def find_triggers(doc: Doc, start: int = 0, end: int | None = None) -> list[Match]:
    """Trigger occurrences in tokens [start, end), longest first, no token used twice."""
    table = patterns().by_lemma
    end = len(doc) if end is None else end
    found: list[Match] = []
    i = start
    while i < end:
        match = None
        for trigger in table.get(doc[i].lemma_.lower(), ()):
            stop = i + len(trigger.lemmas)
            if stop > end:
                continue
            if all(doc[i + k].lemma_.lower() == lem for k, lem in enumerate(trigger.lemmas)):
                head = doc[i + trigger.head]
                if head.pos_ in trigger.pos:
                    match = Match(trigger, i, stop, head.i)
                    break
        if match is None:
            i += 1
            continue
        found.append(match)
        i = match.end
    return found


# ---------------------------------------------------------------------------------------------
# mentions of actors and places in a sentence


@dataclass(frozen=True)
class _Mention:
    id: str
    start: int  # characters
    end: int
    kind: str | None = None


class _Mentions:
    """Actor or place mentions inside a character range, looked up by token."""

    def __init__(
        self, items: Iterable[tuple[str, str | None, list[tuple[int, int]]]], lo: int, hi: int
    ) -> None:
        self.items = [
            _Mention(ident, s, e, kind)
            for ident, kind, spans in items
            for s, e in spans
            if lo <= s and e <= hi
        ]

    def covering(self, token: Token) -> _Mention | None:
        for m in self.items:
            if m.start <= token.idx < m.end:
                return m
        return None

    def overlapping(self, start: int, end: int) -> list[_Mention]:
        return [m for m in self.items if m.start < end and start < m.end]


def _phrase_range(token: Token) -> tuple[int, int]:
    """Characters of the token with the compounds, modifiers and possessor before it."""
    left = token
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "nmod", "poss") and child.left_edge.i < left.i:
            left = child.left_edge
    return left.idx, token.idx + len(token.text)


def _actor_for(
    token: Token | None, actors: _Mentions, avoid: Token | None = None
) -> _Mention | None:
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
    return min(inside, key=lambda m: m.start) if inside else None


# ---------------------------------------------------------------------------------------------
# the parse around a trigger


def _governors(token: Token) -> list[Token]:
    """The heads whose modality reaches the trigger, nearest first (see status_cues.json)."""
    c = cues()
    path: list[Token] = []
    current = token
    for _ in range(12):
        head = current.head
        if head == current or current.dep_ not in _CLIMB:
            break
        if current.dep_ == "conj" and any(
            ch.dep_ in ("nsubj", "nsubjpass") for ch in current.children
        ):
            break
        if head.pos_ == "ADP" and head.lemma_.lower() in c.stop_preps:
            break
        path.append(head)
        if head.pos_ in _VERBS and head.lemma_.lower() in c.opaque:
            break
        current = head
    return path


def _first_verb(path: list[Token]) -> Token | None:
    return next((t for t in path if t.pos_ in _VERBS), None)


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _is_passive(verb: Token) -> bool:
    return bool(_children(verb, "nsubjpass", "auxpass")) or (
        verb.tag_ == "VBN" and verb.dep_ == "acl"
    )


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, looking through infinitives, participles and conjoined verbs."""
    current = verb
    for step in range(4):
        # past the first step a passive subject counts: 'the army was expected to advance'
        subjects = _children(current, "nsubj", "csubj", *(("nsubjpass",) if step else ()))
        if subjects:
            subj = subjects[0]
            if subj.lower_ in _RELATIVE and current.dep_ == "relcl":
                return current.head
            return subj
        if current.dep_ in ("acl", "relcl") and not _is_passive(current):
            return current.head
        if current.dep_ in ("xcomp", "advcl", "conj", "acomp") and current.head != current:
            current = current.head
            continue
        break
    return None


def _reporter(verb: Token, actors: _Mentions) -> Token | None:
    """For 'the army said it had captured X': the actor-subject of the verb whose reported
    clause holds the trigger, standing in for the pronoun."""
    current = verb
    for _ in range(4):
        if current.dep_ == "ccomp" and current.head != current:
            subject = _subject(current.head)
            if subject is not None and _actor_for(subject, actors) is not None:
                return subject
            return None
        if current.dep_ not in ("xcomp", "conj", "advcl") or current.head == current:
            return None
        current = current.head
    return None


def _prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    return [
        obj
        for prep in token.children
        if prep.dep_ in ("prep", "agent") and prep.lower_ in preps
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *[c for c in token.children if c.dep_ == "conj"]]


@dataclass
class _Roles:
    actor1: _Mention | None = None
    actor2: _Mention | None = None
    associated: list[str] = field(default_factory=list)
    subject: Token | None = None
    victim: Token | None = None


def _roles(match: Match, doc: Doc, path: list[Token], actors: _Mentions) -> _Roles:
    """actor1 from the subject side, actor2 from the object side, read from the parse."""
    p = patterns()
    trigger = doc[match.head]
    roles = _Roles()
    if match.trigger.roles:
        return _explicit_roles(match.trigger.roles, trigger, actors)
    if trigger.pos_ in _VERBS:
        if _is_passive(trigger):
            agents = _prep_objects(trigger, _BY)
            roles.subject = agents[0] if agents else None
            patients = _children(trigger, "nsubjpass")
            roles.victim = (
                patients[0] if patients else (trigger.head if trigger.dep_ == "acl" else None)
            )
        else:
            roles.subject = _subject(trigger)
            objects = _children(trigger, "dobj")
            roles.victim = objects[0] if objects else None
        if roles.subject is not None and roles.subject.pos_ == "PRON":
            roles.subject = _reporter(trigger, actors) or roles.subject
        roles.actor1 = _actor_for(roles.subject, actors, avoid=trigger)
        roles.actor2 = _actor_for(roles.victim, actors, avoid=trigger)
        if match.trigger.territory:
            losers = _prep_objects(trigger, p.loser_preps)
            if roles.victim is not None:
                for token in roles.victim.subtree:
                    losers += _prep_objects(token, p.loser_preps)
            roles.actor2 = next(filter(None, (_actor_for(t, actors) for t in losers)), None)
    else:
        roles = _noun_roles(trigger, path, actors)
    if roles.actor2 is None and not match.trigger.territory:
        for obj in _prep_objects(trigger, p.object_preps):
            roles.actor2 = roles.actor2 or _actor_for(obj, actors)
        for acl in _children(trigger, "acl"):
            for obj in _children(acl, "dobj"):
                roles.actor2 = roles.actor2 or _actor_for(obj, actors)
    if roles.actor1 is not None and roles.actor2 is not None and roles.actor1.id == roles.actor2.id:
        roles.actor2 = None
    if roles.subject is not None:
        taken = {m.id for m in (roles.actor1, roles.actor2) if m}
        lo = roles.subject.left_edge.idx
        hi = roles.subject.right_edge.idx + len(roles.subject.right_edge.text)
        for m in actors.items:
            if lo <= m.start and m.end <= hi and m.id not in taken:
                roles.associated.append(m.id)
                taken.add(m.id)
    return roles


def _noun_roles(noun: Token, path: list[Token], actors: _Mentions) -> _Roles:
    p = patterns()
    roles = _Roles()
    owners = _children(noun, "poss") + [
        c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod") and actors.covering(c)
    ]
    owners += _prep_objects(noun, _BY)
    between = _prep_objects(noun, _BETWEEN)
    if owners:
        roles.subject = owners[0]
    elif between:
        sides = _with_conjuncts(between[0])
        roles.subject = sides[0]
        if len(sides) > 1:
            roles.actor2 = _actor_for(sides[1], actors)
    else:
        verb = _governing_verb(noun, path)
        if verb is not None:
            lemma = verb.lemma_.lower()
            if lemma in p.recipient_verbs:
                givers = _prep_objects(noun, _FROM) + _prep_objects(verb, _FROM)
                roles.subject = givers[0] if givers else None
                roles.actor2 = _actor_for(_subject(verb), actors)
            elif lemma in p.agent_verbs:
                if _is_passive(verb):
                    agents = _prep_objects(verb, _BY)
                    roles.subject = agents[0] if agents else None
                else:
                    roles.subject = _subject(verb)
    roles.actor1 = _actor_for(roles.subject, actors, avoid=noun)
    return roles


def _governing_verb(noun: Token, path: list[Token]) -> Token | None:
    """The verb a noun trigger is the object of ('launched attacks', 'preparing for what is
    likely to be a battle'), through copulas and prepositions; None past a subject."""
    current = noun
    for head in path:
        if current.dep_ not in _ARG_CLIMB:
            return None
        if head.pos_ in _VERBS and head.lemma_.lower() != "be":
            return head
        current = head
    return None


def _explicit_roles(spec: dict[str, tuple[str, ...]], trigger: Token, actors: _Mentions) -> _Roles:
    """Roles read from the dependency labels a trigger names ('pit X against Y')."""
    roles = _Roles()
    for role, labels in spec.items():
        for label in labels:
            if label.startswith("prep:"):
                tokens = _prep_objects(trigger, frozenset({label[5:]}))
            else:
                tokens = _children(trigger, label)
            mention = next(filter(None, (_actor_for(t, actors) for t in tokens)), None)
            if mention is not None:
                setattr(roles, role, mention)
                if role == "actor1":
                    roles.subject = tokens[0]
                break
    if "actor1" not in spec:
        roles.subject = _subject(trigger)
        roles.actor1 = _actor_for(roles.subject, actors, avoid=trigger)
    return roles


# ---------------------------------------------------------------------------------------------
# status


def _status(match: Match, doc: Doc, path: list[Token]) -> str | None:
    """occurred | ongoing | anticipated | threatened, or None when the trigger is negated."""
    c = cues()
    trigger = doc[match.head]
    words: set[str] = set()  # cue words from the governing clause
    own: set[str] = set()  # the trigger's own modifiers: 'upcoming', 'will'; not 'long-threatened'
    for child in trigger.children:
        if child.dep_ in _CUE_DEPS:
            own.add(child.lemma_.lower())
    for token in path:
        if token.pos_ == "ADP":
            if token.lower_ in c.negation:  # 'took the town without a fight'
                return None
            continue
        words.add(token.lemma_.lower())
        words.update(ch.lemma_.lower() for ch in token.children if ch.dep_ in _CUE_DEPS - {"det"})
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
        if token.tag_ == "VB" and any(ch.lower_ == "to" for ch in _children(token, "aux")):
            head = token.head
            return head.lemma_.lower() not in c.implicative
    return False


def _progressive(trigger: Token, path: list[Token]) -> bool:
    """'are fighting', 'has been receiving', 'rebels fighting X', 'fighting which is occurring'."""
    candidates = [trigger]
    if trigger.pos_ not in _VERBS:
        candidates += _children(trigger, "relcl")
        verb = _first_verb(path)
        if verb is not None:
            candidates.append(verb)
    for token in candidates:
        if token.tag_ != "VBG":
            continue
        auxes = _children(token, "aux")
        if not auxes and token.dep_ == "acl":
            return True
        if any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return True
    return False


# ---------------------------------------------------------------------------------------------
# places, dates, fatalities


def _place(
    match: Match, doc: Doc, path: list[Token], places: _Mentions, actors: _Mentions
) -> tuple[str | None, int]:
    """The place of the event and how sure: 3 governed by in/at/near/for... of the trigger,
    2 governed by such a preposition elsewhere in the clause, 1 merely near the trigger."""
    p = patterns()
    trigger = doc[match.head]
    near = {trigger, *path[:3]}
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
        elif root.dep_ == "pobj" and root.head.lower_ in p.place_preps:
            governor = root.head.head
            score = 3 if governor in near else 2 if governor in clause else 1
            if score == 1 and governor.pos_ in ("NOUN", "PROPN"):
                continue  # 'the siege of Homs' places the siege, not another event
        elif root.dep_ in ("nsubj", "nsubjpass") and root.head in path:
            score = 2  # 'the valley has seen clashes', 'the town was the site of attacks'
        distance = min(abs(root.i - match.start), abs(root.i - match.end))
        if score == 1 and distance > _NEAR_TOKENS:
            continue
        candidate = (score, -distance, m.id)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return (best[2], best[0]) if best else (None, 0)


def _date(
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


def _count(token: Token | None) -> int | None:
    """How many people a victim noun phrase stands for: '12 people' 12, 'a general' 1."""
    if token is None:
        return None
    v = vocab()
    c = cues()
    total = 0
    known = False
    for noun in _with_conjuncts(token):
        n = _count_one(noun, v, c)
        if n is not None:
            total += n
            known = True
    return total if known else None


def _count_one(noun: Token, v: Any, c: _Cues) -> int | None:
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


def _cumulative(report: Token) -> bool:
    """'killed since the war began', 'the conflict has killed 280,000': a running total of a
    war, not the deaths of one event."""
    c = cues()
    verb = report if report.pos_ in _VERBS else report.head
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


def _deaths(unit: Span) -> list[tuple[Token, int]]:
    """Death reports in a stretch of text: (the word that reports them, how many)."""
    c = cues()
    doc = unit.doc
    found: list[tuple[Token, int]] = []
    for token in unit:
        lemma = token.lemma_.lower()
        count: int | None = None
        if lemma in c.kill and token.pos_ == "VERB":
            if _is_passive(token):
                patients = _children(token, "nsubjpass")
                count = _count(patients[0] if patients else token.head)
            else:
                count = _count(next(iter(_children(token, "dobj")), None))
        elif lemma in c.die and token.pos_ == "VERB":
            count = _count(next(iter(_children(token, "nsubj")), None))
        elif token.lower_ in c.dead:
            before = [q for q in quantities(doc[max(unit.start, token.i - 4) : token.i])]
            count = int(before[-1].value) if before else None
        elif lemma in c.death_nouns and token.pos_ == "NOUN":
            count = _count(token) if token.tag_ == "NNS" else None
        elif lemma in c.toll:
            after = quantities(doc[token.i + 1 : min(unit.end, token.i + 8)])
            count = int(after[0].value) if after else None
        if count is not None and not _cumulative(token):
            found.append((token, count))
    return found


# ---------------------------------------------------------------------------------------------
# the stage


@dataclass
class _Draft:
    match: Match
    event: Event
    roles: _Roles
    bounds: tuple[int, int]
    place_score: int


@stage("events.patterns.v1", fills="events")
def detect_events(ctx: StageContext) -> list[Event]:
    """Attacks, battles, takeovers, bombings, arrests, protests, deals: coded ACLED + PLOVER."""
    doc = ctx.doc
    base = ctx.published
    actor_kinds = {a.id: a.kind for a in ctx.record.actors}
    drafts: list[_Draft] = []
    for sent in doc.sents:
        for match in find_triggers(doc, sent.start, sent.end):
            draft = _draft(ctx, match, base, actor_kinds)
            if draft is not None:
                drafts.append(draft)
    events: list[Event] = []
    for bounds in dict.fromkeys(d.bounds for d in drafts):
        group = [d for d in drafts if d.bounds == bounds]
        events.extend(_settle(group, doc, bounds))
    return events


def _draft(
    ctx: StageContext, match: Match, base: date | None, actor_kinds: dict[str, str]
) -> _Draft | None:
    doc = ctx.doc
    text = ctx.text
    trigger = doc[match.head]
    bounds = sentence_bounds(trigger)
    actors = _Mentions(((a.id, a.kind, a.mentions) for a in ctx.record.actors), *bounds)
    places = _Mentions(((p.id, None, p.mentions) for p in ctx.record.places), *bounds)
    t_start, t_end = doc[match.start].idx, doc[match.end - 1].idx + len(doc[match.end - 1].text)
    if actors.overlapping(t_start, t_end) or places.overlapping(t_start, t_end):
        return None
    if match.trigger.weak and _cumulative(trigger):
        return None  # a war's running death toll is no event
    path = _governors(trigger)
    status = _status(match, doc, path)
    if status is None:
        return None
    roles = _roles(match, doc, path, actors)
    coding = _coding(match, doc, roles, actor_kinds)
    place, place_score = _place(match, doc, path, places, actors)
    when = _date(match, doc, path, bounds, base)
    a1 = roles.actor1.id if roles.actor1 else None
    a2 = roles.actor2.id if roles.actor2 else None
    if match.trigger.needs_actor and not (a1 or a2):
        return None
    if not (a1 or a2 or place):
        return None
    armed = any(actor_kinds.get(a) in patterns().armed_kinds for a in (a1, a2) if a)
    confidence = (
        match.trigger.weight
        + 0.15 * bool(a1)
        + 0.10 * bool(a2)
        + 0.10 * bool(place)
        + 0.05 * bool(when)
        - (0 if armed else 0.15)
    )
    ev = evidence(text, *bounds)
    key = f"{ctx.article.id}:{ev.start}:{t_start}"
    event = Event(
        id="ev-" + hashlib.sha1(key.encode()).hexdigest()[:12],
        event_type=coding["event_type"],
        sub_event_type=coding["sub_event_type"],
        plover=coding["plover"],
        mode=coding.get("mode"),
        status=status,
        date=when.start.isoformat() if when else None,
        date_end=when.end.isoformat() if when and when.end else None,
        date_precision=when.precision if when else None,
        actor1=a1,
        actor2=a2,
        associated_actors=roles.associated,
        place=place,
        fatalities=None,
        evidence=ev,
        confidence=round(min(0.95, max(0.05, confidence)), 2),
    )
    return _Draft(match, event, roles, bounds, place_score)


def _coding(match: Match, doc: Doc, roles: _Roles, kinds: dict[str, str]) -> dict[str, Any]:
    """ACLED type, sub-type, PLOVER type and mode: the trigger's, refined by its context."""
    p = patterns()
    t = match.trigger
    coding: dict[str, Any] = {
        "event_type": t.event_type,
        "sub_event_type": t.sub_event_type,
        "plover": t.plover,
        "mode": t.mode,
    }
    territory = t.territory
    trigger = doc[match.head]
    nearby = {trigger, trigger.head, *trigger.head.children}
    for child in trigger.children:
        nearby.update((child, *child.children))
    # the lemma, and the word itself for nouns the tagger took for names ('Rockets fired')
    lemmas = {w for tok in nearby for w in (tok.lemma_.lower(), tok.lower_, tok.lower_[:-1])}
    for refinement in p.refinements:
        if t.id in refinement.triggers and lemmas & refinement.cues:
            coding.update({k: v for k, v in refinement.coding.items() if k != "territory"})
            territory = bool(refinement.coding.get("territory", territory))
            break
    kind1 = kinds.get(roles.actor1.id) if roles.actor1 else None
    kind2 = kinds.get(roles.actor2.id) if roles.actor2 else None
    if territory and kind1:
        # 'Hezbollah and the army captured X': the government side regains it
        side = {kind1, *(kinds.get(a) for a in roles.associated)}
        coding["sub_event_type"] = (
            "Government regains territory"
            if side & p.government_kinds
            else "Non-state actor overtakes territory"
        )
    if t.by_target:
        victim = roles.victim.lemma_.lower() if roles.victim is not None else None
        if kind2 in p.civilian_kinds or (kind2 is None and victim in p.civilian_nouns):
            coding.update(event_type="Violence against civilians", sub_event_type="Attack")
    return coding


def _settle(group: list[_Draft], doc: Doc, bounds: tuple[int, int]) -> list[Event]:
    """One sentence's events: deaths counted, killings folded into the attack that did them,
    and events from the same sentence with the same coding merged."""
    unit = doc.char_span(*bounds, alignment_mode="expand")
    deaths = _deaths(unit) if unit is not None else []
    strong = [d for d in group if not d.match.trigger.weak]
    weak = [d for d in group if d.match.trigger.weak]
    targets = strong or weak
    counts: dict[int, list[int]] = {}
    for token, count in deaths:
        owner = _owner(token, targets, doc)
        counts.setdefault(id(owner), []).append(count)
    kept: list[_Draft] = []
    for d in targets:
        figures = counts.get(id(d), [])
        d.event = d.event.model_copy(update={"fatalities": min(figures) if figures else None})
        kept.append(d)
    if strong:
        for w in weak:
            owner = _owner(doc[w.match.head], strong, doc)
            owner.event = _fill(owner.event, w.event)
    merged: list[_Draft] = []
    for d in kept:
        twin = next((m for m in merged if _same(m, d)), None)
        if twin is None:
            merged.append(d)
        else:
            if d.place_score > twin.place_score:
                twin.event = twin.event.model_copy(update={"place": d.event.place})
                twin.place_score = d.place_score
            twin.event = _fill(twin.event, d.event)
    return [d.event for d in merged]


def _owner(token: Token, drafts: list[_Draft], doc: Doc) -> _Draft:
    """The event a word belongs to: the trigger above or below it in the parse, else nearest."""
    for d in drafts:
        trigger = doc[d.match.head]
        if trigger == token or trigger in token.ancestors or token in trigger.ancestors:
            return d
    return min(drafts, key=lambda d: abs(d.match.head - token.i))


_REALIS = {
    "occurred": "real",
    "ongoing": "real",
    "anticipated": "anticipated",
    "threatened": "threatened",
}


def _same(x: _Draft, y: _Draft) -> bool:
    """Two triggers of one sentence telling the same event: same coding, same mood, actors
    that agree, and no two different places each governed by its trigger."""
    a, b = x.event, y.event

    def fits(p: str | None, q: str | None) -> bool:
        return p is None or q is None or p == q

    return (
        (a.event_type, a.sub_event_type) == (b.event_type, b.sub_event_type)
        and _REALIS[a.status] == _REALIS[b.status]
        and fits(a.actor1, b.actor1)
        and fits(a.actor2, b.actor2)
        and (fits(a.place, b.place) or min(x.place_score, y.place_score) < 3)
    )


def _fill(into: Event, other: Event) -> Event:
    """`into` with the blanks `other` can fill, the lower death count, the higher confidence."""
    update: dict[str, Any] = {}
    for name in ("actor1", "actor2", "place", "date", "date_end", "date_precision"):
        if getattr(into, name) is None and getattr(other, name) is not None:
            if name.startswith("date") and into.date is not None:
                continue
            update[name] = getattr(other, name)
    figures = [f for f in (into.fatalities, other.fatalities) if f is not None]
    update["fatalities"] = min(figures) if figures else None
    update["confidence"] = max(into.confidence, other.confidence)
    extra = [a for a in other.associated_actors if a not in into.associated_actors]
    if extra:
        update["associated_actors"] = [*into.associated_actors, *extra]
    if update.get("actor2") is not None and update["actor2"] == into.actor1:
        del update["actor2"]
    if update.get("actor1") is not None and update["actor1"] == into.actor2:
        del update["actor1"]
    filled = into.model_copy(update=update)
    taken = {filled.actor1, filled.actor2}
    return filled.model_copy(
        update={"associated_actors": [a for a in filled.associated_actors if a not in taken]}
    )
