"""Deaths the ACLED way: the most conservative figure a sentence gives for its event, none when
it gives none, and a war's running toll never counted as one event's.

`deaths` finds the death reports of a stretch of text, each the word that reports it and how
many died: a kill verb's victims ('killed 12 soldiers', 'three civilians were killed', the
headline's 'Three civilians killed'), a die verb's subject, 'N dead', 'N deaths' or 'N bodies',
a toll ('the death toll rose to 30'), lives claimed or lost ('claimed 12 lives'). The wounded
never count: a figure that counts them ('12 others injured') or mixes them with the dead ('19
killed and injured') gives none. `cumulative` tells a war's running toll ('the conflict has
killed 280,000', 'killed since 2011', 'killed in the war') from one event's. The words are in
data/events/fatalities.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

from sitroom.datafiles import load_json
from sitroom.events.claims import Quantity, quantities, vocab
from sitroom.events.parse import RELATIVE, VERBS, children, is_passive, with_conjuncts
from sitroom.events.triggers import Cues, cues


@dataclass(frozen=True)
class _Words:
    """The death words of data/events/fatalities.json that the status cues do not carry."""

    wound: frozenset[str]
    others: frozenset[str]
    life_nouns: frozenset[str]
    life_verbs: frozenset[str]
    victim_nouns: frozenset[str]
    victim_verbs: frozenset[str]
    total_nouns: frozenset[str]
    headline_kill: frozenset[str]
    months: frozenset[str]
    cumulative_spans: frozenset[str]
    cumulative_nouns: frozenset[str]
    cumulative_periods: frozenset[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = load_json("events/fatalities.json")

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data[key])

    return _Words(
        wound=words("wound"),
        others=words("others"),
        life_nouns=words("life_nouns"),
        life_verbs=words("life_verbs"),
        victim_nouns=words("victim_nouns"),
        victim_verbs=words("victim_verbs"),
        total_nouns=words("total_nouns"),
        headline_kill=words("headline_kill"),
        months=words("months"),
        cumulative_spans=words("cumulative_spans"),
        cumulative_nouns=words("cumulative_nouns"),
        cumulative_periods=words("cumulative_periods"),
    )


# ---------------------------------------------------------------------------------------------
# how many a noun phrase stands for


def _count(token: Token | None) -> int | None:
    """How many people a victim noun phrase stands for: '12 people' 12, 'a general' 1,
    'two children and their mother' 3; none for the wounded ('12 others injured')."""
    if token is None or _wounded(token):
        return None
    token = _antecedent(token)
    if token.lemma_.lower() in _words().total_nouns:
        for prep in children(token, "prep"):
            if prep.lower_ == "of" and children(prep, "pobj"):
                return _count(children(prep, "pobj")[0])  # 'a total of 30 people'
    v = vocab()
    c = cues()
    total = 0
    known = False
    for noun in with_conjuncts(token):
        if noun is not token and _wounded(noun):
            continue
        n = _count_one(noun, v, c)
        if n is not None:
            total += n
            known = True
    return total if known else None


def _count_one(noun: Token, v: Any, c: Cues) -> int | None:
    low = noun.lower_
    if low in v.vague_fatalities:
        return int(v.vague_fatalities[low])
    if low in c.one_victim_pronouns:
        return 1
    doc = noun.doc
    lo = noun.left_edge.i
    numbers = [
        q
        for q in quantities(doc[lo : noun.i + 1])
        if (q.end == noun.i or q.number_start <= noun.i < q.end or _counts(doc[q.end - 1], noun))
        and not _year(q, noun)
    ]
    if numbers:
        return int(min(q.value for q in numbers))  # 'between 10 and 15 soldiers': 10
    for child in noun.lefts:
        if child.lower_ in v.vague_fatalities:
            return int(v.vague_fatalities[child.lower_])
    if noun.tag_ in ("NNS", "NNPS") or noun.pos_ in ("PRON", "NUM"):
        return None
    if low in v.words or low in v.multipliers:
        return None  # a number word the quantities left out ('one of them')
    if noun.pos_ == "PROPN" or any(
        (ch.dep_ == "det" and ch.lower_ in c.one_victim) or ch.dep_ == "poss"
        for ch in noun.children
    ):
        return 1  # 'a general', 'their mother', 'Colonel Haddad'

    return None


def _counts(number: Token, noun: Token) -> bool:
    """The number token modifies the noun ('10 and 15 soldiers'), not a date before it."""
    while number.dep_ == "conj" and number.head != number:
        number = number.head
    return number.head == noun


def _year(q: Quantity, noun: Token) -> bool:
    """'Oct 2014 Syrian aircraft': a year after a month, or a year the noun phrase opens with,
    is no count."""
    doc = noun.doc
    first = doc[q.number_start]
    if q.end - q.number_start != 1 or not re.fullmatch(r"(1[89]|20)\d\d", first.text):
        return False
    before = doc[q.number_start - 1] if q.number_start > 0 else None
    return (
        first.ent_type_ == "DATE"
        or noun.tag_ in ("NN", "NNP")  # 'Nov 7 2016 Child Killed': a year, not 2016 children
        or (
            before is not None
            and (
                before.lower_.rstrip(".") in _words().months
                or any(ch.isdigit() for ch in before.text)
            )
        )
    )


def _is_wound(token: Token) -> bool:
    w = _words().wound
    return token.lower_ in w or token.lemma_.lower() in w


def _wounded(noun: Token) -> bool:
    """The noun names the wounded: 'the injured', '12 others injured', 'wounded civilians',
    'over 400 wounded'; not 'killed 30 people, injured 90', where the wounded are others."""
    if _is_wound(noun):
        return True
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    modifiers = [ch for ch in noun.children if ch.dep_ in ("acl", "amod", "relcl")]
    if after is not None and after.head in (noun, noun.head):
        modifiers.append(after)
    return any(_is_wound(m) and not _own_figure(m) for m in modifiers)


def _own_figure(wound: Token) -> bool:
    """The wound word has its own victims: 'injured 90', 'wounded another 40', 'many more
    wounded', '30 wounded'."""
    w = _words()
    for child in wound.children:
        if (
            child.dep_ in ("dobj", "nsubj", "nsubjpass", "nummod", "npadvmod")
            or child.pos_ == "NUM"
        ):
            return True
        if child.dep_ in ("advmod", "amod") and any(t.lower_ in w.others for t in child.subtree):
            return True
    return False


