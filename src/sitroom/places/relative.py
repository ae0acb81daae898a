"""Places the text puts relative to a town it names: '30 miles north of Damascus', 'on the
outskirts of Homs', 'near the Lebanese border' (by a town the same sentence names).

Each phrase gives an extra place of precision 2 beside the named one, which keeps its own
record and precision 1: the name is in the text, but what happened may not be at it. Only
the words touching a mention are read (data/places/relative.json lists them all), so a
phrase worded otherwise gives nothing rather than a guess.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sitroom.datafiles import load_json

if TYPE_CHECKING:
    from sitroom.model import Place

#: Mean Earth radius (IUGG), for the great-circle destination.
EARTH_RADIUS_KM = 6371.0088
#: One capitalised word, case-sensitive even inside a case-insensitive pattern.
_CAP = r"(?-i:[A-Z][\w'’-]*)"
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*\n")


@dataclass(frozen=True)
class _Rules:
    """relative.json, with its phrases compiled into patterns anchored on a mention."""

    data: dict[str, Any]
    offset: re.Pattern[str]  # '30 miles north of ' + name
    near_km: re.Pattern[str]  # '5 km from ', 'a few miles from ' + name
    within_km: re.Pattern[str]  # 'within 5 km of ' + name
    direction: re.Pattern[str]  # 'north of ' + name
    number_tail: re.Pattern[str]  # a bare number before 'north of': a distance without unit
    vicinity_noun: re.Pattern[str]  # 'on the outskirts of ' + name
    vicinity_before: re.Pattern[str]  # 'near ' + name
    after: re.Pattern[str]  # name + "'s outskirts"
    border: re.Pattern[str]  # 'near the Lebanese border' anywhere


@dataclass(frozen=True)
class _Hit:
    """One phrase read around one mention: the derived place it stands for."""

    id: str
    name: str
    generic: str  # the name when several phrases share this id ('near Homs')
    base: Place
    lat: float
    lon: float
    admin1: str | None
    span: tuple[int, int]
    reason: str
    precision: int = 2


def _alt(words: Iterable[str], exact_case: bool = False) -> str:
    """A regex alternation of phrases, longest first; a space matches any whitespace and a
    hyphen '-' or an en dash."""
    parts = [
        re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", "[-–]")
        for w in sorted(set(words), key=len, reverse=True)
    ]
    body = "|".join(parts)
    return f"(?-i:{body})" if exact_case else f"(?:{body})"


def _norm(text: str) -> str:
    """Lowercase, single spaces, plain hyphens: the form the data file's keys are in."""
    return re.sub(r"\s+", " ", text.replace("–", "-")).strip().lower()


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """The phrases of data/places/relative.json as patterns (built once per process)."""
    d = load_json("places/relative.json")
    unit = _alt(d["units"])
    word_number = _alt(d["numbers"])
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    number = rf"(?:{digits}|{word_number}(?:[-–\s]+{word_number})?)"
    approx = rf"(?:{_alt(d['approximators'])}\s+)?"

    # 'some 15 km (9 miles)', '20-30 km': groups n1, n2 (a range's end) and nunit
    paren = rf"(?:\s*\(\s*{approx}{number}(?:\s*(?:[-–]|to)\s*{number})?\s*[-–]?\s*{unit}\s*\))?"
    amount = (
        rf"{approx}(?P<n1>{number})(?:\s*(?:[-–]|to)\s*(?P<n2>{number}))?"
        rf"\s*[-–]?\s*(?P<nunit>{unit})\b{paren}"
    )

    direction = "(?:" + _alt(d["directions"]) + "|" + _alt(d["abbreviations"], True) + ")"
    lead = rf"(?:{_alt(d['direction_lead_ins'])}\s+)?"
    f = d["fillers"]
    filler = (
        rf"(?:{_alt(f['articles'])}\s+)?(?:{_alt(f['adjectives'])}\s+)*"
        rf"(?:(?:{_CAP}\s+)?{_alt(f['settlements'])}\s+(?:of\s+)?)?"
    )
    vague = _alt(d["vague_amounts"])
    dir_adj = _alt(d["direction_adjectives"])
    countries = _alt(d["border"]["countries"], True)
    border_lead = _alt(d["border"]["lead_ins"])

    def anchored(body: str) -> re.Pattern[str]:
        return re.compile(rf"\b(?:{body})$", re.IGNORECASE)

    return _Rules(
        data=d,
        offset=anchored(rf"{amount},?\s+{lead}(?P<dir>{direction})\s+of\s+{filler}"),
        near_km=anchored(
            rf"(?:(?P<vague>{vague})\s+{unit}\b|{amount}),?\s+"
            rf"{_alt(d['from_words'])}\s+{filler}"
        ),
        within_km=anchored(rf"{_alt(d['within_words'])}\s+{amount}\s+of\s+{filler}"),
        direction=anchored(rf"(?:{vague}\s+{unit}\s+)?{lead}(?P<dir>{direction})\s+of\s+{filler}"),
        number_tail=re.compile(
            rf"\b{number}\s*(?:[-–]?\s*{unit}\b)?\s*(?:\([^()]*\)\s*)?,?\s*$", re.IGNORECASE
        ),
        vicinity_noun=anchored(
            rf"(?:{_alt(d['noun_lead_ins'])}\s+)?(?:(?P<adj>{dir_adj})\s+)?"
            rf"(?P<noun>{_alt(d['vicinity_nouns'])})\s+of\s+{filler}"
        ),
        vicinity_before=anchored(rf"(?P<word>{_alt(d['vicinity_before'])})\s+{filler}"),
        after=re.compile(
            rf"^(?:['’]s?)?\s+(?:(?P<adj>{dir_adj})\s+)?(?P<noun>{_alt(d['after_nouns'])})\b",
            re.IGNORECASE,
        ),
        border=re.compile(
            rf"\b{border_lead}\s+(?:(?P<c1>{countries})(?:\s*[-–/]\s*(?P<c2>{countries}))?\s+border"
            rf"|border\s+with\s+(?:the\s+)?(?P<c3>{countries})"
            rf"|border\s+between\s+(?P<c4>{countries})\s+and\s+(?P<c5>{countries}))\b",
            re.IGNORECASE,
        ),
    )


