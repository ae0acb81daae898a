"""The word lists the actor, people, relation and quote stages read, loaded once from data/.

Knowledge lives in JSON files under the repository's `data/` folder so an analyst can teach
sitroom a new country, title or pattern without touching Python. Files are read lazily on
first use and cached for the process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from sitroom.datafiles import DataFileError, data_dir, load_json

__all__ = ["DataFileError", "data_dir", "load_json"]


def words(relative: str, key: str) -> frozenset[str]:
    """A lowercase word list from a data file, as a set for lookups."""
    return frozenset(w.lower() for w in load_json(relative)[key])


def context_words(key: str) -> frozenset[str]:
    """One of the word lists in data/actors/context.json."""
    return words("actors/context.json", key)


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    adjective: str


@dataclass(frozen=True)
class CountryTable:
    """Lowercase lookups from names, adjectives, demonyms and leaders to countries."""

    by_name: dict[str, Country]
    by_adjective: dict[str, Country]
    by_demonym: dict[str, Country]
    by_leader: dict[str, Country]
    by_capital: dict[str, Country]
    by_code: dict[str, Country] = field(default_factory=dict)
    #: lowercase names that are also people's or other places' names ("jordan", "chad")
    ambiguous: frozenset[str] = frozenset()
    #: names written in capitals ("US", "DRC"), which only match as written
    cased: frozenset[str] = frozenset()

    def any_word(self, text: str) -> Country | None:
        """The country a name, adjective or demonym stands for."""
        low = text.lower()
        return self.by_name.get(low) or self.by_adjective.get(low) or self.by_demonym.get(low)


@lru_cache(maxsize=1)
def countries() -> CountryTable:
    """The table of data/actors/countries.json."""
    by_name: dict[str, Country] = {}
    by_adjective: dict[str, Country] = {}
    by_demonym: dict[str, Country] = {}
    by_leader: dict[str, Country] = {}
    by_capital: dict[str, Country] = {}
    by_code: dict[str, Country] = {}
    cased: set[str] = set()
    raw = load_json("actors/countries.json")
    for row in raw["countries"]:
        adjectives = row["adjectives"]
        country = Country(row["code"], row["name"], adjectives[0] if adjectives else row["name"])
        by_code[row["code"]] = country
        for name in [row["name"], *row["names"]]:
            by_name[name.lower()] = country
            if sum(c.isupper() for c in name) > 1 and not any(c.islower() for c in name):
                cased.add(name)
        for adjective in adjectives:
            by_adjective[adjective.lower()] = country
        for demonym in row["demonyms"]:
            by_demonym[demonym.lower()] = country
        for leader in row["leaders"]:
            by_leader[leader.lower()] = country
        for capital in row.get("capitals", []):
            by_capital[capital.lower()] = country
    ambiguous = frozenset(n.lower() for n in raw.get("ambiguous_names", []))
    return CountryTable(
        by_name,
        by_adjective,
        by_demonym,
        by_leader,
        by_capital,
        by_code,
        ambiguous,
        frozenset(cased),
    )


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Role words read as a person's title (data/actors/titles.json)."""
    return words("actors/titles.json", "titles")