def _antecedent(token: Token) -> Token:
    """A relative pronoun stands for the noun its clause hangs on ('civilians who died')."""
    if token.lower_ in RELATIVE and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _subject(verb: Token) -> Token | None:
    subjects = children(verb, "nsubj", "nsubjpass")
    if not subjects and verb.dep_ == "conj" and verb.head.pos_ in VERBS:
        subjects = children(verb.head, "nsubj", "nsubjpass")  # 'were shot and killed'
    return _antecedent(subjects[0]) if subjects else None


# ---------------------------------------------------------------------------------------------
# a running toll, not one event's


def cumulative(report: Token) -> bool:
    """'killed since the war began', 'the conflict has killed 280,000', 'killed in the war': a
    running total of a war, not the deaths of one event."""
    c = cues()
    w = _words()
    verb = report if report.pos_ in VERBS else report.head
    if report.pos_ not in VERBS and _spans_war(report, w):
        return True  # 'the death toll from the six-year conflict'
    clause = [verb, *children(verb, "conj")]
    if verb.dep_ == "conj" and verb.head.pos_ in VERBS:
        clause.append(verb.head)  # 'killed and millions displaced since ...'
    for v in clause:
        for child in v.children:
            if child.dep_ in ("prep", "mark", "advmod") and child.lower_ in c.cumulative_preps:
                return True
            if child.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.lower_ in c.cumulative_preps for g in child.children
            ):
                return True
            if child.dep_ == "nsubj":
                subject = _antecedent(child)
                if subject.lemma_.lower() in c.cumulative_subjects:
                    return True
        if _spans_war(v, w):
            return True
    return False


