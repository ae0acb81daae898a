"""The `places.gazetteer.v1` stage: toponyms found, resolved, merged per place, with mentions."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitroom.doccache import text_of
from sitroom.places import gazetteer, recognize, relative, resolve, supplement
from sitroom.places.candidate import Candidate
from sitroom.places.names import key
from sitroom.stages import StageContext, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sitroom.model import Place
    from sitroom.places.gazetteer import Gazetteer

#: `ctx.options` key: a user's own supplement files (paths), added to ours.
SUPPLEMENT_OPTION = "places_supplement"
#: Environment variable naming a user's own supplement files (the `places` setting,
#: `--places FILE`), separated by `os.pathsep`; the CLI sets it, worker processes inherit it.
ENV_FILES = "SITROOM_PLACES"
_EVIDENCE = {
    "curated": "curated name",
    "ner": "tagged as a place",
    "cue": "place cue",
    "name": "starts a longer name",
    "weak": "capitalised name in a focus country",
    "weak_person": "name tagged PERSON, a big place in a focus country",
}
_STRENGTH = ("curated", "ner", "cue", "name", "weak", "weak_person")


@stage("places.gazetteer.v1", fills="places")
def gazetteer_places(ctx: StageContext) -> list[Place]:
    """Toponyms from NER, cues and the curated supplement, resolved by name, prominence,
    feature kind and article focus."""
    return extract_places(ctx, gazetteer.default(user_files(ctx.options)))


def user_files(options: Mapping[str, Any] | None = None) -> tuple[Path, ...]:
    """A user's own supplement files: the stage option, then $SITROOM_PLACES.

    The tuple is the key of the cached gazetteer, so it is built the same way for every
    article (duplicates dropped, order kept) and the index is opened once per file set.
    """
    listed = list((options or {}).get(SUPPLEMENT_OPTION, ()))
    listed += os.environ.get(ENV_FILES, "").split(os.pathsep)
    return tuple(dict.fromkeys(Path(p) for p in listed if p))


def check_user_files(paths: Iterable[Path | str]) -> None:
    """Validate a user's supplement files together with ours, before any article is read.

    Raises `DataFileError` naming the file, the line and the reason (a bad line, a missing
    field, an id already defined), so a batch stops before its first article rather than
    failing every one.
    """
    supplement.load(supplement.default_paths() + tuple(dict.fromkeys(Path(p) for p in paths)))


@dataclass
class _Found:
    candidate: Candidate
    reason: str
    strength: int
    spans: set[tuple[int, int]] = field(default_factory=set)
    surfaces: set[str] = field(default_factory=set)


def extract_places(ctx: StageContext, gaz: Gazetteer) -> list[Place]:
    """The places of one article, found and resolved with `gaz` (for a custom gazetteer)."""
    from sitroom.model import Place  # pydantic: loaded when a record is built, not at import

    taken = _taken(ctx, gaz)
    toponyms = recognize.find(ctx.doc, gaz, taken)
    article_focus = resolve.focus(
        ((t.name, t.candidates, t.hint) for t in toponyms if not t.evidence.startswith("weak")),
        (a.country for a in ctx.record.actors),
    )
    found: dict[str, _Found] = {}
    # Strong evidence first, so that a weak name resolving to a place already found joins it
    # ('Qalamoun is not Qusayr' after 'the town of Al Qusair').
    for t in sorted(toponyms, key=lambda t: t.evidence.startswith("weak")):
        countries = article_focus.counts(exclude=key(t.name))
        regions = article_focus.region_counts(exclude=key(t.name))
        best, reason = resolve.choose(t.name, t.candidates, countries, t.hint, regions)
        if (
            t.evidence.startswith("weak")
            and best.id not in found
            and not resolve.fits_focus(best, countries, person=t.evidence == "weak_person")
        ):
            continue
        wider = _wider(gaz, t.name, t.candidates, countries, t.hint, regions)
        if wider is not None:
            best, reason = wider
        strength = _STRENGTH.index(t.evidence)
        entry = found.get(best.id)
        if entry is None or strength < entry.strength:
            reason = f"{_EVIDENCE[t.evidence]}; {reason.removeprefix('curated; ')}"
            spans = entry.spans if entry else set()
            surfaces = entry.surfaces if entry else set()
            entry = found[best.id] = _Found(best, reason, strength, spans, surfaces)
        entry.spans.add((t.start, t.end))
        entry.surfaces.add(t.name)
    _add_repeats(ctx.doc, found, taken)
    places = [
        Place(
            id=f.candidate.id,
            name=f.candidate.name,
            lat=f.candidate.lat,
            lon=f.candidate.lon,
            country=f.candidate.country,
            admin1=f.candidate.admin1,
            feature=f.candidate.feature,
            precision=resolve.precision(f.candidate),
            mentions=sorted(f.spans),
            reason=f.reason,
        )
        for f in found.values()
    ]
    places = places + relative.relative_places(ctx.text, places)
    return sorted(places, key=lambda p: p.mentions[0])


def _wider(
    gaz: Gazetteer,
    name: str,
    candidates: Iterable[Candidate],
    countries: Counter,
    hint: str | None,
    regions: Counter,
) -> tuple[Candidate, str] | None:
    """The division or country to report when the text cannot choose between far-apart
    towns of one country (resolve.wider_unit), with the reason; None to keep the best."""
    unit = resolve.wider_unit(name, candidates, countries, hint, regions)
    if unit is None:
        return None
    country, admin1 = unit
    for wanted, feature in ((admin1, "admin1"), (country, "country")):
        if not wanted:
            continue
        for c in gaz.lookup(wanted if feature == "admin1" else _country_name(country)):
            if c.feature == feature and c.country == country:
                return c, f"ambiguous: several places named {name} in {c.name}; placed at {feature}"
    return None


def _country_name(code: str) -> str:
    import pycountry

    found = pycountry.countries.get(alpha_2=code)
    return getattr(found, "common_name", None) or (found.name if found else code)


def _taken(ctx: StageContext, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Spans actors and people claimed; a 'person' whose whole name is a curated place (the
    model tags Qalamoun as PERSON) does not block it, nor does a state acting ("Turkey backs
    the rebels" names a country, which is also a place)."""
    spans = [tuple(m) for a in ctx.record.actors if a.kind != "state" for m in a.mentions]
    for person in ctx.record.people:
        for start, end in person.mentions:
            if not gaz.curated(ctx.text[start:end]):
                spans.append((start, end))
    return spans  # type: ignore[return-value]


def _add_repeats(doc: Doc, found: dict[str, _Found], taken: list[tuple[int, int]]) -> None:
    """Later uses of a resolved name the recogniser passed over (tagged ORG with no cue,
    or at a sentence start) join their place, unless they are part of a longer name."""
    occupied = list(taken) + [s for f in found.values() for s in f.spans]
    for entry in found.values():
        for surface in sorted(entry.surfaces, key=len, reverse=True):
            for m in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w])", text_of(doc)):
                start, end = m.span()
                if any(s < end and start < e for s, e in occupied):
                    continue
                span = doc.char_span(start, end)
                if span is None or recognize.part_of_longer_name(doc, span.start, span.end):
                    continue
                entry.spans.add((start, end))
                occupied.append((start, end))