def relative_places(text: str, places: list[Place]) -> list[Place]:
    """The extra places the text locates relative to a town, city or village it names, one per
    derived id (two phrases giving the same id share it), sorted by first mention."""
    r = rules()
    points = [p for p in places if _point_like(p, r)]
    hits: list[_Hit] = []
    for base in points:
        for start, end in base.mentions:
            hit = _before(text, base, start, end, r)
            if hit is not None:
                hits.append(hit)
            hit = _after(text, base, start, end, r)
            if hit is not None:
                hits.append(hit)
    hits += _borders(text, points, r)
    taken = {p.id for p in places}
    return _merge([h for h in hits if h.id not in taken])


def destination(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """The point `km` from (lat, lon) along the great circle leaving at `bearing` degrees."""
    phi1, lam1, theta = math.radians(lat), math.radians(lon), math.radians(bearing)
    delta = km / EARTH_RADIUS_KM
    phi2 = math.asin(
        math.sin(phi1) * math.cos(delta) + math.cos(phi1) * math.sin(delta) * math.cos(theta)
    )
    lam2 = lam1 + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi1),
        math.cos(delta) - math.sin(phi1) * math.sin(phi2),
    )
    lon2 = (math.degrees(lam2) + 540.0) % 360.0 - 180.0
    return round(math.degrees(phi2), 5), round(lon2, 5)


def _point_like(place: Place, r: _Rules) -> bool:
    """A place a phrase can be relative to: a town-sized point with coordinates."""
    return (
        place.precision == 1
        and place.feature in r.data["point_features"]
        and place.lat is not None
        and place.lon is not None
    )


def _before(text: str, base: Place, start: int, end: int, r: _Rules) -> _Hit | None:
    """The phrase right before one mention, most specific first: a distance and direction,
    a distance alone, a direction alone, then a vicinity word."""
    lo = max(0, start - r.data["window"])
    window = text[lo:start]
    m = r.offset.search(window)
    if m:  # a distance we cannot use (absurd, zero) is not read as a mere direction either
        return _offset(text, base, lo + m.start(), end, m, r)
    m = r.near_km.search(window) or r.within_km.search(window)
    if m:
        return _near_km(text, base, lo + m.start(), end, m, r)
    m = r.direction.search(window)
    if m:
        if r.number_tail.search(window[: m.start()]):
            return None  # '30 north of Damascus': a distance without its unit
        label = _direction_label(m.group("dir"), r)
        word = _norm(m.group("dir"))
        if m.group("dir") in r.data["abbreviations"]:  # 'NE of Homs' is named 'northeast of'
            word = next(k for k, v in r.data["directions"].items() if v == label)
        name = r.data["names"]["direction"].format(word=word, base=base.name)
        why = f"{name}, no distance given"
        return _vicinity(text, base, lo + m.start(), end, f"@near-{label}", name, why)
    m = r.vicinity_noun.search(window)
    if m:
        noun = r.data["vicinity_nouns"][_norm(m.group("noun"))]
        word = f"{_norm(m.group('adj'))} {noun}" if m.group("adj") else noun
        name = r.data["names"]["vicinity_noun"].format(word=word, base=base.name)
        return _vicinity(text, base, lo + m.start(), end, "@near", name, f"the {name}")
    m = r.vicinity_before.search(window)
    if m:
        word = r.data["vicinity_before"][_norm(m.group("word"))]
        name = r.data["names"]["vicinity"].format(word=word, base=base.name)
        return _vicinity(text, base, lo + m.start(), end, "@near", name, name)
    return None


