"""Back-references: "the group", "the Shiite militia", "pro-Assad militants" as actor mentions.

A definite description with a group head noun often stands for an actor named a sentence or
two before ("... by Jaish al Islam ... in the group's hands"). ACLED coders count it as a
mention of that actor, so the actor's mentions should include it. Precision comes first: the
description is linked only when, in the nearest sentence (its own, then up to `window` before)
that names any fitting actor, exactly one actor fits its head noun and modifiers. Appositions
and predicates ("Hezbollah, the Shiite group that ...") describe rather than refer, and are
left alone. What fits is data (data/actors/coref.json), not code.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sitroom.actors import kb
from sitroom.actors.data import countries, load_json
from sitroom.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Dependency roles in which a description describes an actor instead of referring to one.
_DESCRIBING = ("appos", "attr")
#: Children that make the description a new, restricted one ("the group that ...", "of ...").
_RESTRICTING = ("relcl", "acl")
_WORD = re.compile(r"[a-z']+")


@dataclass(frozen=True)
class _Rules:
    window: int
    heads: dict[str, frozenset[str]]
    modifiers: dict[tuple[str, ...], dict[str, Any]]
    longest_modifier: int
    partisan: re.Pattern[str]
    partisan_kinds: frozenset[str]
    sets: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw = load_json("actors/coref.json")
    modifiers = {tuple(_words(k)): dict(v) for k, v in raw["modifiers"].items()}
    partisans = raw["partisans"]
    prefixes = "|".join(re.escape(p) for p in partisans["prefixes"])
    nouns = "|".join(re.escape(n) for n in partisans["nouns"])
    return _Rules(
        window=int(raw["window"]),
        heads={h: frozenset(kinds) for h, kinds in raw["heads"].items()},
        modifiers=modifiers,
        longest_modifier=max(len(k) for k in modifiers),
        partisan=re.compile(rf"\bpro-(?:{prefixes})\s+(?:{nouns})\b", re.IGNORECASE),
        partisan_kinds=frozenset(partisans["kinds"]),
        sets={h: frozenset(kinds) for h, kinds in raw["sets"].items()},
    )


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def add_back_references(doc: Doc, actors: Sequence[Actor]) -> list[Actor]:
    """The actors with the spans of the descriptions that refer back to them added."""
    found = find_back_references(doc, actors)
    out = []
    for actor in actors:
        extra = found.get(actor.id)
        if extra:
            actor = actor.model_copy(update={"mentions": sorted(set(actor.mentions) | set(extra))})
        out.append(actor)
    return out


def find_back_references(doc: Doc, actors: Sequence[Actor]) -> dict[str, list[tuple[int, int]]]:
    """Actor id -> spans of descriptions in `doc` that refer to that actor and to no other."""
    sent_starts = [s.start_char for s in doc.sents]
    taken = sorted(span for actor in actors for span in actor.mentions)
    found: dict[str, list[tuple[int, int]]] = {}
    for span, actor_id in _descriptions(doc, actors, sent_starts) + _partisans(
        doc, actors, sent_starts
    ):
        if not any(s < span[1] and span[0] < e for s, e in taken):
            found.setdefault(actor_id, []).append(span)
    return found


_NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4}


def enumerated(token: Token, actors: Sequence[Actor]) -> list[str]:
    """The actors "the two countries" or "both groups" stands for: the N actors of fitting
    kind named last before it, nearest first; [] when the text does not settle it."""
    rules = _rules()
    kinds = rules.sets.get(token.lower_)
    if kinds is None or token.tag_ != "NNS":
        return []
    count = next(
        (
            _NUMBERS[c.lower_]
            for c in token.children
            if c.dep_ in ("nummod", "det", "predet") and c.lower_ in _NUMBERS
        ),
        0,
    )
    if not count:
        return []
    doc = token.doc
    sent_starts = [s.start_char for s in doc.sents]
    earliest = sent_starts[max(_sentence_of(sent_starts, token.idx) - rules.window, 0)]
    named = sorted(
        (start, actor)
        for actor in actors
        for start, _ in actor.mentions
        if earliest <= start < token.idx and actor.kind in kinds
    )
    found: list[Actor] = []
    for _, actor in reversed(named):
        if actor not in found:
            found.append(actor)
        if len(found) == count:
            break
    if len(found) < count or any(_is_generic(a) or a.name.split()[-1].islower() for a in found):
        return []
    return [a.id for a in found]


def _sentence_of(sent_starts: list[int], char: int) -> int:
    return bisect_right(sent_starts, char) - 1


def _descriptions(
    doc: Doc, actors: Sequence[Actor], sent_starts: list[int]
) -> list[tuple[tuple[int, int], str]]:
    rules = _rules()
    out = []
    for token in doc:
        kinds = rules.heads.get(token.lower_)
        if kinds is None or not _singular_common(token) or not _refers(token):
            continue
        described = _described(doc, token)
        if described is None:
            continue
        start, constraints = described
        span = (doc[start].idx, token.idx + len(token.text))
        sentence = _sentence_of(sent_starts, span[0])
        target = _nearest_fit(actors, sent_starts, sentence, span[0], kinds, constraints)
        if target is not None:
            out.append((span, target))
    return out


def _singular_common(token: Token) -> bool:
    """A lowercase singular noun (the small model tags "jihadist group" NNP at times)."""
    return token.tag_ in ("NN", "NNP") and token.text.islower()


def _refers(head: Token) -> bool:
    """False for descriptions that describe ("X, the group that ...") or are restricted."""
    if head.dep_ in _DESCRIBING or head.dep_ in ("compound", "amod"):
        return False  # "the state media" is about media
    if any(c.dep_ in _RESTRICTING for c in head.children):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return False
    doc = head.doc
    following = doc[head.i + 1] if head.i + 1 < len(doc) else None
    return following is None or following.pos_ != "PROPN"  # "the group Jaish al-Islam"


def _described(doc: Doc, head: Token) -> tuple[int, list[dict[str, Any]]] | None:
    """Start token of the description without "the", and the modifiers' constraints."""
    rules = _rules()
    i = head.i - 1
    while i >= 0 and doc[i].lower_ != "the" and head.i - i <= 6:
        if (doc[i].is_punct and doc[i].text != "-") or doc[i].is_space:
            return None
        i -= 1
    if i < 0 or doc[i].lower_ != "the":
        return None
    if i > 0 and doc[i - 1].text == ",":
        return None  # "Hezbollah, the Shiite group": an apposition the parser missed
    words = _words(doc[i + 1 : head.i].text)
    constraints = []
    at = 0
    while at < len(words):
        for size in range(min(rules.longest_modifier, len(words) - at), 0, -1):
            key = tuple(words[at : at + size])
            if key in rules.modifiers:
                constraints.append(rules.modifiers[key])
                break
            country = countries().by_adjective.get(" ".join(key))
            if country is not None:
                constraints.append({"country": country.code})
                break
        else:
            return None  # a word we cannot check: "the Islamic State group" is a name
        at += size
    return i + 1, constraints


