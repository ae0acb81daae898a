"""Actors, people and relations: how well sitroom finds them, on three annotated corpora.

    .venv/bin/python bench/actors.py [--corpus seeds|re3d|fakes|all] [--limit N] [--top K]

- seeds: the two seed articles against our own gold (tests/gold/annotations/*.json, rules in
  tests/gold/README.md): actor mentions (span overlap and the same entity, and overlap
  alone), distinct actors per article, people, their titles and affiliations, relations
  (source, target, kind; and the pair alone).
- re3d: dstl/re3d's Organisation mentions (and Nationality mentions that are an endpoint of
  an actor relation) against our actor mentions, its Person mentions against our people,
  its "Fighting against" and "Military allies of" relations against ours, by actor pair.
- fakes: FA-KES's coded responsible actor against the actors we extract, through the
  mapping table in bench/data/fakes_actors.json.

It reads only the public record (model.Record: actors with ids, names, kinds, mentions;
people; relations), so it keeps working while the stages change. Prints figures, the most
frequent misses and false positives, and timings; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import os
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITROOM_SHARED") or ROOT.parent / "shared")
SEEDS = SHARED / "seeds"
GOLD = ROOT / "tests" / "gold" / "annotations"
RE3D = SHARED / "dev-data" / "re3d"
FAKES = SHARED / "dev-data" / "syria-news" / "fa-kes-dev.csv"
FAKES_MAP = ROOT / "bench" / "data" / "fakes_actors.json"

SYMMETRIC = {"ally", "enemy", "cooperates", "negotiates"}
ALIGNED = {"ally", "supports", "cooperates"}  # re3d's "Military allies of", loosely
_DROP = {"the", "al", "el"}
#: re3d marks pronouns as Organisation and Person; sitroom resolves no pronouns, so a second
#: row leaves them out of the gold.
PRONOUNS = {
    "i",
    "me",
    "my",
    "we",
    "us",
    "our",
    "you",
    "your",
    "he",
    "him",
    "his",
    "she",
    "her",
    "they",
    "them",
    "their",
    "it",
    "its",
    "who",
    "which",
}

Span = tuple[int, int]


# --- small helpers -------------------------------------------------------------------------


def key(name: str | None) -> str:
    """A spelling-insensitive key: 'Jabhat al-Nusra' and 'Jabhat-al Nusra' -> 'jabhat nusra'."""
    if not name:
        return ""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_name).split()
    return " ".join(w for w in words if w not in _DROP)


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class Score:
    """Precision and recall counts kept apart, since matching is not always one-to-one."""

    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0

    def add(self, tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> None:
        self.tp_pred += tp_pred
        self.n_pred += n_pred
        self.tp_gold += tp_gold
        self.n_gold += n_gold

    def row(self, label: str) -> str:
        p = self.tp_pred / self.n_pred if self.n_pred else float("nan")
        r = self.tp_gold / self.n_gold if self.n_gold else float("nan")
        f = 2 * p * r / (p + r) if p + r else 0.0
        return (
            f"  {label:38} P {p:6.1%} ({self.tp_pred:4}/{self.n_pred:<4})  "
            f"R {r:6.1%} ({self.tp_gold:4}/{self.n_gold:<4})  F1 {f:6.1%}"
        )


@dataclass
class Misses:
    """The most frequent misses and false positives of one corpus, by label."""

    missed: Counter = field(default_factory=Counter)
    false: Counter = field(default_factory=Counter)

    def show(self, title: str, top: int) -> None:
        print(f"  {title}: most frequent misses")
        for label, n in self.missed.most_common(top):
            print(f"    {n:4}  {label}")
        print(f"  {title}: most frequent false positives")
        for label, n in self.false.most_common(top):
            print(f"    {n:4}  {label}")


def run_pipeline(items: Iterable[tuple[str, str]]) -> Iterator:
    """Records for (id, text) pairs through sitroom's full pipeline; failures are printed."""
    from sitroom.model import Document
    from sitroom.pipeline import ExtractionError, extract, prepare

    articles = (prepare(Document(id=i, text=t)) for i, t in items)
    for outcome in extract(articles):
        if isinstance(outcome, ExtractionError):
            print(f"  ! {outcome}", file=sys.stderr)
        else:
            yield outcome


