"""One canonical event from its reports: the most precise place and date, the figures the
ACLED way, and what the sources disagree on.

ACLED codes the most conservative credible fatality figure when sources differ; we do the
same and keep the range. Type, status and actors go to the reading most reports give, ties
to the most confident report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

Row = Mapping[str, Any]

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, None: 9}
_FEATURE_RANK = {
    "village": 0,
    "town": 1,
    "city": 2,
    "other": 3,
    "mountain": 3,
    "water": 3,
    "region": 4,
    "admin1": 5,
    "country": 6,
}
_STATUS_ORDER = ("occurred", "ongoing", "anticipated", "threatened")


def _vote(rows: Sequence[Row], key: Callable[[Row], Any]) -> Any:
    """The value most reports give (ties to the most confident report), None if none do."""
    values = [key(r) for r in rows]
    tally = Counter(v for v in values if v is not None)
    if not tally:
        return None
    best = max(tally.values())
    for r in sorted(rows, key=lambda r: -float(r.get("confidence") or 0)):
        if tally.get(key(r)) == best:
            return key(r)
    return None


def _best_place(rows: Sequence[Row]) -> Row | None:
    placed = [r for r in rows if r.get("place")]
    if not placed:
        return None
    tally = Counter(r["place"] for r in placed)
    return min(
        placed,
        key=lambda r: (
            r.get("geo_precision") or 3,
            _FEATURE_RANK.get(r.get("feature") or "other", 3),
            -tally[r["place"]],
            -float(r.get("confidence") or 0),
        ),
    )


def _best_date(rows: Sequence[Row]) -> Row | None:
    dated = [r for r in rows if r.get("date") and r.get("date_precision")]
    if not dated:
        return None
    tally = Counter((r["date"], r["date_precision"]) for r in dated)
    return min(
        dated,
        key=lambda r: (
            _PRECISION_RANK[r["date_precision"]],
            -tally[(r["date"], r["date_precision"])],
            r["date"],
        ),
    )


def reconcile(rows: Sequence[Row]) -> dict[str, Any]:
    """The canonical event's fields from its reports (event rows with `feature`, `lat`, `lon`)."""
    kind = _vote(rows, lambda r: (r["event_type"], r["sub_event_type"], r["plover"]))
    statuses = {r["status"] for r in rows}
    status = next(s for s in _STATUS_ORDER if s in statuses)
    where = _best_place(rows)
    when = _best_date(rows)
    figures = [r["fatalities"] for r in rows if r.get("fatalities") is not None]
    return {
        "event_type": kind[0],
        "sub_event_type": kind[1],
        "plover": kind[2],
        "mode": _vote(rows, lambda r: r.get("mode")),
        "status": status,
        "date": when["date"] if when else None,
        "date_end": when.get("date_end") if when else None,
        "date_precision": when["date_precision"] if when else None,
        "actor1": _vote(rows, lambda r: r.get("actor1")),
        "actor2": _vote(rows, lambda r: r.get("actor2")),
        "place": where["place"] if where else None,
        "lat": where.get("lat") if where else None,
        "lon": where.get("lon") if where else None,
        "geo_precision": where.get("geo_precision") if where else None,
        "fatalities": min(figures) if figures else None,
        "fatalities_min": min(figures) if figures else None,
        "fatalities_max": max(figures) if figures else None,
        "reports": len(rows),
        "articles": len({r["article_id"] for r in rows}),
    }


def disagreements(
    rows: Sequence[Row], force: Callable[[str], str] = lambda actor: actor
) -> list[tuple[str, list[Row]]]:
    """Fields the reports give differently: ('fatalities'|'date'|'actor1', the rows that say
    something about it), only where two reports give two values. Dates count only for what
    happened on a given day (an ongoing state is dated by the day it was reported); doers
    differ only when they are different forces (`force` maps an actor id to its force)."""
    out = []
    figures = [r for r in rows if r.get("fatalities") is not None]
    if len({r["fatalities"] for r in figures}) > 1:
        out.append(("fatalities", figures))
    days = [
        r
        for r in rows
        if r.get("date") and r.get("date_precision") == "day" and r.get("status") == "occurred"
    ]
    if len({r["date"] for r in days}) > 1:
        out.append(("date", days))
    doers = [r for r in rows if r.get("actor1")]
    if len({force(r["actor1"]) for r in doers}) > 1:
        out.append(("actor1", doers))
    return out
