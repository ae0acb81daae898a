"""Finding toponyms: the NER's place entities, plus capitalised names it missed or mislabelled.

The small English model tags Qalamoun as PERSON and Arsal as ORG, and misses many villages.
So every capitalised run of tokens is a candidate too; it is kept when the curated supplement
knows it, or when GeoNames knows it and the words around it say it is a place ("the town
of X", "near X", "X province"). Names that overlap an actor or a person are left to them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from sitroom.datafiles import data_dir, load_json
from sitroom.places.names import key

PLACE_LABELS = {"GPE", "LOC", "FAC"}
CONNECTORS = {"al", "el", "ar", "as", "ad", "ash", "at", "az", "an", "-", "de", "ez", "es"}


@dataclass(frozen=True)
class Toponym:
    """A stretch of text that names a place, and the name to look up."""

    start: int
    end: int
    name: str
    labelled: bool  # the NER itself called it a place
    cued: bool  # the words around it say it is a place


@lru_cache(maxsize=1)
def _cues() -> dict[str, frozenset[str]]:
    raw = load_json("places/cues.json")
    return {
        k: frozenset(w.lower() for w in raw[k])
        for k in ("before", "after", "strip_leading", "strip_trailing")
    }


@lru_cache(maxsize=1)
def stoplist() -> frozenset[str]:
    lines = (data_dir() / "places" / "stoplist.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(key(w) for w in lines if w.strip() and not w.startswith("#"))


def _trim(span: Span) -> Span | None:
    """Drop leading articles/compass words and trailing generic nouns ('the X region')."""
    cues = _cues()
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in cues["strip_leading"]:
        start += 1
    while end > start and span.doc[end - 1].lower_ in cues["strip_trailing"]:
        end -= 1
    if end > start and span.doc[end - 1].tag_ == "POS":  # "Homs's"
        end -= 1
    return span.doc[start:end] if end > start else None


def _cued(span: Span) -> bool:
    cues = _cues()
    doc = span.doc
    before1 = doc[span.start - 1].lower_ if span.start >= 1 else ""
    before2 = doc[span.start - 2 : span.start].text.lower() if span.start >= 2 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return before1 in cues["before"] or before2 in cues["before"] or after in cues["after"]


def _capitalised_runs(doc: Doc) -> Iterator[Span]:
    """Maximal runs of capitalised tokens, joined by Arabic articles and hyphens."""
    i = 0
    while i < len(doc):
        tok = doc[i]
        if not (tok.is_title or (tok.is_upper and len(tok) > 1)) or (
            tok.is_sent_start and tok.pos_ != "PROPN"
        ):
            i += 1
            continue
        j = i + 1
        while j < len(doc):
            nxt = doc[j]
            if nxt.is_title or (
                nxt.lower_ in CONNECTORS and j + 1 < len(doc) and doc[j + 1].is_title
            ):
                j += 1
            else:
                break
        yield doc[i:j]
        i = j


def find(
    doc: Doc,
    known: Callable[[str], bool],
    curated: Callable[[str], bool],
    taken: list[tuple[int, int]],
) -> list[Toponym]:
    """Toponyms in `doc`; `known`/`curated` say whether a name is in GeoNames / the supplement."""
    stop = stoplist()

    def free(span: Span) -> bool:
        return not any(s < span.end_char and span.start_char < e for s, e in taken)

    found: dict[tuple[int, int], Toponym] = {}
    candidates = [(ent, True) for ent in doc.ents if ent.label_ in PLACE_LABELS]
    covered = {i for ent, _ in candidates for i in range(ent.start, ent.end)}
    candidates += [
        (run, False)
        for run in _capitalised_runs(doc)
        if not covered.intersection(range(run.start, run.end))
    ]
    for span, labelled in candidates:
        trimmed = _trim(span)
        if trimmed is None or not free(trimmed):
            continue
        name = trimmed.text
        if key(name) in stop or len(name) < 3:
            continue
        cued = _cued(span)
        if curated(name) or (known(name) and (labelled or cued)):
            found[(trimmed.start_char, trimmed.end_char)] = Toponym(
                trimmed.start_char, trimmed.end_char, name, labelled, cued
            )
    return sorted(found.values(), key=lambda t: t.start)
