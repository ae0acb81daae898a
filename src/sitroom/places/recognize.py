"""Finding toponyms: the NER's place entities, plus capitalised names it missed or mislabelled.

The small English model tags Qalamoun as PERSON or DATE and Arsal as ORG, and misses many
villages. So every run of capitalised words is a candidate too, looked up in the gazetteer
as it stands and then without generic words ('Idlib province' first, then 'Idlib' hinted
as a province). Each toponym says why it was taken:

- `curated`: the supplement knows the name (deliberate knowledge, taken whatever the NER says);
- `ner`: spaCy called it GPE, LOC or FAC and the gazetteer knows it;
- `cue`: the gazetteer knows it and the words around say place ('the town of X', 'near X');
- `name`: a prominent place (country, division, big city) starting a longer name
  ('the Ohio Supreme Court');
- `weak` (`weak_person` for one word spaCy tagged PERSON): the gazetteer knows it and nothing else
  speaks for it; the stage keeps it only when it resolves into a country the article is about
  (and, tagged PERSON, to a big place).

Guards: names in data/places/stoplist.txt, names after a person's title ('Mr Jordan'),
given names followed by a surname ('Jordan Haddad'), surnames of people the text names in
full ('Obama' after 'Barack Obama'), a place entity glued to further capitalised words
('Aleppo Media Center'), lowercase words, and spans that actors or people already claimed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sitroom.datafiles import data_dir, load_json
from sitroom.places.candidate import Candidate
from sitroom.places.names import key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from sitroom.places.gazetteer import Gazetteer

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Longest generic phrase (in tokens) looked for after a name ('border crossing').
_GENERIC_MAX = 2


@dataclass(frozen=True)
class Toponym:
    """A stretch of text that names a place, why it was taken, and what it may refer to."""

    start: int
    end: int
    name: str
    evidence: str  # curated | ner | cue | name | weak | weak_person
    hint: str | None  # a kind of place the words around suggest (ranking.json's hints)
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class _Cues:
    before: frozenset[str]
    not_before: frozenset[str]
    generic: dict[str, str]
    before_hints: dict[str, str]
    strip_leading: frozenset[str]
    connectors: frozenset[str]
    spaced_connectors: frozenset[str]
    person_titles: frozenset[str]
    people_endings: tuple[str, ...]


@lru_cache(maxsize=1)
def cues() -> _Cues:
    raw: dict[str, Any] = load_json("places/cues.json")
    low = lambda words: frozenset(w.lower() for w in words)  # noqa: E731
    return _Cues(
        before=low(raw["before"]),
        not_before=low(raw["not_before"]),
        generic={k.lower(): v for k, v in raw["generic"].items()},
        before_hints={k.lower(): v for k, v in raw["before_hints"].items()},
        strip_leading=low(raw["strip_leading"]),
        connectors=low(raw["connectors"]),
        spaced_connectors=low(raw["spaced_connectors"]),
        person_titles=frozenset(w.lower().rstrip(".") for w in raw["person_titles"]),
        people_endings=tuple(w.lower() for w in raw["people_endings"]),
    )


def _word_list(name: str) -> frozenset[str]:
    path = data_dir() / "places" / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(key(w) for w in lines if w.strip() and not w.lstrip().startswith("#"))


@lru_cache(maxsize=1)
def stoplist() -> frozenset[str]:
    """Keys of names never taken as places (data/places/stoplist.txt)."""
    return _word_list("stoplist.txt")


@lru_cache(maxsize=1)
def person_names() -> frozenset[str]:
    """Keys of given names that are also places (data/places/person_names.txt)."""
    return _word_list("person_names.txt")


# -- candidate spans --------------------------------------------------------------------------


def _capital(tok: Token) -> bool:
    """A capitalised word: 'Homs', 'DAMASCUS', 'U.S.' (not 'A', 'I' or a lone initial)."""
    return (tok.is_title or tok.is_upper) and sum(ch.isalpha() for ch in tok.text) > 1


def _glued(a: Token) -> bool:
    """No whitespace between `a` and the next token ('al' '-' 'Zawiya')."""
    return not a.whitespace_


def _capitalised_runs(doc: Doc, gaz: Gazetteer) -> Iterator[tuple[int, int]]:
    """Maximal runs of capitalised tokens (as token ranges), joined by Arabic articles
    ('Jisr al-Shughour', 'Deir ez-Zor'); a bare hyphen or a number joins only when the
    gazetteer knows the joined name ('Anti-Lebanon', 'Hill 402'), so 'Damascus-Beirut' stays
    two."""
    connectors, spaced = cues().connectors, cues().spaced_connectors
    n = len(doc)
    i = 0
    while i < n:
        if not _capital(doc[i]) or "\n" in doc[i].text:
            i += 1
            continue
        j = i + 1
        while j < n:
            tok = doc[j]
            if "\n" in doc[j - 1].whitespace_:
                break
            if _capital(tok) and not tok.is_sent_start:
                j += 1
            elif tok.lower_ in connectors and j + 1 < n:
                hyphen = doc[j + 1].text == "-" and _glued(tok) and j + 2 < n
                k = j + 2 if hyphen else j + 1
                if _capital(doc[k]) and (hyphen or tok.lower_ in spaced):
                    j = k + 1
                else:
                    break
            elif tok.like_num and gaz.lookup(doc[i : j + 1].text):  # 'Hill 402', 'T-4'
                j += 1
            elif tok.text == "-" and _glued(doc[j - 1]) and _glued(tok) and j + 1 < n:
                if _capital(doc[j + 1]) and gaz.lookup(doc[i : j + 2].text):
                    j += 2
                else:
                    break
            else:
                break
        yield _with_article(doc, i), j
        i = j


def _with_article(doc: Doc, start: int) -> int:
    """Widen a run back over a glued lowercase article: 'al-Qusayr', not just 'Qusayr'."""
    if (
        start >= 2
        and doc[start - 1].text == "-"
        and _glued(doc[start - 2])
        and _glued(doc[start - 1])
        and doc[start - 2].lower_ in cues().connectors
    ):
        return start - 2
    return start


def _generic_after(doc: Doc, end: int) -> tuple[int, str] | None:
    """A generic place word right after token `end` ('province', 'border crossing')."""
    generic = cues().generic
    for size in range(_GENERIC_MAX, 0, -1):
        if end + size <= len(doc):
            words = " ".join(t.lower_ for t in doc[end : end + size])
            if words in generic and "\n" not in doc[end : end + size].text:
                return size, generic[words]
    return None


def _generic_tail(doc: Doc, start: int, end: int) -> tuple[int, str] | None:
    """Generic words ending the span itself ('Bekaa Valley')."""
    generic = cues().generic
    for size in range(min(_GENERIC_MAX, end - start - 1), 0, -1):
        words = " ".join(t.lower_ for t in doc[end - size : end])
        if words in generic:
            return size, generic[words]
    return None


def _before(doc: Doc, start: int) -> tuple[bool, str | None]:
    """Whether the words before token `start` say place, and the kind they hint at."""
    c = cues()
    one = doc[start - 1].lower_ if start >= 1 else ""
    two = doc[start - 2 : start].text.lower() if start >= 2 else ""
    hint = c.before_hints.get(two)
    if two in c.not_before:
        return False, None
    return (one in c.before or two in c.before or hint is not None), hint


def _variants(doc: Doc, start: int, end: int) -> Iterator[tuple[int, int, str | None, bool]]:
    """(start, end, hint, generic_cue) token ranges to look up for one span, longest first."""
    c = cues()
    if all(t.lower_ in c.strip_leading for t in doc[start:end]):
        return  # 'The' before 'range': nothing but a generic word is left
    starts = [start]
    while starts[-1] < end - 1 and doc[starts[-1]].lower_ in c.strip_leading:
        starts.append(starts[-1] + 1)
    after = _generic_after(doc, end)
    tail = _generic_tail(doc, start, end)
    for s in starts:
        if after:
            yield s, end + after[0], None, True
        yield s, end, (after[1] if after else None), bool(after)
        if tail and end - tail[0] > s:
            yield s, end - tail[0], tail[1], True


# -- guards -----------------------------------------------------------------------------------


def _person_like(doc: Doc, start: int, end: int, from_entity: bool, inside: bool = False) -> bool:
    """Whether the tokens read as (part of) a person's or an organisation's name; `inside`:
    they are a window of a longer run, so only a title before them or a given name counts."""
    c = cues()
    before = doc[start - 1] if start >= 1 else None
    if before is not None and before.lower_.rstrip(".") in c.person_titles:
        return True
    nxt = doc[end] if end < len(doc) else None
    capital_next = (
        nxt is not None
        and _capital(nxt)
        and not nxt.is_sent_start
        and key(nxt.text) not in stoplist()  # 'US President', 'Toronto Saturday'
        and doc[end - 1].whitespace_ == " "
        and _generic_after(doc, end) is None
    )
    if capital_next and key(doc[start].text) in person_names():
        return True
    return from_entity and capital_next and not inside


def part_of_longer_name(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens [start, end) sit inside a longer capitalised name or after a title,
    so that a repeated place name there is something else ('Michael Jordan', 'Mr Homsi')."""
    before = doc[start - 1] if start >= 1 else None
    if (
        before is not None
        and _capital(before)
        and not doc[start].is_sent_start
        and before.whitespace_ == " "
        and before.lower_ not in cues().strip_leading
    ):
        return True
    return _person_like(doc, start, end, from_entity=True)


