"""Stories: how well sitroom links reports of one happening, groups articles into storylines,
and how fast it does so incrementally.

    .venv/bin/python bench/stories.py [--order published|reverse|random] [--seed N]
                                      [--base 10000] [--batch 1000] [--errors K] [--no-scale]

Accuracy runs on a corpus where the truth is known: the bundled examples plus the rewrites
in bench/data/stories/ (other outlets reporting the same happenings in other words, with
relative dates and differing figures, and distractors that must not be linked). Its answer
key, bench/data/stories/truth.json, names for every article its story and, for each
happening it reports, the cue words that name it. The articles are extracted once, then
stored one by one in the chosen order (linking as they arrive, as `sitroom ingest` does).

- Event linking, pairwise over reports from different articles. A system event reports a
  gold happening when its trigger overlaps one of that happening's cues in the article (or,
  with no trigger overlap, a cue lies inside its evidence or an `evidence_more` span).
  Precision: of the system's cross-article links (two events under one canonical event),
  the share joining two reports of the same happening; "all links" counts a link touching an
  event that reports no annotated happening as wrong. Recall: of the gold cross-article
  pairs (two articles reporting one happening), the share where some event of each is
  under one canonical event; "found" restricts it to pairs where both articles have an
  event on the happening (it separates linking from detection).
- Story grouping: B-cubed precision, recall and F1 over articles.
- Baselines measured in the same run: linking any two reports of one ACLED type at places
  within 25 km within 7 days (proximity alone, GDELT-style), and grouping by the article's
  most-mentioned place; plus the trivial all-in-one and one-story-per-article groupings.
- Scale: a database of --base synthetic articles (the corpus's extracted records, re-dated
  over 2011-2018, re-placed and re-cast at random, so no two are copies) is filled, then
  --batch more are stored incrementally; prints seconds per 1,000 articles with linking and
  without it (the store alone, same run), and the full cost per 1,000 with NLP extraction
  at the rate measured on the corpus.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "bench" / "data" / "stories"
SOURCES = [ROOT / "examples", CORPUS / "articles"]

Span = tuple[int, int]


def pct(n: float, d: float) -> str:
    return f"{100 * n / d:5.1f}% ({n:g}/{d:g})" if d else "  n/a"


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# --- corpus ---------------------------------------------------------------------------------


def load_truth() -> dict:
    return json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))


def extract_corpus() -> tuple[list, float]:
    """Every corpus article's record (extracted once) and the seconds extraction took."""
    from sitroom.ingest import InputError, read_paths
    from sitroom.pipeline import ExtractionError, extract, prepare

    docs = [d for d in read_paths(SOURCES) if not isinstance(d, InputError)]
    start = time.perf_counter()
    records = [r for r in extract([prepare(d) for d in docs]) if not isinstance(r, ExtractionError)]
    return records, time.perf_counter() - start


def order(records: list, how: str, seed: int) -> list:
    ranked = sorted(records, key=lambda r: (r.article.published or "9999", r.article.id))
    if how == "reverse":
        ranked.reverse()
    elif how == "random":
        random.Random(seed).shuffle(ranked)
    return ranked


def store_all(records: list, url: str, *, link: bool = True) -> Any:
    from sitroom import store

    engine = store.open_db(url)
    for record in records:
        store.save(engine, record, link=link)
    return engine


# --- mapping system events to gold happenings ------------------------------------------------


def cue_spans(text: str, happenings: dict[str, list[str]]) -> list[tuple[str, Span]]:
    spans = []
    for hid, cues in happenings.items():
        for cue in cues:
            at = text.find(cue)
            if at >= 0:
                spans.append((hid, (at, at + len(cue))))
    return spans


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def happening_of(event: Any, cues: list[tuple[str, Span]]) -> str | None:
    """The gold happening an event reports: a cue under its trigger, else the cue nearest its
    trigger inside its evidence (or one of its further evidence spans)."""
    trig = (event.trigger.start, event.trigger.end) if event.trigger else None
    if trig:
        for hid, span in cues:
            if _overlaps(span, trig):
                return hid
    spans = [(event.evidence.start, event.evidence.end)]
    spans += [(m.start, m.end) for m in event.evidence_more]
    at = trig[0] if trig else event.evidence.start
    inside = [
        (abs(span[0] - at), hid) for hid, span in cues if any(_inside(span, s) for s in spans)
    ]
    return min(inside)[1] if inside else None