def match_spans(
    gold: list[tuple[Span, str | None]], pred: list[tuple[Span, str | None]], same_entity: bool
) -> tuple[int, int, list[int], list[int]]:
    """One-to-one greedy matching by overlap (and entity label when asked).

    Returns matched pred count, matched gold count, and the unmatched indices of each.
    """
    used: set[int] = set()
    pred_hit = [False] * len(pred)
    for pi, (ps, pl) in enumerate(pred):
        for gi, (gs, gl) in enumerate(gold):
            if gi in used or not overlaps(ps, gs):
                continue
            if same_entity and (pl is None or pl != gl):
                continue
            used.add(gi)
            pred_hit[pi] = True
            break
    missed_gold = [gi for gi in range(len(gold)) if gi not in used]
    false_pred = [pi for pi, hit in enumerate(pred_hit) if not hit]
    return sum(pred_hit), len(used), missed_gold, false_pred


# --- seeds ---------------------------------------------------------------------------------


def _gold_keys(items: list[dict]) -> dict[str, str]:
    """Name key -> canonical name, for the canonical names and the aliases of gold items."""
    table: dict[str, str] = {}
    for item in items:
        for name in [item["name"], *item.get("aliases", [])]:
            table.setdefault(key(name), item["name"])
    return table


def _map_actor(actor, table: dict[str, str]) -> str | None:
    for candidate in (actor.name, actor.id.replace("-", " ")):
        if key(candidate) in table:
            return table[key(candidate)]
    return None


def _text_match(pred: str | None, gold: str | None, extra: dict[str, str]) -> bool:
    """Loose equality of titles or affiliations: same key, one inside the other, or aliases."""
    a, b = key(pred), key(gold)
    if not a or not b:
        return False
    a = key(extra.get(a, a))
    b = key(extra.get(b, b))
    return a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} "


