"""A situation report in Markdown from a dossier (`sitroom.store.briefs`): extractive only.

Every line that states something cites the words it rests on as `[article_id:start-end]`,
character offsets into the article's text, and quotes them verbatim (line breaks inside a
quote become spaces; the offsets stay those of the original text). Nothing is said that the
stored records do not say. Pure: no database, no I/O.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter, defaultdict
from datetime import date, timedelta

from sitroom.store.briefs import CanonicalEvent, ClaimItem, Dossier, QuoteItem, Report, Span
from sitroom.stories.reconcile import disagreements

MAX_EVENTS = 40
MAX_EXPECTED = 25
MAX_RELATIONS = 30
MAX_CLAIMS = 40
MAX_DISAGREEMENTS = 20
MAX_SOURCES = 100
#: A quote longer than this is cut at a word boundary (and its citation cut with it).
MAX_QUOTE = 400

HAPPENED = ("occurred", "ongoing")
_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")
EXPECTED = ("anticipated", "threatened")

#: Everything str.splitlines breaks a line at.
_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_NEWLINES = re.compile(f"[^\\S{_BREAKS}]*[{_BREAKS}]+\\s*")

_RELATION_WORDS = {
    "ally": "{a} and {b} are allies",
    "enemy": "{a} and {b} are enemies",
    "supports": "{a} supports {b}",
    "branch_of": "{a} is a branch of {b}",
    "member_of": "{a} is a member of {b}",
    "cooperates": "{a} cooperates with {b}",
    "negotiates": "{a} negotiates with {b}",
}


def one_line(text: str) -> str:
    """The text with every line break (and the spaces around it) made one space."""
    return _NEWLINES.sub(" ", text)


def cite(span: Span) -> str:
    return f"[{span.article_id}:{span.start}-{span.end}]"


def quote(span: Span) -> str:
    """The span's words in double quotes, then its citation; long spans are cut short at a
    word boundary and the citation covers exactly the words shown."""
    text = span.text
    if len(text) <= MAX_QUOTE:
        return f'"{one_line(text)}" {cite(span)}'
    cut = text.rfind(" ", 0, MAX_QUOTE)
    cut = cut if cut > MAX_QUOTE // 2 else MAX_QUOTE
    shown = text[:cut].rstrip()
    short = Span(span.article_id, span.start, span.start + len(shown), shown)
    return f'"{one_line(shown)}" {cite(short)} (quote shortened)'


# --- wording ---------------------------------------------------------------------------------


def when(day: str | None, precision: str | None, end: str | None = None) -> str:
    """A date as precise as the record says: 2015-05-04, week of 2015-05-11, May 2015, 2015."""
    if not day:
        return "undated"
    try:
        start = date.fromisoformat(day)
    except ValueError:
        return day
    if precision == "week":
        text, natural = f"week of {day}", start + timedelta(days=6)
    elif precision == "month":
        last = calendar.monthrange(start.year, start.month)[1]
        text, natural = f"{calendar.month_name[start.month]} {start.year}", start.replace(day=last)
    elif precision == "year":
        text, natural = str(start.year), date(start.year, 12, 31)
    else:
        text, natural = day, start
    if end:
        try:
            if date.fromisoformat(end) > natural:
                text += f" to {end}"
        except ValueError:
            pass
    return text


def _name(d: Dossier, some_id: str | None) -> str | None:
    if not some_id:
        return None
    return d.names.get(some_id) or some_id


def _where(d: Dossier, place: str) -> str:
    """'at Arsal'; a place described relative to another ('east of Arsal') as it is."""
    name = _name(d, place) or place
    return name if name[:1].islower() else f"at {name}"


def _outlet(source: str | None) -> str:
    return one_line(source) if source else "unnamed outlet"


def _number(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _sides(d: Dossier, ev: CanonicalEvent) -> str | None:
    """Who took part: 'A against B' where the event is violence, else 'A with B'."""
    a, b = _name(d, ev.actor1), _name(d, ev.actor2)
    hostile = ev.event_type in _VIOLENT
    if a and b:
        return f"{a} against {b}" if hostile else f"{a} with {b}"
    if a:
        return f"by {a}"
    if b:
        return f"against {b}" if hostile else f"involving {b}"
    return None


def _toll(ev: CanonicalEvent) -> str | None:
    if ev.fatalities is None:
        return None
    low = ev.fatalities_min if ev.fatalities_min is not None else ev.fatalities
    high = ev.fatalities_max if ev.fatalities_max is not None else ev.fatalities
    if high != low:
        return f"at least {ev.fatalities} killed ({low}–{high} across sources)"
    return f"{ev.fatalities} killed"


def _best_report(ev: CanonicalEvent) -> Report:
    """The report that says most of what the canonical event says, then the most confident."""

    def key(r: Report):
        agrees = sum(
            (
                r.status == ev.status,
                bool(ev.date) and r.date == ev.date,
                bool(ev.place) and r.place == ev.place,
                bool(ev.actor1) and r.actor1 == ev.actor1,
                ev.fatalities is not None and r.fatalities == ev.fatalities,
            )
        )
        return (-agrees, -r.confidence, r.published or "9999", r.article_id, r.evidence.start)

    return min(ev.reports, key=key)


def _reported_by(events: list[CanonicalEvent]) -> str:
    parts, seen = [], set()
    reports = sorted(
        (r for ev in events for r in ev.reports),
        key=lambda r: (r.published or "9999", r.article_id, r.evidence.start, r.evidence.end),
    )
    for r in reports:
        if r.evidence in seen:
            continue
        seen.add(r.evidence)
        day = f" ({r.published})" if r.published else ""
        parts.append(f"{_outlet(r.source)}{day} {cite(r.evidence)}")
    return "Reported by: " + "; ".join(parts)


def _fields(d: Dossier, ev: CanonicalEvent, *, with_date: bool = True) -> list[str]:
    fields = [when(ev.date, ev.date_precision, ev.date_end)] if with_date else []
    fields.append(f"{ev.event_type}: {ev.sub_event_type}")
    if ev.status == "ongoing":
        fields.append("ongoing")
    if ev.place:
        fields.append(_where(d, ev.place))
    sides = _sides(d, ev)
    if sides:
        fields.append(sides)
    toll = _toll(ev)
    if toll:
        fields.append(toll)
    return fields


def _event_lines(d: Dossier, group: list[CanonicalEvent], mark: str | None = None) -> list[str]:
    """One bullet per happening as the text tells it: the canonical events coded from the
    same words share it (the first is the main reading, the others are 'also coded as')."""
    main = group[0]
    fields = _fields(d, main)
    if mark:
        fields.insert(0, f"**{mark}**")
    best = _best_report(main)
    lines = [f"- {' · '.join(fields)}: {quote(best.evidence)}"]
    for other in group[1:]:
        also = _fields(d, other, with_date=other.date != main.date)
        lines.append(f"  - Also coded as: {' · '.join(also)} {cite(_best_report(other).evidence)}")
    lines.append(f"  - {_reported_by(group)}")
    return lines


def _weight(ev: CanonicalEvent):
    return (
        -len({r.article_id for r in ev.reports}),
        -(ev.fatalities or 0),
        ev.date is None,
        ev.sub_event_type == "Other",
    )


def _groups(events: list[CanonicalEvent]) -> list[list[CanonicalEvent]]:
    """Canonical events joined when a report of one and a report of the other quote the very
    same words; each group's main reading first (most articles, deadliest, dated)."""
    parent = list(range(len(events)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Span, int] = {}
    for i, ev in enumerate(events):
        for r in ev.reports:
            j = owner.setdefault(r.evidence, i)
            if j != i:
                parent[root(i)] = root(j)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(events)):
        members[root(i)].append(i)
    groups = [
        [events[i] for i in sorted(ids, key=lambda i: (_weight(events[i]), i))]
        for ids in members.values()
    ]
    groups.sort(key=lambda g: _event_order(g[0]))
    return groups