def _after(text: str, base: Place, start: int, end: int, r: _Rules) -> _Hit | None:
    """A vicinity noun right after one mention: "Damascus's outskirts", 'the Aleppo countryside'."""
    m = r.after.search(text[end : end + r.data["window"]])
    if not m:
        return None
    noun = r.data["after_nouns"][_norm(m.group("noun"))]
    word = f"{_norm(m.group('adj'))} {noun}" if m.group("adj") else noun
    name = r.data["names"]["vicinity_noun"].format(word=word, base=base.name)
    return _vicinity(text, base, start, end + m.end(), "@near", name, f"the {name}")


def _vicinity(
    text: str, base: Place, start: int, end: int, suffix: str, name: str, why: str
) -> _Hit:
    """A place near `base`, at its coordinates: the phrase gives no distance to move it by."""
    phrase = text[start:end]
    reason = f'"{_oneline(phrase)}": {why}, at its coordinates (distance unknown)'
    generic = _generic(base, suffix, name)
    return _Hit(
        f"{base.id}{suffix}",
        name,
        generic,
        base,
        base.lat,  # type: ignore[arg-type]
        base.lon,  # type: ignore[arg-type]
        base.admin1,
        (start, end),
        reason,
    )


def _generic(base: Place, suffix: str, name: str) -> str:
    """The name a derived id keeps when its phrases disagree ('near Homs' for 'outside Homs'
    and 'the outskirts of Homs'); a directional vicinity always has one wording."""
    return f"near {base.name}" if suffix == "@near" else name


def _amount(m: re.Match[str], r: _Rules) -> tuple[float, str] | None:
    """The distance in km a match states (the middle of a range), and how it was read."""
    first = _number(m.group("n1"), r)
    second = _number(m.group("n2"), r) if m.group("n2") else None
    if first is None or (m.group("n2") and second is None):
        return None
    value = first if second is None else (first + second) / 2
    unit = _norm(m.group("nunit"))
    km = value * r.data["units"][unit]
    how = f"{value:g} {unit}"
    if second is not None:
        how = f"{first:g} to {second:g} {unit}, the middle taken"
    if unit not in ("km", "kms") and not unit.startswith("kilomet"):
        how += f" = {km:.1f} km"
    return km, how


def _offset(
    text: str, base: Place, start: int, end: int, m: re.Match[str], r: _Rules
) -> _Hit | None:
    """'30 miles north of Damascus': the point that far from the base, that way."""
    read = _amount(m, r)
    if read is None:
        return None
    km, how = read
    if not 0 < km <= r.data["max_km"]:
        return None
    label = _direction_label(m.group("dir"), r)
    bearing = float(r.data["bearings"][label])
    lat, lon = destination(base.lat, base.lon, bearing, km)  # type: ignore[arg-type]
    shown = _km_text(km)
    name = r.data["names"]["offset"].format(km=shown, dir=label, base=base.name)
    half = 11.25 if len(label) == 3 else 22.5  # a compass word covers a sector, not a ray
    across = km * math.sin(math.radians(half))
    wide = km > r.data["wide_km"]
    reason = (
        f'"{_oneline(text[start:end])}": {how}, bearing {bearing:g}° ({label}) from '
        f"{base.name} ({base.lat:.4f}, {base.lon:.4f}), great-circle destination; "
        f"'{label}' spans ±{half:g}°, about ±{across:.0f} km across at this distance"
        + (f", so precision 3 beyond {r.data['wide_km']} km" if wide else "")
    )
    ident = f"{base.id}@{shown}km-{label}"
    return _Hit(ident, name, name, base, lat, lon, None, (start, end), reason, 3 if wide else 2)


