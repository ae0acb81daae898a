"""The `claims.v1` stage: the numbers a report states, with what they count and who has them.

"Rebels have amassed as many as 40,000 fighters" becomes value 40000, unit "fighters",
hedge "as many as", subject "rebels", text "as many as 40,000 fighters". Numbers come from
number tokens (digits, number words, "dozens of") that spaCy does not read as a date, a time,
an ordinal or part of a name; years, durations and ordinals are not claims.

The number reading here is shared with event detection, which counts fatalities with it:
`quantities` finds every number phrase in a span, `quantity_value` reads one, and
`sentence_bounds` gives the evidence span of a sentence (cut at line breaks, since spaCy
runs captions and headlines into the next sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sitroom.datafiles import load_json
from sitroom.model import Actor, Claim
from sitroom.spans import evidence
from sitroom.stages import StageContext, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_NUMERIC = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})  # spaCy's number labels
_TIME = frozenset({"DATE", "TIME"})
_RELATIVE = {"who", "which", "that"}


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
    hedges: tuple[tuple[str, ...], ...]
    percent: frozenset[str]
    currencies: dict[str, str]
    distance: frozenset[str]
    directions: frozenset[str]
    measures: dict[str, str | None]
    skip_units: frozenset[str]


@lru_cache(maxsize=1)
def vocab() -> _Vocab:
    """Number words, hedges and units from data/claims/."""
    numbers: dict[str, Any] = load_json("claims/numbers.json")
    units: dict[str, Any] = load_json("claims/units.json")
    hedges = sorted(
        (tuple(h.lower().split()) for h in load_json("claims/hedges.json")["hedges"]),
        key=len,
        reverse=True,
    )
    return _Vocab(
        words={k: float(v) for k, v in numbers["words"].items()},
        multipliers={k: float(v) for k, v in numbers["multipliers"].items()},
        vague={k: float(v) for k, v in numbers["vague"].items()},
        vague_fatalities={k: float(v) for k, v in numbers["vague_fatalities"].items()},
        hedges=tuple(hedges),
        percent=frozenset(units["percent"]),
        currencies={k.lower(): v for k, v in units["currencies"].items()},
        distance=frozenset(units["distance"]),
        directions=frozenset(units["directions"]),
        measures=dict(units["measures"]),
        skip_units=frozenset(units["skip_units"]),
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
    -> 10000, ['a', 'dozen'] -> 12. None when they do not spell a number."""
    v = vocab()
    total = current = 0.0
    seen = False
    for word in (w.lower() for w in words):
        if word in ("of", "and", "-"):
            continue
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
        return j if of_follows or token.dep_ in ("nsubj", "dobj", "pobj", "nsubjpass") else i
    if low in ("a", "an") and i + 1 < limit and doc[i + 1].lower_ in v.multipliers:
        j = i + 2
    elif not _is_number_word(token, v) or low in ("a", "an", "half"):
        return i
    elif low in v.multipliers and _digits(low) is None:
        # a bare 'hundred' or 'm' is only a number after another number word
        return i
    else:
        j = i + 1
    spelled = _digits(low) is None  # 'twenty-five' goes on; '2016 Ninety-two' is two numbers
    while j < limit:
        nxt = doc[j].lower_
        if spelled and nxt == "-" and j + 1 < limit and doc[j + 1].lower_ in v.words:
            j += 2
        elif nxt in v.multipliers or (spelled and nxt in v.words and nxt not in ("a", "an")):
            j += 1
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


# ---------------------------------------------------------------------------------------------
# units and subjects


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
    while unit_start - 1 >= end and doc[unit_start - 1].dep_ == "compound":
        unit_start -= 1
    if doc[end].lower_ == "of" or head.i - end <= 3:
        end = head.i + 1
    if head.lower_ in v.distance:
        end = _distance_tail(doc, head, limit, v)
    return _Unit(doc[unit_start : head.i + 1].text, head, end)


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


