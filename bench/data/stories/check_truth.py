"""Check the story-linking answer key against the articles, and optionally measure cue coverage.

    .venv/bin/python bench/data/stories/check_truth.py [--extract FILE.jsonl] [--show]

Reads every article of `examples/` and `bench/data/stories/articles/` through sitroom's own
readers (so ids and text are exactly what the pipeline sees) and checks `truth.json`:

- every article read has an entry, every entry names an article that exists, and every
  article's story is one of `stories` (and every story has an article);
- every cue is 1-6 words and occurs in its article's text; the cues of two different
  happenings of one article never overlap (at their first occurrence, the one that counts);
- every happening id is a slug with an entry in `happenings` (date, kind, what), and no
  article reports a dated happening before it happened unless the entry lists the article
  in `foreseen_by`;
- the corpus' own articles have a sidecar whose id, date and URL agree with the file name,
  an outlet that is not one of the examples', and 120-400 words.

Prints the counts (articles, stories, happenings, happenings in 2+ articles, gold linked
pairs) and exits 1 on any error. With `--extract`, the JSON Lines written by
`sitroom extract`, it also prints how many cues sitroom covers with an event: a cue is
covered when an event's trigger overlaps the cue's first occurrence, or when the event's
evidence span (or one of its `evidence_more` spans) contains it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SOURCES = [ROOT / "examples", HERE / "articles"]
EXAMPLE_OUTLETS = {
    "Levant Wire",
    "Cedar Dispatch",
    "Mashriq Daily",
    "Beirut Ledger",
    "Crossroads News Service",
    "Orontes Review",
    "Northern Front Monitor",
}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
KINDS = {"event", "anticipated", "ongoing"}


def read_documents() -> tuple[dict, list[str]]:
    """Every article the sitroom readers yield, by id, and the input errors they report."""
    from sitroom.ingest import InputError, normalise, read_paths

    docs, errors = {}, []
    for item in read_paths([str(p) for p in SOURCES]):
        if isinstance(item, InputError):
            errors.append(str(item))
            continue
        if item.id in docs:
            errors.append(f"{item.id}: duplicate article id")
        docs[item.id] = {
            "text": normalise(item.text),
            "published": item.published or date.fromisoformat(item.id[:10]),
            "origin": str(item.origin),
        }
    return docs, errors


def period_start(value: str) -> date:
    """The first day of an ISO date, month (YYYY-MM) or year (YYYY)."""
    parts = [int(x) for x in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def first_spans(truth: dict, docs: dict) -> dict:
    """(article, happening) -> [(cue, start, end)] at each cue's first occurrence."""
    spans = {}
    for aid, entry in truth["articles"].items():
        text = docs.get(aid, {}).get("text", "")
        for hid, cues in entry["happenings"].items():
            spans[aid, hid] = [(c, text.find(c), text.find(c) + len(c)) for c in cues]
    return spans


def check(truth: dict, docs: dict, errors: list[str]) -> None:
    stories = truth.get("stories", {})
    registry = truth.get("happenings", {})
    articles = truth.get("articles", {})
    for aid in sorted(set(docs) - set(articles)):
        errors.append(f"{aid}: article has no entry in truth.json")
    for aid in sorted(set(articles) - set(docs)):
        errors.append(f"{aid}: truth.json entry names no article")
    for sid in sorted(set(stories) - {e["story"] for e in articles.values()}):
        errors.append(f"story {sid}: no article")
    used = set()
    spans = first_spans(truth, docs)
    for aid, entry in articles.items():
        if entry.get("story") not in stories:
            errors.append(f"{aid}: unknown story {entry.get('story')!r}")
        if not entry.get("happenings"):
            errors.append(f"{aid}: no happenings")
        doc = docs.get(aid)
        taken = []
        for hid, cues in entry.get("happenings", {}).items():
            used.add(hid)
            if not SLUG.match(hid):
                errors.append(f"{aid}: happening id {hid!r} is not a slug")
            if not cues or len(set(cues)) != len(cues):
                errors.append(f"{aid}/{hid}: no cues, or a cue listed twice")
            for cue, start, end in spans[aid, hid]:
                if not 1 <= len(cue.split()) <= 6:
                    errors.append(f"{aid}/{hid}: cue {cue!r} is not 1-6 words")
                if doc is not None and start < 0:
                    errors.append(f"{aid}/{hid}: cue {cue!r} not in the text")
                    continue
                for other, ocue, ostart, oend in taken:
                    if other != hid and start < oend and ostart < end:
                        errors.append(f"{aid}: cue {cue!r} ({hid}) overlaps {ocue!r} ({other})")
                taken.append((hid, cue, start, end))
            meta = registry.get(hid)
            if meta is None:
                errors.append(f"{aid}/{hid}: no entry in happenings")
            elif (
                doc is not None
                and meta.get("date")
                and doc["published"] < period_start(meta["date"])
                and aid not in meta.get("foreseen_by", [])
            ):
                errors.append(f"{aid}: published {doc['published']} before {hid} ({meta['date']})")
    for hid, meta in registry.items():
        if hid not in used:
            errors.append(f"happening {hid}: in no article")
        if meta.get("kind") not in KINDS or not meta.get("what"):
            errors.append(f"happening {hid}: needs a kind in {sorted(KINDS)} and a 'what'")


