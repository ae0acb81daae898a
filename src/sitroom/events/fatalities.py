"""Deaths the ACLED way: the most conservative figure a sentence gives for its event, none when
it gives none, and a war's running toll never counted as one event's.

`deaths` finds the death reports of a stretch of text, each the word that reports it and how
many died: a kill verb's victims ('killed 12 soldiers', 'three civilians were killed', the
headline's 'Three civilians killed'), a die verb's subject, 'N dead', 'N deaths' or 'N bodies',
a toll ('the death toll rose to 30'), lives claimed or lost ('claimed 12 lives'). The wounded
never count: a figure that counts them ('12 others injured') or mixes them with the dead ('19
killed and injured') gives none; a year ('Oct 2014 regime aircraft killed 10') is no count.
`cumulative` tells a war's running toll ('the conflict has killed 280,000', 'killed since
2011', 'have been killed in the war') from one event's, and a battle's own toll ('killed since
the assault began') from a war's. The words are in data/events/fatalities.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

from sitroom.datafiles import load_json
from sitroom.events.claims import Quantity, quantities, quantity_value, vocab
from sitroom.events.parse import RELATIVE, VERBS, children, is_passive, with_conjuncts


@dataclass(frozen=True)
class _Words:
    """The death words of data/events/fatalities.json."""

    kill: frozenset[str]
    die: frozenset[str]
    dead: frozenset[str]
    death_nouns: frozenset[str]
    toll: frozenset[str]
    one_victim: frozenset[str]
    one_victim_pronouns: frozenset[str]
    cumulative_preps: frozenset[str]
    cumulative_subjects: frozenset[str]
    wound: frozenset[str]
    kill_counted: frozenset[str]
    death_of: frozenset[str]
    dead_verbs: frozenset[str]
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
    since_battle: frozenset[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = load_json("events/fatalities.json")

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data[key])

    return _Words(
        kill=words("kill"),
        die=words("die"),
        dead=words("dead"),
        death_nouns=words("death_nouns"),
        toll=words("toll"),
        one_victim=words("one_victim"),
        one_victim_pronouns=words("one_victim_pronouns"),
        cumulative_preps=words("cumulative_preps"),
        cumulative_subjects=words("cumulative_subjects"),
        wound=words("wound"),
        kill_counted=words("kill_counted"),
        death_of=words("death_of"),
        dead_verbs=words("dead_verbs"),
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
        since_battle=words("since_battle"),
    )


# ---------------------------------------------------------------------------------------------
# how many a noun phrase stands for


def _count(token: Token | None) -> int | None:
    """How many people a victim noun phrase stands for: '12 people' 12, 'a general' 1,
    'two children and their mother' 3; none for the wounded ('12 others injured')."""
    if token is None or _wounded(token):
        return None
    token = _antecedent(token)
    while token.dep_ == "conj" and token.head.pos_ in ("NOUN", "NUM") and not token.head.ent_type_:
        token = token.head  # 'five children and four staff killed': from the first of them
    if token.lemma_.lower() in _words().total_nouns:
        for prep in children(token, "prep"):
            if prep.lower_ == "of" and children(prep, "pobj"):
                return _count(children(prep, "pobj")[0])  # 'a total of 30 people'
    v = vocab()
    c = _words()
    total = 0
    known = False
    for noun in with_conjuncts(token):
        if noun is not token and (_wounded(noun) or _other_group(noun)):
            continue
        n = _count_one(noun, v, c)
        if n is not None:
            total += n
            known = True
    return total if known else None


def _count_one(noun: Token, v: Any, c: _Words) -> int | None:
    low = noun.lower_
    if low in v.vague_fatalities:
        return int(v.vague_fatalities[low])
    if low in c.one_victim_pronouns:
        return 1
    if noun.pos_ == "NUM" or low in v.words:
        for prep in children(noun, "prep"):
            if prep.lower_ == "of" and any(o.pos_ == "PRON" for o in children(prep, "pobj")):
                return None  # 'three of whom died': part of a group already counted
    doc = noun.doc
    lo = noun.left_edge.i
    numbers = [
        q
        for q in quantities(doc[lo : noun.i + 1])
        if (q.end == noun.i or q.number_start <= noun.i < q.end or _counts(doc[q.end - 1], noun))
        and not _year(doc, q, noun)
    ]
    if numbers:
        return int(min(q.value for q in numbers))  # 'between 10 and 15 soldiers': 10
    for child in noun.lefts:
        if child.lower_ in v.vague_fatalities:
            return int(v.vague_fatalities[child.lower_])
    if noun.tag_ in ("NNS", "NNPS") or noun.pos_ in ("PRON", "NUM"):
        return None
    if low in v.words or low in v.multipliers:
        if low in ("a", "an"):
            return None
        return int(v.words.get(low, v.multipliers.get(low, 0)))  # 'One killed', 'one of them'
    if noun.pos_ == "PROPN" and noun.ent_type_ not in ("", "PERSON"):
        return None  # a place, a group or a date is no victim ('martyred Syria')
    if noun.pos_ == "PROPN" or any(
        (ch.dep_ == "det" and ch.lower_ in c.one_victim) or ch.dep_ == "poss"
        for ch in noun.children
    ):
        return 1  # 'a general', 'their mother', 'Colonel Haddad'

    return None


def _other_group(noun: Token) -> bool:
    """A conjoined noun that is no victim: 'thousands killed and millions more displaced'."""
    c = _words()
    return any(
        ch.dep_ in ("acl", "relcl")
        and ch.pos_ == "VERB"
        and ch.lemma_.lower() not in c.kill
        and ch.lemma_.lower() not in c.die
        for ch in noun.children
    )


def _counts(number: Token, noun: Token) -> bool:
    """The number token modifies the noun ('10 and 15 soldiers'), not a date before it."""
    while number.dep_ == "conj" and number.head != number:
        number = number.head
    return number.head == noun


def _year(doc: Doc, q: Quantity, noun: Token | None = None) -> bool:
    """'Oct 2014 Syrian aircraft', 'Nov 7 2016 Child Killed': a year after a month or a day's
    number, or on a singular noun, is no count."""
    first = doc[q.number_start]
    if q.end - q.number_start != 1 or not re.fullmatch(r"(1[89]|20)\d\d", first.text):
        return False
    if first.ent_type_ == "DATE" or (noun is not None and noun.tag_ in ("NN", "NNP")):
        return True
    return any(
        t.lower_.rstrip(".") in _words().months or any(ch.isdigit() for ch in t.text)
        for t in doc[max(0, q.number_start - 2) : q.number_start]
    )


def _is_wound(token: Token) -> bool:
    w = _words().wound
    return token.lower_ in w or token.lemma_.lower() in w


def _wounded(noun: Token) -> bool:
    """The noun names the wounded: 'the injured', '12 others injured', 'wounded civilians',
    'over 400 wounded'; not 'killed 30 people, injured 90', where the wounded are others."""
    if _is_wound(noun):
        return True
    doc = noun.doc
    modifiers = [ch for ch in noun.children if ch.dep_ in ("acl", "amod", "relcl")]
    if noun.i + 1 < len(doc):
        modifiers.append(doc[noun.i + 1])
    return any(_is_wound(m) and not _own_figure(m, noun) for m in modifiers)


def _own_figure(wound: Token, besides: Token | None = None) -> bool:
    """The wound word has a figure of its own, not `besides`: 'injured 90', 'wounded another
    40', 'many more wounded', '30 wounded'."""
    doc = wound.doc
    if wound.i + 1 < len(doc) and _figure(doc[wound.i + 1]):
        return True
    for child in wound.children:
        if child.dep_ not in ("dobj", "nsubj", "nsubjpass", "nummod", "npadvmod", "advmod", "amod"):
            continue
        subtree = list(child.subtree)
        if besides is not None and besides in subtree:
            continue
        if any(_figure(t) for t in subtree):
            return True
        if child.dep_ in ("dobj", "nsubj", "nsubjpass") and any(
            ch.dep_ in ("det", "poss") for ch in child.children
        ):
            return True  # 'a woman was killed and a number of people got injured'
    return False