def _pick(groups: list[list[CanonicalEvent]], cap: int) -> tuple[list[list[CanonicalEvent]], int]:
    """At most `cap` happenings, the most reported (then deadliest, then dated) first;
    returned in the order given."""
    if len(groups) <= cap:
        return groups, 0
    ranked = sorted(range(len(groups)), key=lambda i: (_weight(groups[i][0]), i))
    keep = set(ranked[:cap])
    return [g for i, g in enumerate(groups) if i in keep], len(groups) - cap


def _event_order(ev: CanonicalEvent):
    return (ev.date is None, ev.date or "", ev.reports[0].published or "9999", ev.id)


# --- sections --------------------------------------------------------------------------------


def _header(d: Dossier) -> list[str]:
    if d.date_from and d.date_to and d.date_from != d.date_to:
        span = f"{d.date_from} to {d.date_to}"
    else:
        span = d.date_from or d.date_to or "undated"
    outlets = Counter(a.source for a in d.articles if a.source)
    named = ", ".join(o for o, _ in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0])))
    n = len(d.articles)
    line = f"{span} · {n} article{'s' if n != 1 else ''}"
    line += f" · outlets: {named}" if named else " · no outlet named"
    unnamed = sum(1 for a in d.articles if not a.source)
    if named and unnamed:
        line += f" (and {unnamed} without a named outlet)"
    return [f"# {one_line(d.title)}", "", line]


