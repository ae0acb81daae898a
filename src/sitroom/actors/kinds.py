"""Kind and country inference for actors that no knowledge base knows yet.

Kept apart from recognition and merging so the later knowledge base can answer first and
these rules only fill in for names it does not know.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from sitroom.actors.data import countries, load_json
from sitroom.model import ActorKind

_WORD = re.compile(r"[a-z0-9']+")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class _Rule:
    kind: ActorKind
    words: frozenset[str]
    phrases: tuple[str, ...]
    suffixes: tuple[str, ...]


def _rules(section: str) -> tuple[_Rule, ...]:
    rules = []
    for row in load_json("actors/kind_keywords.json")[section]:
        lowered = [w.lower() for w in row["words"]]
        rules.append(
            _Rule(
                kind=cast(ActorKind, row["kind"]),
                words=frozenset(w for w in lowered if " " not in w and "-" not in w),
                phrases=tuple(w for w in lowered if " " in w or "-" in w),
                suffixes=tuple(s.lower() for s in row.get("suffixes", [])),
            )
        )
    return tuple(rules)


@lru_cache(maxsize=1)
def _name_rules() -> tuple[_Rule, ...]:
    return _rules("name")


@lru_cache(maxsize=1)
def _context_rules() -> tuple[_Rule, ...]:
    return _rules("context")


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def _match(rules: tuple[_Rule, ...], text: str) -> ActorKind | None:
    tokens = _tokens(text)
    joined = " " + " ".join(tokens) + " "
    spaced = " " + text.lower().replace("’", "'") + " "
    for rule in rules:
        if any(t in rule.words for t in tokens):
            return rule.kind
        if any(f" {p} " in joined or f" {p} " in spaced for p in rule.phrases):
            return rule.kind
        if len(tokens) == 1 and any(tokens[0].endswith(s) for s in rule.suffixes):
            return rule.kind
    return None


def kind_from_name(name: str) -> ActorKind | None:
    """The kind a name's own words give ("Arab Democratic Party" -> political_party), if any."""
    return _match(_name_rules(), name)


def infer_kind(names: Iterable[str], context: Iterable[str] = ()) -> ActorKind:
    """The kind of an actor from the words of its names, else from context words, else default.

    `context` holds words seen around its mentions: the noun a mention modifies ("Hezbollah
    fighters") or the head of an apposition ("Jaish al-Islam, an opposition brigade").
    """
    for name in names:
        kind = kind_from_name(name)
        if kind:
            return kind
    kind = _match(_context_rules(), " ".join(context))
    if kind:
        return kind
    return cast(ActorKind, load_json("actors/kind_keywords.json")["default"])


def infer_country(name: str) -> str | None:
    """ISO code of a nationality or country word in a name ("Syrian army" -> "SY"), else None."""
    table = countries()
    tokens = name.replace("-", " ").split()
    for size in (3, 2, 1):
        for i in range(len(tokens) - size + 1):
            words = _POSSESSIVE.sub("", " ".join(tokens[i : i + size]).strip(",."))
            country = table.any_word(words)
            if country:
                return country.code
    return None
