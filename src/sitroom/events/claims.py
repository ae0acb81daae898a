"""The `claims.v1` stage: the numbers a report states, with what they count and who has them.

"Rebels have amassed as many as 40,000 fighters" becomes value 40000, unit "fighters",
hedge "as many as", subject "rebels", text "as many as 40,000 fighters". Numbers come from
number tokens (digits, number words, "dozens of", "several thousand") that spaCy does not read
as a date, a time, an ordinal or part of a name; years, clock times and ordinals are not
claims, nor are small numbers that point back to a set already named ("the two groups").
Durations are claims of their own ("a 17-day assault" is 17 days, "more than a year" 1 year
hedged "more than"), unless they date something ("three weeks ago", "the past two weeks"); so
is an age given after a name ("Umm Ahmad, 34,").

The subject is who or what the number is about: the group or place named with the counted
noun ("four Hezbollah fighters", "Syria's 13 provinces", "40 of its fighters", "attacks by
Sunni Islamists, including two car bombs"), else the actor, person or place of its clause,
climbing from the number through the verbs that govern it but never into the one who reports
it ("doctors said they treated 73 people": not the doctors). For a count, the clause's actor
comes first ("rebels amassed 40,000 fighters in Qalamoun"), else its place ("40,000 people
lived in Arsal"); for a duration the place comes first ("retook Qusayr after a 17-day
assault"); a distance is about the clause's subject or the place it is measured from ("Assal
al-Ward, about 40 km north of Damascus"). A generic noun ("the peak", "aid groups") names no
subject unless a distance is measured from it; "the total" and "the number" take the unit and
subject of the claim before them in the paragraph.

The number reading here is shared with event detection, which counts fatalities with it:
`quantities` finds every number phrase in a span, `quantity_value` reads one, and
`sentence_bounds` gives the evidence span of a sentence (cut at line breaks, since spaCy
runs captions and headlines into the next sentence).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sitroom.datafiles import load_json
from sitroom.doccache import sentence_chars, sentence_of, text_of
from sitroom.model import Actor, Claim, Person, Place
from sitroom.spans import evidence
from sitroom.stages import StageContext, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_NUMERIC = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})  # spaCy's number labels
_TIME = frozenset({"DATE", "TIME"})
_RELATIVE = {"who", "which", "that"}
_VERBS = ("VERB", "AUX")
_NESTED = ("ccomp", "advcl", "relcl", "xcomp", "conj", "parataxis", "acl", "csubj", "pcomp")
_GROUP_PRONOUNS = frozenset({"its", "their", "it"})
_PERSON_PRONOUNS = frozenset({"his", "her"})
_DEFINITE = frozenset({"the", "this", "that"})


@dataclass(frozen=True)
class Quantity:
    """A number phrase: tokens [start, end) of the doc (hedge included), its value and hedge."""

    start: int
    end: int
    value: float
    hedge: str | None
    number_start: int


@dataclass(frozen=True)
class _Vocab:
    words: dict[str, float]
    multipliers: dict[str, float]
    vague: dict[str, float]
    vague_fatalities: dict[str, float]
    before_multiplier: frozenset[str]
    hedges: tuple[tuple[str, ...], ...]
    percent: frozenset[str]
    currencies: dict[str, str]
    distance: frozenset[str]
    directions: frozenset[str]
    measures: dict[str, str | None]
    skip_units: frozenset[str]
    time_units: dict[str, str]
    relative_before: frozenset[str]
    relative_after: frozenset[str]
    back_reference: frozenset[str]
    back_reference_max: float
    place_preps: frozenset[str]
    settlement_nouns: dict[str, frozenset[str]]
    generic_heads: frozenset[str]
    speech_verbs: frozenset[str]


@lru_cache(maxsize=1)
def vocab() -> _Vocab:
    """Number words, hedges and units from data/claims/ (and the speech verbs of quotes)."""
    numbers: dict[str, Any] = load_json("claims/numbers.json")
    units: dict[str, Any] = load_json("claims/units.json")
    hedges = sorted(
        (tuple(h.lower().split()) for h in load_json("claims/hedges.json")["hedges"]),
        key=len,
        reverse=True,
    )
    speech: dict[str, Any] = load_json("quotes/speech.json")
    return _Vocab(
        words={k: float(v) for k, v in numbers["words"].items()},
        multipliers={k: float(v) for k, v in numbers["multipliers"].items()},
        vague={k: float(v) for k, v in numbers["vague"].items()},
        vague_fatalities={k: float(v) for k, v in numbers["vague_fatalities"].items()},
        before_multiplier=frozenset(numbers["before_multiplier"]),
        hedges=tuple(hedges),
        percent=frozenset(units["percent"]),
        currencies={k.lower(): v for k, v in units["currencies"].items()},
        distance=frozenset(units["distance"]),
        directions=frozenset(units["directions"]),
        measures=dict(units["measures"]),
        skip_units=frozenset(units["skip_units"]),
        time_units=dict(units["time_units"]),
        relative_before=frozenset(units["relative_before"]),
        relative_after=frozenset(units["relative_after"]),
        back_reference=frozenset(units["back_reference"]),
        back_reference_max=float(units["back_reference_max"]),
        place_preps=frozenset(units["place_preps"]),
        settlement_nouns={k: frozenset(v) for k, v in units["settlement_nouns"].items()},
        generic_heads=frozenset(units["generic_heads"]),
        speech_verbs=frozenset(
            speech["verbs"] + speech["as_verbs"] + speech["opinion_verbs"] + ["accord"]
        ),
    )


# ---------------------------------------------------------------------------------------------
# reading numbers


def _digits(text: str) -> float | None:
    cleaned = text.replace(",", "")
    if re.fullmatch(r"\d+(\.\d+)?", cleaned):
        return float(cleaned)
    return None


def _is_number_word(token: Token, v: _Vocab) -> bool:
    low = token.lower_
    return _digits(low) is not None or low in v.words or low in v.multipliers


def quantity_value(words: list[str]) -> float | None:
    """The value of number words: ['1.5', 'million'] -> 1500000, ['tens', 'of', 'thousands']
    -> 10000, ['a', 'dozen'] -> 12, ['two', 'and', 'a', 'half'] -> 2.5. None when they do not
    spell a number."""
    v = vocab()
    total = current = 0.0
    seen = False
    lowered = [w.lower() for w in words]
    for k, word in enumerate(lowered):
        if word in ("of", "and", "-"):
            continue
        if word in ("a", "an") and k + 1 < len(lowered) and lowered[k + 1] == "half":
            continue  # 'two and a half': the half is added, not the 'a'
        digits = _digits(word)
        if digits is not None:
            current += digits
        elif word in v.vague:
            current = (current or 1.0) * v.vague[word]
        elif word in v.multipliers:
            scale = v.multipliers[word]
            current = max(current, 1.0) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
        elif word in v.words:
            current += v.words[word]
        else:
            return None
        seen = True
    return total + current if seen else None


def quantities(span: Span) -> list[Quantity]:
    """Every number phrase in `span` that may count something: no dates, times, ordinals,
    years, or numbers inside names ('Resolution 2254')."""
    v = vocab()
    doc = span.doc
    found: list[Quantity] = []
    i = span.start
    while i < span.end:
        start = i
        end = _number_end(doc, i, span.end, v)
        if end == start:
            i += 1
            continue
        i = end
        words = [t.lower_ for t in doc[start:end]]
        if len(words) == 1 and words[0] in ("one", "single"):
            continue  # 'one of the groups', 'one official': no numeric claim
        labels = {t.ent_type_ for t in doc[start:end]} - {""} - _NUMERIC
        counts = _counts_something(doc, start, end, v)
        # ordinals and names ('Resolution 2254') are out; a date label is not trusted when
        # the parse says the number counts something ('between 10 and 15 soldiers')
        if labels - _TIME or (labels and not counts):
            continue
        value = quantity_value(words)
        if value is None or (not counts and _is_year(doc, start, end)):
            continue
        hedge_start, hedge = _hedge(doc, start, span.start, v)
        found.append(Quantity(hedge_start, end, value, hedge, start))
    return found


def _number_end(doc: Doc, i: int, limit: int, v: _Vocab) -> int:
    """The end of the number phrase starting at token i (i itself when there is none)."""
    token = doc[i]
    low = token.lower_
    if low in v.vague:
        j = i + 1
        # 'tens of thousands', 'hundreds of thousands'
        if j + 1 < limit and doc[j].lower_ == "of" and doc[j + 1].lower_ in v.vague:
            j += 2
        of_follows = j < limit and doc[j].lower_ == "of"
        as_noun = token.dep_ in ("nsubj", "dobj", "pobj", "nsubjpass")
        counts_noun = token.dep_ == "nummod" and token.head.pos_ == "NOUN"  # 'thousands more'
        return j if of_follows or as_noun or counts_noun else i
    if low in ("a", "an") and i + 1 < limit and doc[i + 1].lower_ in v.multipliers:
        j = i + 2
    elif not _is_number_word(token, v) or low in ("a", "an", "half"):
        return i
    elif low in v.multipliers and _digits(low) is None:
        # a bare 'hundred' or 'm' is only a number after another number word, or after
        # 'several' ('several thousand men')
        if i == 0 or doc[i - 1].lower_ not in v.before_multiplier:
            return i
        j = i + 1
    else:
        j = i + 1
    spelled = _digits(low) is None  # 'twenty-five' goes on; '2016 Ninety-two' is two numbers
    while j < limit:
        nxt = doc[j].lower_
        if spelled and nxt == "-" and j + 1 < limit and doc[j + 1].lower_ in v.words:
            j += 2
        elif nxt in v.multipliers or (spelled and nxt in v.words and nxt not in ("a", "an")):
            j += 1
        elif (
            nxt == "and"
            and j + 2 < limit
            and doc[j + 1].lower_ in ("a", "an")
            and doc[j + 2].lower_ == "half"
        ):
            j += 3  # 'two and a half weeks'
        else:
            break
    return j


def _counts_something(doc: Doc, start: int, end: int, v: _Vocab) -> bool:
    """The number counts a noun that is no unit of time: '15 soldiers', 'dozens of rockets'."""
    if end < len(doc) and doc[end].lower_ == "of":
        objects = [c for c in doc[end].children if c.dep_ == "pobj"]
        return bool(objects) and objects[0].lower_ not in v.skip_units
    token = doc[end - 1]
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    head = token.head
    return (
        token.dep_ in ("nummod", "quantmod")
        and head.pos_ == "NOUN"
        and head.i >= end
        and head.lower_ not in v.skip_units
    )


def _is_year(doc: Doc, start: int, end: int) -> bool:
    """'2013' on its own is a year, not a count."""
    return end - start == 1 and re.fullmatch(r"(1[89]|20)\d\d", doc[start].text) is not None


def _hedge(doc: Doc, start: int, floor: int, v: _Vocab) -> tuple[int, str | None]:
    """The longest hedge ending right before token `start`, as (first token, its text)."""
    for hedge in v.hedges:
        first = start - len(hedge)
        if first < floor:
            continue
        if tuple(t.lower_ for t in doc[first:start]) == hedge:
            return first, doc[first:start].text
    return start, None


def durations(span: Span) -> list[tuple[Quantity, Token]]:
    """Number phrases that count a unit of time, with the unit's token: 'a 17-day assault',
    'two and a half weeks', 'more than a year'. Not those that date something: 'three weeks
    ago', 'two days later', 'the past two weeks', 'in 2013'."""
    v = vocab()
    doc = span.doc
    found: list[tuple[Quantity, Token]] = []
    for unit in span:
        if unit.lower_ not in v.time_units:
            continue
        after = doc[unit.i + 1].lower_ if unit.i + 1 < span.end else ""
        if after in v.relative_after:
            continue
        end = unit.i - 1 if unit.i > span.start and doc[unit.i - 1].text == "-" else unit.i
        start = _number_start(doc, end, span.start, v)
        if start is None:
            continue
        before = doc[start - 1].lower_ if start > span.start else ""
        if before in v.relative_before:
            continue
        words = [t.lower_ for t in doc[start:end]]
        hedge_start, hedge = _hedge(doc, start, span.start, v)
        if words in (["a"], ["an"]) and (hedge is None or unit.lower_.endswith("s")):
            continue  # 'for a year' is no claim; 'more than a year' is
        value = quantity_value(words)
        if value is None or any(t.ent_type_ == "ORDINAL" for t in doc[start:end]):
            continue
        found.append((Quantity(hedge_start, end, value, hedge, start), unit))
    return found


