"""The hand-coded events, quotes and claims (tests/gold/events/*.json) are well-formed.

bench/events.py scores sitroom against these files, so every anchor must find the words it
names (the occurrence asked for, in the normalised text of an article that exists) and every
coded value must be one the contract allows (format and rules: tests/gold/EVENTS.md).
"""

from __future__ import annotations

import json
import math
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, get_args

import pytest

from sitroom.ingest import normalise, read_paths
from sitroom.model import ACLED_TYPES, DatePrecision, Document, EventStatus, PloverType
from tests.conftest import EXAMPLES, SEEDS

GOLD = Path(__file__).resolve().parent / "gold" / "events"
GOLD_FILES = sorted(GOLD.glob("*.json"))
STATUSES = set(get_args(EventStatus))
PRECISIONS = set(get_args(DatePrecision))
PLOVER_TYPES = set(get_args(PloverType))
EVENT_KEYS = {
    "anchor",
    "also",
    "event_type",
    "sub_event_type",
    "plover",
    "mode",
    "status",
    "actor1",
    "actor2",
    "associated_actors",
    "place",
    "place_alt",
    "date",
    "date_end",
    "date_precision",
    "fatalities",
    "note",
}
QUOTE_KEYS = {"anchor", "speaker", "direct", "note"}
CLAIM_KEYS = {"anchor", "value", "unit", "subject", "hedge", "note"}


@cache
def _examples() -> dict[str, str]:
    """Normalised text of every bundled example by article id (sidecars, RSS items, HTML)."""
    return {d.id: normalise(d.text) for d in read_paths([EXAMPLES]) if isinstance(d, Document)}


def _text(stem: str) -> str:
    """The normalised text of the article a gold file codes: an example, else a seed."""
    if stem in _examples():
        return _examples()[stem]
    path = SEEDS / f"{stem}.txt"
    assert SEEDS.is_dir(), f"{stem}: not an example, and the seeds are missing: {SEEDS}"
    assert path.is_file(), f"{stem}: no such article in examples/ or {SEEDS}"
    docs = [d for d in read_paths([path]) if isinstance(d, Document)]
    assert len(docs) == 1, f"{path} does not read as one article"
    return normalise(docs[0].text)


def _load(path: Path) -> tuple[dict, str]:
    return json.loads(path.read_text(encoding="utf-8")), _text(path.stem)


def _occurrences(text: str, phrase: str) -> int:
    count, at = 0, text.find(phrase)
    while at >= 0:
        count += 1
        at = text.find(phrase, at + 1)
    return count


def _anchor_problem(text: str, anchor: Any) -> str | None:
    """Why an anchor does not name one place of the text, or None when it does."""
    if not isinstance(anchor, str) or not anchor.strip():
        return f"{anchor!r}: not a phrase"
    phrase, index = anchor, None
    head, sep, tail = anchor.rpartition("#")
    if sep and tail.isdigit():
        phrase, index = head, int(tail)
    if phrase != phrase.strip():
        return f"{anchor!r}: spaces around the phrase"
    found = _occurrences(text, phrase)
    if found == 0:
        return f"{anchor!r}: not in the text"
    if index is None and found > 1:
        return f"{anchor!r}: occurs {found} times; write {phrase}#i"
    if index is not None and index >= found:
        return f"{anchor!r}: occurrence {index} asked, the text has {found}"
    return None


def _is_iso(value: Any) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return len(value) == 10


def _opt_str(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == value and bool(value))


def test_there_is_event_gold() -> None:
    assert GOLD_FILES, f"no gold files in {GOLD}"


