"""Geoparsing: how many gold toponyms sitroom finds, and how close it puts them.

    .venv/bin/python bench/geoparse.py [--corpus lgl|trnews|all] [--limit N] [--errors K]
                                       [--no-gold-spans] [--all-stages]

Corpora: every JSON Lines file in ../shared/dev-data/geoparsing/ (LGL and TR-News: toponym
spans with GeoNames ids and coordinates). event-location/ is not one: its LOCATION spans
carry no coordinates; re3d's Location entities and FA-KES's coded locations carry none either.

For each corpus it prints, for three readers of the same gold toponyms:
- sitroom: the full extraction (the actor and people stages, whose spans and countries the
  places stage reads, then `places.gazetteer.v1`) on each article text; a gold toponym is
  recalled when one of our place mentions overlaps it, and then scored against that place;
- sitroom, gold spans: our resolution where we found the toponym, and where we did not, the
  resolver (`resolve.choose`, with the article's focus from our places, the gold names and our
  actors) run on the gold string itself (then without a leading 'the' and a trailing generic
  word like 'province', as the recogniser does); it is what compares with figures published
  for resolvers given gold spans (Mordecai 3's);
- baseline: the most populous exact-name match of the gold string in the same gazetteer
  (population as the resolver counts it: divisions, which GeoNames gives none, get the
  assumed population of data/places/ranking.json), alternate names only when no entry has it
  as its own name.
Columns: recall (gold toponyms given a point); exact (the same GeoNames id; where our entry has
none, a curated place or a division without an id: the same name and country, or within
5 km); @161 (within 161 km = 100 miles of the gold point); each over the recalled toponyms
(res) and over all gold toponyms (all, a miss counts as wrong); mean and median error in km
over the recalled ones. Distances use our coordinates: where our point for a country or
division is not GeoNames' (a capital, a centre of its towns), the same entry can be >161 km
off; a line per reader shows @161 when such same-entry matches count as right, as in
evaluations that compare GeoNames ids. Mordecai 3's figures are for a resolver given gold
spans: compare them with the 'gold spans' row, between its (res) and (all) columns.
Precision (our place mentions overlapping a gold span) is indicative only: the corpora do not
annotate every toponym. Timings exclude model load, which is printed apart. Asserts nothing.
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import os
import re
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitroom.model import Place, Record
    from sitroom.places.candidate import Candidate
    from sitroom.places.gazetteer import Gazetteer
    from sitroom.places.resolve import Focus

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITROOM_SHARED") or ROOT.parent / "shared")
GEOPARSING = SHARED / "dev-data" / "geoparsing"

#: The stages whose output the places stage reads (actor and people spans, actor countries).
PLACE_STAGES = ("actors.spacy.v1", "people.spacy.v1", "places.gazetteer.v1")
#: 100 miles, the field's threshold for a correct point.
ACCURATE_KM = 161.0
#: Where our entry carries no GeoNames id, this close to the gold point is an exact match.
EXACT_KM = 5.0
#: How far (in characters) a gold span may sit from its phrase (a known corpus artefact).
SNAP_CHARS = 12
#: Mordecai 3's published figures (Halterman 2023), as the dev-data README quotes them.
MORDECAI = {"lgl": (0.794, 0.827), "trnews": (0.843, 0.873), "geowebnews": (None, 0.957)}

Span = tuple[int, int]


# --- records -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gold:
    """One annotated toponym, its span moved onto sitroom's normalised text."""

    start: int
    end: int
    phrase: str
    lat: float
    lon: float
    geonameid: int | None
    name: str
    fcode: str
    country: str


@dataclass(frozen=True)
class Guess:
    """Where a reader put a toponym: a point and the gazetteer entry it came from."""

    name: str
    lat: float
    lon: float
    geonameid: int | None
    country: str | None
    feature: str
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """One gold toponym as one reader scored: missed (guess None) or placed km away."""

    article: str
    gold: Gold
    guess: Guess | None
    km: float | None
    exact: bool

    @property
    def accurate(self) -> bool:
        return self.km is not None and self.km <= ACCURATE_KM


