"""The actor knowledge base: named armed groups, states, bodies, media and people, as data.

Entries live in TOML files under `data/actors/kb/` (format in that folder's README.md) so an
analyst can add a brigade or a spelling without touching Python; a user's own file is laid
over the default set with `load(extra=[path])`. Everything is validated on load, with errors
naming the file and the entry, and looked up by a normalised key that brings the spellings of
English news together ("Jabhat al-Nusra", "Jabhat al Nusra", "jabhat alNusra").
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, get_args

import pycountry
from rapidfuzz import fuzz, process

from sitroom.datafiles import DataFileError, data_dir
from sitroom.model import ActorKind

KINDS = frozenset(get_args(ActorKind))  # the contract's kinds, from model.py
PARENT_RELATIONS = frozenset({"branch_of", "member_of"})
#: The default set must know at least this many actors (a counts check after loading).
MIN_ACTORS = 150
#: Fuzzy matching is tried only on names this long, or of two words or more.
FUZZY_MIN_CHARS = 6

_ACTOR_FIELDS = frozenset(
    {
        "id", "name", "kind", "country", "parent", "parent_relation", "aliases",
        "ambiguous_aliases", "cased_aliases", "arabic", "note", "generic",
    }
)  # fmt: skip
_PERSON_FIELDS = frozenset({"id", "name", "aliases", "ambiguous_aliases", "title", "affiliation"})
_APOSTROPHES = "'’‘ʼʿʾ`´"
# Sun-letter forms of the Arabic article ("ash-Sham", "ad-Din") are written "al" in the key.
_SUN_ARTICLES = frozenset({"ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "el"})


@dataclass(frozen=True)
class KBActor:
    """One actor of the knowledge base, as its file describes it."""

    id: str
    name: str
    kind: str
    country: str | None = None
    parent: str | None = None
    parent_relation: str | None = None
    aliases: tuple[str, ...] = ()
    ambiguous_aliases: tuple[str, ...] = ()
    cased_aliases: tuple[str, ...] = ()
    arabic: tuple[str, ...] = ()
    note: str | None = None
    generic: bool = False
    source: str = ""

    def surfaces(self) -> tuple[str, ...]:
        """The name and every English spelling, in file order, without repeats."""
        return tuple(dict.fromkeys((self.name, *self.aliases, *self.ambiguous_aliases)))


@dataclass(frozen=True)
class KBPerson:
    """A leader or figure the knowledge base knows by name."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    ambiguous_aliases: tuple[str, ...] = ()
    title: str | None = None
    affiliation: str | None = None
    source: str = ""

    def surfaces(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.name, *self.aliases, *self.ambiguous_aliases)))


def normalise(text: str) -> str:
    """The lookup key of a name: the spellings English news uses for it collapse to one key.

    Casefolded, diacritics stripped, a trailing possessive and a leading "the" dropped,
    apostrophes inside a word removed ("Da'esh" = "Daesh"), hyphens, underscores and other
    apostrophes read as spaces, and the Arabic article joined to its word ("al-Nusra",
    "al Nusra", "alNusra" and "an-Nusra" all give "alnusra").
    """
    text = unicodedata.normalize("NFKD", text.strip())
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    for mark in _APOSTROPHES:
        text = text.replace(mark, "'")
    text = re.sub(r"'s?$", "", text.strip())
    text = re.sub(r"(?<=\w)'(?=\w)", "", text)
    text = re.sub(r"[-_'\u2010-\u2015\s]+", " ", text).strip(' ,;:"()')
    words = text.split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    joined: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if nxt and (word == "al" or (word in _SUN_ARTICLES and _assimilates(word, nxt))):
            joined.append("al" + nxt)
            i += 2
            continue
        joined.append(word)
        i += 1
    return " ".join(joined)


def _assimilates(article: str, word: str) -> bool:
    """Whether "ash", "ad", ... is the article written as the next word sounds ("ash Sham")."""
    return article == "el" or word.startswith(article[1:])