def bench_seeds(top: int) -> None:
    print("== seeds (gold: tests/gold/annotations) ==")
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}
    paths = [SEEDS / f"{stem}.txt" for stem in golds]
    start = time.perf_counter()
    records = list(run_pipeline((p.stem, p.read_text(encoding="utf-8")) for p in paths))
    elapsed = time.perf_counter() - start

    strict, loose, distinct, kinds = Score(), Score(), Score(), Score()
    people, titles, affils = Score(), Score(), Score()
    rels, pairs, rels_kb = Score(), Score(), Score()
    misses = {"actors": Misses(), "people": Misses(), "relations": Misses()}
    for record in records:
        gold = golds[record.article.id]
        text = record.article.text
        if len(text) != gold["length"]:
            print(f"  ! {record.article.id}: text length {len(text)} != gold {gold['length']}")
        table = _gold_keys(gold["actors"])
        names_by_id = {a.id: _map_actor(a, table) for a in record.actors}
        gold_kind = {a["name"]: a["kind"] for a in gold["actors"]}

        g_mentions = [
            ((m["start"], m["end"]), a["name"]) for a in gold["actors"] for m in a["mentions"]
        ]
        p_mentions = [(tuple(m), names_by_id[a.id]) for a in record.actors for m in a.mentions]
        tp_p, tp_g, missed, false = match_spans(g_mentions, p_mentions, same_entity=True)
        strict.add(tp_p, len(p_mentions), tp_g, len(g_mentions))
        for gi in missed:
            (s, e), name = g_mentions[gi]
            misses["actors"].missed[f"{text[s:e]!r} ({name})"] += 1
        for pi in false:
            (s, e), name = p_mentions[pi]
            label = next(
                a.id for a in record.actors if tuple(p_mentions[pi][0]) in map(tuple, a.mentions)
            )
            misses["actors"].false[f"{text[s:e]!r} -> {label}"] += 1
        tp_p, tp_g, _, _ = match_spans(g_mentions, p_mentions, same_entity=False)
        loose.add(tp_p, len(p_mentions), tp_g, len(g_mentions))

        found = {names_by_id[a.id] or f"?{a.name}" for a in record.actors}
        wanted = set(gold_kind)
        distinct.add(len(found & wanted), len(found), len(found & wanted), len(wanted))
        same_kind = sum(1 for a in record.actors if gold_kind.get(names_by_id[a.id]) == a.kind)
        matched = sum(1 for a in record.actors if names_by_id[a.id] in gold_kind)
        kinds.add(same_kind, matched, same_kind, matched)

        ptable = _gold_keys(gold["people"])
        gold_people = {p["name"]: p for p in gold["people"]}
        hit_people = {}
        for person in record.people:
            name = ptable.get(key(person.name))
            if name is not None:
                hit_people[name] = person
            else:
                misses["people"].false[person.name] += 1
        people.add(len(hit_people), len(record.people), len(hit_people), len(gold_people))
        for name in set(gold_people) - set(hit_people):
            misses["people"].missed[name] += 1
        aliases = {key(a): a_item["name"] for a_item in gold["actors"] for a in a_item["aliases"]}
        for name, person in hit_people.items():
            g = gold_people[name]
            for score, attr in ((titles, "title"), (affils, "affiliation")):
                ok = int(_text_match(getattr(person, attr), g[attr], aliases))
                score.add(ok, int(getattr(person, attr) is not None), ok, int(g[attr] is not None))
                if not ok and (g[attr] or getattr(person, attr)):
                    misses["people"].missed[
                        f"{name} {attr}: {getattr(person, attr)!r} vs {g[attr]!r}"
                    ] += 1
        for name in set(gold_people) - set(hit_people):
            for score, attr in ((titles, "title"), (affils, "affiliation")):
                score.add(0, 0, 0, int(gold_people[name][attr] is not None))

        def norm(src: str, tgt: str, kind: str) -> tuple:
            return (kind, *sorted((src, tgt))) if kind in SYMMETRIC else (kind, src, tgt)

        g_rels = {norm(r["source"], r["target"], r["kind"]) for r in gold["relations"]}
        g_pairs = {frozenset((r["source"], r["target"])) for r in gold["relations"]}
        for origin_filter, score in ((("text",), rels), (("text", "knowledge_base"), rels_kb)):
            p_rels = set()
            for rel in record.relations:
                if rel.origin not in origin_filter:
                    continue
                src = names_by_id.get(rel.source) or f"?{rel.source}"
                tgt = names_by_id.get(rel.target) or f"?{rel.target}"
                p_rels.add(norm(src, tgt, rel.kind))
            score.add(len(p_rels & g_rels), len(p_rels), len(g_rels & p_rels), len(g_rels))
            if score is rels:
                for r in g_rels - p_rels:
                    misses["relations"].missed[" ".join(r)] += 1
                for r in p_rels - g_rels:
                    misses["relations"].false[" ".join(r)] += 1
                p_pairs = {frozenset(r[1:]) for r in p_rels}
                pairs.add(
                    len(p_pairs & g_pairs), len(p_pairs), len(g_pairs & p_pairs), len(g_pairs)
                )

    print(f"  {len(records)} articles, {elapsed:.1f} s (model load included)")
    print(strict.row("actor mentions (overlap + entity)"))
    print(loose.row("actor mentions (overlap only)"))
    print(distinct.row("distinct actors per article"))
    print(kinds.row("kind agrees (on matched actors)"))
    print(people.row("people (name)"))
    print(titles.row("people titles"))
    print(affils.row("people affiliations"))
    print(rels.row("relations (src, tgt, kind; text)"))
    print(pairs.row("relation pairs (any kind; text)"))
    print(rels_kb.row("relations incl. knowledge base"))
    for title, m in misses.items():
        m.show(title, top)


# --- re3d ----------------------------------------------------------------------------------