def _happened(d: Dossier) -> list[str]:
    events = sorted((ev for ev in d.events if ev.status in HAPPENED), key=_event_order)
    out = ["## What happened", ""]
    if not events:
        return [*out, "No event reported as having happened."]
    shown, left = _pick(_groups(events), MAX_EVENTS)
    for group in shown:
        out += _event_lines(d, group)
    if left:
        out += ["", f"({left} more event{'s' if left != 1 else ''} left out, the least reported.)"]
    return out


def _expected(d: Dossier) -> list[str]:
    events = sorted((ev for ev in d.events if ev.status in EXPECTED), key=_event_order)
    out = ["## What is expected", ""]
    if not events:
        return [*out, "No event reported as expected or threatened."]
    shown, left = _pick(_groups(events), MAX_EXPECTED)
    for group in shown:
        mark = "threatened" if group[0].status == "threatened" else "expected"
        out += _event_lines(d, group, mark)
    if left:
        out += ["", f"({left} more expected event{'s' if left != 1 else ''} left out.)"]
    return out


def _aligned(d: Dossier) -> list[str]:
    groups: dict[tuple[str, str, str], list[Span]] = defaultdict(list)
    for rel in d.relations:
        spans = groups[(rel.source, rel.kind, rel.target)]
        if rel.evidence not in spans:
            spans.append(rel.evidence)
    out = ["## Who is aligned with whom", ""]
    if not groups:
        return [*out, "No alignment stated in the text."]

    def wording(key: tuple[str, str, str]) -> str:
        source, kind, target = key
        pattern = _RELATION_WORDS.get(kind, "{a} " + kind.replace("_", " ") + " {b}")
        return pattern.format(a=_name(d, source), b=_name(d, target))

    ranked = sorted(
        groups.items(),
        key=lambda kv: (-len({s.article_id for s in kv[1]}), -len(kv[1]), wording(kv[0])),
    )
    for key, spans in ranked[:MAX_RELATIONS]:
        line = f"- {wording(key)}: {quote(spans[0])}"
        if len(spans) > 1:
            line += "; also " + ", ".join(cite(s) for s in spans[1:])
        out.append(line)
    left = len(ranked) - MAX_RELATIONS
    if left > 0:
        out += ["", f"({left} more alignment{'s' if left != 1 else ''} left out.)"]
    return out


def _speaker(d: Dossier, q: QuoteItem) -> str:
    who = _name(d, q.speaker) or "an unnamed speaker"
    if q.affiliation and q.affiliation not in who:
        who += f" ({q.affiliation})"
    return who