@dataclass
class Tally:
    """Outcomes of one reader on one corpus, plus mention precision counts."""

    outcomes: list[Outcome] = field(default_factory=list)
    mentions: int = 0
    mentions_on_gold: int = 0

    def figures(self) -> dict[str, float]:
        """recall, exact_res/all, acc_res/all, mean_km, median_km, n (NaN where undefined)."""
        n = len(self.outcomes)
        found = [o for o in self.outcomes if o.km is not None]
        exact = sum(o.exact for o in found)
        accurate = sum(o.accurate for o in found)
        kms = [o.km for o in found if o.km is not None]
        nan = float("nan")
        return {
            "n": n,
            "recall": len(found) / n if n else nan,
            "exact_res": exact / len(found) if found else nan,
            "exact_all": exact / n if n else nan,
            "acc_res": accurate / len(found) if found else nan,
            "acc_all": accurate / n if n else nan,
            "mean_km": statistics.fmean(kms) if kms else nan,
            "median_km": statistics.median(kms) if kms else nan,
        }

    def row(self, label: str) -> str:
        f = self.figures()
        return (
            f"  {label:26} {f['recall']:7.1%} {f['exact_res']:8.1%} {f['exact_all']:8.1%} "
            f"{f['acc_res']:8.1%} {f['acc_all']:8.1%} {f['mean_km']:9,.0f} {f['median_km']:9,.1f}"
        )


HEADER = (
    f"  {'':26} {'recall':>7} {'exact':>8} {'exact':>8} {'@161km':>8} {'@161km':>8} "
    f"{'mean km':>9} {'median km':>9}\n"
    f"  {'':26} {'':>7} {'(res)':>8} {'(all)':>8} {'(res)':>8} {'(all)':>8} "
    f"{'(res)':>9} {'(res)':>9}"
)


# --- reading the corpora -------------------------------------------------------------------


def corpora(folder: Path = GEOPARSING) -> dict[str, Path]:
    """Corpus name (file stem) -> path, for every JSON Lines file of the folder."""
    return {p.stem: p for p in sorted(folder.glob("*.jsonl"))}


def read_corpus(path: Path, limit: int | None = None) -> list[dict]:
    """The articles of a corpus file (the first `limit` of them)."""
    articles = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                articles.append(json.loads(line))
                if limit and len(articles) >= limit:
                    break
    return articles


def offset_map(raw: str, norm: str) -> list[int]:
    """For each offset of `raw`, the offset in `norm` it became (normalising drops text)."""
    table = [0] * (len(raw) + 1)
    last = pos = 0
    for a, b, size in difflib.SequenceMatcher(
        None, raw, norm, autojunk=False
    ).get_matching_blocks():
        for i in range(pos, a):
            table[i] = last
        for k in range(size):
            table[a + k] = b + k
        last, pos = b + size, a + size
    for i in range(pos, len(raw) + 1):
        table[i] = last if i < len(raw) else len(norm)
    return table


def snap(text: str, start: int, end: int, phrase: str) -> Span:
    """The span of `phrase` nearest to [start, end), when the annotated offsets are off by a
    few characters (about 2% of LGL and TR-News toponyms); the span as given otherwise."""
    if text[start:end] == phrase or not phrase:
        return start, end
    lo = max(0, start - SNAP_CHARS - len(phrase))
    hits = [m.start() + lo for m in re.finditer(re.escape(phrase), text[lo : end + SNAP_CHARS])]
    if not hits:
        return start, end
    best = min(hits, key=lambda h: abs(h - start))
    return (best, best + len(phrase)) if abs(best - start) <= SNAP_CHARS else (start, end)


def gold_toponyms(article: dict, text: str) -> list[Gold]:
    """The article's gold toponyms with spans into `text`, sitroom's normalised text."""
    raw = article["text"]
    table = offset_map(raw, text) if raw != text else None
    golds = []
    for t in article["toponyms"]:
        start, end = (table[t["start"]], table[t["end"]]) if table else (t["start"], t["end"])
        start, end = snap(text, start, end, t["phrase"])
        gid = t.get("geonameid")
        golds.append(
            Gold(
                start,
                end,
                t["phrase"],
                float(t["lat"]),
                float(t["lon"]),
                int(gid) if gid not in (None, "") else None,
                t.get("name") or t["phrase"],
                t.get("fcode") or "?",
                t.get("country") or "?",
            )
        )
    return golds


# --- scoring -------------------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of the Earth's mean radius."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def geonameid(place_id: str) -> int | None:
    """The GeoNames id inside a place id ('geonames:170654' -> 170654), else None."""
    prefix, _, rest = place_id.partition(":")
    return int(rest) if prefix == "geonames" and rest.isdigit() else None