def _near_km(
    text: str, base: Place, start: int, end: int, m: re.Match[str], r: _Rules
) -> _Hit | None:
    """'5 km from Homs', 'within 10 km of Homs', 'a few miles from Homs': its vicinity, when
    the distance is small enough for that to be honest."""
    name = r.data["names"]["vicinity"].format(word="near", base=base.name)
    if "vague" in m.re.groupindex and m.group("vague"):
        return _vicinity(text, base, start, end, "@near", name, f"{name}, no direction given")
    read = _amount(m, r)
    if read is None:
        return None
    km, how = read
    if not 0 < km <= r.data["near_max_km"]:
        return None
    why = f"within {how} of {base.name}, no direction given"
    return _vicinity(text, base, start, end, "@near", name, why)


def _borders(text: str, points: list[Place], r: _Rules) -> list[_Hit]:
    """'Zabadani, near the Lebanese border': placed by the town or city named just before it in
    the same sentence (in one of the two countries when it names two), else nowhere."""
    codes = r.data["border"]["countries"]
    max_gap = r.data["border"]["max_gap"]
    hits = []
    for m in r.border.finditer(text):
        named = {codes[g] for g in (m.group(k) for k in ("c1", "c2", "c4", "c5")) if g}
        pair = named if len(named) == 2 else None
        lo = _sentence_start(text, m.start())
        best: tuple[int, Place] | None = None
        for place in points:
            if pair is not None and place.country not in pair:
                continue
            for s, e in place.mentions:
                gap = m.start() - e
                if s < lo or not 0 <= gap <= max_gap:
                    continue
                if best is None or gap < best[0]:
                    best = (gap, place)
        if best is None:
            continue  # no town just before it: a border is no point
        base = best[1]
        phrase = _oneline(m.group(0))
        lead = re.match(rf"{_alt(r.data['border']['lead_ins'])}\s+", phrase, re.IGNORECASE)
        border = phrase[lead.end() :] if lead else phrase
        name = r.data["names"]["border"].format(border=border, base=base.name)
        reason = (
            f'"{phrase}": placed by {base.name}, the town named just before it, '
            "at its coordinates (distance to the border unknown)"
        )
        hits.append(
            _Hit(
                f"{base.id}@border",
                name,
                name,
                base,
                base.lat,
                base.lon,
                base.admin1,  # type: ignore[arg-type]
                (m.start(), m.end()),
                reason,
            )
        )
    return hits


def _merge(hits: list[_Hit]) -> list[Place]:
    """One place per derived id, its mentions and reasons pooled, sorted by first mention."""
    from sitroom.model import Place  # pydantic: loaded when a record is built, not at import

    grouped: dict[str, list[_Hit]] = {}
    for hit in hits:
        grouped.setdefault(hit.id, []).append(hit)
    places = []
    for ident, group in grouped.items():
        first = group[0]
        names = {h.name for h in group}
        reasons = list(dict.fromkeys(h.reason for h in group))
        places.append(
            Place(
                id=ident,
                name=first.name if len(names) == 1 else first.generic,
                lat=first.lat,
                lon=first.lon,
                country=first.base.country,
                admin1=first.admin1,
                feature="other",
                precision=first.precision,
                mentions=sorted({h.span for h in group}),
                reason=" / ".join(reasons),
            )
        )
    return sorted(places, key=lambda p: p.mentions[0])


def _number(token: str, r: _Rules) -> float | None:
    """'1,200' 1200, '2.5' 2.5, 'nine' 9, 'twenty-five' 25; None for anything else."""
    t = _norm(token)
    if t[:1].isdigit():
        return float(t.replace(",", ""))
    words = r.data["numbers"]
    if t in words:
        return float(words[t])
    parts = re.split(r"[-\s]+", t)
    if all(p in words for p in parts):
        return float(sum(words[p] for p in parts))
    return None


def _direction_label(word: str, r: _Rules) -> str:
    """The compass label ('NE') of a direction word or abbreviation."""
    return r.data["abbreviations"].get(word) or r.data["directions"][_norm(word)]


def _km_text(km: float) -> str:
    """Whole kilometres, or tenths below one: ids and names must not claim more."""
    return f"{km:.0f}" if km >= 1 else f"{km:.1f}"


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding `pos` starts (a plain split on . ! ? and blank lines: an
    abbreviation only makes the sentence shorter, never longer)."""
    lo = 0
    for b in _BOUNDARY.finditer(text, 0, pos):
        lo = b.end()
    return lo


def _oneline(text: str) -> str:
    return re.sub(r"\s+", " ", text)