# --- scoring --------------------------------------------------------------------------------


def linking_scores(reports: list[tuple[str, str, str | None, str]]) -> dict[str, float]:
    """reports: (article id, event id, gold happening or None, system cluster id)."""
    by_cluster: dict[str, list] = defaultdict(list)
    for r in reports:
        by_cluster[r[3]].append(r)
    sys_pairs = good = sys_pairs_known = good_known = 0
    for members in by_cluster.values():
        for a, b in combinations(members, 2):
            if a[0] == b[0]:
                continue
            sys_pairs += 1
            ok = a[2] is not None and a[2] == b[2]
            good += ok
            if a[2] is not None and b[2] is not None:
                sys_pairs_known += 1
                good_known += ok
    return {
        "sys_pairs": sys_pairs,
        "good": good,
        "sys_pairs_known": sys_pairs_known,
        "good_known": good_known,
    }


def gold_pairs(truth: dict) -> set[tuple[str, str, str]]:
    """(happening, article a, article b) for every two articles reporting one happening."""
    where: dict[str, set[str]] = defaultdict(set)
    for aid, entry in truth["articles"].items():
        for hid in entry["happenings"]:
            where[hid].add(aid)
    return {(h, a, b) for h, arts in where.items() for a, b in combinations(sorted(arts), 2)}


def recall(
    pairs: set[tuple[str, str, str]], reports: list[tuple[str, str, str | None, str]]
) -> tuple[int, int, int]:
    """(pairs recovered, pairs where both articles have an event on the happening, all)."""
    clusters: dict[tuple[str, str], set[str]] = defaultdict(set)
    for aid, _eid, hid, cid in reports:
        if hid is not None:
            clusters[(aid, hid)].add(cid)
    hit = found = 0
    for hid, a, b in pairs:
        ca, cb = clusters.get((a, hid)), clusters.get((b, hid))
        if ca and cb:
            found += 1
            hit += bool(ca & cb)
    return hit, found, len(pairs)


