"""Builds tests/gold/annotations/*.json from the hand annotations below (offline, run by hand).

    .venv/bin/python tests/gold/build_seeds.py [--show]

The judgement lives in SPEC: for every actor, person and relation of each seed, the words
that mention it, written as `surface` (every occurrence) or `surface#i,j` (the i-th and j-th
occurrences, counting from 0, of the surface as a whole word; a space also matches a no-break
space). Relations name the sentence they rest on by a short anchor phrase inside it
(`anchor#i` as above). Offsets index the text after `sitroom.ingest.normalise`. The rules
the annotations follow are in README.md. `--show` prints each mention in its context, for
review. The script refuses overlapping actor mentions and anchors that are not found.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from itertools import pairwise
from pathlib import Path

from sitroom.ingest import normalise

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"

GOV = "Syrian government forces"
REBELS = "Syrian rebels"
NUSRA = "Jabhat al-Nusra"

SPEC: dict[str, dict] = {
    "000_195a71e1298a73f7": {
        "actors": [
            {
                "name": "Ahrar al-Sham",
                "kind": "rebel_group",
                "aliases": ["Ahrar al Sham", "Harakat Ahrar al-Sham al-Islamiyya"],
                "mentions": ["Ahrar al Sham"],
            },
            {
                "name": REBELS,
                "kind": "rebel_group",
                "aliases": ["rebels", "Syrian opposition", "rebel groups", "rebel factions"],
                "mentions": [
                    "rebel groups#0,1,2",
                    "Syrian rebel factions",
                    "rebel factions#1,2,3,4,5",
                    "rebels#1,2,3,4,5",
                    "Rebels",
                    "extremist brigades",
                    "moderate Islamist groups",
                    "coalition#0",
                ],
            },
            {
                "name": GOV,
                "kind": "state_forces",
                "aliases": [
                    "Syrian government",
                    "Syrian regime",
                    "Assad regime",
                    "regime forces",
                    "Syrian Arab Army",
                    "Syrian army",
                    "Military Forces of Syria",
                    "Syrian government or Russian troops",
                ],
                "mentions": [
                    "Syrian government",
                    "forces loyal to Syrian President Bashar Assad",
                    "regime#0,1,2,4,6",
                    "regime forces",
                    "Pro-Assad forces",
                    "Assad regime",
                    "Assad’s forces",
                ],
            },
            {
                "name": "Hezbollah",
                "kind": "political_militia",
                "aliases": ["Hizbollah", "Hizballah", "Lebanese Hezbollah"],
                "mentions": ["Hezbollah", "pro-Assad militants"],
            },
            {
                "name": NUSRA,
                "kind": "rebel_group",
                "aliases": [
                    "al-Nusra Front",
                    "Nusra Front",
                    "Nusra",
                    "Jabhat Fateh al-Sham",
                    "Jabhat-al Nusra",
                ],
                "mentions": ["Jabhat al-Nusra", "Nusra#2,3,4,6,8", "Jabhat-al Nusra"],
            },
            {
                "name": "al-Qaeda",
                "kind": "rebel_group",
                "aliases": ["al Qaeda", "al-Qaida", "Al Qaeda"],
                "mentions": ["al Qaeda"],
            },
            {
                "name": "University of Maryland",
                "kind": "organization",
                "aliases": [],
                "mentions": ["University of Maryland"],
            },
            {
                "name": "Institute for the Study of War",
                "kind": "organization",
                "aliases": ["ISW"],
                "mentions": ["Institute for the Study of War"],
            },
            {
                "name": "Jaish al-Islam",
                "kind": "rebel_group",
                "aliases": ["Jaish al Islam", "Army of Islam"],
                "mentions": ["Jaish al Islam#0,2,3,4,5", "group#1"],
            },
            {
                "name": "Turkey",
                "kind": "state",
                "aliases": ["Turkish government"],
                "mentions": ["Turkey", "Turkish"],
            },
            {
                "name": "Saudi Arabia",
                "kind": "state",
                "aliases": ["Saudi"],
                "mentions": ["Saudi Arabia", "Saudi#1"],
            },
        ],
        "people": [
            {
                "name": "Bashar al-Assad",
                "aliases": ["Bashar Assad", "Assad"],
                "title": "President",
                "affiliation": "Syria",
                "mentions": ["Bashar Assad", "Assad#3,6,8,9,11,13,14"],
            },
            {
                "name": "Phillip Smyth",
                "aliases": [],
                "title": "researcher",
                "affiliation": "University of Maryland",
                "mentions": ["Phillip Smyth", "Smyth#1"],
            },
            {
                "name": "Jennifer Cafarella",
                "aliases": [],
                "title": "Syria analyst",
                "affiliation": "Institute for the Study of War",
                "mentions": ["Jennifer Cafarella", "Cafarella#1,2,3"],
            },
            {
                "name": "Abdul Karim al-Kurdi",
                "aliases": [],
                "title": "ranking member",
                "affiliation": "Jaish al-Islam",
                "mentions": ["Abdul Karim al-Kurdi"],
            },
            {
                "name": "Zahran Alloush",
                "aliases": [],
                "title": "commander",
                "affiliation": "Jaish al-Islam",
                "mentions": ["Zahran Alloush"],
            },
        ],
        "relations": [
            (
                REBELS,
                GOV,
                "enemy",
                [
                    "one of the rebel groups fighting",
                    "rebel advances on",
                    "are currently fighting rebels",
                    "successful attacks against",
                    "seizing a key rebel supply line",
                    "bring rebels closer",
                    "operations against Assad,",
                    "seize the province from",
                ],
            ),
            ("Ahrar al-Sham", GOV, "enemy", ["one of the rebel groups fighting"]),
            (
                "Hezbollah",
                REBELS,
                "enemy",
                ["pitting pro-Assad", "Rebels fighting Hezbollah", "limiting Hezbollah"],
            ),
            (
                "Hezbollah",
                GOV,
                "supports",
                ["the Shiite group that supports", "protect the regime"],
            ),
            ("Hezbollah", NUSRA, "enemy", ["pitting pro-Assad", "direct attacks against"]),
            (
                NUSRA,
                REBELS,
                "cooperates",
                [
                    "rebel factions led by",
                    "working with Nusra",
                    "under the guidance of",
                    "partner with various",
                    "a coalition led by",
                ],
            ),
            (NUSRA, "al-Qaeda", "branch_of", ["the Syrian branch of"]),
            (
                NUSRA,
                GOV,
                "enemy",
                ["killed a regime general", "partner with various", "a coalition led by"],
            ),
            ("Ahrar al-Sham", "Jaish al-Islam", "cooperates", ["deepening cooperation"]),
            ("Turkey", REBELS, "cooperates", ["were working with various"]),
            ("Saudi Arabia", REBELS, "cooperates", ["were working with various"]),
            (REBELS, "Turkey", "negotiates", ["for negotiations between"]),
            (REBELS, "Saudi Arabia", "negotiates", ["for negotiations between"]),
            ("Turkey", "Ahrar al-Sham", "supports", ["receiving aid from"]),
        ],
    },
    "001_45c2ac1957b6d7c7": {
        "actors": [
            {
                "name": REBELS,
                "kind": "rebel_group",
                "aliases": ["rebels", "Syrian opposition", "rebel groups", "rebel factions"],
                "mentions": [
                    "Syrian rebels",
                    "Islamist rebel battalions",
                    "rebel forces",
                    "Sunni rebels",
                    "rebel fighters",
                    "rebels#3,4,5,6,8",
                    "Rebels",
                    "factions#0",
                    "Salafist-orientated rebel battalions",
                ],
            },
            {
                "name": GOV,
                "kind": "state_forces",
                "aliases": [
                    "Syrian government",
                    "Syrian regime",
                    "Assad regime",
                    "regime forces",
                    "Syrian Arab Army",
                    "Syrian army",
                    "Military Forces of Syria",
                    "Syrian government or Russian troops",
                ],
                "mentions": [
                    "Syrian regime",
                    "Assad regime",
                    "regime#2",
                    "Syrian government forces",
                    "regime forces",
                ],
            },
            {
                "name": "Shia militias",
                "kind": "political_militia",
                "aliases": ["Shiite militias", "Shia allies"],
                "mentions": ["Shia allies", "Shia militias from Iraq and Lebanon"],
            },
            {
                "name": "al-Qaeda",
                "kind": "rebel_group",
                "aliases": ["al Qaeda", "al-Qaida", "Al Qaeda"],
                "mentions": ["Al Qaeda"],
            },
            {
                "name": NUSRA,
                "kind": "rebel_group",
                "aliases": [
                    "al-Nusra Front",
                    "Nusra Front",
                    "Nusra",
                    "Jabhat Fateh al-Sham",
                    "Al Nusra Front",
                ],
                "mentions": ["Al Nusra Front"],
            },
            {
                "name": "Ahrar al-Sham",
                "kind": "rebel_group",
                "aliases": ["Ahrar al Sham", "Harakat Ahrar al-Sham al-Islamiyya"],
                "mentions": ["Ahrar al-Sham"],
            },
            {
                "name": "Christian Science Monitor",
                "kind": "media",
                "aliases": ["CSM"],
                "mentions": ["Christian Science Monitor", "CSM"],
            },
            {
                "name": "Hezbollah",
                "kind": "political_militia",
                "aliases": ["Hizbollah", "Hizballah", "Lebanese Hezbollah"],
                "mentions": ["Hezbollah", "group#0"],
            },
            {
                "name": "Saudi Arabia",
                "kind": "state",
                "aliases": ["Saudi"],
                "mentions": ["Saudi Arabia", "Sunni power", "Riyadh", "Sunni state", "Saudis"],
            },
            {
                "name": "Arab Democratic Party",
                "kind": "political_party",
                "aliases": [],
                "mentions": ["Arab Democratic Party"],
            },
            {
                "name": "Iran",
                "kind": "state",
                "aliases": ["Iranian government"],
                "mentions": ["Iran"],
            },
            {
                "name": "Lebanese Sunni Islamists",
                "kind": "political_militia",
                "aliases": ["Sunni Islamists", "Islamist groups"],
                "mentions": ["Islamist groups within Lebanon", "Sunni Islamists"],
            },
        ],
        "people": [
            {
                "name": "Bashar al-Assad",
                "aliases": ["Bashar Assad", "Assad"],
                "title": "President",
                "affiliation": "Syria",
                "mentions": ["Bashar al-Assad", "Assad#3"],
            },
            {
                "name": "Khaled",
                "aliases": [],
                "title": "rebel fighter",
                "affiliation": None,
                "mentions": ["Khaled"],
            },
            {
                "name": "Abu Omar",
                "aliases": [],
                "title": "resident",
                "affiliation": None,
                "mentions": ["Abu Omar"],
            },
            {
                "name": "Rifaat Eid",
                "aliases": [],
                "title": "head",
                "affiliation": "Arab Democratic Party",
                "mentions": ["Rifaat Eid"],
            },
        ],
        "relations": [
            ("Shia militias", GOV, "ally", ["and its Shia allies", "together with Hezbollah"]),
            (NUSRA, "al-Qaeda", "branch_of", ["Qaeda-linked"]),
            (
                GOV,
                REBELS,
                "enemy",
                [
                    "held out against rebel attempts",
                    "prevent the regime",
                    "wrest control of the region",
                    "managed to seize control",
                ],
            ),
            (GOV, "Hezbollah", "ally", ["together with Hezbollah"]),
            (
                "Hezbollah",
                REBELS,
                "enemy",
                ["wrest control of the region", "humiliating defeat of the rebels"],
            ),
            ("Shia militias", REBELS, "enemy", ["wrest control of the region"]),
            ("Hezbollah", GOV, "supports", ["aided by Hezbollah"]),
            ("Saudi Arabia", REBELS, "supports", ["key backers of", "funding from Riyadh"]),
            ("Saudi Arabia", "Iran", "enemy", ["key backers of"]),
            ("Iran", GOV, "supports", ["which backs Assad"]),
            ("Lebanese Sunni Islamists", "Hezbollah", "enemy", ["revenge attacks by"]),
        ],
    },
}


def _pattern(surface: str) -> re.Pattern[str]:
    body = r"[ \xa0]".join(re.escape(w) for w in surface.split(" "))
    return re.compile(r"(?<!\w)" + body + r"(?!\w)")


def _find(text: str, spec: str) -> list[tuple[int, int]]:
    """Spans of `surface` or `surface#i,j` in text; an index past the end is an error."""
    surface, _, picks = spec.partition("#")
    hits = [m.span() for m in _pattern(surface).finditer(text)]
    if not hits:
        raise SystemExit(f"not found: {spec!r}")
    if not picks:
        return hits
    return [hits[int(i)] for i in picks.split(",")]


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): from after the last . ! ? or line break, to the next."""
    left = max(text.rfind(c, 0, start) for c in (". ", "? ", "! ", "\n", ".\xa0")) + 1
    right = len(text)
    for c in (". ", ".\n", "? ", "! ", "\n", ".\xa0", ".”", ",”"):
        i = text.find(c, end)
        if i != -1:
            right = min(right, i + 1)
    while left < right and text[left].isspace():
        left += 1
    if text[right - 1] == "," and right < len(text):
        right += 1
    return left, right