def _figure(token: Token) -> bool:
    """A number, a vague count or a word for another group ('more', 'others')."""
    v = vocab()
    low = token.lower_
    return (
        token.pos_ == "NUM"
        or low in v.vague_fatalities
        or low in _words().others
        or (low in v.words and low not in ("a", "an"))
    )


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
    w = _words()
    verb = report if report.pos_ in VERBS else report.head
    if report.pos_ not in VERBS and (_spans_war(report, w) or _spans_war(report.head, w)):
        return True  # 'the death toll from the six-year conflict', 'put the toll ... at'
    opening = next((t for t in report.sent if t.is_alpha), None)
    if opening is not None and opening.lower_ in w.cumulative_preps and _since_war(opening, w):
        return True  # 'Since 2011, when the uprising began, 300,000 people have been killed'
    clause = [verb, *children(verb, "conj")]
    if verb.dep_ == "conj" and verb.head.pos_ in VERBS:
        clause.append(verb.head)
    for joined in children(verb, "conj"):
        clause.extend(children(joined, "acl"))  # 'killed and millions displaced since ...'
    current = verb
    while current.dep_ == "xcomp" and current.head.pos_ in VERBS:
        current = current.head
        clause.append(current)  # 'are believed since then to have been killed'
    for v in clause:
        for child in v.children:
            if (
                child.dep_ in ("prep", "mark", "advmod")
                and child.lower_ in w.cumulative_preps
                and _since_war(child, w)
            ):
                return True
            if child.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.lower_ in w.cumulative_preps and _since_war(g, w)
                for g in child.children
            ):
                return True
            if child.dep_ == "nsubj":
                subject = _antecedent(child)
                if subject.lemma_.lower() in w.cumulative_subjects or any(
                    p.lower_ in w.cumulative_preps for p in children(subject, "prep")
                ):
                    return True  # 'the bombardment since mid-February, which has killed 132'
        if _spans_war(v, w) and _perfect(verb):
            return True  # 'have been killed in the war'; not 'killing 14, in a war that ...'
    return False