def check_own_articles(docs: dict, errors: list[str]) -> None:
    for txt in sorted((HERE / "articles").glob("*.txt")):
        aid = txt.stem
        side = txt.with_suffix(".meta.json")
        if not side.exists():
            errors.append(f"{txt.name}: no sidecar")
            continue
        meta = json.loads(side.read_text(encoding="utf-8"))
        if set(meta) != {"id", "title", "source", "url", "published"}:
            errors.append(f"{side.name}: keys {sorted(meta)}")
        if meta.get("id") != aid or meta.get("published") != aid[:10]:
            errors.append(f"{side.name}: id or published disagrees with the file name")
        if not str(meta.get("url", "")).startswith("https://example.org/"):
            errors.append(f"{side.name}: url not on example.org")
        if meta.get("source") in EXAMPLE_OUTLETS:
            errors.append(f"{side.name}: outlet {meta['source']} is one of the examples'")
        text = docs.get(aid, {}).get("text", "")
        if not text.startswith(meta.get("title", "")):
            errors.append(f"{txt.name}: text does not start with the sidecar title")
        words = len(text.split())
        if not 120 <= words <= 400:
            errors.append(f"{txt.name}: {words} words, want 120-400")


def counts(truth: dict) -> None:
    where = defaultdict(set)
    for aid, entry in truth["articles"].items():
        for hid in entry["happenings"]:
            where[hid].add(aid)
    shared = {h: a for h, a in where.items() if len(a) > 1}
    pairs = sum(len(a) * (len(a) - 1) // 2 for a in shared.values())
    linked = {tuple(sorted(p)) for a in shared.values() for p in combinations(a, 2)}
    kinds = defaultdict(int)
    for h in shared:
        kinds[truth["happenings"].get(h, {}).get("kind", "?")] += 1
    cues = sum(len(c) for e in truth["articles"].values() for c in e["happenings"].values())
    print(f"articles: {len(truth['articles'])}")
    print(f"stories: {len(truth['stories'])}")
    print(f"happenings: {len(where)}")
    print(f"happenings reported by 2+ articles: {len(shared)} ({dict(sorted(kinds.items()))})")
    print(f"gold cross-article linked pairs (happening, article pair): {pairs}")
    print(f"article pairs sharing at least one happening: {len(linked)}")
    print(f"cues: {cues}")


def coverage(truth: dict, docs: dict, path: Path) -> None:
    records = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            records[rec["article"]["id"]] = rec
    spans = first_spans(truth, docs)
    total = [0, 0, 0]
    print(
        f"\ncue coverage by sitroom events ({path}): trigger overlap / trigger or evidence / cues"
    )
    for aid in sorted(truth["articles"]):
        rec = records.get(aid)
        if rec is None:
            continue
        events = rec.get("events", [])
        row = [0, 0, 0]
        missed = []
        for hid in truth["articles"][aid]["happenings"]:
            for cue, start, end in spans[aid, hid]:
                by_trigger = by_any = False
                for ev in events:
                    trig = ev.get("trigger") or {}
                    if trig and trig["start"] < end and start < trig["end"]:
                        by_trigger = True
                    boxes = [ev.get("evidence") or {}, *(ev.get("evidence_more") or [])]
                    if any(b and b["start"] <= start and end <= b["end"] for b in boxes):
                        by_any = True
                by_any = by_any or by_trigger
                row[0] += by_trigger
                row[1] += by_any
                row[2] += 1
                if not by_any:
                    missed.append(cue)
        total = [t + r for t, r in zip(total, row, strict=True)]
        print(
            f"  {aid}: {row[0]} / {row[1]} / {row[2]}" + (f"  missed: {missed}" if missed else "")
        )
    if total[2]:
        print(
            f"total: trigger {total[0]}/{total[2]} ({total[0] / total[2]:.0%}), "
            f"trigger or evidence {total[1]}/{total[2]} ({total[1] / total[2]:.0%})"
        )


def show(truth: dict, docs: dict) -> None:
    """Print each cue in its context, to read the annotation against the text."""
    spans = first_spans(truth, docs)
    for aid, entry in sorted(truth["articles"].items()):
        print(f"== {aid} [{entry['story']}]")
        text = docs[aid]["text"]
        for hid in entry["happenings"]:
            for cue, start, end in spans[aid, hid]:
                ctx = text[max(0, start - 40) : end + 30].replace("\n", " ")
                print(f"  {hid:45} {cue!r:45} ...{ctx}...")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--extract", type=Path, help="sitroom extract JSON Lines to score")
    parser.add_argument("--show", action="store_true", help="print every cue in context")
    args = parser.parse_args(argv)
    truth = json.loads((HERE / "truth.json").read_text(encoding="utf-8"))
    docs, errors = read_documents()
    check(truth, docs, errors)
    check_own_articles(docs, errors)
    if args.show:
        show(truth, docs)
    counts(truth)
    if args.extract:
        coverage(truth, docs, args.extract)
    for err in errors:
        print(f"ERROR {err}", file=sys.stderr)
    print("OK" if not errors else f"{len(errors)} errors", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