def _spans_war(word: Token, w: _Words) -> bool:
    """'killed in the war', 'during the five-year conflict', 'in over three years of turmoil'."""
    for prep in children(word, "prep"):
        if prep.lower_ not in w.cumulative_spans:
            continue
        for obj in children(prep, "pobj"):
            if obj.lower_ in w.cumulative_periods or any(
                t.lemma_.lower() in w.cumulative_nouns for t in _noun_phrase(obj)
            ):
                return True
    return False


def _noun_phrase(noun: Token) -> list[Token]:
    """The noun, its compounds and modifiers, and what it is 'of' ('years of turmoil'), not
    the clauses on it ('the attack that was the deadliest of the war')."""
    found = [noun]
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ == "of":
            for obj in children(child, "pobj"):
                found.extend(_noun_phrase(obj))
    return found


# ---------------------------------------------------------------------------------------------
# death reports


def deaths(unit: Span) -> list[tuple[Token, int]]:
    """Death reports in a stretch of text: (the word that reports them, how many)."""
    found: list[tuple[Token, int]] = []
    for token in unit:
        count = _report(token, unit)
        if count is not None and count >= 1 and not cumulative(token):
            found.append((token, count))
    return found


def _report(token: Token, unit: Span) -> int | None:
    """How many deaths the word reports, or None when it reports none or none that can be
    counted."""
    c = cues()
    w = _words()
    lemma = token.lemma_.lower()
    if lemma in c.kill and token.pos_ == "VERB":
        return None if _with_wounded(token) else _killed(token)
    if lemma in c.die and token.pos_ == "VERB":
        return None if _with_wounded(token) else _count(_subject(token))
    if token.lower_ in c.dead:
        return None if _with_wounded(token) else _dead(token, unit)
    if lemma in c.death_nouns and token.pos_ == "NOUN":
        return _count(token) if token.tag_ == "NNS" else None
    if lemma in c.toll:
        return _toll(token, unit)
    if lemma in w.life_nouns and token.tag_ == "NNS" and token.head.lemma_.lower() in w.life_verbs:
        return _lives(token)
    if token.lower_ in w.victim_nouns:
        verbs = [token.head, *token.children]
        fell = next((v for v in verbs if v.lemma_.lower() in w.victim_verbs), None)
        return _count(_subject(fell)) if fell is not None else None  # '20 people fell victim'
    if token.lower_ in w.headline_kill and token.pos_ != "VERB":
        return _headline(token, unit)
    return None


def _killed(verb: Token) -> int | None:
    """The victims of a kill verb: its object, its passive subject, or a headline's subject."""
    objects = children(verb, "dobj")
    if is_passive(verb):
        if verb.dep_ == "acl" and objects and not children(verb, "auxpass", "nsubjpass"):
            return _count(objects[0])  # 'Oct 2014 regime aircraft killed 10 people': active
        patients = children(verb, "nsubjpass")
        return _count(_antecedent(patients[0]) if patients else verb.head)
    if objects and not _wounded(objects[0]):
        return _count(objects[0])
    subject = _subject(verb)
    if (
        subject is not None
        and verb.tag_ in ("VBD", "VBN")
        and not children(verb, "aux", "auxpass")
        and (not objects or _wounded(objects[0]))
    ):
        # a headline's passive without 'were': 'Three civilians killed 12 others injured'
        return _count(subject)
    return None


def _with_wounded(report: Token) -> bool:
    """The figure counts the wounded with the dead: '19 killed and injured', 'dozens dead or
    wounded'."""
    if children(report, "dobj"):
        return False  # 'killed five people and injured seven'
    joined = children(report, "conj")
    if report.dep_ == "conj":
        joined.append(report.head)
    return any(_is_wound(other) and not _own_figure(other) for other in joined)