def _mentions(text: str, specs: list[str]) -> list[dict]:
    spans = sorted({s for spec in specs for s in _find(text, spec)})
    return [{"start": a, "end": b, "text": text[a:b]} for a, b in spans]


def build(stem: str, spec: dict) -> dict:
    text = normalise((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"))
    actors = [
        {k: a[k] for k in ("name", "kind", "aliases")}
        | {"mentions": _mentions(text, a["mentions"])}
        for a in spec["actors"]
    ]
    taken = sorted((m["start"], m["end"], a["name"]) for a in actors for m in a["mentions"])
    for (s1, e1, n1), (s2, e2, n2) in pairwise(taken):
        if s2 < e1:
            raise SystemExit(f"{stem}: overlapping actor mentions {n1} {s1}-{e1} / {n2} {s2}-{e2}")
    people = [
        {k: p[k] for k in ("name", "aliases", "title", "affiliation")}
        | {"mentions": _mentions(text, p["mentions"])}
        for p in spec["people"]
    ]
    relations = []
    for source, target, kind, anchors in spec["relations"]:
        sentences = sorted({_sentence(text, *_find(text, a)[0]) for a in anchors})
        relations.append(
            {
                "source": source,
                "target": target,
                "kind": kind,
                "evidence": [{"start": a, "end": b} for a, b in sentences],
            }
        )
    return {
        "article_id": stem,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "length": len(text),
        "actors": actors,
        "people": people,
        "relations": relations,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="print every mention in context")
    args = parser.parse_args()
    for stem, spec in SPEC.items():
        gold = build(stem, spec)
        out = HERE / "annotations" / f"{stem}.json"
        out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")
        if args.show:
            text = normalise((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"))
            for group in ("actors", "people"):
                for item in gold[group]:
                    for m in item["mentions"]:
                        a, b = m["start"], m["end"]
                        ctx = f"{text[max(0, a - 30) : a]}[[{text[a:b]}]]{text[b : b + 20]}"
                        print(f"  {item['name'][:24]:24} {ctx!r}")
            for r in gold["relations"]:
                for ev in r["evidence"]:
                    s = text[ev["start"] : ev["end"]]
                    print(f"  {r['source']} {r['kind']} {r['target']}: {s[:60]!r}...{s[-25:]!r}")


if __name__ == "__main__":
    main()
