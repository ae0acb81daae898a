"""Generic collectives: "Syrian rebels", "regime forces", "Assad's forces", "Shia militias",
and the state's own agents: "Sudan's government", "Moroccan diplomats", "Egyptian police".

News names most armed actors without a proper name. The phrases and their qualifiers live in
data/actors/collectives.json; this module finds them on tokens and reads the qualifier
(nationality, country name or its possessive, leader, identity) that tells whose forces they
are. A group marked `state` (officials, diplomats, a government, a parliament) names the state
itself: its mentions join the state's other mentions ("Sudan", "Sudanese officials").
Coordinated qualifiers each name their own actor ("U.S. and Russian negotiators").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from sitroom.actors.data import Country, context_words, countries, load_json
from sitroom.actors.kinds import kind_from_name
from sitroom.actors.mentions import Mention
from sitroom.actors.nationality import country_ending, qualifier_ending
from sitroom.model import ActorKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_MODIFIER_DEPS = ("compound", "amod", "nmod")
#: Group of a state's "government" mentions, which join its forces where the article names
#: them (resolve.py) and are the state elsewhere.
GOVERNMENT = "state-government"


@dataclass(frozen=True)
class _Group:
    name: str
    kind: ActorKind
    identities: dict[str, str]
    as_modifier: frozenset[tuple[str, ...]] = frozenset()
    state: bool = False  # the phrase names the state itself ("Sudan's government")
    in_fighting: dict[tuple[str, ...], str] = field(default_factory=dict)  # phrase -> group
    in_country: frozenset[tuple[str, ...]] = frozenset()  # "security forces in Guinea"
    named_as: str | None = None  # the canonical name of another group ("government forces")
    yields_to_kb: bool = False  # the knowledge base names the same words better
    joins_forces: frozenset[tuple[str, ...]] = frozenset()  # "government" joins "Syrian army"


@dataclass(frozen=True)
class _Phrases:
    table: dict[tuple[str, ...], tuple[_Group, bool]]  # tokens -> (group, needs a qualifier)
    longest: int
    groups: dict[str, _Group]


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """A phrase split the way spaCy splits it: words, with hyphens as tokens of their own."""
    return tuple(phrase.lower().replace("-", " - ").split())


@lru_cache(maxsize=1)
def _phrases() -> _Phrases:
    table: dict[tuple[str, ...], tuple[_Group, bool]] = {}
    groups: dict[str, _Group] = {}
    for row in load_json("actors/collectives.json")["groups"]:
        group = _Group(
            row["name"],
            cast(ActorKind, row["kind"]),
            row.get("identities", {}),
            frozenset(phrase_tokens(p) for p in row.get("names_as_modifier", [])),
            bool(row.get("state", False)),
            {phrase_tokens(p): g for p, g in row.get("in_fighting", {}).items()},
            frozenset(phrase_tokens(p) for p in row.get("in_country", [])),
            row.get("named_as"),
            bool(row.get("yields_to_kb", False)),
            frozenset(phrase_tokens(p) for p in row.get("joins_forces", [])),
        )
        groups[group.name] = group
        needs = {p.lower() for p in row.get("needs_qualifier", [])}
        for phrase in row["phrases"]:
            table[phrase_tokens(phrase)] = (group, phrase.lower() in needs)
    return _Phrases(table, max(len(k) for k in table), groups)


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
    found = qualifier_ending(doc, j, i) or (_past_modifiers(doc, j, i) if group.state else None)
    if found is not None:
        return found[0], found[1], identity
    word = _norm(doc[j].text)
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


def _past_modifiers(doc: Doc, j: int, head_start: int) -> tuple[int, Country] | None:
    """A country word before one or two modifiers of the phrase ("Romania's new government",
    "Nicaragua's Sandinista government"), unless a modifier makes it another body ("the
    Syrian opposition government", "Iraq's Kurdish regional government")."""
    blocked = context_words("not_the_state")
    k = j
    for _ in range(2):
        token = doc[k]
        if (
            token.is_punct
            or token.lower_ in blocked
            or token.pos_ not in ("ADJ", "PROPN", "NOUN")
            or token.dep_ not in ("amod", "compound", "nmod")
            or token.head.i < head_start
            or countries().any_word(token.text) is not None
        ):
            return None
        k -= 1
        if k < 0:
            return None
        found = qualifier_ending(doc, k, head_start)
        if found is not None:
            return found
    return None


def _conjuncts(doc: Doc, start: int, head_start: int) -> list[tuple[int, int, Country]]:
    """The other country words coordinated with the qualifier in [start, head_start):
    "Hungarian" in "Hungarian and Romanian officials", "U.S." in "U.S. and Russian negotiators"."""
    ends = [j for j in range(start, head_start) if country_ending(doc, j) is not None]
    if not ends:
        return []
    first = doc[ends[-1]]
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    found = []
    for other in (first, *first.conjuncts):
        if other.i >= start:
            continue
        word = country_ending(doc, other.i)
        if word is not None:
            found.append((word[0], other.i + 1, word[1]))
    return found


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
        if key in group.in_fighting and _fought(head):  # "rebels fighting the Syrian government"
            group = phrases.groups[group.in_fighting[key]]
        start, country, identity = _qualifier(doc, i, group)
        conjuncts = _conjuncts(doc, start, i) if country is not None else []
        if country is None:
            end, country = _of_country(doc, end, "in" if key in group.in_country else None)
        if needs_qualifier and not (country or identity):
            i = end
            continue
        joins = key in group.joins_forces
        found.append(_mention(doc, start, end, group, country, identity, joins))
        for c_start, c_end, c_country in conjuncts:
            found.append(_mention(doc, c_start, c_end, group, c_country, identity, joins))
        i = end
    return found


def _fought(token: Token) -> bool:
    """Whether the noun is what others fight: the object of "fight", "topple", "against",
    "war with" ("rebels fighting the Syrian government" are fighting its forces)."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    verbs = context_words("war_verbs")
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in verbs:
        return True
    if token.dep_ != "pobj":
        return False
    if head.lower_ == "against":
        return True
    return head.lower_ == "with" and head.head.lemma_.lower() in verbs


def _of_country(doc: Doc, end: int, also: str | None = None) -> tuple[int, Country | None]:
    """A country named after the phrase ("the Government of Iraq", and with `also` = "in",
    "security forces in Guinea"), and the new end."""
    if end + 1 >= len(doc) or doc[end].lower_ not in ("of", also):
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
    doc: Doc,
    start: int,
    end: int,
    group: _Group,
    country: Country | None,
    identity: str | None,
    joins_forces: bool = False,
) -> Mention:
    span = doc[start:end]
    if group.state and country is not None:  # "Sudan's government", "Moroccan diplomats"
        return Mention(
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            source="collective",
            name=country.name,
            kind="state",
            country=country.code,
            group=f"{GOVERNMENT if joins_forces else 'state'} {country.code}",
            yields=group.yields_to_kb,
        )
    parts = [country.adjective] if country else []
    if identity:
        parts.append(identity)
    name = " ".join([*parts, group.named_as or group.name])
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
        yields=group.yields_to_kb,
    )
