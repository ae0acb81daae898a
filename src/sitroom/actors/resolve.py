"""Resolution: merge the mentions that name the same actor, and name it.

Variants merge on a key that ignores "the", "al-", possessives, hyphens, word order and the
Arabic/English pair jabhat/front, so "Jabhat al-Nusra", "Jabhat-al Nusra" and "Nusra Front"
meet; a one-word short form ("Nusra") joins the one longer name that holds it; an unqualified
collective ("rebels") joins the one qualified form of it in the article ("Syrian rebels").
The later knowledge base replaces the key with its own alias table.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from sitroom.actors import kb
from sitroom.actors.collectives import GOVERNMENT
from sitroom.actors.data import countries
from sitroom.actors.kinds import infer_country, infer_kind, kind_from_name
from sitroom.actors.mentions import Mention
from sitroom.datafiles import load_json
from sitroom.model import Actor
from sitroom.spans import slugify

_SPLIT = re.compile(r"[\s\-–—/]+")
_POSSESSIVE = re.compile(r"['’]s?$")


@lru_cache(maxsize=1)
def _key_rules() -> tuple[frozenset[str], dict[str, str], frozenset[str]]:
    rules = load_json("actors/name_keys.json")
    return (
        frozenset(rules["ignore"]),
        dict(rules["synonyms"]),
        frozenset(rules["generic"]),
    )


def name_key(name: str) -> tuple[str, ...]:
    """The merge key of a proper name: its significant words, normalised and sorted."""
    ignore, synonyms, _ = _key_rules()
    words = []
    for raw in _SPLIT.split(name.lower().replace("’", "'")):
        word = _POSSESSIVE.sub("", raw.strip(".,'\"“”"))
        if word and word not in ignore:
            words.append(synonyms.get(word, word))
    return tuple(sorted(set(words)))


@dataclass
class _Cluster:
    key: tuple[str, ...]
    country: str | None
    mentions: list[Mention] = field(default_factory=list)


def _mention_key(mention: Mention) -> tuple[tuple[str, ...], str | None]:
    if mention.group:  # collectives merge by group first ("regime" joins "Syrian army")
        return ("@" + mention.group,), mention.country
    if mention.kb_id:
        return ("kb:" + mention.kb_id,), None
    return name_key(mention.name), infer_country(mention.name)


def cluster(mentions: Iterable[Mention]) -> list[list[Mention]]:
    """Mentions grouped by the actor they name, in order of first mention."""
    clusters: dict[tuple[tuple[str, ...], str | None], _Cluster] = {}
    for mention in mentions:
        key, country = _mention_key(mention)
        if not key:
            continue
        clusters.setdefault((key, country), _Cluster(key, country)).mentions.append(mention)
    _join_governments(clusters)
    _join_unqualified(clusters)
    _join_short_forms(clusters)
    groups = [sorted(c.mentions, key=lambda m: m.start) for c in clusters.values()]
    return sorted(groups, key=lambda ms: ms[0].start)


def _join_unqualified(clusters: dict[tuple[tuple[str, ...], str | None], _Cluster]) -> None:
    """Bare "rebels" joins "Syrian rebels" when the article qualifies the group one way only."""
    for (key, country), item in list(clusters.items()):
        if country is not None:
            continue
        homes = [c for (k, cc), c in clusters.items() if k == key and cc is not None]
        if len(homes) == 1:
            homes[0].mentions.extend(item.mentions)
            del clusters[(key, country)]


#: Kinds of the armed parties whose presence makes a report a conflict report.
_NON_STATE_ARMED = frozenset({"rebel_group", "political_militia", "identity_militia"})


def _join_governments(clusters: dict[tuple[tuple[str, ...], str | None], _Cluster]) -> None:
    """ "The Syrian government" is the Syrian government forces where the article names them
    ("the Syrian army", "regime forces") or names an armed group ("talks between the Syrian
    government and the Free Syrian Army"): a conflict report's government is the belligerent,
    as ACLED codes it. Elsewhere it stays the state ("Sudan's government lifted the curfew")."""
    armed = any(
        (m.kind or kind_from_name(m.name)) in _NON_STATE_ARMED
        for c in clusters.values()
        for m in c.mentions
    )
    for (key, country), item in list(clusters.items()):
        if key != ("@" + f"{GOVERNMENT} {country}",):
            continue
        home = clusters.get((("@government forces",), country))
        if home is None and not armed:
            continue
        del clusters[(key, country)]
        if home is None:
            home = clusters[(("@government forces",), country)] = _Cluster(
                ("@government forces",), country
            )
            adjective = countries().by_code[country].adjective if country else ""
            name, kind, group = (
                f"{adjective} government forces",
                "state_forces",
                "government forces",
            )
        else:
            first = min(home.mentions, key=lambda m: m.start)
            name, kind, group = first.name, first.kind, first.group
        home.mentions.extend(
            replace(m, name=name, kind=kind, kb_id=None, group=group) for m in item.mentions
        )


def _join_short_forms(clusters: dict[tuple[tuple[str, ...], str | None], _Cluster]) -> None:
    """A short form ("Nusra") joins the one longer name that holds it ("Jabhat al-Nusra")."""
    _, _, generic = _key_rules()
    for (key, country), item in list(clusters.items()):
        if len(key) != 1 or key[0].startswith("@") or key[0] in generic:
            continue
        homes = [
            c
            for (k, _cc), c in clusters.items()
            if len(k) > 1 and key[0] in k and not k[0].startswith("@")
        ]
        if len(homes) == 1:
            homes[0].mentions.extend(item.mentions)
            del clusters[(key, country)]


def canonical_name(mentions: list[Mention]) -> str:
    """The name to show: a collective's or state's own name, else the commonest full form."""
    for mention in mentions:
        if mention.source in ("collective", "state") and mention.country:
            return mention.name
    named = [m for m in mentions if m.source not in ("collective", "state")]
    if not named:
        return mentions[0].name
    longest = max(len(name_key(m.name)) for m in named)
    full = [m.name for m in named if len(name_key(m.name)) == longest]
    counts = Counter(full)
    best = max(counts.values())
    return next(name for name in full if counts[name] == best)


def to_actor(mentions: list[Mention]) -> Actor:
    """One actor from the mentions that name it: as the knowledge base knows it, else inferred."""
    spans = sorted({m.span for m in mentions})
    known_id = next((m.kb_id for m in mentions if m.kb_id), None)
    if known_id is None:  # a collective or name whose own slug the knowledge base knows
        known_id = slugify(canonical_name(mentions))
    entry = kb.load().actors.get(known_id)
    if entry is not None:
        return Actor(
            id=entry.id,
            name=entry.name,
            kind=entry.kind,
            country=entry.country,
            parent=entry.parent,
            mentions=spans,
            inferred=False,
        )
    name = canonical_name(mentions)
    known = [m.kind for m in mentions if m.kind]
    context = [word for m in mentions for word in m.context]
    kind = known[0] if known else infer_kind([name, *(m.name for m in mentions)], context)
    country = next((m.country for m in mentions if m.country), None) or infer_country(name)
    return Actor(
        id=slugify(name),
        name=name,
        kind=kind,
        country=country,
        parent=None,
        mentions=spans,
        inferred=True,
    )


def resolve(mentions: Iterable[Mention]) -> list[Actor]:
    """Actors for the mentions; two clusters that end up with one id become one actor."""
    actors: dict[str, Actor] = {}
    for group in cluster(mentions):
        actor = to_actor(group)
        if actor.id in actors:
            merged = sorted(set(actors[actor.id].mentions) | set(actor.mentions))
            actors[actor.id] = actors[actor.id].model_copy(update={"mentions": merged})
        else:
            actors[actor.id] = actor
    return list(actors.values())