def guess_from_place(place: Place) -> Guess | None:
    """A record's place as a Guess (None when it has no point)."""
    if place.lat is None or place.lon is None:
        return None
    spans = tuple((s, e) for s, e in place.mentions)
    return Guess(
        place.name, place.lat, place.lon, geonameid(place.id), place.country, place.feature, spans
    )


def guess_from_candidate(candidate: Candidate) -> Guess:
    gid = candidate.geonameid if candidate.geonameid is not None else geonameid(candidate.id)
    return Guess(
        candidate.name, candidate.lat, candidate.lon, gid, candidate.country, candidate.feature
    )


def _overlap(a: Span, b: Span) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def placed_at(gold: Gold, guesses: Sequence[Guess]) -> Guess | None:
    """The guess with a mention overlapping the gold span most, if any does; on a tie the
    tighter mention ("Damascus" over "30 miles north of Damascus")."""
    best, best_key = None, (0, 0)
    for guess in guesses:
        for span in guess.spans:
            size = _overlap(span, (gold.start, gold.end))
            rank = (size, -(span[1] - span[0]))
            if size > 0 and rank > best_key:
                best, best_key = guess, rank
    return best


@lru_cache(maxsize=512)
def country_code(name: str) -> str | None:
    """The ISO code of a country as the corpora spell it ('United States'), read from the
    gazetteer's country entries."""
    from sitroom.places import gazetteer

    return next(
        (c.country for c in gazetteer.default().lookup(name) if c.feature == "country"), None
    )


def same_entry(gold: Gold, guess: Guess, km: float) -> bool:
    """Whether the guess is the very place the gold names: the same GeoNames id; where our
    entry has none (a division or curated place), the same name and country, or a point
    within EXACT_KM."""
    from sitroom.places.names import key

    if guess.geonameid is not None and gold.geonameid is not None:
        return guess.geonameid == gold.geonameid
    if km <= EXACT_KM:
        return True
    return key(guess.name) == key(gold.name) and guess.country == country_code(gold.country)


def outcome(article: str, gold: Gold, guess: Guess | None) -> Outcome:
    """Score one reading: the distance, and whether it is the very entry the gold names."""
    if guess is None:
        return Outcome(article, gold, None, None, False)
    km = haversine_km(gold.lat, gold.lon, guess.lat, guess.lon)
    return Outcome(article, gold, guess, km, same_entry(gold, guess, km))


def why_wrong(o: Outcome) -> str:
    """Why a recalled toponym is more than 161 km off, in three kinds an analyst can act on."""
    assert o.guess is not None
    if o.exact:
        return "same entry, but our point is not GeoNames' (country/division centre)"
    if o.guess.country != country_code(o.gold.country):
        return "a namesake in another country"
    return "another entry in the same country"


def why_missed(gold: Gold, record: Record, gaz: Gazetteer) -> str:
    """Why no place of ours overlaps a gold toponym: another stage claimed its words, the
    gazetteer lacks the string, or the recogniser passed it over."""
    span = (gold.start, gold.end)
    for actor in record.actors:
        for start, end in actor.mentions:
            if _overlap((start, end), span) > 0:
                source = "an inferred" if actor.inferred else "a knowledge-base"
                words = "same words" if (start, end) == span else "a longer name"
                return f"taken by {source} actor ({words})"
    if any(_overlap((s, e), span) > 0 for p in record.people for s, e in p.mentions):
        return "taken by a person"
    if not any(gaz.lookup(name) for name, _ in _variants(gold.phrase) if name):
        return "no gazetteer entry answers to the string"
    return "in the gazetteer, passed over by the recogniser"


def score_article(
    tally: Tally, article: str, golds: Sequence[Gold], readings: Sequence[Guess | None]
) -> None:
    """Add one article's outcomes (one reading per gold toponym) to the tally."""
    for gold, guess in zip(golds, readings, strict=True):
        tally.outcomes.append(outcome(article, gold, guess))


def score_mentions(tally: Tally, golds: Sequence[Gold], guesses: Sequence[Guess]) -> None:
    """Count our place mentions and those that overlap some gold span (precision)."""
    gold_spans = [(g.start, g.end) for g in golds]
    for guess in guesses:
        for span in guess.spans:
            tally.mentions += 1
            tally.mentions_on_gold += any(_overlap(span, g) > 0 for g in gold_spans)


