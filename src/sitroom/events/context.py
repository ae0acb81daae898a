"""What an event's own sentence does not say, read from around it: its place from the
paragraph or the article's focus, its date from the paragraph's narrative, and the other
reports of the same happening elsewhere in the article.

A sentence rarely repeats everything: "Over the weekend, rebels attacked regime positions in
Damascus. Nusra claimed a suicide bombing that killed a general." The second event happened
in the same place and time as the first as far as the reader is told, and ACLED's coders
would code it so, with the location marked as less precise. An event keeps what its own
sentence gives; only blanks are filled, and `geo_precision`/`place_basis` say how the place
was found.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sitroom.events.triggers import patterns
from sitroom.model import Event, Place, Record

#: ACLED's geo_precision of a place found in the event's paragraph or the article's focus.
_BASIS_PRECISION = {"sentence": 1, "paragraph": 2, "article": 3}
#: Events located by the article's focus when nothing nearer places them: the violent ones.
#: A warning or a grant of aid is not placed where the article's fighting is.
_FOCUS_TYPES = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
}
_REAL = {"occurred", "ongoing"}


@dataclass(frozen=True)
class Paragraphs:
    """Paragraph bounds of a text: one per line; a dateline or a title is its own line."""

    bounds: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str) -> Paragraphs:
        return cls(tuple((m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)))

    def index(self, offset: int) -> int:
        for i, (start, end) in enumerate(self.bounds):
            if start <= offset < end:
                return i
        return -1


def place_precision(place: Place | None, basis: str) -> int:
    """ACLED's geo_precision: the coarser of the place's own precision and how it was found."""
    own = place.precision if place is not None else 3
    return max(own, _BASIS_PRECISION[basis])


def _place_mentions(record: Record) -> list[tuple[int, int, Place]]:
    """Place mentions that are not part of an actor's name ('Lebanon-based Hezbollah' is not
    a place of the event), in text order."""
    actor_spans = [span for a in record.actors for span in a.mentions]
    found = []
    for place in record.places:
        for start, end in place.mentions:
            if any(s < end and start < e for s, e in actor_spans):
                continue
            found.append((start, end, place))
    return sorted(found, key=lambda m: m[0])


def focus(record: Record) -> Place | None:
    """The article's focus: its most-mentioned place, the finer one on a tie, then the first.

    A dateline ("DAMASCUS —") counts as a mention like any other.
    """
    mentions = _place_mentions(record)
    if not mentions:
        return None
    counts = Counter(p.id for _, _, p in mentions)
    first = {}
    for start, _, p in mentions:
        first.setdefault(p.id, start)
    by_id = {p.id: p for _, _, p in mentions}
    best = min(counts, key=lambda i: (-counts[i], by_id[i].precision, first[i]))
    return by_id[best]


def _paragraph_place(
    event: Event, mentions: list[tuple[int, int, Place]], paragraphs: Paragraphs
) -> Place | None:
    """The place named nearest before the event in its paragraph, else the nearest after."""
    here = paragraphs.index(event.evidence.start)
    if here < 0:
        return None
    lo, hi = paragraphs.bounds[here]
    before = [m for m in mentions if lo <= m[0] < event.evidence.start]
    if before:
        return before[-1][2]
    after = [m for m in mentions if event.evidence.end <= m[0] < hi]
    return after[0][2] if after else None


def _finer_within(
    country: Place,
    event: Event,
    mentions: list[tuple[int, int, Place]],
    paragraphs: Paragraphs,
    main: Place | None,
) -> tuple[Place, str] | None:
    """A place inside the event's country that its paragraph, else the article, is about."""
    near = _paragraph_place(event, mentions, paragraphs)
    if near is not None and near.country == country.country and near.feature != "country":
        return near, "paragraph"
    inside = main is not None and main.country == country.country and main.feature != "country"
    if inside and event.event_type in _FOCUS_TYPES:
        return main, "article"
    return None


def locate(events: list[Event], record: Record, text: str) -> list[Event]:
    """Fill each unplaced event's place from its paragraph, else (violent events only) from
    the article's focus; set geo_precision and place_basis on every event."""
    places = {p.id: p for p in record.places}
    mentions = _place_mentions(record)
    paragraphs = Paragraphs.of(text)
    main = focus(record)
    out = []
    for event in events:
        update: dict[str, Any] = {}
        own = places.get(event.place or "")
        # 'air strikes in Syria' in an article about Aleppo: ACLED codes Aleppo, less precisely
        finer = (
            _finer_within(own, event, mentions, paragraphs, main)
            if own is not None and own.feature == "country"
            else None
        )
        if finer is not None:
            update = {"place": finer[0].id, "place_basis": finer[1]}
        elif event.place is not None:
            update = {"place_basis": "sentence"}
        elif event.plover in patterns().placeless:
            pass  # a statement or a grant is placed by its own sentence or not at all
        elif (near := _paragraph_place(event, mentions, paragraphs)) is not None:
            update = {"place": near.id, "place_basis": "paragraph"}
        elif main is not None and event.event_type in _FOCUS_TYPES:
            update = {"place": main.id, "place_basis": "article"}
        if update:
            # a sentence's place merely near the trigger, not tied to it, counts as nearby (2)
            tie = event.geo_precision or 1 if update["place_basis"] == "sentence" else 1
            update["geo_precision"] = max(
                tie,
                place_precision(
                    places.get(update.get("place", event.place)), update["place_basis"]
                ),
            )
        out.append(event.model_copy(update=update))
    return out


def date_from_narrative(
    events: list[Event], text: str, published: date | None, dated_spans: list[tuple[int, int]]
) -> list[Event]:
    """An undated event that happened takes the date of the event told just before it in
    its paragraph ("Over the weekend, X attacked ... . Y claimed a bombing ..."), unless a
    date phrase stands between them; an undated ongoing event is dated at publication."""
    paragraphs = Paragraphs.of(text)
    out: list[Event] = []
    for event in events:
        if event.date is None and event.status in _REAL:
            # only what happened carries the narrative's date; an ongoing state of affairs
            # ('has been receiving aid') is dated at publication
            here = paragraphs.index(event.evidence.start)
            earlier = [
                e
                for e in out
                if e.date is not None
                and e.status == "occurred"
                and event.status == "occurred"
                and paragraphs.index(e.evidence.start) == here
                and e.evidence.start < event.evidence.start
            ]
            if earlier:
                source = earlier[-1]
                between = any(
                    source.evidence.end <= s and e <= event.evidence.start for s, e in dated_spans
                )
                if not between:
                    event = event.model_copy(
                        update={
                            "date": source.date,
                            "date_end": source.date_end,
                            "date_precision": source.date_precision,
                        }
                    )
            elif event.status == "ongoing" and published is not None:
                event = event.model_copy(
                    update={"date": published.isoformat(), "date_precision": "day"}
                )
        out.append(event)
    return out