@dataclass
class KnowledgeBase:
    """Actors and people with lookups by normalised name, fuzzy name, and parent."""

    actors: dict[str, KBActor]
    people: dict[str, KBPerson]
    _by_key: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _by_cased: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _people_by_key: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _fuzzy_keys: list[str] = field(default_factory=list, repr=False)
    _children: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for actor in self.actors.values():
            for surface in actor.surfaces():
                _add(self._by_key, normalise(surface), actor.id)
            for surface in actor.cased_aliases:
                _add(self._by_cased, surface.strip(), actor.id)
            if actor.parent:
                self._children.setdefault(actor.parent, []).append(actor.id)
        for person in self.people.values():
            for surface in person.surfaces():
                _add(self._people_by_key, normalise(surface), person.id)
        self._fuzzy_keys = [k for k in self._by_key if _fuzzable(k)]

    def lookup(self, text: str) -> list[KBActor]:
        """The actors a name stands for: none, one, or several for an ambiguous alias."""
        ids = self._by_cased.get(text.strip()) or self._by_key.get(normalise(text), [])
        return [self.actors[i] for i in ids]

    def lookup_person(self, text: str) -> list[KBPerson]:
        """The people a name or surname stands for."""
        return [self.people[i] for i in self._people_by_key.get(normalise(text), [])]

    def fuzzy(self, text: str, cutoff: float = 90) -> list[tuple[KBActor, float]]:
        """Actors whose names are spelt like `text` ("Jabhat al Nusrah", "Hizbullah"), best first.

        Only names of two words or more, or of six characters or more, are compared: short
        names ("Amal", "Badr") are too close to each other for spelling similarity to mean
        anything.
        """
        key = normalise(text)
        if not _fuzzable(key):
            return []
        best: dict[str, float] = {}
        for alias_key, score, _ in process.extract(
            key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        ):
            for actor_id in self._by_key[alias_key]:
                best[actor_id] = max(best.get(actor_id, 0.0), float(score))
        ranked = sorted(best.items(), key=lambda pair: (-pair[1], pair[0]))
        return [(self.actors[actor_id], score) for actor_id, score in ranked]

    def aliases(self) -> Iterator[tuple[str, str]]:
        """Every (surface spelling, actor id), names and cased aliases included.

        For building a phrase matcher; cased aliases ("IS", "US", "WHO") are in
        `actor.cased_aliases` for matchers that should match them in exact case only.
        """
        for actor in self.actors.values():
            for surface in (*actor.surfaces(), *actor.cased_aliases):
                yield surface, actor.id

    def children(self, actor_id: str) -> list[KBActor]:
        """The actors that are a branch or member of `actor_id`."""
        return [self.actors[i] for i in self._children.get(actor_id, [])]


def _add(index: dict[str, list[str]], key: str, ident: str) -> None:
    ids = index.setdefault(key, [])
    if ident not in ids:
        ids.append(ident)


def _fuzzable(key: str) -> bool:
    return len(key) >= FUZZY_MIN_CHARS or len(key.split()) >= 2


def default_files() -> list[Path]:
    """The TOML files of the default knowledge base, in name order."""
    folder = data_dir() / "actors" / "kb"
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise DataFileError(f"{folder}: no knowledge-base files (*.toml)")
    return files


#: Environment variable naming a user's own knowledge-base files (the `actors` setting).
ENV_FILES = "SITROOM_ACTORS"


def load(extra: Sequence[Path] = ()) -> KnowledgeBase:
    """The default knowledge base, with the entries of `extra` files added or overriding.

    Files named in $SITROOM_ACTORS (the `actors` setting, `--actors FILE`) are added too.
    An entry in an extra file whose id is already known replaces that entry; parents and
    alias clashes are checked over the combined set.
    """
    env = tuple(Path(p) for p in os.environ.get(ENV_FILES, "").split(os.pathsep) if p)
    files = tuple(Path(p) for p in extra) + env
    return _with_extra(files) if files else _default()


@lru_cache(maxsize=8)
def _with_extra(extra: tuple[Path, ...]) -> KnowledgeBase:
    defaults = default_files()
    return _build([*defaults, *extra], n_defaults=len(defaults))


@lru_cache(maxsize=1)
def _default() -> KnowledgeBase:
    base = _build(default_files(), n_defaults=None)
    if len(base.actors) < MIN_ACTORS:
        raise DataFileError(
            f"{data_dir() / 'actors' / 'kb'}: only {len(base.actors)} actors, "
            f"expected at least {MIN_ACTORS}"
        )
    return base


