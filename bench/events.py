"""Events, quotes and claims: how well sitroom finds and codes them, on four annotated corpora.

    .venv/bin/python bench/events.py [--corpus gold|plover|evloc|fakes|all] [--limit N]
                                     [--errors K] [--gold DIR] [--evloc-sentences N]

- gold: our own gold for the examples and the seeds (tests/gold/events/*.json, format and
  rules in tests/gold/EVENTS.md). Events: detection P/R (a match alone), strict P/R/F1 (a
  match with the same ACLED type, actor1 and place), and on matched pairs the accuracy of
  every coded field (ACLED type and sub-type, PLOVER type, mode, status with its confusion
  table, actors, place, date, fatalities); anticipated or threatened gold events that we
  store as occurred. Quotes (P/R, speaker, direct) and claims (P/R, unit, subject, hedge).
- plover: the PLOVER gold-standard sentences (one document each): PLOVER type of our top
  event and of any event, mode, source actor, against an always-the-majority-type baseline.
- evloc: Halterman's event-location sentences: does the event named by the record's verb
  carry the place the annotators gave (or none when they gave none), against two baselines
  over sitroom's own place mentions (the sentence's first one; the one nearest the verb).
- fakes: FA-KES's real articles: coded location, responsible actor and casualty total against
  our events' places, actor1s and fatalities, split by the article's true/fake label.

Matching rules (kept simple so every figure can be explained):
- A system event hits a gold event when its `trigger` overlaps one of the gold anchors
  (`anchor` or `also`) or, when it has no trigger, when an anchor lies inside its evidence
  span; an anchor inside one of its `evidence_more` spans also hits. Matching is one-to-one
  and greedy, preferring pairs with the same ACLED event type, then the primary anchor.
- Actors and speakers: the key (bench/actors.py:key) of the system actor's name or id equals
  the key of the gold name or one of its aliases; both null is a match. For speakers a
  leading "a"/"an" is dropped too ("a security official").
- Places: the key of the system place's name equals that of `place` or a `place_alt`, or the
  system place lies within 25 km of a place of the same record named like the gold place;
  both null is a match.
- Dates: "exact" is the same date and precision; "within precision" is the system date inside
  the gold window: [date, date_end] for day, widened by 3 days for week, the whole month(s)
  for month, the whole year for year.

Runs the public pipeline (`sitroom.pipeline.extract` over `prepare`d Documents, the batched
form of `extract_one`) and reads only the public record, so it keeps working while the stages
change; `trigger` and `evidence_more` are read when present. Prints figures, the most
frequent errors of each section and timings; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from actors import (
    FAKES,
    ROOT,
    SEEDS,
    SHARED,
    Score,
    fakes_actor_patterns,
    fakes_rows,
    key,
    offset_map,
    overlaps,
)

EXAMPLES = ROOT / "examples"
GOLD_EVENTS = ROOT / "tests" / "gold" / "events"
PLOVER = SHARED / "dev-data" / "plover" / "gsr-dev.jsonl"
EVLOC = SHARED / "dev-data" / "event-location" / "event-location-dev.jsonl"
FAKES_PLACES = ROOT / "bench" / "data" / "events_fakes_places.json"

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
NEAR_KM = 25.0

Span = tuple[int, int]


# --- small helpers -------------------------------------------------------------------------


def pct(n: int | float, d: int | float) -> str:
    return f"{n / d:6.1%} ({n}/{d})" if d else "   n/a (0/0)"


def span_of(value: Any) -> Span | None:
    """(start, end) of an Evidence, a dict with start/end, or a [start, end] pair."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return int(value[0]), int(value[1])
    if isinstance(value, dict):
        return int(value["start"]), int(value["end"])
    start, end = getattr(value, "start", None), getattr(value, "end", None)
    return (int(start), int(end)) if start is not None and end is not None else None


def trigger_of(event: Any) -> Span | None:
    return span_of(getattr(event, "trigger", None))


def more_of(event: Any) -> list[Span]:
    return [s for s in (span_of(m) for m in getattr(event, "evidence_more", None) or []) if s]