def _dead(token: Token, unit: Span) -> int | None:
    """'12 dead', 'left 43 civilians dead', 'a toll of 48 dead'; not 'half of the dead'."""
    doc = token.doc
    before = quantities(doc[max(unit.start, token.i - 4) : token.i])
    if not before:
        return None
    q = before[-1]
    between = doc[q.end : token.i]
    if any(t.pos_ not in ("NOUN", "PROPN", "ADJ") for t in between):
        return None
    if any(_wounded(t) for t in between):
        return None
    return int(q.value)


def _toll(token: Token, unit: Span) -> int | None:
    """The number a toll is given as: 'the death toll rose to 30', 'a toll of 48 dead', 'put
    the toll at 12', 'Death toll from bomb attack at least 126'; not the wounded after it."""
    doc = token.doc
    anchors = {token.i, token.head.i}
    stop = min(unit.end, token.i + 16)
    for q in quantities(doc[token.i + 1 : stop]):
        number = doc[q.end - 1]
        if _wounded_figure(number):
            continue
        if _reaches(number, anchors) or not any(
            t.pos_ in VERBS for t in doc[token.i + 1 : q.start]
        ):
            return int(q.value)
        return None  # the first number after the toll is no part of it
    return None


def _reaches(number: Token, anchors: set[int]) -> bool:
    """The number hangs on the toll or its verb, through no other verb than a kill or die."""
    c = cues()
    current = number
    for _ in range(8):
        if current.i in anchors:
            return True
        if current.head == current:
            return False
        current = current.head
        if current.i not in anchors and current.pos_ in VERBS:
            lemma = current.lemma_.lower()
            if lemma not in c.kill and lemma not in c.die:
                return False
    return False


def _wounded_figure(number: Token) -> bool:
    """The number counts the wounded: '25 others were wounded', 'over 200 injured'."""
    w = _words().wound
    current = number
    for _ in range(3):
        if current.lower_ in w or current.lemma_.lower() in w or _wounded(current):
            return True
        if current.head == current:
            return False
        current = current.head
    return False


def _lives(lives: Token) -> int | None:
    """'claimed 12 lives', 'took the lives of 12 people', '12 people lost their lives'."""
    own = _count_lives(lives)
    if own is not None:
        return own
    for prep in children(lives, "prep"):
        if prep.lower_ == "of":
            for obj in children(prep, "pobj"):
                return _count(obj)
    if children(lives, "poss"):
        return _count(_subject(lives.head))
    return None


def _count_lives(lives: Token) -> int | None:
    doc = lives.doc
    numbers = [q for q in quantities(doc[lives.left_edge.i : lives.i]) if not _year(q, lives)]
    return int(min(q.value for q in numbers)) if numbers else None


def _headline(token: Token, unit: Span) -> int | None:
    """A title-case headline whose kill word the tagger took for a name: 'Strikes Kill 12
    Fighters' counts the number after it, '8 Killed 25 Injured' the number before it."""
    doc = token.doc
    words = [t for t in unit if t.is_alpha]
    if not words or sum(t.text[0].isupper() for t in words) < 0.6 * len(words):
        return None
    w = _words().wound
    rest = [t.lower_ for t in doc[token.i + 1 : min(unit.end, token.i + 3)]]
    if rest[:1] and (rest[0] in w or (rest[0] in ("and", "&", "or") and rest[1:] and rest[1] in w)):
        return None  # '19 Killed and Injured', 'Kills Wounds Dozens'
    if token.lower_.endswith(("ed", "en", "ain")):
        before = quantities(doc[max(unit.start, token.i - 5) : token.i])
        if before:
            q = before[-1]
            if all(t.pos_ in ("NOUN", "PROPN", "ADJ") for t in doc[q.end : token.i]):
                return int(q.value)
        return None
    after = quantities(doc[token.i + 1 : min(unit.end, token.i + 4)])
    if after and after[0].start == token.i + 1 and not _wounded_figure(doc[after[0].end - 1]):
        return int(after[0].value)
    return None