def _number_start(doc: Doc, end: int, floor: int, v: _Vocab) -> int | None:
    """The first token of the number phrase that ends right before token `end`."""
    if end - 1 >= floor and doc[end - 1].lower_ in ("a", "an"):
        return end - 1
    best = None
    for start in range(end - 1, max(floor, end - 6) - 1, -1):
        if _number_end(doc, start, end, v) == end and not _is_year(doc, start, end):
            best = start
    return best


def _age(token: Token) -> bool:
    """'Umm Ahmad, 34, came ...': a number set off by commas after a person's name."""
    doc = token.doc
    value = _digits(token.text)
    return (
        value is not None
        and 0 < value < 120
        and token.dep_ in ("appos", "npadvmod", "amod")
        and token.head.pos_ == "PROPN"
        and token.head.i < token.i
        and token.i + 1 < len(doc)
        and doc[token.i - 1].text == ","
        and doc[token.i + 1].text == ","
    )


# ---------------------------------------------------------------------------------------------
# units


@dataclass(frozen=True)
class _Unit:
    """What a number counts: the unit's text, its head token, and where the claim's text ends."""

    name: str | None
    token: Token | None
    end: int


def _unit(doc: Doc, q: Quantity, limit: int) -> _Unit | None:
    """The unit the number counts; None when it is a unit of time (a duration, not a claim)."""
    v = vocab()
    end = q.end
    before = doc[q.number_start - 1] if q.number_start > 0 else None
    if before is not None and before.lower_ in v.currencies:
        return _Unit(v.currencies[before.lower_], None, end)
    if end < limit and doc[end].lower_ in v.percent:
        return _Unit("percent", None, end + 1)
    if end + 1 < limit and f"{doc[end].lower_} {doc[end + 1].lower_}" in v.percent:
        return _Unit("percent", None, end + 2)
    head = _counted_noun(doc, q, limit)
    if head is None:
        return _Unit(None, None, end)
    if head.lower_ in v.skip_units:
        return None
    if head.lower_ in v.currencies:
        return _Unit(v.currencies[head.lower_], head, head.i + 1)
    unit_start = head.i
    while (
        unit_start - 1 >= end
        and doc[unit_start - 1].dep_ == "compound"
        and doc[unit_start - 1].pos_ != "PROPN"  # 'Hezbollah fighters' count fighters
    ):
        unit_start -= 1
    if doc[end].lower_ == "of" or head.i - end <= 3:
        end = head.i + 1
    name = doc[unit_start : head.i + 1].text
    # 'soldiers and policemen': nouns joined to the counted one share its number
    joined = [c for c in head.children if c.dep_ == "conj" and c.pos_ == "NOUN" and c.i < limit]
    counted = joined and any(c.dep_ in ("det", "nummod") for c in joined[-1].children)
    if joined and not counted and end == head.i + 1:  # not 'militants and a child'
        last = joined[-1]
        name = doc[unit_start : last.i + 1].text
        end = last.i + 1
    if head.lower_ in v.distance:
        end = _distance_tail(doc, head, limit, v)
    return _Unit(name, head, end)


