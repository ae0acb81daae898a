"""Relative locations on sentences we wrote: '30 miles north of Damascus' is a point of its own,
'on the outskirts of Homs' is Homs's vicinity, and the named town keeps its own record."""

from __future__ import annotations

import math

import pytest

from sitroom import nlp
from sitroom.model import Article, Document, Place, Record
from sitroom.pipeline import extract_one
from sitroom.places.stage import gazetteer_places
from sitroom.stages import StageContext
from tests.conftest import assert_valid

DAMASCUS = "geonames:170654"
ALEPPO = "geonames:170063"
HOMS = "geonames:169577"
HAMA = "geonames:170017"
IDLIB = "geonames:169389"


def places_of(text: str) -> list[Place]:
    """The places stage on `text`, derived places included."""
    article = Article(id="t", sha256="0" * 64, text=text)
    record = Record(article=article)
    ctx = StageContext(doc=nlp.load()(text), article=article, record=record, options={})
    found = gazetteer_places(ctx)
    ids = [p.id for p in found]
    assert len(ids) == len(set(ids)), ids
    assert [p.mentions[0] for p in found] == sorted(p.mentions[0] for p in found)
    return found


def derived(places: list[Place]) -> list[Place]:
    return [p for p in places if "@" in p.id]


def by_id(places: list[Place]) -> dict[str, Place]:
    return {p.id: p for p in places}


