"""States acting as actors: "Turkey ... working with rebels", "Iranian-backed", "Saudi support".

A country name is an actor only where the sentence makes it act (subject, passive agent,
source of aid, head of a relative clause saying what it does); "in Lebanon" stays a place,
left to the places stage. The name counts whatever the model tagged it ("Sri Lanka" as a
person, "Uzbekistan" as nothing), unless it is part of a longer name ("Sri Lanka Freedom
Party") or is also a person's name ("Jordan", "Chad": those only where tagged a country).
Two stand-ins name a state too: a plural demonym with "the" that acts ("the Saudis are
unlikely to ..."), and a capital that acts as a government ("funding from Riyadh", "Ankara's
support", "Moscow denied"), judged more strictly since capitals are mostly places ("Damascus is
under threat" stays a place).

The people who act for a state name it where they act: a head of state or government by his
title and nationality ("Serbian President Vojislav Kostunica promised ...", the whole phrase),
by the leader table or the knowledge base ("Putin offered ...", "President Abdelaziz
Bouteflika said ..."), and one official by the country word before him ("A top U.S. official
praised ...", "Taiwan's Vice Foreign Minister visited ...": the country word alone, since one
person is no actor). A former office holder speaks for no state ("former President Carlos
Menem"). Officials in the plural are collectives (collectives.py).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from sitroom.actors import kb
from sitroom.actors.data import Country, context_words, countries
from sitroom.actors.mentions import Mention
from sitroom.actors.nationality import country_ending, named, qualifier_ending

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Longest country name in tokens ("Democratic Republic of the Congo").
_LONGEST_NAME = 6
#: Words before a title that take its holder out of office ("former President ...").
_FORMER = frozenset({"former", "ex", "late"})


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


def _untagged_names(doc: Doc) -> list[Mention]:
    """Country names the model did not tag as places that act ("Sri Lanka has established
    ties", "Uzbekistan opened the bridge", "The PRC demanded")."""
    table = countries()
    found: list[Mention] = []
    i = 0
    while i < len(doc):
        hit = None
        if doc[i].text[:1].isupper():
            for size in range(min(_LONGEST_NAME, len(doc) - i), 0, -1):
                country = named(doc[i : i + size].text)
                if country is not None:
                    hit = (doc[i : i + size], country)
                    break
        if hit is None:
            i += 1
            continue
        span, country = hit
        i = span.end
        if span.text.lower() in table.ambiguous or _in_a_longer_name(span):
            continue
        if _acts(span.root):
            found.append(_mention(span.start_char, span.end_char, span.text, country))
    return found


def _in_a_longer_name(span: Span) -> bool:
    """Whether an entity holds the span and more than it ("Sri Lanka Freedom Party")."""
    for ent in span.doc.ents:
        if ent.end <= span.start or ent.start >= span.end:
            continue
        start = ent.start + (1 if ent[0].lower_ == "the" else 0)
        if start < span.start or ent.end > span.end:
            return True
    return False


def _title_start(doc: Doc, start: int) -> int:
    """Start of the title words right before token `start` ("Serbian [President]")."""
    words = context_words("title_words")
    k = start
    while k > 0 and doc[k - 1].lower_ in words:
        k -= 1
    while k < start and doc[k].lower_ in ("of", "-"):
        k += 1
    return k


def _leader_country(name: Span, titled: bool) -> Country | None:
    """The state a head of state or government leads: by the leader table (a surname alone
    only when it is the whole name or follows a title), else by the knowledge base."""
    table = countries()
    text = " ".join(name.text.lower().replace("’", "'").split())
    country = table.by_leader.get(text)
    if country is None and (titled or len(name) == 1):
        country = table.by_leader.get(name[-1].lower_)
    if country is not None:
        return country
    base = kb.load()
    people = base.lookup_person(name.text)
    if len(people) != 1 or not people[0].affiliation:
        return None
    actor = base.actors.get(people[0].affiliation)
    if actor is None or actor.kind != "state" or not actor.country:
        return None
    return table.by_code.get(actor.country)


def _leaders(doc: Doc) -> list[Mention]:
    """Heads of state and ministers who act, as mentions of their state over the title and
    name ("Serbian President Vojislav Kostunica", "Putin", "President Abdelaziz Bouteflika")."""
    title_words = context_words("title_words")
    heads = context_words("head_titles")
    possessives = context_words("possessive_tokens")
    found: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start, end = ent.start, ent.end
        while end > start and (doc[end - 1].lower_ in possessives or doc[end - 1].is_punct):
            end -= 1
        former = False
        while start < end - 1 and (doc[start].lower_ in title_words | _FORMER):
            former = former or doc[start].lower_ in _FORMER  # the model's "Former President X"
            start += 1
        name = doc[start:end]
        k = _title_start(doc, start)
        if former or (k > 0 and doc[k - 1].lower_ in _FORMER):
            continue
        titled = any(t.lower_ in heads for t in doc[k:start])
        # a titled leader acts wherever a state would; a bare name only where it does what a
        # government does ("Putin offered ...", not "the sect to which Assad belongs")
        if not (_acts(name.root) if titled else _capital_acts(name.root)):
            continue
        first, country = start, None
        if titled:
            word = qualifier_ending(doc, k - 1, k) if k > 0 else None
            first, country = word if word is not None else (k, None)
        country = country or _leader_country(name, titled)
        if country is not None:
            found.append(_mention(doc[first].idx, name.end_char, doc[first:end].text, country))
    return found


def _officials(doc: Doc) -> list[Mention]:
    """One official who acts, by the country word before him ("A top U.S. official praised",
    "Taiwan's Vice Foreign Minister visited"): the country word, as a mention of the state."""
    nouns = context_words("official_nouns")
    possessives = context_words("possessive_tokens")
    found: list[Mention] = []
    for token in doc:
        if token.lower_ not in nouns or token.tag_ not in ("NN", "NNP") or token.dep_ == "compound":
            continue  # plurals are collectives; "President" before a name is a title
        first = token.left_edge.i
        before = doc[first - 1 : token.i] if first > 0 else doc[first : token.i]
        if not _acts(token) or any(t.lower_ in _FORMER for t in before):
            continue
        for left in doc[first : token.i]:
            if left.dep_ not in ("amod", "compound", "nmod", "poss", "conj") or left.is_punct:
                continue
            word = country_ending(doc, left.i)
            nxt = left.i + 1
            more = nxt < token.i and doc[nxt].lower_ not in possessives
            longer = country_ending(doc, nxt) if more else None
            if word is None or (longer is not None and longer[0] <= left.i):
                continue  # "South" of "South Korean" is no country; "Korean" is
            start, end = doc[word[0]].idx, left.idx + len(left.text)
            found.append(_mention(start, end, doc.text[start:end], word[1]))
    return found


def find_states(doc: Doc) -> list[Mention]:
    """Country names, nationality adjectives, leaders, officials and stand-ins used as actors,
    as mentions of the state."""
    found: list[Mention] = _stand_ins(doc) + _untagged_names(doc) + _leaders(doc) + _officials(doc)
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