def _counted_noun(doc: Doc, q: Quantity, limit: int) -> Token | None:
    """The noun a number counts: '40,000 fighters', 'dozens of rockets'."""
    last = doc[q.end - 1]
    if q.end < limit and doc[q.end].lower_ == "of":
        objects = [c for c in doc[q.end].children if c.dep_ == "pobj"]
        return objects[0] if objects and objects[0].pos_ in ("NOUN", "PROPN") else None
    if last.dep_ in ("nummod", "quantmod", "compound") and last.head.i >= q.end:
        return last.head if last.head.pos_ in ("NOUN", "PROPN") else None
    if q.end < limit and doc[q.end].pos_ == "NOUN" and doc[q.end].tag_ in ("NNS", "NN"):
        return doc[q.end]
    return None


def _distance_tail(doc: Doc, unit: Token, limit: int, v: _Vocab) -> int:
    """'30 miles north of Damascus': the claim's text keeps the direction and the place."""
    j = unit.i + 1
    if j < limit and doc[j].lower_ in v.directions:
        j += 1
        if j < limit and doc[j].lower_ in ("of", "from"):
            j += 1
        prep = doc[j - 1]
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if objects:
            return min(max(t.i for t in objects[0].subtree) + 1, limit)
    return unit.i + 1


def _dateline(doc: Doc, q: Quantity, v: _Vocab) -> bool:
    """'12 August 2016 Airstrikes ...', '2016 At least 17 people': a date before the words."""
    after = doc[q.end] if q.end < len(doc) else None
    if after is not None and after.lower_ in v.skip_units:
        return True  # '12 August'
    year = q.end - q.number_start == 1 and _is_year(doc, q.number_start, q.end)
    return year and (after is None or not (after.pos_ == "NOUN" and after.text.islower()))