# --- the three readers -----------------------------------------------------------------------


def most_populous(name: str, gaz: Gazetteer) -> Guess | None:
    """The baseline: the most populous entry whose own name is `name` (else any entry that
    answers to it), with the resolver's assumed population for entries GeoNames gives none."""
    from sitroom.places.names import bare, key
    from sitroom.places.resolve import effective_population

    candidates = gaz.lookup(name)
    own = [c for c in candidates if bare(key(c.name)) == bare(key(name))] or candidates
    if not own:
        return None
    return guess_from_candidate(max(own, key=effective_population))


def _variants(phrase: str) -> Iterable[tuple[str, str | None]]:
    """(name, hint) to look up for a gold string, as the recogniser would: as given, then
    without leading words like 'the' or 'northern', then without a generic last word."""
    from sitroom.places.recognize import cues

    c = cues()
    words = phrase.split()
    yield phrase, None
    while len(words) > 1 and words[0].lower() in c.strip_leading:
        words = words[1:]
        yield " ".join(words), None
    for size in (2, 1):
        tail = " ".join(words[-size:]).lower()
        if len(words) > size and tail in c.generic:
            yield " ".join(words[:-size]), c.generic[tail]


def resolve_phrase(phrase: str, article_focus: Focus, gaz: Gazetteer) -> Guess | None:
    """sitroom's resolver on a gold string, with the article's focus."""
    from sitroom.places import resolve
    from sitroom.places.names import key

    for name, hint in _variants(phrase):
        candidates = gaz.lookup(name) if name else []
        if candidates:
            countries = article_focus.counts(exclude=key(name))
            best, _ = resolve.choose(name, candidates, countries, hint)
            return guess_from_candidate(best)
    return None


def on_gold_spans(
    golds: Sequence[Gold], ours: Sequence[Guess], record: Record, gaz: Gazetteer
) -> list[Guess | None]:
    """Our reading where we found the toponym; the resolver on the gold string elsewhere,
    with a focus from our places, the gold names, and our actors."""
    from sitroom.places import resolve

    text = record.article.text
    surfaces = {text[s:e] for g in ours for s, e in g.spans} | {g.phrase for g in golds}
    article_focus = resolve.focus(
        ((name, gaz.lookup(name), None) for name in sorted(surfaces)),
        (a.country for a in record.actors),
    )
    return [placed_at(g, ours) or resolve_phrase(g.phrase, article_focus, gaz) for g in golds]


# --- running ---------------------------------------------------------------------------------


@dataclass
class CorpusResult:
    """Everything one corpus run measured."""

    name: str
    articles: int
    seconds: float
    places: int
    sitroom: Tally
    gold_spans: Tally | None
    baseline: Tally
    missed: dict[str, Counter] = field(default_factory=dict)  # cause -> phrases


def run_sitroom(articles: Sequence[dict], stages: list) -> tuple[list[Record], float]:
    """Records for the articles through sitroom's pipeline, and the seconds it took."""
    from sitroom.model import Document
    from sitroom.pipeline import ExtractionError, extract, prepare

    start = time.perf_counter()
    docs = (prepare(Document(id=a["id"], text=a["text"])) for a in articles)
    records = []
    for outcome_ in extract(docs, stages=stages):
        if isinstance(outcome_, ExtractionError):
            print(f"  ! {outcome_}", file=sys.stderr)
        else:
            records.append(outcome_)
    return records, time.perf_counter() - start


def bench_corpus(
    name: str, path: Path, stages: list, limit: int | None, gold_spans: bool
) -> CorpusResult:
    from sitroom.places import gazetteer

    gaz = gazetteer.default()
    articles = read_corpus(path, limit)
    records, seconds = run_sitroom(articles, stages)
    by_id = {r.article.id: r for r in records}
    ours_t, gold_t, base_t = Tally(), Tally() if gold_spans else None, Tally()
    places = 0
    missed: dict[str, Counter] = {}
    for article in articles:
        record = by_id.get(article["id"])
        if record is None:
            continue
        golds = gold_toponyms(article, record.article.text)
        ours = [g for g in map(guess_from_place, record.places) if g is not None]
        places += len(record.places)
        readings = [placed_at(g, ours) for g in golds]
        score_article(ours_t, article["id"], golds, readings)
        for gold, reading in zip(golds, readings, strict=True):
            if reading is None:
                cause = why_missed(gold, record, gaz)
                missed.setdefault(cause, Counter())[f"{gold.phrase} ({gold.fcode})"] += 1
        score_mentions(ours_t, golds, ours)
        if gold_t is not None:
            score_article(gold_t, article["id"], golds, on_gold_spans(golds, ours, record, gaz))
        score_article(base_t, article["id"], golds, [most_populous(g.phrase, gaz) for g in golds])
    return CorpusResult(name, len(records), seconds, places, ours_t, gold_t, base_t, missed)


