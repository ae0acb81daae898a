"""Event triggers and cue words, read from data/events/, and the triggers found in a text.

data/events/patterns.json holds the trigger lemmas with their ACLED and PLOVER coding;
status_cues.json the words that set an event's status (the death words of fatalities.json are
read by sitroom.events.fatalities).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

from sitroom.datafiles import load_json


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
    needs_actor: bool | str = False  # True: any actor in a role; "actor1": the one acting
    context: frozenset[str] = frozenset()  # lemmas one of which must be below the trigger
    absorbs: bool = False  # triggers below it are part of it ('calls to join the battle')
    durative: bool = False  # lasts (an offensive, a battle): begun means going on
    heads: frozenset[str] = frozenset()  # lemmas the trigger's head must be ('shells landed')
    ground_object: bool = False  # its object must name ground ('took Yabroud', 'took the hill')
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
    ground_nouns: frozenset[str]
    side_words: dict[str, tuple[str, ...]]
    placeless: frozenset[str]


@dataclass(frozen=True)
class _Cues:
    threatened: frozenset[str]
    anticipated: frozenset[str]
    ongoing: frozenset[str]
    negation: frozenset[str]
    opaque: frozenset[str]
    stop_preps: frozenset[str]
    implicative: frozenset[str]
    subject_verbs: frozenset[str]
    inception_verbs: frozenset[str]
    expectation: frozenset[str]
    governing_only: frozenset[str]


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
            needs_actor=item.get("needs_actor", False),
            context=frozenset(item.get("context", ())),
            absorbs=bool(item.get("absorbs", False)),
            durative=bool(item.get("durative", False)),
            heads=frozenset(item.get("heads", ())),
            ground_object=bool(item.get("ground_object", False)),
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
        ground_nouns=frozenset(raw["ground_nouns"]),
        side_words={k: tuple(v) for k, v in raw["side_words"].items()},
        placeless=frozenset(raw["placeless_plover"]),
    )


@lru_cache(maxsize=1)
def cues() -> _Cues:
    """Status cues (data/events/status_cues.json)."""
    status = load_json("events/status_cues.json")

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
        subject_verbs=words(status, "subject_verbs"),
        inception_verbs=words(status, "inception_verbs"),
        expectation=words(status, "expectation_verbs"),
        governing_only=words(status, "governing_only"),
    )


@dataclass(frozen=True)
class Match:
    """A trigger found in the text: tokens [start, end) and the token the parse hangs on."""

    trigger: Trigger
    start: int
    end: int
    head: int


def _in_context(head: Token, context: frozenset[str]) -> bool:
    """The trigger's parse subtree holds one of its context lemmas ('call ... to join')."""
    return not context or any(t.lemma_.lower() in context for t in head.subtree)


def _word(token: Token, lemma: str) -> bool:
    """The token is the word: by lemma, or by the word itself where the lemmatiser keeps an
    irregular past ('overran')."""
    return token.lemma_.lower() == lemma or token.lower_ == lemma


def _fits(trigger: Trigger, head: Token) -> bool:
    """The trigger's head has a wanted part of speech, context and governing verb, and an
    object that names ground where the trigger needs one ('took Yabroud'): a proper
    name, a place entity or a ground noun."""
    if head.pos_ not in trigger.pos or not _in_context(head, trigger.context):
        return False
    if trigger.heads and head.head.lemma_.lower() not in trigger.heads:
        return False
    if trigger.ground_object:
        ground = patterns().ground_nouns
        objects = [c for c in head.children if c.dep_ == "dobj"]
        return any(
            o.pos_ == "PROPN" or o.ent_type_ in ("GPE", "LOC", "FAC") or o.lemma_.lower() in ground
            for o in objects
        )
    return True


def find_triggers(doc: Doc, start: int = 0, end: int | None = None) -> list[Match]:
    """Trigger occurrences in tokens [start, end), longest first, no token used twice."""
    table = patterns().by_lemma
    end = len(doc) if end is None else end
    found: list[Match] = []
    i = start
    while i < end:
        match = None
        first = doc[i]
        options = table.get(first.lemma_.lower(), ())
        if first.lower_ != first.lemma_.lower():
            options += table.get(first.lower_, ())
        for trigger in sorted(options, key=lambda t: -len(t.lemmas)):
            stop = i + len(trigger.lemmas)
            if stop > end:
                continue
            if all(_word(doc[i + k], lem) for k, lem in enumerate(trigger.lemmas)):
                head = doc[i + trigger.head]
                if _fits(trigger, head):
                    match = Match(trigger, i, stop, head.i)
                    break
        if match is None:
            i += 1
            continue
        found.append(match)
        i = match.end
    return found
