"""One happening, one event: the reports of the same event within an article joined, every
evidence span kept.

Two events are the same happening when they have the same coding (or one is the fight that
the other's capture ended: "launched an attack, seizing X" is one capture), the same mood
(what happened is never joined with what is only expected or threatened), actors that agree
and share at least one named party, places that agree (the same, or one unknown, or one
inside the other's country or division), and dates that agree at their precisions.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sitroom.model import Event, Place

REALIS = {
    "occurred": "real",
    "ongoing": "real",
    "anticipated": "anticipated",
    "threatened": "threatened",
}
#: A generic clash that a capture in the same sentence ends is that capture.
_TERRITORY = {"Government regains territory", "Non-state actor overtakes territory"}
_GENERIC = ("Battles", "Armed clash")
_SPAN = {"day": 0, "week": 6, "month": 30, "year": 365}


def fill(into: Event, other: Event, headline_end: int = 0) -> Event:
    """`into` with the blanks `other` can fill, the lower death count (a headline's count
    gives way to the body's: 'kills a general' names one of the dead, not their number),
    the higher confidence, and `other`'s evidence added to its own."""
    update: dict[str, Any] = {}
    for name in ("actor1", "actor2", "place", "date", "date_end", "date_precision"):
        if getattr(into, name) is None and getattr(other, name) is not None:
            if name.startswith("date") and into.date is not None:
                continue
            update[name] = getattr(other, name)
    reports = [(e.evidence.start < headline_end, e.fatalities) for e in (into, other)]
    body = [f for headline, f in reports if f is not None and not headline]
    figures = body or [f for _, f in reports if f is not None]
    update["fatalities"] = min(figures) if figures else None
    update["confidence"] = max(into.confidence, other.confidence)
    extra = [a for a in other.associated_actors if a not in into.associated_actors]
    if extra:
        update["associated_actors"] = [*into.associated_actors, *extra]
    side = update.get("actor2", into.actor2)
    if into.sub_event_type == "Armed clash" and into.actor1 is None and other.actor2 != side:
        # 'rebels were killed in clashes with regime troops': the dead are the other side
        update["actor1"] = other.actor2
    if update.get("actor2") is not None and update["actor2"] == into.actor1:
        del update["actor2"]
    if update.get("actor1") is not None and update["actor1"] == into.actor2:
        del update["actor1"]
    spans = [into.evidence, *into.evidence_more]
    more = list(into.evidence_more)
    for ev in (other.evidence, *other.evidence_more):
        if all((ev.start, ev.end) != (s.start, s.end) for s in spans):
            more.append(ev)
            spans.append(ev)
    update["evidence_more"] = sorted(more, key=lambda e: e.start)
    filled = into.model_copy(update=update)
    taken = {filled.actor1, filled.actor2}
    return filled.model_copy(
        update={"associated_actors": [a for a in filled.associated_actors if a not in taken]}
    )


def _fits(p: str | None, q: str | None) -> bool:
    return p is None or q is None or p == q


def _actors_agree(a: Event, b: Event, same_place: bool) -> bool:
    """Same roles, or swapped for a clash between two sides; at least one party in common,
    unless one report names no party and both are told of one place ('the battle for X,
    where rebels seized it'; 'the offensive on X ... the battle for X')."""
    ours, theirs = {a.actor1, a.actor2} - {None}, {b.actor1, b.actor2} - {None}
    if not ours & theirs and not (same_place and not (ours and theirs)):
        return False
    same = _fits(a.actor1, b.actor1) and _fits(a.actor2, b.actor2)
    swapped = a.sub_event_type == "Armed clash" and _fits(a.actor1, b.actor2)
    return same or (swapped and _fits(a.actor2, b.actor1))


def _places_agree(a: str | None, b: str | None, places: dict[str, Place]) -> bool:
    if _fits(a, b):
        return True
    p, q = places.get(a or ""), places.get(b or "")
    if p is None or q is None or p.country != q.country:
        return False
    wide = {"country", "admin1", "region"}
    return (p.feature in wide and (p.feature == "country" or p.admin1 == q.admin1)) or (
        q.feature in wide and (q.feature == "country" or q.admin1 == p.admin1)
    )


def _range(e: Event) -> tuple[date, date] | None:
    if e.date is None:
        return None
    start = date.fromisoformat(e.date)
    end = date.fromisoformat(e.date_end) if e.date_end else None
    return start, end or start + timedelta(days=_SPAN.get(e.date_precision or "day", 0))


def _dates_agree(a: Event, b: Event) -> bool:
    ra, rb = _range(a), _range(b)
    if ra is None or rb is None:
        return True
    return ra[0] <= rb[1] and rb[0] <= ra[1]


def _coding_agrees(a: Event, b: Event, same_sentence: bool) -> bool:
    if (a.event_type, a.sub_event_type) == (b.event_type, b.sub_event_type):
        return True
    pair = {(a.event_type, a.sub_event_type), (b.event_type, b.sub_event_type)}
    return same_sentence and _GENERIC in pair and any(s in _TERRITORY for _, s in pair)


def same_happening(a: Event, b: Event, places: dict[str, Place], same_sentence: bool) -> bool:
    """Whether two reports in one article tell of the same event (see the module doc).

    Reports in different sentences must also have the same status (the fighting going on
    now is not the attack of last weekend) and agree on something known: both placed, or
    both dated.
    """
    if _one_expected_fight(a, b):
        return True
    if not (
        REALIS[a.status] == REALIS[b.status]
        and _coding_agrees(a, b, same_sentence)
        and _actors_agree(a, b, same_sentence or (a.place is not None and a.place == b.place))
        and _places_agree(a.place, b.place, places)
        and _dates_agree(a, b)
    ):
        return False
    if same_sentence:
        return True
    placed = a.place is not None and b.place is not None
    dated = a.date is not None and b.date is not None
    return a.status == b.status and (placed or dated)


def _one_expected_fight(a: Event, b: Event) -> bool:
    """Two expected fights of one article whose parties do not clash: the offensive that
    looms, told again ('an offensive is expected ... the army would advance from Qara ...
    an assault could push refugees into Lebanon'). A report rarely expects two."""
    return (
        a.status == b.status == "anticipated"
        and a.event_type == b.event_type == "Battles"
        and _fits(a.actor1, b.actor1)
        and _fits(a.actor2, b.actor2)
    )


def finer_place(x: Event, y: Event, places: dict[str, Place]) -> str | None:
    """Of two reports' places that agree, the one the text ties more closely to its event
    (`geo_precision`), then the one that says more: a town over its country."""
    a, b = x.place, y.place
    if a is None or b is None:
        return a or b
    ties = (x.geo_precision or 1, y.geo_precision or 1)
    if ties[0] != ties[1]:
        return a if ties[0] < ties[1] else b
    if ties[0] > 1:
        return a  # two places merely near their triggers: neither says more
    p, q = places.get(a), places.get(b)
    if p is None or q is None:
        return a
    wide = {"country", "admin1"}
    finer = q.precision < p.precision or (p.feature in wide and q.feature not in wide)
    return b if finer else a


def _keeper(a: Event, b: Event) -> tuple[Event, Event]:
    """Which of two reports of one event gives the merged event its coding: a capture over the
    fight that led to it, else the earlier report."""
    if a.sub_event_type not in _TERRITORY and b.sub_event_type in _TERRITORY:
        return b, a
    return a, b


def _takes_back(earlier: Event, later: Event, places: dict[str, Place]) -> bool:
    """Whether a definite report ('the battle') can be the earlier event told again: same
    kind of event and mood, no party, place or date that contradicts it or that the earlier
    report lacks."""
    ours = {earlier.actor1, earlier.actor2} - {None}
    theirs = {later.actor1, later.actor2} - {None}
    if later.place not in (None, earlier.place) or (later.date and not earlier.date):
        return False  # 'the battle for Idlib last month' names its own event
    return (
        REALIS[earlier.status] == REALIS[later.status]
        and earlier.event_type == later.event_type
        and (
            later.sub_event_type == earlier.sub_event_type or later.sub_event_type == "Armed clash"
        )
        and (not theirs or theirs <= ours)
        and _places_agree(earlier.place, later.place, places)
        and _dates_agree(earlier, later)
    )


def merge_reports(
    events: list[Event],
    places: dict[str, Place],
    refers_back: set[str] | None = None,
    headline_end: int = 0,
) -> list[Event]:
    """Events of one article with the reports of one happening joined, in text order.

    An event in `refers_back` (a definite description: 'the battle', 'this offensive') joins
    the latest earlier event it can be, when nothing it says contradicts it.
    """
    back = refers_back or set()
    merged: list[Event] = []
    for event in sorted(events, key=lambda e: e.evidence.start):
        for i, kept in enumerate(merged):
            same_sentence = kept.evidence.start == event.evidence.start
            if same_happening(kept, event, places, same_sentence):
                base, other = _keeper(kept, event)
                joined = fill(base, other, headline_end)
                joined.place = finer_place(base, other, places)
                joined.geo_precision = min(base.geo_precision or 1, other.geo_precision or 1)
                if base is event:  # the first report keeps the event's place in the text
                    joined = joined.model_copy(update={"id": kept.id})
                merged[i] = joined
                break
        else:
            if event.id in back:
                earlier = [i for i, k in enumerate(merged) if _takes_back(k, event, places)]
                if earlier:
                    i = earlier[-1]
                    merged[i] = fill(merged[i], event, headline_end)
                    continue
                if not (event.actor1 or event.actor2 or event.place):
                    continue  # 'the fighting', with nothing before it to be: no event
            merged.append(event)
    return merged