def _too_short(name: str) -> bool:
    """One letter, or two that are not an acronym ('US', 'UK' pass; 'Ay' does not)."""
    return len(name) < 2 or (len(name) == 2 and not name.isupper())


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


# -- finding ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    """What the recogniser knows about a doc beyond its tokens."""

    labelled: frozenset[int]  # tokens inside a GPE/LOC/FAC entity
    other_ents: dict[int, str]  # token -> label of any other entity covering it
    surnames: frozenset[str]  # last words of full PERSON names ('Obama' after 'Barack Obama')
    taken: list[tuple[int, int]]  # character spans actors and people claimed


def _context(doc: Doc, gaz: Gazetteer, taken: list[tuple[int, int]]) -> _Context:
    labelled, other = set(), {}
    surnames = set()
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            if ent.label_ in PLACE_LABELS:
                labelled.add(i)
            else:
                other[i] = ent.label_
        if (
            ent.label_ == "PERSON"
            and len(ent) >= 2
            and _capital(ent[-1])
            and not gaz.lookup(ent.text)  # 'Al Qusayr' tagged PERSON is still a place
        ):
            surnames.add(key(ent[-1].text))
    return _Context(frozenset(labelled), other, frozenset(surnames), taken)


def find(doc: Doc, gaz: Gazetteer, taken: list[tuple[int, int]]) -> list[Toponym]:
    """Toponyms in `doc`, not overlapping each other or the `taken` character spans."""
    ctx = _context(doc, gaz, taken)
    place_ents = [e for e in doc.ents if e.label_ in PLACE_LABELS]
    runs = list(_capitalised_runs(doc, gaz))
    spans = [(s, e, False) for s, e in runs] + [(e.start, e.end, True) for e in place_ents]
    spans.sort(key=lambda t: (-(t[1] - t[0]), t[0], t[2]))

    used: set[int] = set()
    found: list[Toponym] = []
    for start, end, from_entity in spans:
        if used.intersection(range(start, end)):
            continue
        toponym = _resolve_span(doc, gaz, start, end, from_entity, ctx)
        if toponym is not None:
            found.append(toponym)
            first = doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
            used.update(range(first.start, first.end))
    for start, end in runs:
        if end - start >= 2 and not used.intersection(range(start, end)):
            person = any(ctx.other_ents.get(i) == "PERSON" for i in range(start, end))
            found.extend(_windows(doc, gaz, start, end, taken, person))
    return sorted(found, key=lambda t: t.start)