def _refers_back(doc: Doc, q: Quantity, unit: _Unit, v: _Vocab) -> bool:
    """'the two groups', 'the three': a small number after a definite word names a set the
    text has already named, not a new figure."""
    if q.hedge is not None or q.number_start == 0 or q.value > v.back_reference_max:
        return False
    if doc[q.number_start - 1].lower_ not in v.back_reference:
        return False
    return unit.token is None or (unit.name is not None and unit.token.tag_ in ("NNS", "NNPS"))


# ---------------------------------------------------------------------------------------------
# who or what a number is about


@dataclass(frozen=True)
class _Mention:
    name: str
    start: int
    end: int
    kind: str  # actor | person | place
    feature: str = ""  # a place's feature: city, town, village, ...


_RANK = {"actor": 0, "person": 1, "place": 2}


class _Names:
    """The actors, people and places the earlier stages found, by character offset, with the
    common nouns that name a group ("rebel" for "rebel factions")."""

    def __init__(self, doc: Doc, actors: list[Actor], people: list[Person], places: list[Place]):
        text = doc.text
        rows = [_Mention(a.name, s, e, "actor") for a in actors for s, e in a.mentions]
        rows += [_Mention(p.name, s, e, "person") for p in people for s, e in p.mentions]
        for place in places:
            for s, e in place.mentions:
                rows.append(_Mention(_written(text[s:e]), s, e, "place", place.feature))
        self.rows = sorted(rows, key=lambda m: (m.start, _RANK[m.kind]))
        self._starts = [m.start for m in self.rows]
        generic = vocab().generic_heads
        lemmas: dict[str, set[str]] = {}
        for actor in actors:
            for s, e in actor.mentions:
                span = doc.char_span(s, e)
                if span is None or any(t.pos_ == "PROPN" for t in span):
                    continue
                for token in {span[0], span[-1]}:
                    plural = len(span) > 1 or token.tag_ == "NNS"
                    ok = token.is_alpha and token.ent_type_ not in ("NORP", "GPE")
                    if plural and ok and token.lower_ not in generic:
                        lemmas.setdefault(token.lemma_.lower(), set()).add(actor.name)
        self._by_lemma = {k: next(iter(v)) for k, v in lemmas.items() if len(v) == 1}

    def at(
        self, token: Token, kinds: tuple[str, ...] = ("actor", "person", "place")
    ) -> _Mention | None:
        """The mention overlapping a token, actors first."""
        start, end = token.idx, token.idx + len(token.text)
        k = bisect_right(self._starts, start)
        hits = [
            m
            for m in self.rows[max(0, k - 8) : k + 8]
            if m.start < end and start < m.end and m.kind in kinds
        ]
        return min(hits, key=lambda m: _RANK[m.kind]) if hits else None

    def before(self, offset: int, floor: int, kind: str) -> _Mention | None:
        """The last mention of a kind ending before `offset`, not before `floor`."""
        k = bisect_right(self._starts, offset)
        for m in reversed(self.rows[:k]):
            if m.end <= offset and m.kind == kind:
                return m if m.start >= floor else None
        return None

    def settlement_before(self, offset: int, features: frozenset[str]) -> _Mention | None:
        """The last place of a kind named before `offset`: what "the town" means."""
        k = bisect_right(self._starts, offset)
        for m in reversed(self.rows[:k]):
            if m.end <= offset and m.kind == "place" and m.feature in features:
                return m
        return None

    def group(self, token: Token) -> str | None:
        """An actor a common noun names as the text writes it ("rebel", "army")."""
        return self._by_lemma.get(token.lemma_.lower()) if token.pos_ != "PROPN" else None