def _subject(
    doc: Doc,
    q: Quantity,
    unit_token: Token | None,
    actors: list[_ActorSpan],
    limit: tuple[int, int],
) -> tuple[str | None, str | None]:
    """Who or what the number is about, and a unit a measure noun implies ('population')."""
    v = vocab()
    anchor = unit_token if unit_token is not None else doc[q.end - 1]
    implied: str | None = None
    owner = _owner(anchor)
    if owner is not None:
        return _name(owner, actors), None
    # when the counted noun is itself the clause's subject ('the two groups can prove ...'),
    # no verb above it says whose they are: only a nearby actor can
    climbs = 0 if unit_token is not None and unit_token.dep_ in ("nsubj", "nsubjpass") else 6
    token = anchor
    for _ in range(climbs):
        if token.head == token:
            break
        token = token.head
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects or subjects[0].i in range(q.start, q.end):
            continue
        subj = subjects[0]
        if not limit[0] <= subj.idx < limit[1]:
            break
        if subj.lower_ in _RELATIVE and token.dep_ == "relcl":
            subj = token.head
            if not limit[0] <= subj.idx < limit[1]:
                break
        lemma = subj.lemma_.lower()
        if lemma in v.measures:
            implied = implied or v.measures[lemma]
            owner = _owner(subj)
            if owner is not None:
                return _name(owner, actors), implied
            continue
        if subj.pos_ == "PRON":
            continue
        return _name(subj, actors), implied
    start_char = doc[q.start].idx
    near = [a for a in actors if limit[0] <= a.start and a.end <= limit[1]]
    if near:
        best = min(near, key=lambda a: abs(a.start - start_char))
        return best.name, implied
    return None, implied


def _owner(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
    return None


@dataclass(frozen=True)
class _ActorSpan:
    name: str
    start: int
    end: int


def _name(token: Token, actors: list[_ActorSpan]) -> str:
    """An actor's canonical name when one of its mentions falls in the token's phrase
    (the token and the compounds and modifiers before it), else the phrase itself."""
    left = token
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "nmod", "poss") and child.left_edge.i < left.i:
            left = child.left_edge
    start, end = left.idx, token.idx + len(token.text)
    for actor in actors:
        if actor.start < end and start < actor.end:
            return actor.name
    return token.doc[left.i : token.i + 1].text


# ---------------------------------------------------------------------------------------------
# evidence and the stage


def sentence_bounds(token: Token) -> tuple[int, int]:
    """Character bounds of the token's sentence, cut at the line breaks around the token."""
    sent = token.sent
    text = token.doc.text
    start, end = sent.start_char, sent.end_char
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


def actor_spans(actors: list[Actor]) -> list[_ActorSpan]:
    return [_ActorSpan(a.name, s, e) for a in actors for s, e in a.mentions]


@stage("claims.v1", fills="claims")
def claims(ctx: StageContext) -> list[Claim]:
    """Numbers with their unit, hedge and subject: fighters, refugees, distances, provinces."""
    doc = ctx.doc
    text = ctx.text
    actors = actor_spans(ctx.record.actors)
    out: list[Claim] = []
    for sent in doc.sents:
        for q in quantities(sent):
            unit = _unit(doc, q, sent.end)
            if unit is None:
                continue
            bounds = sentence_bounds(doc[q.number_start])
            subject, implied = _subject(doc, q, unit.token, actors, bounds)
            start_char = _claim_start(doc, q).idx
            end_char = doc[unit.end - 1].idx + len(doc[unit.end - 1].text)
            if start_char < bounds[0] or end_char > bounds[1]:
                continue
            out.append(
                Claim(
                    value=q.value,
                    unit=unit.name or implied,
                    subject=subject,
                    hedge=q.hedge,
                    text=text[start_char:end_char],
                    evidence=evidence(text, *bounds),
                )
            )
    return out