def bcubed(system: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    items = [i for i in gold if i in system]
    sys_groups: dict[str, set[str]] = defaultdict(set)
    gold_groups: dict[str, set[str]] = defaultdict(set)
    for i in items:
        sys_groups[system[i]].add(i)
        gold_groups[gold[i]].add(i)
    p = sum(
        len(sys_groups[system[i]] & gold_groups[gold[i]]) / len(sys_groups[system[i]])
        for i in items
    )
    r = sum(
        len(sys_groups[system[i]] & gold_groups[gold[i]]) / len(gold_groups[gold[i]]) for i in items
    )
    p, r = p / len(items), r / len(items)
    return p, r, f1(p, r)


# --- baselines ------------------------------------------------------------------------------


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    from sitroom.stories.sighting import distance_km

    return distance_km(a[0], a[1], b[0], b[1])


def proximity_clusters(records: list) -> dict[tuple[str, str], str]:
    """Baseline: one ACLED type, places within 25 km, dates within 7 days, nothing else."""
    items = []
    for rec in records:
        places = {p.id: p for p in rec.places}
        for e in rec.events:
            p = places.get(e.place)
            when = e.date or rec.article.published
            if p is None or p.lat is None or not when:
                continue
            items.append(
                (rec.article.id, e.id, e.event_type, (p.lat, p.lon), date.fromisoformat(when[:10]))
            )
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in combinations(range(len(items)), 2):
        a, b = items[i], items[j]
        if a[0] != b[0] and a[2] == b[2] and abs((a[4] - b[4]).days) <= 7 and _km(a[3], b[3]) <= 25:
            parent[find(i)] = find(j)
    return {(a[0], a[1]): f"px{find(i)}" for i, a in enumerate(items)}


def place_groups(records: list) -> dict[str, str]:
    """Baseline: an article's story is its most-mentioned place below country level."""
    out = {}
    for rec in records:
        fine = [p for p in rec.places if p.feature != "country"] or rec.places
        best = max(fine, key=lambda p: (len(p.mentions), p.id), default=None)
        out[rec.article.id] = best.id if best else rec.article.id
    return out


# --- accuracy -------------------------------------------------------------------------------


def bench_accuracy(records: list, truth: dict, how: str, seed: int, errors: int) -> None:
    from sqlalchemy import select

    from sitroom.store import schema

    missing = [aid for aid in truth["articles"] if aid not in {r.article.id for r in records}]
    if missing:
        print(f"warning: {len(missing)} articles of the truth were not extracted: {missing[:5]}")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        engine = store_all(order(records, how, seed), f"sqlite:///{tmp}/stories.db")
        took = time.perf_counter() - start
        with engine.connect() as conn:
            links = {
                (r.article_id, r.event_id): r.canonical_id
                for r in conn.execute(select(schema.event_links))
            }
            stories = dict(
                conn.execute(
                    select(schema.story_articles.c.article_id, schema.story_articles.c.story_id)
                ).all()
            )
            labels = dict(conn.execute(select(schema.stories.c.id, schema.stories.c.label)).all())
        engine.dispose()
    print(f"stored {len(records)} articles in {how} order, linking as they came: {took:.2f} s")

    reports, base_reports = [], []
    unmapped = Counter()
    proximity = proximity_clusters(records)
    texts = {r.article.id: r.article.text for r in records}
    why: dict[tuple[str, str], Any] = {}
    for rec in records:
        entry = truth["articles"].get(rec.article.id)
        if entry is None:
            continue
        cues = cue_spans(rec.article.text, entry["happenings"])
        for e in rec.events:
            hid = happening_of(e, cues)
            if hid is None:
                unmapped[rec.article.id] += 1
            key = (rec.article.id, e.id)
            why[key] = (hid, e)
            reports.append((rec.article.id, e.id, hid, links.get(key, f"none:{e.id}")))
            base_reports.append((rec.article.id, e.id, hid, proximity.get(key, f"none:{e.id}")))

    pairs = gold_pairs(truth)
    print(
        f"\ncorpus: {len(truth['articles'])} articles, {len(truth['stories'])} stories, "
        f"{len(pairs)} gold cross-article pairs of reports of one happening"
    )
    print(
        f"system events: {len(reports)}, of which on an annotated happening: "
        f"{sum(r[2] is not None for r in reports)}"
    )

    print("\n== event linking (pairwise, across articles)")
    for name, rows in (("sitroom", reports), ("proximity baseline", base_reports)):
        s = linking_scores(rows)
        hit, found, total = recall(pairs, rows)
        p_all = s["good"] / s["sys_pairs"] if s["sys_pairs"] else 0.0
        p_known = s["good_known"] / s["sys_pairs_known"] if s["sys_pairs_known"] else 0.0
        r_all = hit / total if total else 0.0
        print(f"  {name}:")
        print(f"    precision (all links)        {pct(s['good'], s['sys_pairs'])}")
        print(f"    precision (annotated events) {pct(s['good_known'], s['sys_pairs_known'])}")
        print(f"    recall (all gold pairs)      {pct(hit, total)}")
        print(f"    recall (pairs found by both) {pct(hit, found)}")
        print(
            f"    F1 (all links, all pairs)    {100 * f1(p_all, r_all):5.1f}   "
            f"F1 (annotated, found) {100 * f1(p_known, hit / found if found else 0):5.1f}"
        )

    print("\n== story grouping (B-cubed over articles)")
    gold_story = {aid: e["story"] for aid, e in truth["articles"].items()}
    rows = [
        ("sitroom", stories),
        ("most-mentioned place", place_groups(records)),
        ("all in one story", {a: "one" for a in gold_story}),
        ("one story per article", {a: a for a in gold_story}),
    ]
    for name, system in rows:
        p, r, f = bcubed(system, gold_story)
        print(f"  {name:<24} P {100 * p:5.1f}  R {100 * r:5.1f}  F1 {100 * f:5.1f}")
    print(f"  stories: gold {len(set(gold_story.values()))}, sitroom {len(set(stories.values()))}")

    if errors:
        show_errors(reports, why, texts, stories, gold_story, labels, errors)


def show_errors(reports, why, texts, stories, gold_story, labels, k: int) -> None:
    by_cluster = defaultdict(list)
    for r in reports:
        by_cluster[r[3]].append(r)
    print(f"\n-- wrong links (up to {k})")
    shown = 0
    for members in by_cluster.values():
        hids = {m[2] for m in members}
        arts = {m[0] for m in members}
        if len(arts) > 1 and (len(hids) > 1 or None in hids):
            print("  cluster:")
            for aid, eid, hid, _ in members:
                e = why[(aid, eid)][1]
                trig = e.trigger.text if e.trigger else "-"
                print(
                    f"    {aid[:48]:<48} {hid or '(none)':<30} {e.sub_event_type[:22]:<22} "
                    f"{e.status[:5]} {e.date or '-':<10} {trig!r}"
                )
            shown += 1
            if shown >= k:
                break
    print(f"\n-- missed links (up to {k})")
    where = defaultdict(list)
    for aid, eid, hid, cid in reports:
        if hid:
            where[hid].append((aid, eid, cid))
    shown = 0
    for hid, rows in sorted(where.items()):
        arts = {a for a, _, _ in rows}
        clusters = {c for _, _, c in rows}
        if len(arts) > 1 and len(clusters) > 1:
            print(f"  {hid}:")
            for aid, eid, cid in rows:
                e = why[(aid, eid)][1]
                trig = e.trigger.text if e.trigger else "-"
                print(
                    f"    {cid[:18]:<18} {aid[:46]:<46} {e.sub_event_type[:22]:<22} "
                    f"{e.status[:5]} {e.date or '-':<10} {e.actor1 or '-':<22} "
                    f"{e.place or '-':<22} {trig!r}"
                )
            shown += 1
            if shown >= k:
                break
    print("\n-- stories")
    groups = defaultdict(list)
    for aid, sid in stories.items():
        groups[sid].append(aid)
    for sid, aids in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"  {sid} {labels.get(sid, '')}")
        for aid in sorted(aids):
            print(f"      {gold_story.get(aid, '?'):<28} {aid}")