def _written(words: str) -> str:
    """A place's name as the text writes it, without the words around it: "near the Lebanese
    border" -> "Lebanese border", "the outskirts of Arsal" -> "Arsal", "Beirut's southern
    suburbs" -> "Beirut"."""
    name = re.sub(r"^(?:[a-z][\w-]*\s+)+", "", words.strip())
    name = re.split(r"['’]s\b", name)[0].strip()
    if name.isupper() and len(name) > 3:  # a dateline's "ARSAL"
        name = name.title()
    return name or words


@dataclass
class _Clause:
    """What the subject search knows of the sentence: its names, bounds and paragraph."""

    names: _Names
    limit: tuple[int, int]
    paragraph: int
    claim: tuple[int, int] = (0, 0)  # the claim's own words, which name no place of it

    def outside(self, mention: _Mention | None) -> _Mention | None:
        if mention is None or (mention.start < self.claim[1] and self.claim[0] < mention.end):
            return None
        return mention


def _named(
    token: Token, where: _Clause, kinds: tuple[str, ...] = ("actor", "person", "place")
) -> _Mention | None:
    """The actor, person or place a noun stands for: a mention on it (a pronoun resolved to
    the one before it), its possessor's ("Beirut's southern suburbs" -> Beirut), a group its
    modifiers name ("Hezbollah fighters", "rebel commanders"), else a proper name as written."""
    names = where.names
    low = token.lower_
    if token.pos_ == "PRON":
        wanted = ("actor", "place") if low in _GROUP_PRONOUNS else ("person",)
        if low not in _GROUP_PRONOUNS | _PERSON_PRONOUNS:
            return None
        found = [names.before(token.idx, where.paragraph, k) for k in wanted if k in kinds]
        return max(filter(None, found), key=lambda m: m.end, default=None)
    if token.lower_ in _RELATIVE or not where.limit[0] <= token.idx < where.limit[1]:
        return None
    for child in token.children:
        if child.dep_ == "poss":
            found = _named(child, where, kinds)
            if found is not None:
                return found
    proper = _proper_phrase(token)
    found = names.at(token, kinds)
    if found is not None and (
        proper is None or len(found.name) >= len(proper.name) or found.kind != "person"
    ):
        return found
    if "actor" in kinds:
        for child in token.lefts:
            if child.dep_ in ("compound", "amod"):
                hit = names.at(child, ("actor",))
                group = hit.name if hit is not None else names.group(child)
                if group is not None:
                    return _Mention(group, child.idx, child.idx + len(child.text), "actor")
        group = names.group(token)
        if group is not None:
            return _Mention(group, token.idx, token.idx + len(token.text), "actor")
    if "place" not in kinds:
        return found
    if proper is None:
        for child in token.lefts:  # 'the Al Qusair region'
            if child.dep_ == "compound" and names.at(child, ("actor",)) is None:
                hit = names.at(child, ("place",)) or _proper_phrase(child)
                if hit is not None:
                    return hit
        definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children)
        features = vocab().settlement_nouns.get(token.lemma_.lower())
        if definite and features:
            return names.settlement_before(token.idx, features)  # 'in and around the town'
    if proper is not None and names.at(token, ("actor",)) is None:
        return proper
    return found