def _resolve_span(
    doc: Doc, gaz: Gazetteer, start: int, end: int, from_entity: bool, ctx: _Context
) -> Toponym | None:
    """The first variant of the span the gazetteer knows, if the guards let it through."""
    stop = stoplist()
    for s, e, hint, generic_cue in _variants(doc, start, end):
        span: Span = doc[s:e]
        name = " ".join(span.text.split())
        if (
            _too_short(name)
            or not name[0].isupper()
            or key(name) in stop
            or _overlaps(span.start_char, span.end_char, ctx.taken)
        ):
            continue
        candidates = gaz.lookup(name)
        if not candidates:
            continue
        curated = bool(gaz.curated(name))
        if _person_like(doc, s, e, from_entity) or (
            not curated and e - s == 1 and key(name) in ctx.surnames
        ):
            return None
        cued, before_hint = _before(doc, s)
        labels = {ctx.other_ents.get(i) for i in range(s, e)}
        if curated:
            evidence = "curated"
        elif (
            from_entity
            or ctx.labelled.intersection(range(s, e))
            or (labels == {"NORP"} and _misread_as_people(span))
        ):
            evidence = "ner"
        elif cued or generic_cue:
            evidence = "cue"
        elif doc[s].is_sent_start and doc[s].pos_ != "PROPN" and e - s == 1:
            return None  # 'Hope remains ...': a common word that starts a sentence
        elif labels & {"NORP", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"}:
            return None
        else:
            evidence = "weak_person" if "PERSON" in labels and e - s == 1 else "weak"
        text = span.text  # an entity may end in the blank line after a title
        first = span.start_char + len(text) - len(text.lstrip())
        last = span.end_char - (len(text) - len(text.rstrip()))
        return Toponym(first, last, name, evidence, hint or before_hint, tuple(candidates))
    return None


def _misread_as_people(span: Span) -> bool:
    """A city name the tagger took for a people ('an offensive on Aleppo' as NORP): one
    singular proper noun that is no country's adjective or demonym and does not end like one."""
    from sitroom.actors.data import countries  # lazily: importing places stays cheap

    if len(span) != 1 or span[0].tag_ != "NNP":
        return False
    low = span.text.lower()
    if countries().any_word(low) is not None:
        return False
    return not low.endswith(cues().people_endings)


def _windows(
    doc: Doc,
    gaz: Gazetteer,
    start: int,
    end: int,
    taken: list[tuple[int, int]],
    person: bool,
) -> Iterator[Toponym]:
    """Places inside a run that as a whole names nothing, longest first: curated names
    anywhere ('Hezbollah Qalamoun Offensive'), and a prominent place (a country, a division,
    a big city) that starts an organisation's name ('the Ohio Supreme Court', 'Aleppo Media
    Center'), unless the run is a person's name."""
    stop = stoplist()
    first = start
    while first < end and doc[first].lower_ in cues().strip_leading:
        first += 1
    i = start
    while i < end:
        for size in range(end - i - (1 if i == start else 0), 0, -1):
            span = doc[i : i + size]
            if not (_capital(span[0]) and _capital(span[-1])):
                continue
            name = " ".join(span.text.split())
            if (
                key(name) in stop
                or _too_short(name)
                or _overlaps(span.start_char, span.end_char, taken)
                or _person_like(doc, i, i + size, from_entity=False, inside=True)
            ):
                continue
            candidates = tuple(gaz.lookup(name))
            if gaz.curated(name):
                yield Toponym(span.start_char, span.end_char, name, "curated", None, candidates)
            elif i == first and not person and any(_prominent(c) for c in candidates):
                yield Toponym(span.start_char, span.end_char, name, "name", None, candidates)
            else:
                continue
            i += size
            break
        else:
            i += 1


def _prominent(candidate: Candidate) -> bool:
    """A place big enough that its name starting an organisation's name means it."""
    if candidate.feature in ("country", "admin1"):
        return True
    return candidate.feature == "city" and candidate.population >= 100_000