def _build(files: Sequence[Path], n_defaults: int | None) -> KnowledgeBase:
    """Read and validate `files`; those after the first `n_defaults` may override ids."""
    actors: dict[str, KBActor] = {}
    people: dict[str, KBPerson] = {}
    for index, path in enumerate(files):
        overrides = n_defaults is not None and index >= n_defaults
        data = _read(path)
        unknown = set(data) - {"actor", "person"}
        if unknown:
            raise DataFileError(
                f"{path}: unknown table(s) {sorted(unknown)}; use [[actor]] or [[person]]"
            )
        seen_here: set[str] = set()
        for n, row in enumerate(data.get("actor", []), start=1):
            actor = _actor(path, n, row)
            _check_new_id(path, actor.id, actors.get(actor.id), seen_here, overrides)
            actors[actor.id] = actor
        for n, row in enumerate(data.get("person", []), start=1):
            person = _person(path, n, row)
            _check_new_id(path, person.id, people.get(person.id), seen_here, overrides)
            people[person.id] = person
    _check_parents(actors)
    _check_aliases(actors.values(), "actor")
    _check_aliases(people.values(), "person")
    for person in people.values():
        if person.affiliation and person.affiliation not in actors:
            raise DataFileError(
                f"{person.source}: person {person.id!r}: affiliation "
                f"{person.affiliation!r} is not a known actor id"
            )
    return KnowledgeBase(actors=actors, people=people)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise DataFileError(f"{path}: knowledge-base file missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"{path}: not valid TOML ({exc})") from None


def _check_new_id(
    path: Path, ident: str, earlier: KBActor | KBPerson | None, seen_here: set[str], overrides: bool
) -> None:
    if ident in seen_here or (earlier is not None and not overrides):
        where = earlier.source if earlier is not None else str(path)
        raise DataFileError(f"{path}: entry {ident!r}: duplicate id (also in {where})")
    seen_here.add(ident)


def _where(path: Path, n: int, row: dict[str, Any], table: str) -> str:
    ident = row.get("id")
    return f"{path}: {table} #{n}" + (f" {ident!r}" if isinstance(ident, str) else "")


def _strings(where: str, row: dict[str, Any], key: str) -> tuple[str, ...]:
    value = row.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(f"{where}: {key!r} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _text(where: str, row: dict[str, Any], key: str, required: bool = False) -> str | None:
    value = row.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(f"{where}: {key!r} must be a non-empty string")
    return value.strip()


def _actor(path: Path, n: int, row: dict[str, Any]) -> KBActor:
    where = _where(path, n, row, "actor")
    unknown = set(row) - _ACTOR_FIELDS
    if unknown:
        raise DataFileError(f"{where}: unknown field(s) {sorted(unknown)}")
    ident = _text(where, row, "id", required=True)
    kind = _text(where, row, "kind", required=True)
    if kind not in KINDS:
        raise DataFileError(f"{where}: unknown kind {kind!r} (one of {', '.join(sorted(KINDS))})")
    country = _text(where, row, "country")
    if country is not None and (
        len(country) != 2
        or not country.isupper()
        or pycountry.countries.get(alpha_2=country) is None
    ):
        raise DataFileError(f"{where}: country {country!r} is not an ISO 3166-1 alpha-2 code")
    parent = _text(where, row, "parent")
    relation = _text(where, row, "parent_relation")
    if relation is not None and relation not in PARENT_RELATIONS:
        raise DataFileError(f"{where}: parent_relation {relation!r} must be branch_of or member_of")
    if (parent is None) != (relation is None):
        raise DataFileError(f"{where}: 'parent' and 'parent_relation' go together")
    generic = row.get("generic", False)
    if not isinstance(generic, bool):
        raise DataFileError(f"{where}: 'generic' must be true or false")
    return KBActor(
        id=ident or "",
        name=_text(where, row, "name", required=True) or "",
        kind=kind,
        country=country,
        parent=parent,
        parent_relation=relation,
        aliases=_strings(where, row, "aliases"),
        ambiguous_aliases=_strings(where, row, "ambiguous_aliases"),
        cased_aliases=_strings(where, row, "cased_aliases"),
        arabic=_strings(where, row, "arabic"),
        note=_text(where, row, "note"),
        generic=generic,
        source=str(path),
    )


def _person(path: Path, n: int, row: dict[str, Any]) -> KBPerson:
    where = _where(path, n, row, "person")
    unknown = set(row) - _PERSON_FIELDS
    if unknown:
        raise DataFileError(f"{where}: unknown field(s) {sorted(unknown)}")
    return KBPerson(
        id=_text(where, row, "id", required=True) or "",
        name=_text(where, row, "name", required=True) or "",
        aliases=_strings(where, row, "aliases"),
        ambiguous_aliases=_strings(where, row, "ambiguous_aliases"),
        title=_text(where, row, "title"),
        affiliation=_text(where, row, "affiliation"),
        source=str(path),
    )


def _check_parents(actors: dict[str, KBActor]) -> None:
    for actor in actors.values():
        if actor.parent is None:
            continue
        if actor.parent not in actors:
            raise DataFileError(
                f"{actor.source}: actor {actor.id!r}: parent {actor.parent!r} is not a known id"
            )
        seen = {actor.id}
        step: str | None = actor.parent
        while step is not None:
            if step in seen:
                raise DataFileError(f"{actor.source}: actor {actor.id!r}: parents form a cycle")
            seen.add(step)
            step = actors[step].parent


def _check_aliases(entries: Any, table: str) -> None:
    """An alias may name two entries only if both list it under `ambiguous_aliases`."""
    owner: dict[str, Any] = {}
    for entry in entries:
        ambiguous = {normalise(a) for a in entry.ambiguous_aliases}
        for surface in entry.surfaces():
            key = normalise(surface)
            if not key:
                raise DataFileError(
                    f"{entry.source}: {table} {entry.id!r}: empty alias {surface!r}"
                )
            other = owner.get(key)
            if other is None or other.id == entry.id:
                owner[key] = entry
                continue
            other_ambiguous = {normalise(a) for a in other.ambiguous_aliases}
            if key in ambiguous and key in other_ambiguous:
                continue
            raise DataFileError(
                f"{entry.source}: {table} {entry.id!r}: alias {surface!r} is also claimed by "
                f"{other.id!r} ({other.source}); list it under ambiguous_aliases in both"
            )