def _read_json_lines(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def offset_map(raw: str, norm: str) -> list[int]:
    """For each offset of `raw`, the offset in `norm` it became (normalise only drops text)."""
    table = [0] * (len(raw) + 1)
    matcher = difflib.SequenceMatcher(None, raw, norm, autojunk=False)
    last = 0
    pos = 0
    for a, b, size in matcher.get_matching_blocks():
        for i in range(pos, a):
            table[i] = last
        for k in range(size):
            table[a + k] = b + k
        last = b + size
        pos = a + size
    for i in range(pos, len(raw) + 1):
        table[i] = last if i < len(raw) else len(norm)
    return table


def bench_re3d(top: int) -> None:
    from sitroom.ingest import normalise

    print("== re3d (dstl, Organisation/Nationality/Person, Fighting against / allies) ==")
    docs: dict[str, dict] = {}
    ents: dict[str, list[dict]] = defaultdict(list)
    relations: dict[str, list[dict]] = defaultdict(list)
    for folder in sorted(p for p in RE3D.iterdir() if p.is_dir()):
        for d in _read_json_lines(folder / "documents.json"):
            docs[d["_id"]] = d
        for e in _read_json_lines(folder / "entities.json"):
            ents[e["documentId"]].append(e)
        for r in _read_json_lines(folder / "relations.json"):
            relations[r["documentId"]].append(r)

    start = time.perf_counter()
    records = {r.article.id: r for r in run_pipeline((i, d["text"]) for i, d in docs.items())}
    elapsed = time.perf_counter() - start

    orgs, orgs_ent, persons, persons_np, hostile, aligned, both = (Score() for _ in range(7))
    m_org, m_person, m_rel = Misses(), Misses(), Misses()
    for doc_id, doc in docs.items():
        record = records.get(doc_id)
        if record is None:
            continue
        text = record.article.text
        table = offset_map(doc["text"], text) if normalise(doc["text"]) != doc["text"] else None

        def at(b: int, e: int, table: list[int] | None = table) -> Span:
            return (table[b], table[e]) if table else (b, e)

        actor_rels = [r for r in relations[doc_id] if r["type"] in ("FightingAgainst", "AlliesOf")]
        endpoints = {(r["sourceBegin"], r["sourceEnd"]) for r in actor_rels} | {
            (r["targetBegin"], r["targetEnd"]) for r in actor_rels
        }
        gold_act = [
            (at(e["begin"], e["end"]), e["value"])
            for e in ents[doc_id]
            if e["type"] == "Organisation"
            or (e["type"] == "Nationality" and (e["begin"], e["end"]) in endpoints)
        ]
        neutral = [at(e["begin"], e["end"]) for e in ents[doc_id] if e["type"] == "Nationality"]
        pred_act = [(tuple(m), a.id) for a in record.actors for m in a.mentions]
        # our mentions on a Nationality that is not an actor there are neither right nor wrong
        pred_scored = [
            p
            for p in pred_act
            if any(overlaps(p[0], g[0]) for g in gold_act)
            or not any(overlaps(p[0], n) for n in neutral)
        ]
        tp_p, tp_g, missed, false = match_spans(
            [(s, None) for s, _ in gold_act], [(s, None) for s, _ in pred_scored], same_entity=False
        )
        orgs.add(tp_p, len(pred_scored), tp_g, len(gold_act))
        named = [g for g in gold_act if g[1].strip().lower() not in PRONOUNS]
        tp_p, tp_g, _, _ = match_spans(
            [(s, None) for s, _ in named], [(s, None) for s, _ in pred_scored], same_entity=False
        )
        orgs_ent.add(tp_p, len(pred_scored), tp_g, len(named))
        for gi in missed:
            m_org.missed[gold_act[gi][1]] += 1
        for pi in false:
            (s, e), aid = pred_scored[pi]
            m_org.false[f"{text[s:e]!r} -> {aid}"] += 1

        gold_per = [
            (at(e["begin"], e["end"]), e["value"]) for e in ents[doc_id] if e["type"] == "Person"
        ]
        pred_per = [(tuple(m), p.id) for p in record.people for m in p.mentions]
        tp_p, tp_g, missed, false = match_spans(
            [(s, None) for s, _ in gold_per], [(s, None) for s, _ in pred_per], same_entity=False
        )
        persons.add(tp_p, len(pred_per), tp_g, len(gold_per))
        for gi in missed:
            m_person.missed[gold_per[gi][1]] += 1
        named = [g for g in gold_per if g[1].strip().lower() not in PRONOUNS]
        tp_p, tp_g, _, _ = match_spans(
            [(s, None) for s, _ in named], [(s, None) for s, _ in pred_per], same_entity=False
        )
        persons_np.add(tp_p, len(pred_per), tp_g, len(named))
        for pi in false:
            (s, e), _ = pred_per[pi]
            m_person.false[text[s:e]] += 1

        def actor_at(span: Span, value: str, record=record) -> str:
            """Our actor whose mention overlaps the gold span most, else the gold words."""
            best, best_len = None, 0
            for a in record.actors:
                for m in a.mentions:
                    inter = min(m[1], span[1]) - max(m[0], span[0])
                    if inter > best_len:
                        best, best_len = a.id, inter
            return best or f"?{value}"

        g_host, g_align = set(), set()
        for r in actor_rels:
            src = actor_at(at(r["sourceBegin"], r["sourceEnd"]), r["source"])
            tgt = actor_at(at(r["targetBegin"], r["targetEnd"]), r["target"])
            if src == tgt:
                continue
            (g_host if r["type"] == "FightingAgainst" else g_align).add(frozenset((src, tgt)))
        p_host = {
            frozenset((r.source, r.target))
            for r in record.relations
            if r.kind == "enemy" and r.origin == "text"
        }
        p_align = {
            frozenset((r.source, r.target))
            for r in record.relations
            if r.kind in ALIGNED and r.origin == "text"
        }
        for score, g, p, label in (
            (hostile, g_host, p_host, "enemy"),
            (aligned, g_align, p_align, "ally"),
        ):
            score.add(len(p & g), len(p), len(g & p), len(g))
            for pair in g - p:
                m_rel.missed[f"{label}: {' / '.join(sorted(pair))}"] += 1
            for pair in p - g:
                m_rel.false[f"{label}: {' / '.join(sorted(pair))}"] += 1
        g_any, p_any = g_host | g_align, p_host | p_align
        both.add(len(p_any & g_any), len(p_any), len(g_any & p_any), len(g_any))

    print(f"  {len(records)} documents, {elapsed:.1f} s")
    print(orgs.row("actor mentions vs Organisation(+Nat.)"))
    print(orgs_ent.row("  the same, pronouns left out"))
    print(persons.row("people mentions vs Person"))
    print(persons_np.row("  the same, pronouns left out"))
    print(hostile.row("Fighting against vs enemy (pairs)"))
    print(aligned.row("Military allies vs ally/supports/coop"))
    print(both.row("either, pair only"))
    m_org.show("actors", top)
    m_person.show("people", top)
    m_rel.show("relations", top)


# --- FA-KES --------------------------------------------------------------------------------


def fakes_actor_patterns() -> dict[str, list[re.Pattern[str]]]:
    """FA-KES coded actor value -> the patterns our actor keys match (bench/data)."""
    return {
        value: [re.compile(p) for p in pats]
        for value, pats in json.loads(FAKES_MAP.read_text(encoding="utf-8")).items()
        if not value.startswith("_")
    }


def fakes_rows(limit: int | None) -> list[dict[str, str]]:
    """FA-KES rows (a few stray bytes in the file are replaced)."""
    with FAKES.open(encoding="utf-8", errors="replace", newline="") as f:
        rows = list(csv.DictReader(f))
    return rows[:limit] if limit else rows


def bench_fakes(top: int, limit: int | None) -> None:
    print("== FA-KES (coded responsible actor) ==")
    patterns = fakes_actor_patterns()
    rows = fakes_rows(limit)
    coded = Counter(r["actor"].strip().lower() for r in rows)
    print("  coded values:")
    for value, n in coded.most_common():
        mapped = (
            "" if value in patterns else "   (no mapping: add it to bench/data/fakes_actors.json)"
        )
        print(f"    {n:4}  {value}{mapped}")

    start = time.perf_counter()
    items = (
        (f"{i}-{r['unit_id']}", f"{r['article_title']}\n\n{r['article_content']}")
        for i, r in enumerate(rows)
    )
    records = {rec.article.id: rec for rec in run_pipeline(items)}
    elapsed = time.perf_counter() - start

    armed = {
        "state_forces",
        "rebel_group",
        "political_militia",
        "identity_militia",
        "external_forces",
    }
    any_hit, top_hit = Score(), Score()
    per_value: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    missed_value: dict[str, Counter] = defaultdict(Counter)
    unmatched_names: Counter = Counter()
    for i, row in enumerate(rows):
        record = records.get(f"{i}-{row['unit_id']}")
        value = row["actor"].strip().lower()
        pats = patterns.get(value)
        if record is None or not pats:
            continue

        def matches(actor, pats: list = pats) -> bool:
            return any(p.search(key(n)) for n in (actor.name, actor.id) for p in pats)

        hit = any(matches(a) for a in record.actors)
        ranked = sorted(
            (a for a in record.actors if a.kind in armed), key=lambda a: -len(a.mentions)
        )
        first = bool(ranked) and matches(ranked[0])
        any_hit.add(int(hit), 1, int(hit), 1)
        top_hit.add(int(first), 1, int(first), 1)
        per_value[value][0] += 1
        per_value[value][1] += hit
        per_value[value][2] += first
        if not hit:
            names = [a.name for a in ranked[:3]] or ["(no armed actor)"]
            missed_value[value][", ".join(names)] += 1
        for a in record.actors:
            if a.kind in armed and not any(
                p.search(key(n)) for pl in patterns.values() for p in pl for n in (a.name, a.id)
            ):
                unmatched_names[f"{a.name} ({a.kind})"] += 1

    print(f"  {len(records)} articles, {elapsed:.1f} s")
    print(
        f"  coded actor among ours : {any_hit.tp_gold}/{any_hit.n_gold} = "
        f"{any_hit.tp_gold / max(1, any_hit.n_gold):.1%}  (articles not coded 'unknown')"
    )
    print(
        f"  coded actor = our most-mentioned armed actor : {top_hit.tp_gold}/{top_hit.n_gold} = "
        f"{top_hit.tp_gold / max(1, top_hit.n_gold):.1%}"
    )
    for value, (n, hit, first) in sorted(per_value.items(), key=lambda kv: -kv[1][0]):
        print(
            f"    {value[:48]:48} n {n:4}  among ours {hit / n:6.1%}  "
            f"most-mentioned {first / n:6.1%}"
        )
    print("  misses: coded value -> our top armed actors instead")
    for value, counter in missed_value.items():
        for names, n in counter.most_common(max(1, top // 3)):
            print(f"    {n:3}  {value[:40]}  -> {names}")
    print("  armed actors we extract that map to no coded value (noise or gaps in the table)")
    for name, n in unmatched_names.most_common(top):
        print(f"    {n:4}  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=["seeds", "re3d", "fakes", "all"], default="all")
    parser.add_argument("--limit", type=int, default=None, help="FA-KES articles (default all)")
    parser.add_argument("--top", type=int, default=12, help="misses and false positives shown")
    args = parser.parse_args()
    start = time.perf_counter()
    if args.corpus in ("seeds", "all"):
        bench_seeds(args.top)
    if args.corpus in ("re3d", "all"):
        if RE3D.is_dir():
            bench_re3d(args.top)
        else:
            print(f"== re3d: not found at {RE3D} ==")
    if args.corpus in ("fakes", "all"):
        if FAKES.is_file():
            bench_fakes(args.top, args.limit)
        else:
            print(f"== FA-KES: not found at {FAKES} ==")
    print(f"total {time.perf_counter() - start:.1f} s")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