def _perfect(verb: Token) -> bool:
    """The verb is in the perfect ('have been killed', 'has died'), as running tolls are."""
    for v in (verb, verb.head if verb.dep_ == "conj" else verb):
        if any(a.lemma_.lower() == "have" for a in children(v, "aux")):
            return True
    return False


def _since_war(since: Token, w: _Words) -> bool:
    """'since 2011', 'since the war began', 'since April', 'since then', 'has since killed': a
    running toll; not 'since the assault began' or 'since Tuesday', the toll of one battle
    (unless the war or a year comes with it: 'since the fighting began in 2011')."""
    if since.dep_ == "mark":
        scope = list(since.head.subtree)
    else:
        scope = [t for t in since.subtree if t != since]
    if since.dep_ == "ROOT" and not scope:
        scope = list(since.doc[since.i + 1 : since.sent.end])
    if any(
        t.lemma_.lower() in w.cumulative_nouns or re.fullmatch(r"(1[89]|20)\d\d", t.text)
        for t in scope
    ):
        return True
    return not any(t.lemma_.lower() in w.since_battle or t.lower_ in w.since_battle for t in scope)


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
    w = _words()
    lemma = token.lemma_.lower()
    if (lemma in w.kill or token.lower_ in w.headline_kill) and token.lower_.endswith("ed"):
        pair, count = _pair(token, unit)
        if pair:
            return count
    if lemma in w.death_of and token.pos_ in ("NOUN", "PROPN"):
        for prep in children(token, "prep"):
            victims = children(prep, "pobj") if prep.lower_ == "of" else []
            # 'the death of eight', 'the killing of a pilot'; 'the massacres of <its
            # perpetrators>' only with a number ('the killings of 12 men')
            if victims and (token.tag_ not in ("NNS", "NNPS") or _numbered(victims[0])):
                return _count(victims[0])
    if lemma in w.kill_counted and token.pos_ == "VERB":
        return None if _with_wounded(token) else _killed(token, numbers_only=True)
    if lemma in w.kill and token.pos_ == "VERB":
        return None if _with_wounded(token) else _killed(token)
    if lemma in w.die and token.pos_ == "VERB":
        return None if _with_wounded(token) else _count(_subject(token))
    if token.lower_ in w.dead:
        return None if _with_wounded(token) else _dead(token, unit)
    if lemma in w.death_nouns and token.pos_ == "NOUN":
        return _count(token) if token.tag_ == "NNS" else None
    if lemma in w.toll:
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