def inside(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def text_span(text: str, phrase: str, near: Span) -> Span | None:
    """Where `phrase` stands in the text: inside `near` first, else its first occurrence."""
    if not phrase:
        return None
    at = text.find(phrase, near[0], max(near[1], near[0] + len(phrase)))
    if at < 0:
        at = text.find(phrase)
    return (at, at + len(phrase)) if at >= 0 else None


def resolve_anchor(text: str, anchor: str) -> Span | None:
    """`phrase#i` -> the span of the i-th occurrence (from 0) of phrase in text, or None."""
    phrase, index = anchor, 0
    head, sep, tail = anchor.rpartition("#")
    if sep and tail.isdigit():
        phrase, index = head, int(tail)
    at = -1
    for _ in range(index + 1):
        at = text.find(phrase, at + 1)
        if at < 0:
            return None
    return at, at + len(phrase)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def short(text: str | None, n: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def run_pipeline(docs: Iterable) -> dict[str, Any]:
    """Records by article id for Documents, through sitroom's full pipeline."""
    from sitroom.pipeline import ExtractionError, extract, prepare

    out = {}
    for outcome in extract(prepare(d) for d in docs):
        if isinstance(outcome, ExtractionError):
            print(f"  ! {outcome}", file=sys.stderr)
        else:
            out[outcome.article.id] = outcome
    return out


@dataclass
class Acc:
    """Accuracy counts of one field, with the most frequent (gold -> system) errors."""

    ok: int = 0
    n: int = 0
    errors: Counter = field(default_factory=Counter)
    example: dict[str, str] = field(default_factory=dict)

    def add(self, good: bool, gold: Any = None, pred: Any = None, where: str = "") -> None:
        self.n += 1
        self.ok += int(good)
        if not good:
            pattern = f"{gold!s} -> {pred!s}"
            self.errors[pattern] += 1
            self.example.setdefault(pattern, where.strip())

    def row(self, label: str) -> str:
        return f"  {label:39} {pct(self.ok, self.n)}"


def show(title: str, counter: Counter, top: int, example: dict[str, str] | None = None) -> None:
    """The `top` most frequent labels of a counter, each with its first example if given."""
    if not counter or top <= 0:
        return
    print(f"  {title}:")
    for label, n in counter.most_common(top):
        eg = (example or {}).get(label)
        print(f"    {n:4}  {label}" + (f"   e.g. {eg}" if eg else ""))


def show_acc(title: str, acc: Acc, top: int) -> None:
    show(title, acc.errors, top, acc.example)


TIMINGS: list[tuple[str, float, int, str]] = []


# --- gold ----------------------------------------------------------------------------------


class Names:
    """Gold names and their aliases as key sets, resolving system ids to names."""

    def __init__(self, aliases: dict[str, list[str]], record: Any) -> None:
        self.aliases = {key(k): {key(k), *(key(a) for a in v)} for k, v in aliases.items()}
        self.actors = {a.id: a.name for a in record.actors}
        self.people = {p.id: p.name for p in record.people}
        self.places = {p.id: p for p in record.places}

    def keys(self, gold: str | None) -> set[str]:
        return self.aliases.get(key(gold), {key(gold)}) if gold else set()

    def name(self, sys_id: str | None) -> str | None:
        if sys_id is None:
            return None
        return self.actors.get(sys_id) or self.people.get(sys_id) or sys_id

    def same_actor(self, sys_id: str | None, gold: str | None) -> bool:
        if sys_id is None or gold is None:
            return sys_id is None and gold is None
        wanted = self.keys(gold)
        return bool({key(self.name(sys_id)), key(sys_id.replace("-", " "))} & wanted)

    def same_speaker(self, sys_id: str | None, gold: str | None) -> bool:
        """As same_actor, and a leading 'a'/'an' is no difference ('a security official')."""
        if self.same_actor(sys_id, gold):
            return True
        if sys_id is None or gold is None:
            return False

        def bare(k: str) -> str:
            return k.split(" ", 1)[1] if k.split(" ", 1)[0] in ("a", "an") and " " in k else k

        wanted = {bare(k) for k in self.keys(gold)}
        return bool({bare(key(self.name(sys_id))), bare(key(sys_id.replace("-", " ")))} & wanted)

    def same_place(self, sys_id: str | None, gold: str | None, alts: list[str]) -> bool:
        if sys_id is None or gold is None:
            return sys_id is None and gold is None
        place = self.places.get(sys_id)
        if place is None:
            return False
        wanted = {key(n) for n in [gold, *alts]}
        if key(place.name) in wanted:
            return True
        if place.lat is None or place.lon is None:
            return False
        refs = [p for p in self.places.values() if key(p.name) in wanted and p.lat is not None]
        return any(km(place.lat, place.lon, p.lat, p.lon) <= NEAR_KM for p in refs)

    def place_name(self, sys_id: str | None) -> str | None:
        place = self.places.get(sys_id) if sys_id else None
        return place.name if place else sys_id


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def date_window(g: dict) -> tuple[date, date] | None:
    start = _date(g.get("date"))
    if start is None:
        return None
    end = _date(g.get("date_end")) or start
    precision = g.get("date_precision") or "day"
    if precision == "week":
        return start - timedelta(days=3), end + timedelta(days=3)
    if precision == "month":
        last = (end.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return start.replace(day=1), last
    if precision == "year":
        return start.replace(month=1, day=1), end.replace(month=12, day=31)
    return start, end


def hits(event: Any, anchor: Span, evidence_ok: bool = True) -> bool:
    """Whether a system event covers a gold anchor (see the module's matching rules)."""
    trig = trigger_of(event)
    if trig is not None:
        if overlaps(trig, anchor):
            return True
    elif evidence_ok and inside(anchor, span_of(event.evidence)):
        return True
    return any(inside(anchor, m) for m in more_of(event))


def greedy(cands: list[tuple[tuple, int, int]]) -> dict[int, int]:
    """One-to-one matching: candidates (priority, gold index, system index), best first."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, si in sorted(cands, key=lambda c: c[0], reverse=True):
        if gi in pairs or si in used:
            continue
        pairs[gi] = si
        used.add(si)
    return pairs


def load_gold(gold_dir: Path, limit: int | None) -> dict[str, dict]:
    golds = {}
    for path in sorted(gold_dir.glob("*.json")):
        try:
            golds[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            print(f"  ! {path.name}: not JSON: {exc}")
    items = list(golds.items())[:limit] if limit else list(golds.items())
    return dict(items)


def gold_documents(stems: Iterable[str]) -> dict[str, Any]:
    """The Documents the gold files code: examples (with sidecars, RSS items, HTML) and seeds."""
    from sitroom.ingest import read_paths

    wanted = set(stems)
    folders = [p for p in (EXAMPLES, SEEDS) if p.is_dir()]
    return {
        d.id: d
        for d in read_paths(folders)
        if getattr(d, "id", None) in wanted and hasattr(d, "text")
    }


@dataclass
class GoldTally:
    detect: Score = field(default_factory=Score)
    strict: Score = field(default_factory=Score)
    touched: Score = field(default_factory=Score)
    fields: dict[str, Acc] = field(default_factory=lambda: defaultdict(Acc))
    status_conf: Counter = field(default_factory=Counter)
    missed: Counter = field(default_factory=Counter)
    missed_types: Counter = field(default_factory=Counter)
    false: Counter = field(default_factory=Counter)
    false_types: Counter = field(default_factory=Counter)
    duplicates: int = 0
    future_as_occurred: int = 0
    future_matched: int = 0
    future_touched_occurred: int = 0
    future_n: int = 0
    quotes: Score = field(default_factory=Score)
    claims: Score = field(default_factory=Score)
    quote_missed: Counter = field(default_factory=Counter)
    quote_false: Counter = field(default_factory=Counter)
    claim_missed: Counter = field(default_factory=Counter)
    claim_false: Counter = field(default_factory=Counter)
    unresolved: list[str] = field(default_factory=list)
    rows: list[str] = field(default_factory=list)


def score_events(stem: str, gold: dict, record: Any, t: GoldTally) -> tuple[int, int, int, int]:
    text = record.article.text
    names = Names(gold.get("aliases") or {}, record)
    g_events = gold.get("events") or []
    s_events = list(record.events)
    anchors: list[list[Span]] = []  # per gold event: its anchor (first when found), then also
    primary: list[Span | None] = []
    for g in g_events:
        spans = []
        for a in [g.get("anchor"), *(g.get("also") or [])]:
            s = resolve_anchor(text, a) if a else None
            if s is None:
                t.unresolved.append(f"{stem}: event anchor {a!r}")
            else:
                spans.append(s)
        anchors.append(spans)
        primary.append(resolve_anchor(text, g["anchor"]) if g.get("anchor") else None)

    cands = []
    for gi, g in enumerate(g_events):
        for si, s in enumerate(s_events):
            hit = [a for a in anchors[gi] if hits(s, a)]
            if hit:
                prio = (
                    s.event_type == g.get("event_type"),
                    primary[gi] in hit,
                    trigger_of(s) is not None,
                )
                cands.append((prio, gi, si))
    pairs = greedy(cands)
    touched_sys = {si for _, _, si in cands}
    t.duplicates += len(touched_sys) - len(pairs)

    strict = 0
    f = t.fields
    for gi, si in pairs.items():
        g, s = g_events[gi], s_events[si]
        where = f"  [{stem[:24]}: {g.get('anchor')!r}]"
        same_type = s.event_type == g.get("event_type")
        a1 = names.same_actor(s.actor1, g.get("actor1"))
        pl = names.same_place(s.place, g.get("place"), g.get("place_alt") or [])
        strict += int(same_type and a1 and pl)
        f["ACLED event_type"].add(same_type, g.get("event_type"), s.event_type, where)
        f["ACLED sub_event_type"].add(
            s.sub_event_type == g.get("sub_event_type"),
            g.get("sub_event_type"),
            s.sub_event_type,
            where,
        )
        f["PLOVER type"].add(s.plover == g.get("plover"), g.get("plover"), s.plover, where)
        f["mode"].add(
            key(s.mode) == key(g.get("mode")), g.get("mode"), getattr(s, "mode", None), where
        )
        f["status"].add(s.status == g.get("status"), g.get("status"), s.status, where)
        t.status_conf[(g.get("status"), s.status)] += 1
        f["actor1"].add(a1, g.get("actor1"), names.name(s.actor1), where)
        f["actor2"].add(
            names.same_actor(s.actor2, g.get("actor2")),
            g.get("actor2"),
            names.name(s.actor2),
            where,
        )
        f["place"].add(pl, g.get("place"), names.place_name(s.place), where)
        g_date = (g.get("date"), g.get("date_precision"))
        s_date = (s.date, s.date_precision)
        f["date (same date and precision)"].add(g_date == s_date, g_date, s_date, where)
        window = date_window(g)
        sd = _date(s.date)
        within = sd is None if window is None else sd is not None and window[0] <= sd <= window[1]
        f["date (within precision)"].add(within, g_date, s_date, where)
        f["fatalities"].add(
            s.fatalities == g.get("fatalities"), g.get("fatalities"), s.fatalities, where
        )
        if g.get("status") in ("anticipated", "threatened"):
            t.future_matched += 1
            t.future_as_occurred += int(s.status == "occurred")

    for gi, g in enumerate(g_events):
        if g.get("status") in ("anticipated", "threatened"):
            t.future_n += 1
            t.future_touched_occurred += int(
                any(
                    s.status == "occurred" and any(hits(s, a) for a in anchors[gi])
                    for s in s_events
                )
            )
        if gi not in pairs:
            t.missed[f"{g.get('sub_event_type')} {g.get('anchor')!r}  [{stem[:24]}]"] += 1
            t.missed_types[f"{g.get('event_type')} / {g.get('sub_event_type')}"] += 1
    matched_sys = set(pairs.values())
    for si, s in enumerate(s_events):
        if si in matched_sys:
            continue
        trig = trigger_of(s)
        words = text[trig[0] : trig[1]] if trig else s.evidence.text
        kind = "duplicate" if si in touched_sys else "no gold"
        t.false[f"{s.sub_event_type} ({s.status}, {kind}): {short(words)!r}  [{stem[:24]}]"] += 1
        t.false_types[f"{s.event_type} / {s.sub_event_type} ({kind})"] += 1

    n_match = len(pairs)
    t.detect.add(n_match, len(s_events), n_match, len(g_events))
    t.strict.add(strict, len(s_events), strict, len(g_events))
    touched = len(touched_sys)
    gold_touched = len({gi for _, gi, _ in cands})
    t.touched.add(touched, len(s_events), gold_touched, len(g_events))
    return len(g_events), len(s_events), n_match, strict


def score_quotes(stem: str, gold: dict, record: Any, t: GoldTally) -> tuple[int, int, int]:
    text = record.article.text
    names = Names(gold.get("aliases") or {}, record)
    g_quotes = gold.get("quotes") or []
    s_quotes = list(record.quotes)
    spans = []
    for q in s_quotes:
        ev = span_of(q.evidence)
        spans.append((ev, text_span(text, q.text, ev)))
    cands = []
    for gi, g in enumerate(g_quotes):
        a = resolve_anchor(text, g.get("anchor") or "")
        if a is None:
            t.unresolved.append(f"{stem}: quote anchor {g.get('anchor')!r}")
            continue
        for si, (ev, ts) in enumerate(spans):
            in_text = ts is not None and inside(a, ts)
            if in_text or inside(a, ev):
                cands.append(((in_text,), gi, si))
    pairs = greedy(cands)
    for gi, si in pairs.items():
        g, q = g_quotes[gi], s_quotes[si]
        where = f"  [{stem[:24]}: {g.get('anchor')!r}]"
        t.fields["quote speaker"].add(
            names.same_speaker(q.speaker, g.get("speaker")),
            g.get("speaker"),
            names.name(q.speaker),
            where,
        )
        t.fields["quote direct"].add(q.direct == g.get("direct"), g.get("direct"), q.direct, where)
    for gi, g in enumerate(g_quotes):
        if gi not in pairs:
            t.quote_missed[f"{g.get('speaker')}: {g.get('anchor')!r}  [{stem[:24]}]"] += 1
    used = set(pairs.values())
    for si, q in enumerate(s_quotes):
        if si not in used:
            t.quote_false[f"{names.name(q.speaker)}: {short(q.text)!r}  [{stem[:24]}]"] += 1
    t.quotes.add(len(pairs), len(s_quotes), len(pairs), len(g_quotes))
    return len(g_quotes), len(s_quotes), len(pairs)


def _unit_ok(a: str | None, b: str | None) -> bool:
    """Loose unit equality: same key, or the same head noun ('Hezbollah fighters', 'fighters')."""
    ka, kb = key(a).rstrip("s"), key(b).rstrip("s")
    return ka == kb or ka.endswith(" " + kb) or kb.endswith(" " + ka)


def score_claims(stem: str, gold: dict, record: Any, t: GoldTally) -> tuple[int, int, int]:
    text = record.article.text
    names = Names(gold.get("aliases") or {}, record)
    g_claims = gold.get("claims") or []
    s_claims = list(record.claims)
    spans = []
    for c in s_claims:
        ev = span_of(c.evidence)
        spans.append((ev, text_span(text, c.text, ev)))
    cands = []
    for gi, g in enumerate(g_claims):
        a = resolve_anchor(text, g.get("anchor") or "")
        if a is None:
            t.unresolved.append(f"{stem}: claim anchor {g.get('anchor')!r}")
            continue
        for si, (ev, ts) in enumerate(spans):
            on_text = ts is not None and overlaps(a, ts)
            same_value = g.get("value") is not None and float(s_claims[si].value) == float(
                g["value"]
            )
            if same_value and (on_text or overlaps(a, ev)):
                cands.append(((on_text,), gi, si))
    pairs = greedy(cands)
    for gi, si in pairs.items():
        g, c = g_claims[gi], s_claims[si]
        where = f"  [{stem[:24]}: {g.get('anchor')!r}]"
        t.fields["claim unit (loose)"].add(
            _unit_ok(c.unit, g.get("unit")), g.get("unit"), c.unit, where
        )
        subj_ok = (c.subject is None and g.get("subject") is None) or (
            c.subject is not None
            and g.get("subject") is not None
            and (
                key(c.subject) in names.keys(g["subject"])
                or names.same_actor(c.subject, g["subject"])
            )
        )
        t.fields["claim subject"].add(subj_ok, g.get("subject"), c.subject, where)
        t.fields["claim hedge"].add(
            key(c.hedge) == key(g.get("hedge")), g.get("hedge"), c.hedge, where
        )
    for gi, g in enumerate(g_claims):
        if gi not in pairs:
            t.claim_missed[
                f"{g.get('value')} {g.get('unit')}: {g.get('anchor')!r}  [{stem[:24]}]"
            ] += 1
    used = set(pairs.values())
    for si, c in enumerate(s_claims):
        if si not in used:
            t.claim_false[f"{c.value:g} {c.unit}: {short(c.text)!r}  [{stem[:24]}]"] += 1
    t.claims.add(len(pairs), len(s_claims), len(pairs), len(g_claims))
    return len(g_claims), len(s_claims), len(pairs)


def bench_gold(top: int, limit: int | None, gold_dir: Path) -> None:
    where = gold_dir.relative_to(ROOT) if gold_dir.is_relative_to(ROOT) else gold_dir
    print(f"== gold (ours: {where}) ==")
    golds = load_gold(gold_dir, limit) if gold_dir.is_dir() else {}
    if not golds:
        print(f"  no gold files in {gold_dir}: nothing to score")
        return
    start = time.perf_counter()
    docs = gold_documents(golds)
    for stem in golds:
        if stem not in docs:
            print(f"  ! {stem}: no such article in examples/ or {SEEDS}")
    records = run_pipeline(docs[s] for s in golds if s in docs)
    elapsed = time.perf_counter() - start

    t = GoldTally()
    head = f"{'events g/s/match/strict':>24}  {'quotes g/s/m':>13}  {'claims g/s/m':>13}"
    print(f"  {'article':44} {head}")
    for stem, gold in golds.items():
        record = records.get(stem)
        if record is None:
            continue
        if gold.get("article_id") not in (None, stem):
            print(f"  ! {stem}: article_id {gold.get('article_id')!r} differs from the file name")
        ev = score_events(stem, gold, record, t)
        qu = score_quotes(stem, gold, record, t)
        cl = score_claims(stem, gold, record, t)
        print(
            f"  {stem[:44]:44} {'/'.join(map(str, ev)):>24}  {'/'.join(map(str, qu)):>13}  "
            f"{'/'.join(map(str, cl)):>13}"
        )
    scoring = time.perf_counter() - start - elapsed
    TIMINGS.append(("gold", elapsed, len(records), "articles"))

    print(f"  {len(records)} articles, {elapsed:.1f} s extraction, {scoring:.2f} s scoring")
    print(t.detect.row("events: detection (match alone)"))
    print(t.strict.row("events: strict (type + actor1 + place)"))
    print(t.touched.row("events: any overlap (not one-to-one)"))
    print(f"  system events that hit an already matched gold event (duplicates): {t.duplicates}")
    print("  on matched pairs:")
    for name in (
        "ACLED event_type",
        "ACLED sub_event_type",
        "PLOVER type",
        "mode",
        "status",
        "actor1",
        "actor2",
        "place",
        "date (same date and precision)",
        "date (within precision)",
        "fatalities",
    ):
        print("  " + t.fields[name].row(name))
    print(
        f"  anticipated/threatened gold events stored as occurred: {t.future_as_occurred} of "
        f"{t.future_matched} matched ({t.future_n} in the gold); any system event on their "
        f"anchors with status occurred: {t.future_touched_occurred}"
    )
    statuses = ["occurred", "ongoing", "anticipated", "threatened"]
    print("  status confusion (rows gold, columns system, matched pairs):")
    print("    " + " " * 12 + "".join(f"{s:>12}" for s in statuses))
    for g in statuses:
        print("    " + f"{g:12}" + "".join(f"{t.status_conf[(g, s)]:12}" for s in statuses))
    print(t.quotes.row("quotes"))
    print("  " + t.fields["quote speaker"].row("quote speaker (matched)"))
    print("  " + t.fields["quote direct"].row("quote direct (matched)"))
    print(t.claims.row("claims (anchor overlap + same value)"))
    for name in ("claim unit (loose)", "claim subject", "claim hedge"):
        print("  " + t.fields[name].row(name + " (matched)"))
    if t.unresolved:
        print(f"  ! {len(t.unresolved)} anchors not found (see tests/test_gold_events.py):")
        for line in t.unresolved[:top]:
            print(f"    {line}")
    show("missed gold events by type", t.missed_types, top)
    show("missed gold events", t.missed, top)
    show("unmatched system events by type", t.false_types, top)
    show("unmatched system events", t.false, top)
    for name in (
        "ACLED sub_event_type",
        "PLOVER type",
        "status",
        "actor1",
        "actor2",
        "place",
        "date (within precision)",
        "fatalities",
        "mode",
        "quote speaker",
        "claim unit (loose)",
        "claim subject",
        "claim hedge",
    ):
        show_acc(f"{name} errors (gold -> system)", t.fields[name], top)
    show("missed quotes", t.quote_missed, top)
    show("unmatched system quotes", t.quote_false, top)
    show("missed claims", t.claim_missed, top)
    show("unmatched system claims", t.claim_false, top)


# --- PLOVER --------------------------------------------------------------------------------


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _occurrences(text: str, phrase: str) -> list[Span]:
    out, at = [], text.find(phrase) if phrase else -1
    while at >= 0:
        out.append((at, at + len(phrase)))
        at = text.find(phrase, at + 1)
    return out


def top_event(events: list) -> Any:
    return max(events, key=lambda e: e.confidence) if events else None


def bench_plover(top: int, limit: int | None) -> None:
    from sitroom.model import Document

    print("== PLOVER gold-standard sentences (one document each) ==")
    rows = _read_jsonl(PLOVER)[:limit] if limit else _read_jsonl(PLOVER)
    start = time.perf_counter()
    records = run_pipeline(Document(id=r["id"], text=r["text"]) for r in rows)
    elapsed = time.perf_counter() - start
    TIMINGS.append(("plover", elapsed, len(records), "sentences"))

    n = len(rows)
    with_event = top_ok = any_ok = 0
    mode, source, source_ev = Acc(), Acc(), Acc()
    confusion: Counter = Counter()
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    produced: Counter = Counter()
    for r in rows:
        record = records.get(r["id"])
        events = list(record.events) if record else []
        best = top_event(events)
        gold = r["plover"]
        per_type[gold][0] += 1
        if best is not None:
            with_event += 1
            per_type[gold][1] += 1
            produced[best.plover] += 1
        hit = best is not None and best.plover == gold
        top_ok += hit
        per_type[gold][2] += hit
        any_ok += any(e.plover == gold for e in events)
        if best is not None and not hit:
            confusion[f"{gold} -> {best.plover}"] += 1
        if r.get("mode"):
            got = getattr(best, "mode", None) if best else None
            mode.add(key(got) == key(r["mode"]), r["mode"], got, f"  [{r['id']}]")
        sources = r["source"] if isinstance(r.get("source"), list) else []
        sources = [s for s in sources if s.get("actorText")]
        if sources:
            text = record.article.text if record else r["text"]
            actor = None
            if best is not None and best.actor1 and record is not None:
                actor = next((a for a in record.actors if a.id == best.actor1), None)
            ok = False
            if actor is not None:
                gold_spans = [o for s in sources for o in _occurrences(text, s["actorText"])]
                gold_keys = {key(s["actorText"]) for s in sources}
                ok = any(overlaps(tuple(m), g) for m in actor.mentions for g in gold_spans) or bool(
                    {key(actor.name), key(actor.id.replace("-", " "))} & gold_keys
                )
            label = actor.name if actor else (best.actor1 if best else "(no event)")
            gold_names = " / ".join(s["actorText"] for s in sources)
            source.add(ok, gold_names, label or "(no actor1)", f"  [{r['id']}]")
            if best is not None:
                source_ev.add(ok)

    majority, m_n = Counter(r["plover"] for r in rows).most_common(1)[0]
    print(f"  {n} sentences, {elapsed:.1f} s")
    print(f"  sentences with any event                {pct(with_event, n)}")
    print(f"  PLOVER type of the top event            {pct(top_ok, n)}")
    print(f"  PLOVER type of any event                {pct(any_ok, n)}")
    print(f"  top event type, where we found one      {pct(top_ok, with_event)}")
    print(f"  {'baseline: always ' + majority:40}{pct(m_n, n)}")
    print(mode.row("mode of the top event (gold has one)"))
    print(source.row("source actor = top event's actor1"))
    print(source_ev.row("  the same, where we found an event"))
    print("  per gold type: n, with event, top type right")
    for gold, (k, ev, ok) in sorted(per_type.items(), key=lambda kv: -kv[1][0]):
        print(f"    {gold:10} {k:4} {ev:4} {ok:4}  ({ok / k:5.0%})")
    show("types we produce (top event)", produced, top)
    show("type confusions where we found an event (gold -> our top event)", confusion, top)
    show_acc("mode errors (gold -> ours)", mode, top)
    show_acc("source actor errors (gold -> our actor1)", source, top)


# --- event location ------------------------------------------------------------------------


def _spans(rec: dict, label: str) -> list[Span]:
    """The record's spans of one label, by tok_char_start/end (the README's advice).

    One span lacks them (and its start/end are wrong): it is found by its text.
    """
    out = []
    for s in rec["spans"]:
        if s["label"] != label:
            continue
        if "tok_char_start" in s:
            out.append((s["tok_char_start"], s["tok_char_end"]))
        elif s.get("text") and s["text"] in rec["text"]:
            at = rec["text"].find(s["text"])
            out.append((at, at + len(s["text"])))
        else:
            out.append((s["start"], s["end"]))
    return out


def find_event(events: list, verb: Span) -> tuple[Any, str]:
    """The system event the verb names: trigger overlap first, else evidence containing it."""
    by_trigger = [e for e in events if trigger_of(e) is not None and overlaps(trigger_of(e), verb)]
    if by_trigger:
        return by_trigger[0], "trigger"
    # a verb folded into an event of its sentence ('killed' into the bombing that did it): the
    # sentence's event whose trigger is nearest the verb
    by_evidence = [e for e in events if inside(verb, span_of(e.evidence))]
    if by_evidence:
        nearest = min(by_evidence, key=lambda e: _dist(trigger_of(e) or span_of(e.evidence), verb))
        return nearest, "evidence" if len(by_evidence) == 1 else "evidence (nearest trigger)"
    return None, "none"


def _dist(a: Span, b: Span) -> int:
    return max(0, a[0] - b[1], b[0] - a[1])


def bench_evloc(top: int, limit: int | None, max_sentences: int | None) -> None:
    from sitroom.model import Document

    print("== event-location (Halterman): which place an event attaches to ==")
    recs = _read_jsonl(EVLOC)
    recs = [r for r in recs if _spans(r, "VERB")]
    if limit:
        recs = recs[:limit]
    sentences = list(dict.fromkeys(r["text"] for r in recs))
    if max_sentences and len(sentences) > max_sentences:
        keep = set(sentences[:max_sentences])
        recs = [r for r in recs if r["text"] in keep]
        print(
            f"  capped at the first {max_sentences} of {len(sentences)} distinct sentences "
            f"({len(recs)} records; --evloc-sentences 0 for all)"
        )
        sentences = sentences[:max_sentences]
    ids = {s: f"s{i}" for i, s in enumerate(sentences)}
    start = time.perf_counter()
    records = run_pipeline(Document(id=ids[s], text=s) for s in sentences)
    elapsed = time.perf_counter() - start
    TIMINGS.append(("evloc", elapsed, len(records), "sentences"))

    groups = ("all", "gold location", "gold none", "RELABEL", "RELABEL location", "RELABEL none")
    acc: dict[str, dict[str, list[int]]] = {g: defaultdict(lambda: [0, 0]) for g in groups}
    how: Counter = Counter()
    kinds: Counter = Counter()
    examples: Counter = Counter()
    missed_verbs: Counter = Counter()
    maps: dict[str, list[int]] = {}

    def tally(groups_of: list[str], name: str, good: bool) -> None:
        for g in groups_of:
            acc[g][name][0] += int(good)
            acc[g][name][1] += 1

    for r in recs:
        record = records.get(ids[r["text"]])
        if record is None:
            continue
        text = record.article.text
        verb = _spans(r, "VERB")[0]
        locs = _spans(r, "LOCATION")
        if text != r["text"]:  # normalise trimmed spaces: map the gold offsets onto our text
            if r["text"] not in maps:
                maps[r["text"]] = offset_map(r["text"], text)
            table = maps[r["text"]]
            verb, locs = (table[verb[0]], table[verb[1]]), [(table[a], table[b]) for a, b in locs]
        mine = ["all", "gold location" if locs else "gold none"]
        if r.get("source") == "RELABEL":
            mine += ["RELABEL", "RELABEL location" if locs else "RELABEL none"]

        def right(mentions: list[Span] | None, locs: list[Span] = locs) -> bool:
            if not mentions:
                return not locs
            return any(overlaps(m, g) for m in mentions for g in locs)

        event, rule = find_event(list(record.events), verb)
        how[rule] += 1
        # the question is which place the sentence ties the event to: a place found only in
        # the article's focus (a one-sentence article's most-mentioned place) is not one
        tied = event is not None and getattr(event, "place_basis", "sentence") == "sentence"
        place = next((p for p in record.places if p.id == event.place), None) if tied else None
        mentions = [tuple(m) for m in place.mentions] if place else None
        if tied and event.place and place is None:
            mentions = [(-1, -1)]  # a place id that is not in record.places: never right
        ok = right(mentions)
        tally(mine, "system (no event = no place)", ok)
        if event is not None:
            tally(mine, "system, where the event was found", ok)
        tally(mine, "event found", event is not None)
        if event is None and record.events:  # lenient: the sentence's event nearest the verb
            near = min(
                record.events,
                key=lambda e: _dist(trigger_of(e) or span_of(e.evidence), verb),
            )
            p = next((p for p in record.places if p.id == near.place), None)
            tally(
                mine,
                "lenient: else the nearest event",
                right([tuple(m) for m in p.mentions] if p else None),
            )
        else:
            tally(mine, "lenient: else the nearest event", ok)
        all_mentions = sorted(tuple(m) for p in record.places for m in p.mentions)
        first = all_mentions[:1]
        nearest = sorted(all_mentions, key=lambda m: (_dist(m, verb), m[0]))[:1]
        tally(mine, "baseline: first place mention", right(first))
        tally(mine, "baseline: nearest place mention", right(nearest))

        recognised = any(overlaps(m, g) for m in all_mentions for g in locs)
        if locs:
            tally(mine, "gold place among our place mentions", recognised)
        gold_words = ", ".join(text[a:b] for a, b in locs) or "(none)"
        verb_words = text[verb[0] : verb[1]]
        if event is None and not locs:
            continue  # counted right: nothing found, nothing wanted
        if event is None:
            others = [text[a:b] for a, b in filter(None, map(trigger_of, record.events))]
            kind = "event not found: " + (
                f"our events' triggers are elsewhere ({', '.join(others[:3])})"
                if others
                else "no event in the sentence"
            )
            missed_verbs[verb_words.lower()] += 1
        elif ok:
            continue
        elif not locs:
            kind = "a place attached where gold has none"
        elif place is None:
            kind = "no place attached; gold has one" + (
                "" if recognised else " (not among our places)"
            )
        else:
            kind = "another place attached" + (
                "; gold's is among our places" if recognised else "; gold's is not among ours"
            )
        kinds[kind.split(" (")[0] if kind.startswith("event not found: our") else kind] += 1
        label = f"{kind}: {verb_words!r} gold {gold_words!r}"
        if place is not None:
            label += f" ours {place.name!r}"
        examples[label + f"  | {short(text, 70)}"] += 1

    print(f"  {len(recs)} records, {len(sentences)} distinct sentences, {elapsed:.1f} s")
    names = [
        "event found",
        "system (no event = no place)",
        "system, where the event was found",
        "lenient: else the nearest event",
        "baseline: first place mention",
        "baseline: nearest place mention",
        "gold place among our place mentions",
    ]
    print(f"  {'':36}" + "".join(f"{g:>22}" for g in groups))
    for name in names:
        cells = []
        for g in groups:
            ok, k = acc[g][name]
            cells.append(f"{ok / k:7.1%} ({ok:4}/{k:<4})" if k else f"{'n/a':>20}")
        print(f"  {name:36}" + "".join(f"{c:>22}" for c in cells))
    print(f"  how the event was found: {dict(how)}")
    show("error kinds", kinds, top)
    show("verbs whose event we did not find", missed_verbs, top)
    show("errors", examples, top)


# --- FA-KES --------------------------------------------------------------------------------


def _fakes_date(value: str) -> date | None:
    try:
        return datetime.strptime(value.strip(), "%m/%d/%y").date()
    except ValueError:
        return None


def coded_total(row: dict) -> int:
    """FA-KES's casualty total: civilians (children and women are among them) + non-civilians.

    In 5 of 402 rows children + women exceed civilians (e.g. 2 children, 0 civilians), so the
    civilian part is the larger of the two.
    """

    def n(col: str) -> int:
        try:
            return int(float(row.get(col) or 0))
        except ValueError:
            return 0

    return max(n("nb_civilians"), n("nb_children") + n("nb_women")) + n("nb_noncivilians")


def bench_fakes(top: int, limit: int | None) -> None:
    from sitroom.model import Document

    print("== FA-KES (coded location, actor, casualties vs our events) ==")
    place_table = {
        k: {key(v) for v in vals}
        for k, vals in json.loads(FAKES_PLACES.read_text(encoding="utf-8")).items()
        if not k.startswith("_")
    }
    actor_table = fakes_actor_patterns()
    rows = fakes_rows(limit)
    docs = [
        Document(
            id=f"{i}-{r['unit_id']}",
            text=f"{r['article_title']}\n\n{r['article_content']}",
            title=r["article_title"],
            source=r.get("source") or None,
            published=_fakes_date(r.get("date", "")),
        )
        for i, r in enumerate(rows)
    ]
    start = time.perf_counter()
    records = run_pipeline(docs)
    elapsed = time.perf_counter() - start
    TIMINGS.append(("fakes", elapsed, len(records), "articles"))

    labels = {"1": "true", "0": "fake"}
    loc: dict[str, Acc] = defaultdict(Acc)
    act: dict[str, Acc] = defaultdict(Acc)
    cas: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    unmapped_loc: Counter = Counter()
    no_event = 0
    n_events = 0
    for i, row in enumerate(rows):
        record = records.get(f"{i}-{row['unit_id']}")
        if record is None:
            continue
        split = ["all", labels.get(row.get("label", "").strip(), "?")]
        places = {p.id: p for p in record.places}
        actors = {a.id: a for a in record.actors}
        events = sorted(record.events, key=lambda e: e.evidence.start)
        n_events += len(events)
        no_event += not events
        with_f = [e for e in events if e.fatalities is not None]
        deadliest = max(with_f, key=lambda e: e.fatalities) if with_f else None
        first_violent = next((e for e in events if e.event_type in VIOLENT), None)
        title = short(row["article_title"], 50)

        # location
        coded_loc = row["location"].strip().lower()
        wanted = place_table.get(coded_loc)
        if wanted is None:
            unmapped_loc[coded_loc] += 1
        else:

            def place_ok(place: Any, wanted: set[str] = wanted) -> bool:
                return place is not None and bool({key(place.name), key(place.admin1)} & wanted)

            def ev_place(e: Any, places: dict = places) -> Any:
                return places.get(e.place) if e is not None and e.place else None

            any_place = any(place_ok(p) for p in record.places)
            for s in split:
                loc[f"{s}: among our places (name or admin1)"].add(any_place)
                p = ev_place(deadliest)
                loc[f"{s}: place of our deadliest event"].add(
                    place_ok(p), coded_loc, p.name if p else "(none)", f"  [{title}]"
                )
                p = ev_place(first_violent)
                loc[f"{s}: place of our first violent event"].add(
                    place_ok(p), coded_loc, p.name if p else "(none)", f"  [{title}]"
                )

        # actor
        coded_actor = row["actor"].strip().lower()
        pats = actor_table.get(coded_actor)
        if pats:

            def actor_ok(actor_id: str | None, pats: list = pats, actors: dict = actors) -> bool:
                if not actor_id:
                    return False
                a = actors.get(actor_id)
                cands = [actor_id.replace("-", " ")] + ([a.name] if a else [])
                return any(p.search(key(n)) for n in cands for p in pats)

            def actor_name(e: Any, actors: dict = actors) -> str:
                if e is None:
                    return "(no event)"
                if not e.actor1:
                    return "(no actor1)"
                return actors[e.actor1].name if e.actor1 in actors else e.actor1

            ours = sorted({actor_name(e) for e in events if e.actor1})
            for s in split:
                act[f"{s}: among our events' actor1"].add(
                    any(actor_ok(e.actor1) for e in events),
                    coded_actor,
                    ", ".join(ours[:3]) or "(none)",
                )
                act[f"{s}: actor1 of our deadliest event"].add(
                    actor_ok(deadliest.actor1 if deadliest else None),
                    coded_actor,
                    actor_name(deadliest),
                )
                act[f"{s}: actor1 of our first violent event"].add(
                    actor_ok(first_violent.actor1 if first_violent else None),
                    coded_actor,
                    actor_name(first_violent),
                )

        # casualties
        total = coded_total(row)
        best = deadliest.fatalities if deadliest else None
        summed = [e.fatalities for e in with_f if e.status == "occurred"]
        for s in split:
            cas[s]["rows"].append((total, best, sum(summed) if summed else None, title))

    rate = len(records) / max(elapsed, 1e-9)
    print(f"  {len(records)} articles, {elapsed:.1f} s, {rate:.1f} articles/s")
    print(
        f"  events: {n_events} ({n_events / max(1, len(records)):.1f} per article); "
        f"articles with none: {pct(no_event, len(records))}"
    )
    if unmapped_loc:
        print(f"  ! coded locations with no entry in {FAKES_PLACES.name}: {dict(unmapped_loc)}")
    print("  location (coded governorate or city, by key of our place name or admin1):")
    for name, a in sorted(loc.items(), key=lambda kv: (kv[0].split(":")[1], kv[0])):
        print("  " + a.row(name))
    print("  responsible actor (articles not coded 'unknown'; bench/data/fakes_actors.json):")
    for name, a in sorted(act.items(), key=lambda kv: (kv[0].split(":")[1], kv[0])):
        print("  " + a.row(name))
    print("  casualties: coded total (civilians + non-civilians) vs ours, articles with total > 0")
    worst: list[tuple[int, str]] = []
    for s in ("all", "true", "fake"):
        rows_s = [x for x in cas[s]["rows"] if x[0] > 0]
        zero = len(cas[s]["rows"]) - len(rows_s)
        for label, idx in (("max over events", 1), ("sum over occurred", 2)):
            got = [(x[0], x[idx]) for x in rows_s if x[idx] is not None]
            exact = sum(g == o for g, o in got)
            near = sum(abs(o - g) <= 0.2 * g for g, o in got)
            med = statistics.median(abs(o - g) for g, o in got) if got else float("nan")
            print(
                f"    {s:4} {label:18} n {len(rows_s):3}  exact {pct(exact, len(rows_s))}  "
                f"within 20% {pct(near, len(rows_s))}  median abs err {med:6.1f}  "
                f"none given {pct(len(rows_s) - len(got), len(rows_s))}"
            )
        if s == "all":
            print(f"    ({zero} articles coded 0 casualties left out)")
            for g, best, _, title in rows_s:
                err = abs(best - g) if best is not None else g
                worst.append((err, f"coded {g} ours {best}  [{title}]"))
    for name, a in loc.items():
        if name.startswith("all: place of our deadliest"):
            show_acc("location errors, deadliest event (coded -> ours)", a, top)
    for name, a in act.items():
        if name.startswith("all: among"):
            show_acc("actor misses (coded -> our actor1s)", a, top)
        if name.startswith("all: actor1 of our deadliest"):
            show_acc("actor errors, deadliest event (coded -> ours)", a, top)
    print("  largest casualty errors (max over events):")
    for err, label in sorted(worst, reverse=True)[:top]:
        print(f"    {err:5}  {label}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--corpus", choices=["gold", "plover", "evloc", "fakes", "all"], default="all"
    )
    parser.add_argument(
        "--limit", type=int, default=None, help="at most N gold files, sentences, records, articles"
    )
    parser.add_argument("--errors", type=int, default=10, help="errors shown per list")
    parser.add_argument("--gold", type=Path, default=GOLD_EVENTS, help="gold folder")
    parser.add_argument(
        "--evloc-sentences",
        type=int,
        default=0,
        help="cap event-location to its first N distinct sentences (0: all)",
    )
    args = parser.parse_args()
    start = time.perf_counter()

    from sitroom.model import Document
    from sitroom.pipeline import extract_one

    extract_one(Document(id="warm-up", text="Warm-up."))
    load = time.perf_counter() - start
    want = {args.corpus} if args.corpus != "all" else {"gold", "plover", "evloc", "fakes"}
    if "gold" in want:
        bench_gold(args.errors, args.limit, args.gold.resolve())
    for name, path, func in (
        ("plover", PLOVER, lambda: bench_plover(args.errors, args.limit)),
        ("evloc", EVLOC, lambda: bench_evloc(args.errors, args.limit, args.evloc_sentences)),
        ("fakes", FAKES, lambda: bench_fakes(args.errors, args.limit)),
    ):
        if name in want:
            if path.is_file():
                func()
            else:
                print(f"== {name}: not found at {path} ==")
    print("== timings ==")
    print(f"  model load and warm-up {load:6.1f} s")
    for name, secs, n, unit in TIMINGS:
        rate = n / max(secs, 1e-9)
        print(f"  {name:8} extraction {secs:6.1f} s  {n:5} {unit}  {rate:7.1f} {unit}/s")
    print(f"  total {time.perf_counter() - start:.1f} s")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
