"""Country words on tokens: a nationality adjective ("Sri Lankan"), a country's name ("Benin",
"the DRC") or its possessive ("Sudan's"), read from data/actors/countries.json.

Shared by the recognisers that ask whose actor a phrase names: collectives ("Sudan's
government", "Macedonian army") and states ("Serbian President Vojislav Kostunica").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitroom.actors.data import Country, context_words, countries

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Longest country word in tokens ("Democratic Republic of the Congo" is six).
_LONGEST = 6


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def named(text: str) -> Country | None:
    """The country a name stands for; names written in capitals ("US") match only so."""
    table = countries()
    country = table.by_name.get(_norm(text))
    if country is None:
        return None
    cased = [c for c in table.cased if c.lower() == _norm(text)]
    if cased and text not in cased:
        return None
    return country


def adjective_ending(doc: Doc, j: int) -> tuple[int, Country] | None:
    """(start token, country) of a capitalised nationality adjective ending at token j."""
    table = countries()
    for size in range(min(3, j + 1), 0, -1):
        span = doc[j - size + 1 : j + 1]
        country = table.by_adjective.get(_norm(span.text))
        if country is not None and span.text[:1].isupper():
            return span.start, country
    return None


def name_ending(doc: Doc, j: int) -> tuple[int, Country] | None:
    """(start token, country) of a country's name ending at token j ("Sri Lanka", "the PRC")."""
    for size in range(min(_LONGEST, j + 1), 0, -1):
        span = doc[j - size + 1 : j + 1]
        if not span.text[:1].isupper():
            continue
        country = named(span.text)
        if country is not None:
            return span.start, country
    return None


def country_ending(doc: Doc, j: int) -> tuple[int, Country] | None:
    """A country word ending at token j: an adjective ("Sudanese"), a name used as a modifier
    ("Benin police") or a name's possessive ("Sudan's"), as (start token, country)."""
    if j < 0:
        return None
    if doc[j].lower_ in context_words("possessive_tokens"):
        return name_ending(doc, j - 1) if j >= 1 else None
    return adjective_ending(doc, j) or name_ending(doc, j)


def qualifier_ending(doc: Doc, j: int, head_start: int) -> tuple[int, Country] | None:
    """A country word ending at token j that qualifies the words from `head_start` on: an
    adjective ("Sudanese"), a possessive ("Sudan's") or a name modifying them ("Benin police");
    a name that is no modifier of them, or follows "in", is none ("In Turkey Minister
    Ellwood met ...")."""
    found = country_ending(doc, j)
    if found is None:
        return None
    if "\n" in doc[found[0] : j + 1].text_with_ws or "\n" in doc[j].whitespace_:
        return None
    if doc[j].pos_ != "PROPN" or named(doc[found[0] : j + 1].text) is None:
        return found
    modifies = doc[j].dep_ in ("compound", "nmod", "amod") and doc[j].head.i >= head_start
    before = doc[found[0] - 1].lower_ if found[0] > 0 else ""
    if not modifies or before in context_words("locative_prepositions"):
        return None  # "In Turkey Minister Ellwood met ..." is no Turkish minister
    return found