def _killed(verb: Token, numbers_only: bool = False) -> int | None:
    """The victims of a kill verb: its object, its passive subject, or a headline's subject;
    with `numbers_only`, only a number or a vague count ('eliminated 12', not 'the threat')."""
    if numbers_only:
        victims = children(verb, "dobj", "nsubjpass")
        return _killed(verb) if any(_numbered(v) for v in victims) else None
    objects = children(verb, "dobj")
    shared = (  # 'were rounded up and executed': the subject of the verb it is joined to
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and not objects
        and not children(verb, "nsubj", "nsubjpass")
        and verb.head.pos_ in VERBS
        and is_passive(verb.head)
    )
    if shared:
        verb = verb.head
    if is_passive(verb):
        if verb.dep_ == "acl" and objects and not children(verb, "auxpass", "nsubjpass"):
            return _count(objects[0])  # 'Oct 2014 regime aircraft killed 10 people': active
        patients = children(verb, "nsubjpass")
        if not patients:
            return _count(verb.head) if verb.dep_ == "acl" else None
        # 'the emir and at least 10 members were killed', parsed as two subjects
        counts = [n for p in patients if (n := _count(_antecedent(p))) is not None]
        return sum(counts) if counts else None
    if objects and not _wounded(objects[0]):
        return _count(objects[0])
    for prep in children(verb, "prep"):
        if prep.lower_ == "of" and children(prep, "pobj") and verb.tag_ == "VBG":
            return _count(children(prep, "pobj")[0])  # 'the beheading of 18 soldiers'
    subjects = children(verb, "nsubj")
    subject = subjects[0] if subjects else None
    if (
        subject is not None
        and subject.lower_ not in RELATIVE
        and verb.dep_ in ("ROOT", "conj")
        and verb.tag_ in ("VBD", "VBN")
        and not children(verb, "aux", "auxpass")
        and (not objects or _wounded(objects[0]))
    ):
        # a headline's passive without 'were': 'Three civilians killed 12 others injured'
        return _count(subject)
    return None


def _pair(killed: Token, unit: Span) -> tuple[bool, int | None]:
    """'Five killed four injured', '4 Killed over 43 Injured', 'Child killed 9 civilians
    injured', 'One Killed Others Injured': in a headline the number after 'killed' counts the
    wounded and the dead are before it. (False, None) when the words are no such pair ('killed
    30 people, injured 90')."""
    doc = killed.doc
    after = quantities(doc[killed.i + 1 : min(unit.end, killed.i + 6)])
    if after and after[0].start == killed.i + 1:
        j = after[0].end
    elif killed.i + 1 < unit.end and doc[killed.i + 1].lower_ in _words().others:
        j = killed.i + 2  # 'One Killed Others Injured'
    else:
        return False, None
    while j < unit.end and doc[j].pos_ in ("NOUN", "PROPN", "ADJ") and not _is_wound(doc[j]):
        j += 1
    if j >= unit.end or not _is_wound(doc[j]):
        return False, None
    behind = quantities(doc[j + 1 : min(unit.end, j + 5)])
    if behind and behind[0].start == j + 1:
        return False, None  # the wound verb has its own figure: 'killed 30 people injured 90'
    before = [
        q for q in quantities(doc[max(unit.start, killed.i - 6) : killed.i]) if not _year(doc, q)
    ]
    if before and all(t.pos_ in ("NOUN", "PROPN", "ADJ") for t in doc[before[-1].end : killed.i]):
        return True, int(before[-1].value)
    prev = doc[killed.i - 1] if killed.i > unit.start else None
    if prev is not None and prev.lower_ in vocab().words:
        return True, int(vocab().words[prev.lower_])  # 'October 2016 Seven killed'
    if prev is not None and prev.pos_ in ("NOUN", "PROPN") and prev.tag_ in ("NN", "NNP"):
        return True, 1  # 'Child killed 9 others injured'
    return True, None


