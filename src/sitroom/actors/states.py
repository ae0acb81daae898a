"""States acting as actors: "Turkey ... working with rebels", "Iranian-backed", "Saudi support".

A country name is an actor only where the sentence makes it act (subject, passive agent,
source of aid, head of a relative clause saying what it does); "in Lebanon" stays a place,
left to the places stage. Two stand-ins name a state too: a plural demonym with "the" that
acts ("the Saudis are unlikely to ..."), and a capital that acts as a government ("funding
from Riyadh", "Ankara's support", "Moscow denied"), judged more strictly since capitals are
mostly places ("Damascus is under threat" stays a place).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from sitroom.actors.data import Country, context_words, countries
from sitroom.actors.mentions import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@lru_cache(maxsize=256)
def country_named(name: str) -> Country | None:
    """The country a name stands for, from our table, else from pycountry's ISO list."""
    found = countries().by_name.get(name.lower())
    if found:
        return found
    import pycountry

    try:
        hit = pycountry.countries.lookup(name)
    except LookupError:
        return None
    return Country(hit.alpha_2, getattr(hit, "common_name", hit.name), name)


def _acts(token: Token) -> bool:
    """Whether the noun `token` is doing something in its sentence."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ in context_words("agent_roles"):
        return True
    if any(_says_what_it_does(child) for child in token.children):
        return True
    if token.dep_ == "pobj":
        prep = token.head
        if prep.dep_ == "agent":
            return True
        if prep.lower_ == "from":
            giver = prep.head
            support = context_words("support_nouns") | context_words("aid_nouns")
            if giver.lemma_.lower() in support:
                return True
            return any(
                c.dep_ == "dobj" and (c.lemma_.lower() in support or c.lower_ in support)
                for c in giver.children
            )
    return False


def _says_what_it_does(clause: Token) -> bool:
    """A relative clause whose subject is the noun itself: "Iran, which backs Assad"."""
    return clause.dep_ == "relcl" and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "that", "who")
        for c in clause.children
    )


def _adjective_acts(doc: Doc, i: int) -> bool:
    """Whether a nationality adjective names its state acting ("Iranian-backed", "Saudi aid")."""
    if i + 2 < len(doc) and doc[i + 1].text == "-":
        return doc[i + 2].lower_ in context_words("agent_suffixes")
    token = doc[i]
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    acts = context_words("support_nouns") | context_words("hostile_nouns")
    return token.dep_ in ("amod", "compound") and (
        token.head.lemma_.lower() in acts or token.head.lower_ in acts
    )


def _capital_acts(token: Token) -> bool:
    """Whether a capital's name stands for its government: it gives aid, is a passive agent,
    owns a policy ("Tehran's support") or is the subject of what governments do."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    head = token.head
    if token.dep_ == "poss":
        return head.lemma_.lower() in context_words("policy_nouns")
    if token.dep_ in context_words("agent_roles"):
        return head.lemma_.lower() in context_words("government_verbs")
    return token.dep_ == "pobj" and _acts(token)


def _demonym_acts(token: Token) -> bool:
    """Whether "the Saudis" is the state: it owns a policy or does what a people does not
    ("the Saudis are unlikely to accept defeat", but not "the Syrians fled")."""
    if token.dep_ == "poss":
        return token.head.lemma_.lower() in context_words("policy_nouns")
    if token.dep_ != "nsubj":
        return False
    return token.head.lemma_.lower() not in context_words("population_verbs")


def _stand_ins(doc: Doc) -> list[Mention]:
    """Demonyms ("the Saudis") and capitals ("Riyadh") used for their state."""
    table = countries()
    found: list[Mention] = []
    for token in doc:
        country = table.by_demonym.get(token.lower_)
        if (
            country is not None
            and token.i > 0
            and doc[token.i - 1].lower_ == "the"
            and (_demonym_acts(token))
        ):
            found.append(_mention(token.idx, token.idx + len(token.text), token.text, country))
            continue
        for size in (2, 1):  # "Abu Dhabi", "the Kremlin"
            span = doc[token.i : token.i + size]
            country = table.by_capital.get(span.text.lower()) if len(span) == size else None
            if country is not None and span.text[0].isupper() and _capital_acts(span[-1]):
                found.append(_mention(span.start_char, span.end_char, span.text, country))
                break
    return found


def find_states(doc: Doc) -> list[Mention]:
    """Country names, nationality adjectives and stand-ins used as actors, as mentions of
    the state."""
    found: list[Mention] = _stand_ins(doc)
    for ent in doc.ents:
        if ent.label_ != "GPE":
            continue
        start = ent.start + (1 if ent[0].lower_ == "the" else 0)
        span = doc[start : ent.end]
        country = country_named(span.text)
        if country and _acts(span.root):
            found.append(_mention(span.start_char, span.end_char, span.text, country))
    adjectives = countries().by_adjective
    for token in doc:
        country = adjectives.get(token.lower_)
        if country and _adjective_acts(doc, token.i):
            found.append(_mention(token.idx, token.idx + len(token.text), token.text, country))
    return found


def _mention(start: int, end: int, text: str, country: Country) -> Mention:
    return Mention(
        start=start,
        end=end,
        text=text,
        source="state",
        name=country.name,
        kind="state",
        country=country.code,
        group=f"state {country.code}",
    )
