"""The `events.patterns.v1` stage: events found from trigger words and coded ACLED + PLOVER.

One event per trigger occurrence (data/events/patterns.json: verbs and nouns by lemma,
"took control", "suicide bombing"). From the dependency parse of the trigger's sentence:
actor1 from the subject side (subject, "by" agent, possessor, the subject of a light verb
such as "launched an attack" or "claimed responsibility for"), actor2 from the object side
(object, "against"/"on"/"with", a passive subject), a place with a mention in the sentence
(preferring one governed by in/at/near/... of the trigger), a date from a spaCy DATE entity
resolved against the publication date, a status from cue words (data/events/status_cues.json;
an expected offensive is never "occurred"), and fatalities counted the ACLED way (the most
conservative figure; null when the text gives none).

Confidence, a simple additive score clamped to [0.05, 0.95]:
    trigger weight (data; 0.5 by default, higher for unambiguous triggers)
    + 0.15 with actor1, + 0.10 with actor2, + 0.10 with a place, + 0.05 with a date
    + 0.10 when it is what the sentence asserts (its main verb, or that verb's object)
    - 0.15 when no armed actor takes part (a political or figurative use is likelier).

Precision over volume: a trigger with no actor and no place is dropped (figurative "battle"),
as are negated triggers and speech-like triggers (warned, agreed) with no actor. Reporting
verbs ("said", "reported") are never triggers.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

from sitroom.doccache import sentence_of, text_of
from sitroom.events.claims import sentence_bounds
from sitroom.events.context import date_from_narrative, locate
from sitroom.events.fatalities import cumulative, deaths
from sitroom.events.locate import date_of, place_of
from sitroom.events.merge import REALIS, fill, merge_reports
from sitroom.events.parse import Mentions, governors
from sitroom.events.roles import Roles, Sides, read_roles
from sitroom.events.standins import bare_force_spans, leader_spans
from sitroom.events.status import status_of
from sitroom.events.triggers import Match, find_triggers, patterns
from sitroom.model import Event
from sitroom.spans import evidence
from sitroom.stages import StageContext, stage

__all__ = ["detect_events", "patterns"]


@dataclass
class _Draft:
    match: Match
    event: Event
    roles: Roles
    bounds: tuple[int, int]
    place_score: int


@stage("events.patterns.v1", fills="events")
def detect_events(ctx: StageContext) -> list[Event]:
    """Attacks, battles, takeovers, bombings, arrests, protests, deals: coded ACLED + PLOVER."""
    doc = ctx.doc
    base = ctx.published
    known = _Known.of(ctx)
    drafts: list[_Draft] = []
    for sent in doc.sents:
        for match in find_triggers(doc, sent.start, sent.end):
            draft = _draft(ctx, match, base, known)
            if draft is not None:
                drafts.append(draft)
    drafts = _unabsorbed(drafts, doc)
    events: list[Event] = []
    for bounds in dict.fromkeys(d.bounds for d in drafts):
        group = [d for d in drafts if d.bounds == bounds]
        events.extend(_settle(group, doc, bounds))
    back = {d.event.id for d in drafts if _refers_back(doc[d.match.head])}
    headline = ctx.text.find("\n")
    places = {p.id: p for p in ctx.record.places}
    events = merge_reports(events, places, back, headline if headline > 0 else 0)
    dated = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
    events = date_from_narrative(events, ctx.text, base, dated)
    return locate(events, ctx.record, ctx.text)


def _unabsorbed(drafts: list[_Draft], doc: Doc) -> list[_Draft]:
    """Drafts left once a trigger that absorbs what it governs ('calls for fighters to join
    the battle': the battle is what they are called to, not an event told here) takes them."""
    below: set[int] = set()
    for d in drafts:
        if d.match.trigger.absorbs:
            head = doc[d.match.head]
            below.update(t.i for t in head.subtree if t.i != head.i)
    return [d for d in drafts if d.match.head not in below]


_BACK_DETERMINERS = {"the", "this", "that", "these", "those", "its", "their", "such"}


def _refers_back(trigger: Token) -> bool:
    """A definite event noun ('the battle', 'this offensive', 'their campaign') that names an
    event told before rather than a new one."""
    return trigger.pos_ == "NOUN" and any(
        c.dep_ in ("det", "poss") and c.lower_ in _BACK_DETERMINERS for c in trigger.children
    )


def _asserted(trigger: Token, path: list[Token]) -> bool:
    """The trigger is what its sentence asserts (its main verb, or that verb's object), not
    something a clause below reports, demands or blames."""
    if trigger.dep_ == "ROOT":
        return True
    return trigger.pos_ == "NOUN" and bool(path) and path[0].dep_ == "ROOT"


def _previous_sentence_start(trigger: Token, bounds: tuple[int, int]) -> int:
    """Where the sentence before the trigger's starts, within its line: a pronoun's actor is
    named there or earlier in its own sentence."""
    doc = trigger.doc
    start, _ = sentence_of(trigger)
    if start == 0:
        return bounds[0]
    line_start = text_of(doc).rfind("\n", 0, bounds[0]) + 1
    previous, _ = sentence_of(doc[start - 1])
    return max(line_start, doc[previous].idx)


@dataclass(frozen=True)
class _Known:
    """What the article's actors tell every trigger, worked out once per article: their
    kinds, the actor each side's word stands for, and every span that names an actor
    (leaders' names and a bare 'the army' included)."""

    kinds: dict[str, str]
    sides: Sides
    actor_spans: list[tuple[str, str | None, list[tuple[int, int]]]]

    @classmethod
    def of(cls, ctx: StageContext) -> _Known:
        kinds = {a.id: a.kind for a in ctx.record.actors}
        spans = [(a.id, a.kind, a.mentions) for a in ctx.record.actors]
        stand_ins = leader_spans(ctx.record) + bare_force_spans(ctx.record)
        return cls(
            kinds,
            Sides([(a.id, a.kind, a.mentions) for a in ctx.record.actors]),
            spans + [(ident, kinds[ident], m) for ident, m in stand_ins],
        )


def _draft(
    ctx: StageContext,
    match: Match,
    base: date | None,
    known: _Known,
) -> _Draft | None:
    doc = ctx.doc
    text = ctx.text
    trigger = doc[match.head]
    bounds = sentence_bounds(trigger)
    actors = Mentions(known.actor_spans, _previous_sentence_start(trigger, bounds), bounds[1])
    places = Mentions(((p.id, p.feature, p.mentions) for p in ctx.record.places), *bounds)
    t_start, t_end = doc[match.start].idx, doc[match.end - 1].idx + len(doc[match.end - 1].text)
    if actors.overlapping(t_start, t_end) or places.overlapping(t_start, t_end):
        return None
    if match.trigger.weak and cumulative(trigger):
        return None  # a war's running death toll is no event
    path = governors(trigger)
    status = status_of(match, doc, path)
    if status is None:
        return None
    roles = read_roles(match, doc, path, actors, known.sides)
    coding = _coding(match, doc, roles, known.kinds)
    place, place_score = place_of(match, doc, path, places, actors)
    if coding["plover"] in patterns().placeless and place_score < 2:
        place, place_score = None, 0  # 'receiving aid from Turkey' happens nowhere in particular
    when = date_of(match, doc, path, bounds, base)
    a1 = roles.actor1.id if roles.actor1 else None
    a2 = roles.actor2.id if roles.actor2 else None
    needs = match.trigger.needs_actor
    if (needs == "actor1" and not a1) or (needs and not (a1 or a2)):
        return None
    if not (a1 or a2 or place or _refers_back(trigger)):
        return None  # 'the battle' may still be an event told before; merge_reports decides
    armed = any(known.kinds.get(a) in patterns().armed_kinds for a in (a1, a2) if a)
    confidence = (
        match.trigger.weight
        + 0.15 * bool(a1)
        + 0.10 * bool(a2)
        + 0.10 * bool(place)
        + 0.05 * bool(when)
        + 0.10 * _asserted(trigger, path)
        - (0 if armed else 0.15)
    )
    ev = evidence(text, *bounds)
    key = f"{ctx.article.id}:{ev.start}:{t_start}"
    event = Event(
        id="ev-" + hashlib.sha1(key.encode()).hexdigest()[:12],
        event_type=coding["event_type"],
        sub_event_type=coding["sub_event_type"],
        plover=coding["plover"],
        mode=coding.get("mode"),
        status=status,
        date=when.start.isoformat() if when else None,
        date_end=when.end.isoformat() if when and when.end else None,
        date_precision=when.precision if when else None,
        actor1=a1,
        actor2=a2,
        associated_actors=roles.associated,
        place=place,
        geo_precision=(2 if place_score == 1 else 1) if place else None,  # see context.locate
        fatalities=None,
        evidence=ev,
        trigger=evidence(text, t_start, t_end),
        confidence=round(min(0.95, max(0.05, confidence)), 2),
    )
    return _Draft(match, event, roles, bounds, place_score)


def _coding(match: Match, doc: Doc, roles: Roles, kinds: dict[str, str]) -> dict[str, Any]:
    """ACLED type, sub-type, PLOVER type and mode: the trigger's, refined by its context."""
    p = patterns()
    t = match.trigger
    coding: dict[str, Any] = {
        "event_type": t.event_type,
        "sub_event_type": t.sub_event_type,
        "plover": t.plover,
        "mode": t.mode,
    }
    territory = t.territory
    trigger = doc[match.head]
    nearby = {trigger, trigger.head, *trigger.head.children}
    for child in trigger.children:
        nearby.update((child, *child.children))
    # the lemma, and the word itself for nouns the tagger took for names ('Rockets fired')
    lemmas = {
        w for tok in nearby for w in (tok.lemma_.lower(), tok.lower_, tok.lower_.removesuffix("s"))
    }
    for refinement in p.refinements:
        if t.id in refinement.triggers and lemmas & refinement.cues:
            coding.update({k: v for k, v in refinement.coding.items() if k != "territory"})
            territory = bool(refinement.coding.get("territory", territory))
            break
    kind1 = kinds.get(roles.actor1.id) if roles.actor1 else None
    kind2 = kinds.get(roles.actor2.id) if roles.actor2 else None
    if territory and kind1:
        # 'Hezbollah and the army captured X': the government side regains it
        side = {kind1, *(kinds.get(a) for a in roles.associated)}
        coding["sub_event_type"] = (
            "Government regains territory"
            if side & p.government_kinds
            else "Non-state actor overtakes territory"
        )
    if t.by_target:
        victim = roles.victim.lemma_.lower() if roles.victim is not None else None
        if kind2 in p.civilian_kinds or (kind2 is None and victim in p.civilian_nouns):
            coding.update(event_type="Violence against civilians", sub_event_type="Attack")
    return coding


def _settle(group: list[_Draft], doc: Doc, bounds: tuple[int, int]) -> list[Event]:
    """One sentence's events: deaths counted, killings folded into the attack that did them,
    and events from the same sentence with the same coding merged."""
    unit = doc.char_span(*bounds, alignment_mode="expand")
    reports = deaths(unit) if unit is not None else []
    strong = [d for d in group if not d.match.trigger.weak]
    weak = [d for d in group if d.match.trigger.weak]
    targets = strong or weak
    counts: dict[int, list[int]] = {}
    for token, count in reports:
        owner = _owner(token, targets, doc)
        counts.setdefault(id(owner), []).append(count)
    kept: list[_Draft] = []
    for d in targets:
        figures = counts.get(id(d), [])
        d.event = d.event.model_copy(update={"fatalities": min(figures) if figures else None})
        kept.append(d)
    if strong:
        for w in weak:
            owner = _owner(doc[w.match.head], strong, doc)
            owner.event = fill(owner.event, w.event)
    merged: list[_Draft] = []
    for d in kept:
        twin = next((m for m in merged if _same(m, d)), None)
        if twin is None:
            merged.append(d)
        else:
            if d.place_score > twin.place_score:
                twin.event = twin.event.model_copy(update={"place": d.event.place})
                twin.place_score = d.place_score
            twin.event = fill(twin.event, d.event)
    return [d.event for d in merged]


def _owner(token: Token, drafts: list[_Draft], doc: Doc) -> _Draft:
    """The event a word belongs to: the trigger above or below it in the parse, else nearest."""
    for d in drafts:
        trigger = doc[d.match.head]
        if trigger == token or trigger in token.ancestors or token in trigger.ancestors:
            return d
    return min(drafts, key=lambda d: abs(d.match.head - token.i))


def _same(x: _Draft, y: _Draft) -> bool:
    """Two triggers of one sentence telling the same event: same coding, same mood, actors
    that agree, and no two different places each governed by its trigger."""
    a, b = x.event, y.event

    def fits(p: str | None, q: str | None) -> bool:
        return p is None or q is None or p == q

    return (
        (a.event_type, a.sub_event_type) == (b.event_type, b.sub_event_type)
        and REALIS[a.status] == REALIS[b.status]
        and fits(a.actor1, b.actor1)
        and fits(a.actor2, b.actor2)
        and (fits(a.place, b.place) or min(x.place_score, y.place_score) < 2)
    )