def _proper_phrase(token: Token) -> _Mention | None:
    """A proper name as written: the token and the proper nouns compounded with it (no day
    or month: 'on Monday', 'in October')."""
    if token.pos_ != "PROPN" or token.ent_type_ in ("DATE", "TIME"):
        return None
    words = [token]
    for child in sorted(token.lefts, key=lambda t: -t.i):
        if (
            child.i == words[0].i - 1
            and child.dep_ in ("compound", "punct")
            and (child.pos_ == "PROPN" or child.text == "-")
        ):
            words.insert(0, child)
    while len(words) > 1 and words[0].text == "-":
        words.pop(0)
    doc = token.doc
    span = doc[words[0].i : token.i + 1]
    return _Mention(span.text, span.start_char, span.end_char, "place")


def _owner(noun: Token, where: _Clause) -> _Mention | None:
    """The group or owner named with a counted noun, climbing through the nouns it is part of
    ("attacks by X, including two car bombs")."""
    token, check = noun, True
    for _ in range(4):
        found = _named(token, where, ("actor", "person")) if token.pos_ != "PROPN" else None
        if found is not None:
            return found
        for child in token.children if check else ():
            if child.dep_ == "poss":
                found = _named(child, where)
            elif child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                found = _named(pobj, where, ("actor", "person")) if pobj is not None else None
            if found is not None:
                return found
        # up through 'including', 'among', 'of' and coordination to the noun it belongs to
        # ('a general of the army and four other people': the general's army is not theirs)
        head = token.head
        if token.dep_ == "conj" and head.pos_ == "NOUN":
            token, check = head, False
        elif token.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "NOUN":
            token, check = head.head, True
        elif token.dep_ == "appos" and head.pos_ in ("NOUN", "PROPN"):
            token, check = head, True
        else:
            return None
    return None


def _places_in(verb: Token, skip: set[int], where: _Clause) -> _Mention | None:
    """The first place the verb's own clause puts it in: a subject or object that is a place,
    else the object of 'in', 'at', 'near', ... ('lived in and around Arsal')."""
    v = vocab()
    for dep in ("nsubj", "nsubjpass", "dobj"):
        for child in verb.children:
            if child.dep_ == dep and child.i not in skip and child.pos_ != "PRON":
                found = where.outside(_named(child, where, ("place",)))
                if (
                    found is not None
                    and found.kind == "place"
                    and where.names.at(child, ("actor",)) is None
                ):
                    return found

    def inside(child: Token) -> bool:  # no other clause; 'in and around Arsal' is one place
        nested = child.dep_ in _NESTED and not (child.dep_ == "conj" and child.pos_ == "ADP")
        return not nested and child.i not in skip

    stack = [c for c in verb.children if inside(c)]
    while stack:
        token = stack.pop(0)
        if token.dep_ == "pobj" and token.head.lower_ in v.place_preps:
            found = where.outside(_named(token, where, ("place",)))
            if found is not None and where.names.at(token, ("actor",)) is None:
                return found
        stack.extend(c for c in token.children if inside(c))
    return None