def _fcode_group(fcode: str) -> str:
    """GeoNames feature codes grouped for the breakdown: PPL*, PCL*, the rest as they are."""
    return next((f"{p}*" for p in ("PPL", "PCL") if fcode.startswith(p)), fcode)


def report(result: CorpusResult, errors: int) -> None:
    """Print one corpus's table, breakdowns, worst errors and most frequent misses."""
    ours = result.sitroom
    n_gold = len(ours.outcomes)
    print(f"== {result.name} ({result.articles} articles, {n_gold:,} gold toponyms) ==")
    secs = result.seconds or float("nan")
    print(
        f"  sitroom: {result.seconds:.1f} s, {result.articles / secs:.1f} articles/s, "
        f"{result.places:,} places = {result.places / secs:.1f} places/s, "
        f"{ours.mentions:,} place mentions = {ours.mentions / secs:.1f} mentions/s"
    )
    print(HEADER)
    print(ours.row("sitroom"))
    if result.gold_spans is not None:
        print(result.gold_spans.row("sitroom, gold spans"))
    print(result.baseline.row("baseline: most populous"))
    key_ = next((k for k in MORDECAI if result.name.lower().startswith(k)), None)
    if key_:
        exact, acc = MORDECAI[key_]
        print(
            f"  {'Mordecai 3 (published)':26} {'':7} {exact or float('nan'):8.1%} {'':8} "
            f"{acc:8.1%}   (resolved toponyms given gold spans)"
        )
    precision = ours.mentions_on_gold / ours.mentions if ours.mentions else float("nan")
    print(
        f"  precision of sitroom place mentions on gold spans: {precision:.1%} "
        f"({ours.mentions_on_gold:,}/{ours.mentions:,}; indicative: not every toponym is annotated)"
    )
    readers = [("sitroom", ours), ("sitroom, gold spans", result.gold_spans)]
    for label, tally in [*readers, ("baseline", result.baseline)]:
        if tally is None:
            continue
        far = [o for o in tally.outcomes if o.exact and not o.accurate]
        if far:
            names = Counter(o.gold.name for o in far).most_common(3)
            lenient = sum(o.accurate or o.exact for o in tally.outcomes)
            found = sum(o.km is not None for o in tally.outcomes) or float("nan")
            print(
                f"  {label}: {len(far)} same entry as gold but >161 km from GeoNames' point "
                f"({', '.join(f'{n} x{c}' for n, c in names)}); counted right, as an "
                f"id-based scorer would: @161 {lenient / found:.1%} (res), "
                f"{lenient / len(tally.outcomes):.1%} (all)"
            )
    print("  sitroom by gold feature code:  n  recall  @161(res)  @161(all)")
    groups: dict[str, list[Outcome]] = {}
    for o in ours.outcomes:
        groups.setdefault(_fcode_group(o.gold.fcode), []).append(o)
    for group, items in sorted(groups.items(), key=lambda kv: -len(kv[1]))[:10]:
        t = Tally(items).figures()
        print(
            f"    {group:8} {len(items):10,} {t['recall']:7.1%} {t['acc_res']:10.1%} "
            f"{t['acc_all']:10.1%}"
        )
    print_causes(result, max(3, errors // 2))
    if errors:
        print_errors(ours, errors)


def print_causes(result: CorpusResult, k: int) -> None:
    """sitroom's misses and its >161 km errors by cause, with the most frequent examples."""
    wrong: dict[str, Counter] = {}
    for o in result.sitroom.outcomes:
        if o.guess is not None and not o.accurate:
            example = f"{o.gold.phrase} -> {o.guess.name} ({o.guess.country})"
            wrong.setdefault(why_wrong(o), Counter())[example] += 1
    for title, causes in (("misses", result.missed), ("errors >161 km", wrong)):
        print(f"  sitroom {title} by cause ({sum(sum(c.values()) for c in causes.values()):,}):")
        for cause, examples in sorted(causes.items(), key=lambda kv: -sum(kv[1].values())):
            shown = ", ".join(f"{e} x{n}" for e, n in examples.most_common(k))
            print(f"    {sum(examples.values()):5,}  {cause}: {shown}")


def print_errors(tally: Tally, k: int) -> None:
    """The K worst resolution errors and the K most frequent recognition misses."""
    wrong = sorted(
        (o for o in tally.outcomes if o.km is not None and not o.accurate), key=lambda o: -o.km
    )
    print(
        f"  worst errors ({len(wrong)} recalled toponyms >161 km off; repeats in one article once):"
    )
    seen: Counter = Counter((o.article, o.gold.phrase, o.guess) for o in wrong)
    shown = 0
    for o in wrong:
        repeats = seen.pop((o.article, o.gold.phrase, o.guess), 0)
        if not repeats or shown >= k:
            continue
        shown += 1
        g, p = o.gold, o.guess
        assert p is not None
        print(
            f"    {o.km:8,.0f} km  {g.phrase!r}{f' x{repeats}' if repeats > 1 else ''}: gold "
            f"{g.name} ({g.country}, {g.fcode}) -> ours {p.name} ({p.country}, {p.feature})"
            f"{' (same entry)' if o.exact else ''}  [{o.article}]"
        )
    missed = Counter(
        (o.gold.phrase, o.gold.fcode, o.gold.country) for o in tally.outcomes if o.km is None
    )
    print(f"  most frequent misses ({sum(missed.values())} gold toponyms not recalled):")
    for (phrase, fcode, country), n in missed.most_common(k):
        print(f"    {n:4}  {phrase!r} ({fcode}, {country})")


def load_everything(stage_names: Sequence[str]) -> tuple[list, float]:
    """Stages, spaCy model and gazetteer loaded and warmed up; the seconds it took."""
    start = time.perf_counter()
    from sitroom import nlp
    from sitroom.model import Document
    from sitroom.pipeline import extract, load_stages, prepare
    from sitroom.places import gazetteer

    stages = load_stages(list(stage_names))
    nlp.load()
    gazetteer.default()
    warm = prepare(Document(id="warm-up", text="Shelling hit the outskirts of Aleppo on Monday."))
    list(extract([warm], stages=stages))
    return stages, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    names = corpora()
    parser.add_argument(
        "--corpus", default="all", help=f"{' | '.join(names)} | all (a prefix will do)"
    )
    parser.add_argument("--limit", type=int, default=None, help="articles per corpus (all)")
    parser.add_argument("--errors", type=int, default=10, help="worst errors and misses shown")
    parser.add_argument(
        "--gold-spans",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also score the resolver given the gold spans (comparable with Mordecai 3)",
    )
    parser.add_argument(
        "--all-stages",
        action="store_true",
        help="run every default stage, not only those places need (same places, slower)",
    )
    args = parser.parse_args()
    chosen = {
        n: p for n, p in names.items() if args.corpus in ("all", n) or n.startswith(args.corpus)
    }
    if not chosen:
        parser.error(f"no corpus {args.corpus!r} in {GEOPARSING} (have: {', '.join(names)})")

    from sitroom.settings import DEFAULT_PIPELINE

    print(__doc__.split("\n\n", 2)[2].strip())
    print()
    stage_names = DEFAULT_PIPELINE if args.all_stages else PLACE_STAGES
    stages, load_s = load_everything(stage_names)
    print(f"stages: {', '.join(stage_names)}")
    print(f"model load (spaCy, stages, gazetteer, one warm-up article): {load_s:.1f} s")
    start = time.perf_counter()
    for name, path in chosen.items():
        result = bench_corpus(name, path, stages, args.limit, args.gold_spans)
        report(result, args.errors)
        sys.stdout.flush()
    print(
        "Mordecai 3, published (within 161 km): GeoWebNews 95.7%, LGL 82.7% (79.4% exact), "
        "TR-News 87.3% (84.3% exact)"
    )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"total {time.perf_counter() - start:.1f} s after load; peak memory {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