def test_gold_covers_both_seeds() -> None:
    assert SEEDS.is_dir(), f"the seeds are missing: {SEEDS}"
    assert {p.stem for p in SEEDS.glob("*.txt")} <= {p.stem for p in GOLD_FILES}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_names_an_existing_article(path: Path) -> None:
    gold, text = _load(path)
    assert text
    assert gold.get("article_id") == path.stem
    assert gold.get("published") is None or _is_iso(gold["published"]), gold.get("published")
    assert set(gold) <= {"article_id", "published", "aliases", "events", "quotes", "claims", "note"}
    for field in ("events", "quotes", "claims"):
        assert isinstance(gold.get(field, []), list), field
    aliases = gold.get("aliases", {})
    assert isinstance(aliases, dict)
    for name, others in aliases.items():
        assert _opt_str(name) and name, name
        assert isinstance(others, list) and all(_opt_str(o) and o for o in others), name


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_every_anchor_resolves(path: Path) -> None:
    gold, text = _load(path)
    anchors = [a for e in gold.get("events", []) for a in [e.get("anchor"), *e.get("also", [])]]
    anchors += [q.get("anchor") for q in gold.get("quotes", [])]
    anchors += [c.get("anchor") for c in gold.get("claims", [])]
    problems = [p for p in (_anchor_problem(text, a) for a in anchors) if p]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_events_are_coded_with_contract_values(path: Path) -> None:
    gold, _ = _load(path)
    problems = []
    for e in gold.get("events", []):
        where = repr(e.get("anchor"))
        if set(e) - EVENT_KEYS:
            problems.append(f"{where}: unknown fields {sorted(set(e) - EVENT_KEYS)}")
        if e.get("sub_event_type") not in ACLED_TYPES.get(e.get("event_type"), ()):
            problems.append(f"{where}: {e.get('event_type')!r} / {e.get('sub_event_type')!r}")
        if e.get("plover") not in PLOVER_TYPES:
            problems.append(f"{where}: PLOVER {e.get('plover')!r}")
        if e.get("status") not in STATUSES:
            problems.append(f"{where}: status {e.get('status')!r}")
        for name in ("mode", "actor1", "actor2", "place"):
            if not _opt_str(e.get(name)):
                problems.append(f"{where}: {name} {e.get(name)!r}")
        for name in ("also", "associated_actors", "place_alt"):
            items = e.get(name, [])
            if not isinstance(items, list) or not all(_opt_str(i) and i for i in items):
                problems.append(f"{where}: {name} {items!r}")
        if e.get("place") is None and e.get("place_alt"):
            problems.append(f"{where}: place_alt without a place")
        start, end, precision = e.get("date"), e.get("date_end"), e.get("date_precision")
        if precision not in PRECISIONS | {None}:
            problems.append(f"{where}: date_precision {precision!r}")
        if start is not None and not _is_iso(start):
            problems.append(f"{where}: date {start!r} is not an ISO date")
        if end is not None and not _is_iso(end):
            problems.append(f"{where}: date_end {end!r} is not an ISO date")
        if start is None and (end is not None or precision is not None):
            problems.append(f"{where}: date_end or date_precision without a date")
        if start is not None and precision is None:
            problems.append(f"{where}: a date without a date_precision")
        if _is_iso(start) and _is_iso(end) and end < start:
            problems.append(f"{where}: date_end {end} before date {start}")
        deaths = e.get("fatalities")
        if deaths is not None and (type(deaths) is not int or deaths < 0):
            problems.append(f"{where}: fatalities {deaths!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_quotes_have_a_speaker_and_a_kind(path: Path) -> None:
    gold, _ = _load(path)
    problems = []
    for q in gold.get("quotes", []):
        where = repr(q.get("anchor"))
        if set(q) - QUOTE_KEYS:
            problems.append(f"{where}: unknown fields {sorted(set(q) - QUOTE_KEYS)}")
        if not (isinstance(q.get("speaker"), str) and q["speaker"].strip()):
            problems.append(f"{where}: speaker {q.get('speaker')!r}")
        if not isinstance(q.get("direct"), bool):
            problems.append(f"{where}: direct {q.get('direct')!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_claims_have_a_numeric_value(path: Path) -> None:
    gold, _ = _load(path)
    problems = []
    for c in gold.get("claims", []):
        where = repr(c.get("anchor"))
        if set(c) - CLAIM_KEYS:
            problems.append(f"{where}: unknown fields {sorted(set(c) - CLAIM_KEYS)}")
        value = c.get("value")
        if type(value) not in (int, float) or not math.isfinite(value):
            problems.append(f"{where}: value {value!r}")
        for name in ("unit", "subject", "hedge"):
            if not _opt_str(c.get(name)):
                problems.append(f"{where}: {name} {c.get(name)!r}")
    assert not problems, "\n".join(problems)