def _said_by(d: Dossier, claim: ClaimItem) -> str:
    """The speaker of the quote that holds the claim's words, else the outlet."""
    w = claim.words
    holding = [
        q
        for q in d.quotes
        if q.evidence.article_id == w.article_id
        and q.evidence.start <= w.start
        and w.end <= q.evidence.end
    ]
    if holding:
        best = min(
            holding,
            key=lambda q: (
                claim.text not in q.text,
                q.evidence.end - q.evidence.start,
                q.evidence.start,
            ),
        )
        return f"according to {_speaker(d, best)} {cite(best.evidence)}"
    source = next((a.source for a in d.articles if a.id == w.article_id), None)
    if source:
        return f"according to the outlet ({source})"
    return "according to the article (no outlet named)"


def _numbers(d: Dossier) -> list[str]:
    out = ["## Numbers claimed", ""]
    if not d.claims:
        return [*out, "No figure claimed."]
    for claim in d.claims[:MAX_CLAIMS]:
        figure = _number(claim.value)
        if claim.unit:
            figure += f" {claim.unit}"
        if claim.subject:
            figure += f" ({claim.subject})"
        out.append(f"- {figure}: {quote(claim.words)}, {_said_by(d, claim)}")
    left = len(d.claims) - MAX_CLAIMS
    if left > 0:
        out += ["", f"({left} more figure{'s' if left != 1 else ''} left out.)"]
    return out


def _disagree(d: Dossier) -> list[str]:
    out = ["## Where sources disagree", ""]
    lines = []
    for ev in sorted(d.events, key=_event_order):
        if len(ev.reports) < 2:
            continue
        rows = [
            {
                "fatalities": r.fatalities,
                "date": r.date,
                "date_precision": r.date_precision,
                "actor1": r.actor1,
                "status": r.status,
                "report": r,
            }
            for r in ev.reports
        ]
        what = f"{when(ev.date, ev.date_precision)} {ev.event_type}: {ev.sub_event_type}"
        if ev.place:
            what += f" {_where(d, ev.place)}"
        for name, said in disagreements(rows, force=lambda a: d.forces.get(a, a)):
            by_value: dict[object, list[Report]] = defaultdict(list)
            for row in said:
                by_value[row[name]].append(row["report"])
            sides = []
            for value, reports in by_value.items():
                shown = {
                    "fatalities": lambda v: f"{v} killed",
                    "date": lambda v: str(v),
                    "actor1": lambda v: f"by {_name(d, v)}",
                }[name](value)
                who = ", ".join(
                    f"{_outlet(r.source)}"
                    + (f" ({r.published})" if r.published else "")
                    + f" {cite(r.evidence)}"
                    for r in reports
                )
                sides.append(f"{shown} per {who}")
            label = {"fatalities": "fatalities", "date": "date", "actor1": "who acted"}[name]
            lines.append(f"- {what} — {label}: " + "; ".join(sides))
    if not lines:
        return [*out, "No disagreement between reports of the same event."]
    out += lines[:MAX_DISAGREEMENTS]
    left = len(lines) - MAX_DISAGREEMENTS
    if left > 0:
        out += ["", f"({left} more disagreement{'s' if left != 1 else ''} left out.)"]
    return out


def _sources(d: Dossier) -> list[str]:
    out = ["## Sources", ""]
    for a in d.articles[:MAX_SOURCES]:
        title = one_line(a.title) if a.title else "untitled"
        out.append(f"- `{a.id}`: {title} — {_outlet(a.source)}, {a.published or 'undated'}")
    left = len(d.articles) - MAX_SOURCES
    if left > 0:
        out += ["", f"({left} more article{'s' if left != 1 else ''} left out.)"]
    return out


def render(d: Dossier) -> str:
    """The briefing as Markdown text."""
    parts = [
        _header(d),
        _happened(d),
        _aligned(d),
        _expected(d),
        _numbers(d),
        _disagree(d),
        _sources(d),
    ]
    return "\n\n".join("\n".join(p) for p in parts).rstrip() + "\n"