def phrases(text: str, place: Place) -> list[str]:
    return [text[s:e] for s, e in place.mentions]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance, written here apart from the module under test."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def flat_offset(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """Where a point `km` away along `bearing` lies, on a local flat map (good to well under
    a kilometre at these distances): an independent expectation."""
    north = km * math.cos(math.radians(bearing))
    east = km * math.sin(math.radians(bearing))
    return lat + north / 111.195, lon + east / (111.195 * math.cos(math.radians(lat)))


# ---------------------------------------------------------------------------------------------
# a distance and a direction: a point of its own


@pytest.mark.parametrize(
    ("text", "phrase", "base_id", "km", "bearing", "ident"),
    [
        (
            "Rebels regrouped 30 miles north of Damascus on Sunday.",
            "30 miles north of Damascus",
            DAMASCUS,
            30 * 1.609344,
            0,
            f"{DAMASCUS}@48km-N",
        ),
        (
            "A convoy was ambushed 15 km (9 miles) south-west of Aleppo at dawn.",
            "15 km (9 miles) south-west of Aleppo",
            ALEPPO,
            15,
            225,
            f"{ALEPPO}@15km-SW",
        ),
        (
            "Jets struck a gas plant some 20 kilometres east of Homs overnight.",
            "some 20 kilometres east of Homs",
            HOMS,
            20,
            90,
            f"{HOMS}@20km-E",
        ),
        (
            "Fighters dug in 40km northeast of Hama before the offensive.",
            "40km northeast of Hama",
            HAMA,
            40,
            45,
            f"{HAMA}@40km-NE",
        ),
        (
            "The depot stood about 25 kilometers north-west of Damascus until the raid.",
            "about 25 kilometers north-west of Damascus",
            DAMASCUS,
            25,
            315,
            f"{DAMASCUS}@25km-NW",
        ),
        (
            "Militia checkpoints went up 12 mi SE of Homs after the attack.",
            "12 mi SE of Homs",
            HOMS,
            12 * 1.609344,
            135,
            f"{HOMS}@19km-SE",
        ),
        (
            "Shells landed nine miles (14 km) west of Aleppo during the night.",
            "nine miles (14 km) west of Aleppo",
            ALEPPO,
            9 * 1.609344,
            270,
            f"{ALEPPO}@14km-W",
        ),
        (
            "Troops advanced twenty-five kilometres to the south of Homs last week.",
            "twenty-five kilometres to the south of Homs",
            HOMS,
            25,
            180,
            f"{HOMS}@25km-S",
        ),
        (
            "A field hospital operates 7.5 km north-northeast of Idlib, doctors said.",
            "7.5 km north-northeast of Idlib",
            IDLIB,
            7.5,
            22.5,
            f"{IDLIB}@8km-NNE",
        ),
        (
            "Villagers fled a hamlet 20-30 km east of the city of Hama.",
            "20-30 km east of the city of Hama",
            HAMA,
            25,
            90,
            f"{HAMA}@25km-E",
        ),
        (
            "An airstrip lies 60 kilometres (37 miles) due west of the besieged town of Homs.",
            "60 kilometres (37 miles) due west of the besieged town of Homs",
            HOMS,
            60,
            270,
            f"{HOMS}@60km-W",
        ),
    ],
)
def test_distance_and_direction_give_an_offset_point(
    text: str, phrase: str, base_id: str, km: float, bearing: float, ident: str
) -> None:
    found = by_id(places_of(text))
    base, place = found[base_id], found[ident]
    assert phrases(text, place) == [phrase]
    assert (place.feature, place.precision) == ("other", 2)
    assert place.country == base.country == "SY"
    expected = flat_offset(base.lat, base.lon, bearing, km)
    assert haversine_km(place.lat, place.lon, *expected) < 2.0
    assert abs(haversine_km(base.lat, base.lon, place.lat, place.lon) - km) < 1.0
    assert (
        place.name
        == f"{ident.split('@')[1].split('km-')[0]} km {ident.split('-')[-1]} of {base.name}"
    )
    assert phrase in place.reason and "great-circle" in place.reason
    # the named town is still there, on its own words, as itself
    assert (base.precision, base.feature) == (1, "city")
    assert [text[s:e] for s, e in base.mentions] == [phrase.split()[-1]]


def test_miles_are_converted_and_said_so() -> None:
    text = "Qalamoun fighters were seen 30 miles north of Damascus."
    place = by_id(places_of(text))[f"{DAMASCUS}@48km-N"]
    assert place.name == "48 km N of Damascus"
    assert "30 miles = 48.3 km" in place.reason
    assert abs(place.lat - (33.5102 + 48.28 / 111.195)) < 0.02 and abs(place.lon - 36.2913) < 0.01


def test_a_far_offset_is_honestly_wide() -> None:
    text = "The garrison sits about 210 km north of Damascus, officials said."
    place = by_id(places_of(text))[f"{DAMASCUS}@210km-N"]
    assert place.precision == 3
    assert "precision 3 beyond 100 km" in place.reason and "±80 km across" in place.reason


@pytest.mark.parametrize(
    "text",
    [
        "Troops massed 30 north of Damascus on Friday.",  # a distance without a unit
        "Troops massed 900 km south of Homs on Friday.",  # absurd for a town's neighbourhood
        "Troops massed 1,200 miles east of Aleppo on Friday.",
        "Troops massed 0 km west of Hama on Friday.",
    ],
)
def test_a_distance_we_cannot_trust_gives_nothing(text: str) -> None:
    found = places_of(text)
    assert derived(found) == []
    assert any(p.precision == 1 for p in found)  # the town itself is still found


# ---------------------------------------------------------------------------------------------
# the vicinity: precision 2, the town's coordinates


@pytest.mark.parametrize(
    ("text", "phrase", "base_id", "name"),
    [
        ("Shelling was reported near Homs on Monday.", "near Homs", HOMS, "near Homs"),
        (
            "Rebels dug trenches close to Aleppo this week.",
            "close to Aleppo",
            ALEPPO,
            "near Aleppo",
        ),
        (
            "A checkpoint just outside Damascus was attacked.",
            "just outside Damascus",
            DAMASCUS,
            "outside Damascus",
        ),
        (
            "Families camped on the outskirts of Aleppo for weeks.",
            "on the outskirts of Aleppo",
            ALEPPO,
            "outskirts of Aleppo",
        ),
        (
            "Barrel bombs fell in the suburbs of Damascus overnight.",
            "in the suburbs of Damascus",
            DAMASCUS,
            "suburbs of Damascus",
        ),
        (
            "Farmers abandoned the countryside of Hama in spring.",
            "the countryside of Hama",
            HAMA,
            "countryside of Ḩamāh",
        ),
        (
            "Clashes spread to Damascus's outskirts by nightfall.",
            "Damascus's outskirts",
            DAMASCUS,
            "outskirts of Damascus",
        ),
        ("Air raids intensified around Idlib in May.", "around Idlib", IDLIB, "around Idlib"),
        (
            "Snipers fired from the northern outskirts of Homs.",
            "the northern outskirts of Homs",
            HOMS,
            "northern outskirts of Homs",
        ),
        (
            "A clinic about 5 km from Idlib was hit.",
            "about 5 km from Idlib",
            IDLIB,
            "near Idlib",
        ),
        (
            "Aid trucks waited a few miles from Aleppo.",
            "a few miles from Aleppo",
            ALEPPO,
            "near Aleppo",
        ),
        (
            "Drones circled near the town of Homs at dusk.",
            "near the town of Homs",
            HOMS,
            "near Homs",
        ),
    ],
)
def test_vicinity_phrases_keep_the_town_coordinates(
    text: str, phrase: str, base_id: str, name: str
) -> None:
    found = by_id(places_of(text))
    base, place = found[base_id], found[f"{base_id}@near"]
    assert phrases(text, place) == [phrase]
    assert (place.lat, place.lon, place.country, place.admin1) == (
        base.lat,
        base.lon,
        base.country,
        base.admin1,
    )
    assert (place.feature, place.precision, place.name) == ("other", 2, name)
    assert phrase in place.reason and "distance unknown" in place.reason
    assert base.precision == 1


def test_a_direction_without_distance_is_a_directional_vicinity() -> None:
    text = "A car bomb went off north of Homs. Another exploded to the south of Homs."
    found = by_id(places_of(text))
    north, south = found[f"{HOMS}@near-N"], found[f"{HOMS}@near-S"]
    assert phrases(text, north) == ["north of Homs"]
    assert phrases(text, south) == ["to the south of Homs"]
    assert (north.name, south.name) == ("north of Homs", "south of Homs")
    homs = found[HOMS]
    for place in (north, south):
        assert (place.lat, place.lon, place.precision) == (homs.lat, homs.lon, 2)
        assert "no distance given" in place.reason
    abbreviated = by_id(places_of("A mortar hit a school NE of Homs."))[f"{HOMS}@near-NE"]
    assert abbreviated.name == "northeast of Homs"


def test_a_far_vicinity_distance_is_not_near() -> None:
    text = "Refugees arrived from a camp 60 km from Hama."
    assert derived(places_of(text)) == []


def test_the_same_derived_place_twice_merges_its_mentions() -> None:
    text = (
        "A mortar landed near Homs on Monday. On Tuesday a second shell fell outside Homs, "
        "and on Wednesday fighting reached the outskirts of Homs."
    )
    found = by_id(places_of(text))
    place = found[f"{HOMS}@near"]
    assert phrases(text, place) == ["near Homs", "outside Homs", "the outskirts of Homs"]
    assert place.name == "near Homs"  # the wordings differ: the plainest one
    assert len(found[HOMS].mentions) == 3
    assert len([p for p in found.values() if p.id.startswith(HOMS)]) == 2


def test_two_offsets_of_one_town_stay_apart() -> None:
    text = "The convoy moved 40 km NE of Hama toward a village 33 km southeast of Hama."
    found = by_id(places_of(text))
    assert phrases(text, found[f"{HAMA}@40km-NE"]) == ["40 km NE of Hama"]
    assert phrases(text, found[f"{HAMA}@33km-SE"]) == ["33 km southeast of Hama"]


# ---------------------------------------------------------------------------------------------
# nothing to say


@pytest.mark.parametrize(
    "text",
    [
        "Fighting raged in Damascus on Tuesday.",
        "Rebels pushed north of the country last year.",
        "Rebels pushed north of Qalamoun last year.",  # a region: no point to move from
        "Government troops moved 20 km east of Syria's border posts.",
        "Fighting raged near the Lebanese border on Tuesday.",  # no town named
        "Shells hit Zabadani on Friday. Fighting raged near the Lebanese border.",
    ],
)
def test_no_point_like_base_gives_no_derived_place(text: str) -> None:
    assert derived(places_of(text)) == []


def test_a_mention_not_touching_the_phrase_is_not_moved() -> None:
    text = "Homs was quiet, but fighters 30 km north of the capital regrouped."
    assert derived(places_of(text)) == []


# ---------------------------------------------------------------------------------------------
# borders


def test_a_border_phrase_is_placed_by_the_town_before_it() -> None:
    text = "Airstrikes hit Zabadani, near the Lebanese border, killing three civilians."
    found = places_of(text)
    place = next(p for p in found if p.id.endswith("@border"))
    zabadani = by_id(found)[place.id.removesuffix("@border")]
    assert phrases(text, place) == ["near the Lebanese border"]
    assert (place.lat, place.lon, place.precision) == (zabadani.lat, zabadani.lon, 2)
    assert place.name == f"Lebanese border near {zabadani.name}"
    assert zabadani.precision == 1


def test_a_two_country_border_wants_a_town_in_one_of_them() -> None:
    kobani = "Kurdish fighters held Kobani on the Syrian-Turkish border."
    place = next(p for p in places_of(kobani) if p.id.endswith("@border"))
    assert phrases(kobani, place) == ["on the Syrian-Turkish border"]
    assert place.country == "SY"
    # Tripoli (Libya or Lebanon) is in neither country: the border is left unplaced
    assert derived(places_of("Refugees from Tripoli gathered on the Syrian-Turkish border.")) == []


def test_border_with_a_country() -> None:
    text = "Clashes broke out in Abu Kamal along the border with Iraq."
    place = next(p for p in places_of(text) if p.id.endswith("@border"))
    assert phrases(text, place) == ["along the border with Iraq"]
    assert place.name.startswith("border with Iraq near ")


# ---------------------------------------------------------------------------------------------
# the whole pipeline: records stay valid


def test_records_with_derived_places_follow_the_contract() -> None:
    text = (
        "A car bomb exploded 30 miles north of Damascus on Sunday, killing five people. "
        "On Monday rebels shelled a village on the outskirts of Aleppo, and airstrikes hit "
        "Zabadani, near the Lebanese border."
    )
    record = extract_one(Document(id="relative", text=text))
    assert_valid(record)
    found = by_id(record.places)
    assert {f"{DAMASCUS}@48km-N", f"{ALEPPO}@near", DAMASCUS, ALEPPO} <= set(found)
    assert any(p.id.endswith("@border") for p in record.places)
    body = record.article.text
    assert [body[s:e] for s, e in found[f"{DAMASCUS}@48km-N"].mentions] == [
        "30 miles north of Damascus"
    ]
    bombing = next(e for e in record.events if "car bomb" in e.evidence.text)
    assert bombing.place == f"{DAMASCUS}@48km-N"
