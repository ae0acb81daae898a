"""Generic collectives: "Syrian rebels", "regime forces", "Assad's forces", "Shia militias".

News names most armed actors without a proper name. The phrases and their qualifiers live in
data/actors/collectives.json; this module finds them on tokens and reads the qualifier
(nationality, leader, identity) that tells whose forces they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from sitroom.actors.data import Country, context_words, countries, load_json
from sitroom.actors.kinds import kind_from_name
from sitroom.actors.mentions import Mention
from sitroom.model import ActorKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_MODIFIER_DEPS = ("compound", "amod", "nmod")


@dataclass(frozen=True)
class _Group:
    name: str
    kind: ActorKind
    identities: dict[str, str]
    as_modifier: frozenset[tuple[str, ...]] = frozenset()


@dataclass(frozen=True)
class _Phrases:
    table: dict[tuple[str, ...], tuple[_Group, bool]]  # tokens -> (group, needs a qualifier)
    longest: int


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """A phrase split the way spaCy splits it: words, with hyphens as tokens of their own."""
    return tuple(phrase.lower().replace("-", " - ").split())


@lru_cache(maxsize=1)
def _phrases() -> _Phrases:
    table: dict[tuple[str, ...], tuple[_Group, bool]] = {}
    for row in load_json("actors/collectives.json")["groups"]:
        group = _Group(
            row["name"],
            cast(ActorKind, row["kind"]),
            row.get("identities", {}),
            frozenset(phrase_tokens(p) for p in row.get("names_as_modifier", [])),
        )
        needs = {p.lower() for p in row.get("needs_qualifier", [])}
        for phrase in row["phrases"]:
            table[phrase_tokens(phrase)] = (group, phrase.lower() in needs)
    return _Phrases(table, max(len(k) for k in table))


def _norm(text: str) -> str:
    return text.lower().replace("’", "'")


def _leader_start(doc: Doc, i: int) -> int | None:
    """Start token of a leader's name ending at token i ("Assad", "Bashar al-Assad"), or None."""
    if _norm(doc[i].text) not in countries().by_leader:
        return None
    token = doc[i]
    if token.ent_type_ == "PERSON":
        for ent in doc.ents:
            if ent.start <= i < ent.end:
                return ent.start
    return i


def _qualifier(doc: Doc, i: int, group: _Group) -> tuple[int, Country | None, str | None]:
    """Walk left from token i over qualifiers: (new start, country, identity)."""
    table = countries()
    possessives = context_words("possessive_tokens")
    country: Country | None = None
    identity: str | None = None
    start = i
    j = i - 1
    if j >= 0 and _norm(doc[j].text) in group.identities:
        identity = group.identities[_norm(doc[j].text)]
        start, j = j, j - 1
    if j < 0:
        return start, country, identity
    word = _norm(doc[j].text)
    if word in table.by_adjective:
        return j, table.by_adjective[word], identity
    if word in possessives and j >= 1:  # "Assad's forces"
        leader = _leader_start(doc, j - 1)
        if leader is not None:
            return leader, table.by_leader[_norm(doc[j - 1].text)], identity
    leader = _leader_start(doc, j)
    if leader is not None:  # "the Assad regime", "pro-Assad forces"
        country = table.by_leader[word]
        start = leader
        if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "pro":
            start -= 2
    return start, country, identity


def find_collectives(doc: Doc) -> list[Mention]:
    """Every collective phrase in the doc with its qualifier, as mentions."""
    phrases = _phrases()
    found: list[Mention] = []
    i = 0
    while i < len(doc):
        match = None
        for size in range(min(phrases.longest, len(doc) - i), 0, -1):
            key = tuple(_norm(t.text) for t in doc[i : i + size])
            if key in phrases.table:
                match = (size, *phrases.table[key])
                break
        if match is None:
            i += 1
            continue
        size, group, needs_qualifier = match
        end = i + size
        head = doc[end - 1]
        key = tuple(_norm(t.text) for t in doc[i:end])
        if key not in group.as_modifier and _modifies_other_noun(head, end):  # "army units"
            i = end
            continue
        start, country, identity = _qualifier(doc, i, group)
        if country is None:
            end, country = _of_country(doc, end)
        if needs_qualifier and not (country or identity):
            i = end
            continue
        found.append(_mention(doc, start, end, group, country, identity))
        i = end
    return found


def _of_country(doc: Doc, end: int) -> tuple[int, Country | None]:
    """A country named after the phrase ("the Government of Iraq"), and the new end."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return end, None
    first = end + 2 if doc[end + 1].lower_ == "the" else end + 1
    names = countries().by_name
    for size in (3, 2, 1):
        words = doc[first : first + size]
        if len(words) == size and words.text.lower() in names:
            return first + size, names[words.text.lower()]
    return end, None


def _modifies_other_noun(head: Token, end: int) -> bool:
    """Whether a phrase only describes another noun, one that is not its members."""
    if head.dep_ not in _MODIFIER_DEPS or head.head.i < end:
        return False
    return head.head.lower_ not in context_words("member_nouns")


def _mention(
    doc: Doc, start: int, end: int, group: _Group, country: Country | None, identity: str | None
) -> Mention:
    parts = [country.adjective] if country else []
    if identity:
        parts.append(identity)
    name = " ".join([*parts, group.name])
    span = doc[start:end]
    group_key = f"{identity} {group.name}" if identity else group.name
    return Mention(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        source="collective",
        name=name,
        kind=(kind_from_name(name) or group.kind) if identity else group.kind,
        country=country.code if country else None,
        group=group_key,
    )