# --- scale ----------------------------------------------------------------------------------


def synthetic(records: list, n: int, seed: int, tag: str) -> list:
    """n records made from the corpus's: re-dated over 2011-2018, with places and actors
    swapped for others of the corpus at random, under new ids (no two are copies)."""
    rng = random.Random(seed)
    places = [p for r in records for p in r.places if p.lat is not None]
    out = []
    for i in range(n):
        base = rng.choice(records)
        shift = timedelta(days=rng.randint(-1500, 1300))
        swap_places = {p.id: rng.choice(places) for p in base.places}
        actor_pool = [a for r in (rng.choice(records), base) for a in r.actors]
        swap_actors = {a.id: rng.choice(actor_pool).id for a in base.actors}

        def moved(value: str | None, shift: timedelta = shift) -> str | None:
            return (date.fromisoformat(value[:10]) + shift).isoformat() if value else None

        aid = f"{tag}-{i:06d}"
        text = base.article.text
        article = base.article.model_copy(
            update={
                "id": aid,
                "published": moved(base.article.published) or "2014-01-01",
                "sha256": hashlib.sha256(f"{aid}\n{text}".encode()).hexdigest(),
            }
        )
        new_places, seen = [], set()
        for p in base.places:
            q = swap_places[p.id]
            if q.id in seen:
                continue
            seen.add(q.id)
            new_places.append(q.model_copy(update={"mentions": p.mentions}))
        kept = {q.id for q in new_places}
        actors, seen_a = [], set()
        for a in base.actors:
            new_id = swap_actors[a.id]
            if new_id in seen_a:
                continue
            seen_a.add(new_id)
            actors.append(a.model_copy(update={"id": new_id}))
        cast = {a.id for a in actors}
        events = []
        for e in base.events:
            place = swap_places[e.place].id if e.place in swap_places else None
            a1 = swap_actors.get(e.actor1) if e.actor1 else None
            a2 = swap_actors.get(e.actor2) if e.actor2 else None
            events.append(
                e.model_copy(
                    update={
                        "date": moved(e.date),
                        "date_end": moved(e.date_end),
                        "place": place if place in kept else None,
                        "actor1": a1 if a1 in cast else None,
                        "actor2": a2 if a2 in cast else None,
                        "associated_actors": [],
                    }
                )
            )
        out.append(
            base.model_copy(
                update={
                    "article": article,
                    "places": new_places,
                    "actors": actors,
                    "events": events,
                    "relations": [
                        r for r in base.relations if r.source in cast and r.target in cast
                    ],
                }
            )
        )
    return out


