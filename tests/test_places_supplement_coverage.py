"""The curated supplement covers the places Levant and Iraq reporting names, with sources,
and the full extraction lands those names on the curated entries in the right country."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from functools import cache

import pytest

from sitroom.model import Document, Record
from sitroom.pipeline import extract_one
from sitroom.places import gazetteer, supplement

#: Generous boxes (south, north, west, east) around each country the supplement covers.
COUNTRY_BOXES: dict[str, tuple[float, float, float, float]] = {
    "SY": (32.3, 37.4, 35.6, 42.4),
    "LB": (33.0, 34.7, 35.0, 36.7),
    "IQ": (29.0, 37.4, 38.7, 48.6),
    "TR": (35.8, 42.2, 25.6, 44.9),
    "JO": (29.1, 33.4, 34.9, 39.4),
    "IL": (29.4, 33.4, 34.2, 35.9),
    "PS": (31.2, 32.6, 34.2, 35.6),
}


def _raw_entries() -> list[dict]:
    """Every entry line of the shipped supplement, as written."""
    path = supplement.default_paths()[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("#")]


def test_supplement_is_large_with_unique_ids_and_sources() -> None:
    entries = _raw_entries()
    assert len(entries) >= 200
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert len(supplement.load(supplement.default_paths())) == len(entries)
    for entry in entries:
        assert entry["source"].strip(), entry["id"]
        if entry["id"].startswith("geonames:"):  # copied coordinates say whose they are
            assert entry["id"].split(":")[1] in entry["source"], entry["id"]


def test_coordinates_fall_inside_their_country() -> None:
    outside = []
    for entry in _raw_entries():
        south, north, west, east = COUNTRY_BOXES[entry["country"]]
        if not (south <= entry["lat"] <= north and west <= entry["lon"] <= east):
            outside.append((entry["id"], entry["country"], entry["lat"], entry["lon"]))
    assert outside == []


def test_admin1_names_are_the_gazetteers_own() -> None:
    """A curated place's division is spelt as GeoNames' places of that country spell it, so
    records group by one name ('Rif Dimashq', not 'Damascus countryside')."""
    index = gazetteer.default().path
    with closing(sqlite3.connect(f"file:{index}?mode=ro", uri=True)) as conn:
        rows = conn.execute("SELECT DISTINCT country, admin1 FROM places WHERE admin1 NOT NULL")
        known = {(country, admin1) for country, admin1 in rows}
    unknown = [
        (e["id"], e["country"], e["admin1"])
        for e in _raw_entries()
        if e.get("admin1") is not None and (e["country"], e["admin1"]) not in known
    ]
    assert unknown == []


# Sentences written for this test; each names curated places, with the entry and country
# each must resolve to.
SENTENCES: list[tuple[str, list[tuple[str, str, str]]]] = [
    (
        "Fighting flared near the Bab al-Hawa crossing as aid trucks waited in Turkey.",
        [("Bab al-Hawa crossing", "sitroom:bab-al-hawa", "SY")],
    ),
    (
        "Jets struck Jabal al-Zawiya overnight, residents said.",
        [("Jabal al-Zawiya", "sitroom:jabal-al-zawiya", "SY")],
    ),
    (
        "Clashes erupted in Jobar and Ain Tarma on the eastern edge of the capital.",
        [("Jobar", "sitroom:jobar", "SY"), ("Ain Tarma", "sitroom:ain-tarma", "SY")],
    ),
    (
        "Kurdish fighters held Ashrafiyeh while rebels shelled Bustan al-Qasr.",
        [
            ("Ashrafiyeh", "sitroom:ashrafiyeh-aleppo", "SY"),
            ("Bustan al-Qasr", "sitroom:bustan-al-qasr", "SY"),
        ],
    ),
    (
        "Government forces cut the Castello road, sealing off the eastern districts.",
        [("Castello road", "sitroom:castello-road", "SY")],
    ),
    (
        "Drones attacked the Hmeimim airbase, the Russian defence ministry said.",
        [("Hmeimim airbase", "sitroom:hmeimim-airbase", "SY")],
    ),
    (
        "The coalition flew its sorties from Incirlik air base in southern Turkey.",
        [("Incirlik air base", "sitroom:incirlik", "TR")],
    ),
    (
        "Dozens of families were moved out of al-Hol camp under a repatriation deal.",
        [("al-Hol camp", "sitroom:al-hol-camp", "SY")],
    ),
    (
        "Engineers warned that the Tabqa Dam could fail if the turbines stayed offline.",
        [("Tabqa Dam", "sitroom:tabqa-dam", "SY")],
    ),
    (
        "American troops at Ain al-Asad airbase came under rocket fire on Sunday.",
        [("Ain al-Asad airbase", "sitroom:ain-al-asad", "IQ")],
    ),
    (
        "Israeli artillery shelled Aita al-Shaab and Maroun al-Ras after a missile hit Avivim.",
        [
            ("Aita al-Shaab", "sitroom:aita-al-shaab", "LB"),
            ("Maroun al-Ras", "sitroom:maroun-al-ras", "LB"),
            ("Avivim", "sitroom:avivim", "IL"),
        ],
    ),
    (
        "Airstrikes flattened two buildings in Haret Hreik, in Beirut's southern suburbs.",
        [("Haret Hreik", "sitroom:haret-hreik", "LB")],
    ),
    (
        "Thousands of Syrians still live in the Zaatari refugee camp near Mafraq.",
        [("Zaatari refugee camp", "sitroom:zaatari-camp", "JO")],
    ),
    (
        "A drone attack killed three soldiers at Tower 22 in north-eastern Jordan.",
        [("Tower 22", "sitroom:tower-22", "JO")],
    ),
    (
        "Tanks moved along the Philadelphi corridor as families fled to Al-Mawasi.",
        [
            ("Philadelphi", "sitroom:philadelphi-corridor", "PS"),
            ("Al-Mawasi", "sitroom:mawasi", "PS"),
        ],
    ),
    (
        "Troops raided the Nur Shams camp outside Tulkarm before dawn.",
        [("Nur Shams camp", "sitroom:nur-shams", "PS")],
    ),
    (
        "Militants retreated into the Qandil Mountains after Turkish air raids.",
        [("Qandil Mountains", "sitroom:qandil-mountains", "IQ")],
    ),
    (
        "Peshmerga units advanced on Bashiqa while the army pushed toward Gogjali.",
        [("Bashiqa", "sitroom:bashiqa", "IQ"), ("Gogjali", "sitroom:gogjali", "IQ")],
    ),
    (
        "Iraqi engineers inspected the Mosul Dam after the spring floods.",
        [("Mosul Dam", "sitroom:mosul-dam", "IQ")],
    ),
    (
        "Christian families returned to Tel Keppe and Qaraqosh after the battle.",
        [("Tel Keppe", "geonames:90353", "IQ"), ("Qaraqosh", "geonames:92430", "IQ")],
    ),
    (
        "Hundreds of militants in Hawija surrendered to Kurdish forces.",
        [("Hawija", "geonames:390188", "IQ")],
    ),
    (
        "Rockets fell on Margaliot and Misgav Am, the Israeli army said.",
        [("Margaliot", "sitroom:margaliot", "IL"), ("Misgav Am", "sitroom:misgav-am", "IL")],
    ),
    (
        "Russian jets pounded Kinsabba in the Jabal al-Akrad hills of Latakia.",
        [
            ("Kinsabba", "geonames:167863", "SY"),
            ("Jabal al-Akrad", "sitroom:jabal-al-akrad", "SY"),
        ],
    ),
    (
        "Shelling on Deir Ezzor killed four civilians, state media said.",
        [("Deir Ezzor", "geonames:170794", "SY")],
    ),
    (
        "Buses carried residents of Foua and Kafriya out under the swap deal.",
        [("Foua", "sitroom:foua", "SY"), ("Kafriya", "sitroom:kafriya", "SY")],
    ),
    (
        "Fighters in Daraa al-Balad agreed to hand over their heavy weapons.",
        [("Daraa al-Balad", "sitroom:daraa-al-balad", "SY")],
    ),
    (
        "Government troops besieged Madaya and shelled Arbin in the Eastern Ghouta.",
        [("Madaya", "geonames:167558", "SY"), ("Arbin", "geonames:169372", "SY")],
    ),
    (
        "Turkish-backed forces entered Jandairis and pushed on toward Rajo.",
        [("Jandairis", "geonames:169190", "SY"), ("Rajo", "geonames:165571", "SY")],
    ),
    (
        "The Kurdish militia lost Tal Rifaat after a week of clashes with rebels.",
        [("Tal Rifaat", "geonames:163476", "SY")],
    ),
    (
        "Israeli drones circled over Shebaa and Kfarchouba through the night.",
        [("Shebaa", "sitroom:shebaa", "LB"), ("Kfarchouba", "geonames:272816", "LB")],
    ),
    (
        "Protesters marched in Karrada as rockets landed inside the Green Zone.",
        [("Karrada", "sitroom:karrada", "IQ"), ("Green Zone", "sitroom:green-zone", "IQ")],
    ),
    (
        "Guards moved detainees out of Ghwayran prison after the breakout in Hasakah.",
        [("Ghwayran prison", "sitroom:ghwayran", "SY")],
    ),
]


@cache
def _extract(text: str) -> Record:
    return extract_one(Document(id="t", text=text))


@pytest.mark.parametrize(("text", "expected"), SENTENCES, ids=[e[0][0] for _, e in SENTENCES])
def test_sentences_resolve_to_the_curated_place(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    by_id = {p.id: p for p in _extract(text).places}
    for surface, place_id, country in expected:
        assert place_id in by_id, (surface, sorted(by_id))
        place = by_id[place_id]
        assert place.country == country, (surface, place.country)
        # the mention lies within the words named (a lowercase 'al-' may stay outside it)
        start = text.index(surface)
        assert any(start <= s and e <= start + len(surface) for s, e in place.mentions), (
            surface,
            [text[s:e] for s, e in place.mentions],
        )