def _nearest_fit(
    actors: Sequence[Actor],
    sent_starts: list[int],
    sentence: int,
    before: int,
    kinds: frozenset[str],
    constraints: list[dict[str, Any]],
) -> str | None:
    """The one fitting actor of the nearest sentence that has any; None when it has two."""
    window = _rules().window
    for back in range(sentence, max(sentence - window, 0) - 1, -1):
        fits = {
            actor.id
            for actor in actors
            if _fits(actor, kinds, constraints)
            and any(_sentence_of(sent_starts, s) == back and e <= before for s, e in actor.mentions)
        }
        if fits:
            return fits.pop() if len(fits) == 1 else None
    return None


def _fits(actor: Actor, kinds: frozenset[str], constraints: list[dict[str, Any]]) -> bool:
    entry = kb.load().actors.get(actor.id)
    if actor.kind not in kinds or (entry is not None and entry.generic):
        return False
    if entry is None and actor.inferred and actor.name.split()[-1].islower():
        return False  # an unnamed collective ("rebels") is not "the group"
    for rule in constraints:
        if "kinds" in rule and actor.kind not in rule["kinds"]:
            return False
        if "country" in rule and actor.country != rule["country"]:
            return False
        if "note" in rule:
            note = set(_words(entry.note or "")) if entry else set()
            if not note & set(rule["note"]):
                return False
        if "parent" in rule and rule["parent"] not in _ancestors(actor.id):
            return False
    return True


def _ancestors(actor_id: str) -> set[str]:
    table = kb.load().actors
    seen: set[str] = set()
    entry = table.get(actor_id)
    while entry is not None and entry.parent and entry.parent not in seen:
        seen.add(entry.parent)
        entry = table.get(entry.parent)
    return seen


def _partisans(
    doc: Doc, actors: Sequence[Actor], sent_starts: list[int]
) -> list[tuple[tuple[int, int], str]]:
    """ "pro-Assad militants" -> the one militia named in the same sentence."""
    rules = _rules()
    out = []
    for hit in rules.partisan.finditer(doc.text):
        sentence = _sentence_of(sent_starts, hit.start())
        fits = {
            actor.id
            for actor in actors
            if actor.kind in rules.partisan_kinds
            and not _is_generic(actor)
            and any(_sentence_of(sent_starts, s) == sentence for s, _ in actor.mentions)
        }
        if len(fits) == 1:
            out.append(((hit.start(), hit.end()), fits.pop()))
    return out


def _is_generic(actor: Actor) -> bool:
    entry = kb.load().actors.get(actor.id)
    return entry is not None and entry.generic