def bench_scale(records: list, base: int, batch: int, seed: int, extract_rate: float) -> None:
    from sitroom import store

    print(f"\n== incremental ingest: {batch} articles into a database of {base}")
    fill = synthetic(records, base, seed, "base")
    more = synthetic(records, batch, seed + 1, "new")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/scale.db"
        start = time.perf_counter()
        engine = store.open_db(url)
        for i, rec in enumerate(fill, 1):
            store.save(engine, rec)
            if i % 2000 == 0:
                print(f"  filled {i} ({time.perf_counter() - start:.0f} s)", file=sys.stderr)
        filled = time.perf_counter() - start
        start = time.perf_counter()
        for rec in more:
            store.save(engine, rec)
        linked = time.perf_counter() - start
        counts = store.counts(engine)
        engine.dispose()
        url2 = f"sqlite:///{tmp}/plain.db"
        engine = store_all(fill, url2, link=False)
        start = time.perf_counter()
        for rec in more:
            store.save(engine, rec, link=False)
        plain = time.perf_counter() - start
        engine.dispose()
    per = 1000 / batch
    nlp = 1000 / extract_rate
    print(
        f"  filling the database of {base} (store + link): {filled:.0f} s "
        f"({1000 * filled / base:.1f} s per 1,000)"
    )
    print(f"  {batch} more, store + link:          {linked * per:7.1f} s per 1,000 articles")
    print(f"  {batch} more, store alone (baseline): {plain * per:7.1f} s per 1,000 articles")
    print(f"  linking's share: {linked / plain:.2f}x the store alone")
    print(
        f"  NLP extraction at the corpus rate ({extract_rate:.1f} articles/s): "
        f"{nlp:.0f} s per 1,000"
    )
    print(
        f"  => full incremental ingest: {nlp + linked * per:.0f} s per 1,000 articles "
        f"(linking {100 * (linked - plain) * per / (nlp + linked * per):.1f}% of it)"
    )
    print(f"  database after: {counts['articles']} articles, {counts['events']} events")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--order", choices=("published", "reverse", "random"), default="published")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--base", type=int, default=10_000)
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--no-scale", action="store_true")
    args = ap.parse_args()
    truth = load_truth()
    records, took = extract_corpus()
    rate = len(records) / took
    print(f"extracted {len(records)} corpus articles in {took:.1f} s ({rate:.1f} articles/s)")
    bench_accuracy(records, truth, args.order, args.seed, args.errors)
    if not args.no_scale:
        bench_scale(records, args.base, args.batch, args.seed, rate)


if __name__ == "__main__":
    main()
