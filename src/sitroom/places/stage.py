"""The `places.gazetteer.v1` stage: toponyms found, resolved, merged per place, with mentions."""

from __future__ import annotations

import re
from collections import defaultdict

from sitroom.model import Place
from sitroom.places import gazetteer, recognize, resolve, supplement
from sitroom.places.gazetteer import Candidate
from sitroom.stages import StageContext, stage


def _candidates(name: str) -> list[Candidate]:
    curated = supplement.cached().lookup(name)
    return curated + gazetteer.default().lookup(name)


@stage("places.gazetteer.v1", fills="places")
def gazetteer_places(ctx: StageContext) -> list[Place]:
    """Toponyms from NER and gazetteer cues, resolved by name, prominence and article focus."""
    taken = [m for a in ctx.record.actors for m in a.mentions]
    taken += [m for p in ctx.record.people for m in p.mentions]
    toponyms = recognize.find(
        ctx.doc,
        known=lambda n: bool(gazetteer.default().lookup(n)),
        curated=lambda n: bool(supplement.cached().lookup(n)),
        taken=taken,
    )
    lists = {t.name: _candidates(t.name) for t in toponyms}
    countries = resolve.focus(lists.values(), extra=[a.country for a in ctx.record.actors])

    chosen: dict[str, tuple[Candidate, str]] = {}
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    surfaces: dict[str, set[str]] = defaultdict(set)
    for t in toponyms:
        if not lists[t.name]:
            continue
        best, reason = resolve.choose(t.name, lists[t.name], countries)
        chosen.setdefault(best.id, (best, reason))
        spans[best.id].append((t.start, t.end))
        surfaces[best.id].add(t.name)

    # Later mentions the recogniser passed over (e.g. tagged ORG without a cue) join their place.
    occupied = taken + [s for v in spans.values() for s in v]
    for place_id, names in surfaces.items():
        for name in names:
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", ctx.text):
                span = (m.start(), m.end())
                if not any(s < span[1] and span[0] < e for s, e in occupied):
                    spans[place_id].append(span)
                    occupied.append(span)

    places = []
    for place_id, (c, reason) in chosen.items():
        places.append(
            Place(
                id=c.id,
                name=c.name,
                lat=c.lat,
                lon=c.lon,
                country=c.country,
                admin1=c.admin1,
                feature=c.feature,
                precision=resolve.precision(c),
                mentions=sorted(spans[place_id]),
                reason=reason,
            )
        )
    return sorted(places, key=lambda p: p.mentions[0])