def _numbered(victim: Token) -> bool:
    """The victims are given a number or a vague count: '12 militants', 'a total of 70
    fighters', 'dozens of gunmen'; not 'the threat'."""
    victim = _antecedent(victim)
    if any(_figure(t) for t in victim.doc[victim.left_edge.i : victim.i + 1]):
        return True
    return any(
        _numbered(o)
        for p in children(victim, "prep")
        if p.lower_ == "of"
        for o in children(p, "pobj")
    )


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
    if before:
        q = before[-1]
        between = doc[q.end : token.i]
        if all(t.pos_ in ("NOUN", "PROPN", "ADJ") for t in between) and not any(
            _wounded(t) for t in between
        ):
            return int(q.value)
    v = vocab()
    prev = doc[token.i - 1] if token.i > unit.start else None
    if prev is not None and prev.lower_ in v.words and prev.lower_ not in ("a", "an"):
        return int(v.words[prev.lower_])  # 'One dead in raid'
    # 'leaving 23 civilians - including nine children - dead'
    subjects = children(token, "nsubj")
    if subjects:
        return _count(subjects[0])
    leave = next(
        (a for a in list(token.ancestors)[:4] if a.lemma_.lower() in _words().dead_verbs), None
    )
    objects = children(leave, "dobj") if leave is not None else []
    return _count(objects[0]) if objects else None


def _toll(token: Token, unit: Span) -> int | None:
    """The number a toll is given as: 'the death toll rose to 30', 'a toll of 48 dead', 'put
    the toll at 12', 'Death toll from bomb attack at least 126'; not the wounded after it, nor
    the hours it took ('the toll in the past 24 hours has reached 20')."""
    doc = token.doc
    v = vocab()
    anchors = {token.i, token.head.i}
    for q in quantities(doc[token.i + 1 : unit.end]):
        number = doc[q.end - 1]
        if _wounded_figure(number) or (q.end < len(doc) and doc[q.end].lower_ in v.skip_units):
            continue
        near = q.start - token.i <= 8 and not any(
            t.pos_ in VERBS for t in doc[token.i + 1 : q.start]
        )
        if near or _reaches(number, anchors):
            return int(q.value)
    return None


def _reaches(number: Token, anchors: set[int]) -> bool:
    """The number hangs on the toll or its verb, through no other verb than a kill or die."""
    c = _words()
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
    numbers = [q for q in quantities(doc[lives.left_edge.i : lives.i]) if not _year(doc, q, lives)]
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
        before = [
            q for q in quantities(doc[max(unit.start, token.i - 5) : token.i]) if not _year(doc, q)
        ]
        if before:
            q = before[-1]
            if all(t.pos_ in ("NOUN", "PROPN", "ADJ") for t in doc[q.end : token.i]):
                return int(q.value)
        return None
    return _number_after(token, unit)


def _number_after(token: Token, unit: Span) -> int | None:
    """The number right after a headline's verb, a hedge before it allowed, whatever entity
    the tagger made of it ('Kills over 80 Terrorists')."""
    doc = token.doc
    v = vocab()
    i = token.i + 1
    for hedge in v.hedges:
        if tuple(t.lower_ for t in doc[i : i + len(hedge)]) == hedge:
            i += len(hedge)
            break
    j = i
    while j < unit.end and quantity_value([doc[j].text]) is not None:
        j += 1
    if j == i:
        return None
    value = quantity_value([t.text for t in doc[i:j]])
    if value is None or value < 1 or (j < len(doc) and _is_wound(doc[j])):
        return None
    return int(value)