def _clause_actor(verb: Token, skip: set[int], where: _Clause) -> _Mention | None:
    """A group the clause names beside its subject: 'registered with it'."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("with", "by", "for", "to"):
            for pobj in (c for c in child.children if c.dep_ == "pobj" and c.i not in skip):
                found = _named(pobj, where, ("actor",))
                if found is not None and found.kind == "actor":
                    return found
    return None


def _verb_subject(verb: Token, skip: set[int]) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in skip]
    if not subjects:
        return None
    subject = subjects[0]
    if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
        return verb.head
    return subject


def _subject(
    doc: Doc, q: Quantity, unit: _Unit, kind: str, where: _Clause
) -> tuple[str | None, str | None]:
    """Who or what the number is about, and a unit a measure noun implies ('population')."""
    v = vocab()
    anchor = unit.token if unit.token is not None else doc[q.end - 1]
    number = set(range(q.start, max(q.end, anchor.i + 1)))
    if kind == "count":
        owner = _owner(anchor, where)
        if owner is not None:
            return owner.name, None
    if kind == "distance":
        # 'Assal al-Ward, about 40 km north of Damascus': the place before the distance
        direction = anchor.head
        if direction.lower_ in v.directions and direction.head.pos_ in ("NOUN", "PROPN"):
            named = _named(direction.head, where)
            return (named.name if named else direction.head.text), None
    implied: str | None = None
    token = anchor
    for _ in range(6):
        if token.head == token:
            break
        came_from, token = token, token.head
        clause = token.pos_ in _VERBS or any(c.dep_ == "nsubj" for c in token.children)
        if not clause:  # a noun or a preposition on the way up; 'double' is a predicate
            if token.pos_ == "NOUN" and kind == "duration":  # 'the 17-day fight over Qusayr'
                place = _places_in(token, number, where)
                if place is not None:
                    return place.name, implied
            continue
        if token.lemma_.lower() in v.speech_verbs and came_from.dep_ in ("ccomp", "advcl"):
            break  # the number is in what someone reports: the reporter is not its subject
        subject = _verb_subject(token, number)
        for noun in (subject, next((c for c in token.children if c.dep_ == "dobj"), None)):
            if noun is not None and noun.lemma_.lower() in v.measures:
                implied = implied or v.measures[noun.lemma_.lower()]
                if noun is subject:
                    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
                    named = _named(owner, where) if owner is not None else None
                    if named is not None:
                        return named.name, implied
                    subject = None
        agent = None
        if subject is not None and subject.pos_ != "PRON":
            agent = _named(subject, where)
            if agent is None and kind == "distance":
                return subject.text, implied  # 'the range runs 80 km'
        place = _places_in(token, number, where)
        other = _clause_actor(token, number, where)
        if kind == "duration":
            order = [place, agent if agent is None or agent.kind != "place" else None, other]
        else:
            order = [agent, place, other]
        found = next((m for m in order if m is not None), None)
        if found is not None:
            return found.name, implied
    start_char = doc[q.start].idx
    near = [
        m
        for m in where.names.rows
        if m.kind == "actor"
        and where.limit[0] <= m.start
        and m.end <= where.limit[1]
        and not _reporter(doc, m)
    ]
    if near and kind == "count":
        best = min(near, key=lambda m: abs(m.start - start_char))
        return best.name, implied
    if kind == "count":  # where the paragraph's story stands: the place it last named
        place = where.names.before(start_char, where.paragraph, "place")
        if place is not None:
            return place.name, implied
    return None, implied


def _reporter(doc: Doc, mention: _Mention) -> bool:
    """Whether a mention is part of who reports the sentence ("Nour Hamdan of the Bekaa Relief
    Network said", "according to X")."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    speech = vocab().speech_verbs
    token = span.root
    for _ in range(6):
        head = token.head
        if head == token:
            return False
        if head.lemma_.lower() in speech and token.dep_ in ("nsubj", "prep", "pobj"):
            return True
        if head.pos_ in _VERBS and token.dep_ not in ("pobj", "prep"):
            return False
        token = head
    return False


# ---------------------------------------------------------------------------------------------
# evidence and the stage


def sentence_bounds(token: Token) -> tuple[int, int]:
    """Character bounds of the token's sentence, cut at the line breaks around the token."""
    doc = token.doc
    text = text_of(doc)
    start, end = sentence_chars(doc, *sentence_of(token))
    line_start = text.rfind("\n", start, token.idx) + 1
    line_end = text.find("\n", token.idx, end)
    start = max(start, line_start)
    end = end if line_end == -1 else line_end
    return start, end


def _claim_start(doc: Doc, q: Quantity) -> Token:
    """The first token of the claim's text: its hedge, or a currency sign ('$1.5 billion')."""
    if q.start == q.number_start and q.start > 0 and doc[q.start - 1].lower_ in vocab().currencies:
        return doc[q.start - 1]
    return doc[q.start]


def _found(doc: Doc) -> list[tuple[Quantity, _Unit, str]]:
    """Every number phrase that makes a claim, with its unit and kind, in text order."""
    v = vocab()
    out: list[tuple[Quantity, _Unit, str]] = []
    for sent in doc.sents:
        taken: set[int] = set()
        for q in quantities(sent):
            unit = _unit(doc, q, sent.end)
            if unit is None or _refers_back(doc, q, unit, v) or _dateline(doc, q, v):
                continue
            kind = (
                "distance"
                if unit.token is not None and unit.token.lower_ in v.distance
                else "count"
            )
            out.append((q, unit, kind))
            taken.add(q.number_start)
        for q, unit_token in durations(sent):
            if q.number_start in taken:
                continue
            end = unit_token.i + 1
            head = unit_token.head  # 'a 17-day assault': the text keeps what lasted
            if unit_token.dep_ in ("compound", "amod", "nmod") and head.i == end:
                end = head.i + 1
            name = v.time_units[unit_token.lower_]
            out.append((q, _Unit(name, None, end), "duration"))
        for token in sent:
            if _age(token):
                q = Quantity(token.i, token.i + 1, float(token.text), None, token.i)
                out.append((q, _Unit("years", token.head, token.i + 1), "age"))
    return sorted(out, key=lambda f: f[0].start)


@stage("claims.v1", fills="claims")
def claims(ctx: StageContext) -> list[Claim]:
    """Numbers with their unit, hedge and subject: fighters, refugees, distances, provinces,
    durations."""
    doc = ctx.doc
    text = ctx.text
    names = _Names(doc, ctx.record.actors, ctx.record.people, ctx.record.places)
    out: list[Claim] = []
    last: tuple[int, Claim] | None = None  # the claim before, with its paragraph's start
    for q, unit, kind in _found(doc):
        bounds = sentence_bounds(doc[q.number_start])
        paragraph = text.rfind("\n", 0, bounds[0]) + 1
        start_char = _claim_start(doc, q).idx
        end_char = doc[unit.end - 1].idx + len(doc[unit.end - 1].text)
        where = _Clause(names, bounds, paragraph, (start_char, end_char))
        if kind == "age":
            if names.at(unit.token, ("person",)) is None and unit.token.ent_type_ != "PERSON":
                continue  # 'Aleppo, 2,' is no age
            named = _named(unit.token, where)
            subject, implied = (named.name if named else unit.token.text), None
            unit = _Unit("years", None, unit.end)
        else:
            subject, implied = _subject(doc, q, unit, kind, where)
        if start_char < bounds[0] or end_char > bounds[1]:
            continue
        name = unit.name or implied
        if name is None and last is not None and last[0] == paragraph and _restates(doc, q, unit):
            # 'officials now put the total at about 80,000': the same count as before
            name, subject = last[1].unit, last[1].subject or subject
        claim = Claim(
            value=q.value,
            unit=name,
            subject=subject,
            hedge=q.hedge,
            text=text[start_char:end_char],
            evidence=evidence(text, *bounds),
        )
        out.append(claim)
        last = (paragraph, claim)
    return out


def _restates(doc: Doc, q: Quantity, unit: _Unit) -> bool:
    """Whether a bare number restates the count before it: 'the total at 80,000'."""
    if unit.token is not None:
        return False
    measures = vocab().measures
    token = doc[q.end - 1]
    for _ in range(4):
        if token.head == token:
            return False
        token = token.head
        related = [token, *token.children]
        if any(
            t.lemma_.lower() in measures and measures[t.lemma_.lower()] is None for t in related
        ):
            return True
    return False
