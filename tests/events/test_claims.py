"""Numeric claims on sentences written for these tests, with real spaCy."""

from __future__ import annotations

import re

import pytest

from sitroom import nlp
from sitroom.events.claims import claims, quantity_value
from sitroom.model import Actor, Article, Claim, Record
from sitroom.stages import StageContext

ACTORS = {
    "insurgents": ("Insurgents", "rebel_group", ["Insurgents", "insurgents"]),
    "cedar-militia": ("Cedar Militia", "political_militia", ["Cedar Militia", "militia"]),
    "iran": ("Iran", "state", ["Iran"]),
    "hezbollah": ("Hezbollah", "political_militia", ["Hezbollah"]),
}


def run(text: str) -> list[Claim]:
    article = Article(id="t", sha256="x", text=text, published="2015-05-06")
    record = Record(article=article)
    for actor_id, (name, kind, forms) in ACTORS.items():
        spans = sorted({m.span() for f in forms for m in re.finditer(rf"\b{re.escape(f)}\b", text)})
        spans = [
            s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)
        ]
        if spans:
            record.actors.append(Actor(id=actor_id, name=name, kind=kind, mentions=spans))
    found = claims(StageContext(doc=nlp.load()(text), article=article, record=record))
    for claim in found:
        ev = claim.evidence
        assert text[ev.start : ev.end] == ev.text
        assert claim.text in ev.text
    return found


def one(text: str) -> Claim:
    found = run(text)
    assert len(found) == 1, [(c.value, c.text) for c in found]
    return found[0]


def test_hedged_count_with_its_owner() -> None:
    c = one("Insurgents have amassed as many as 30,000 fighters around Hama.")
    assert (c.value, c.unit, c.hedge, c.subject) == (30000, "fighters", "as many as", "Insurgents")
    assert c.text == "as many as 30,000 fighters"


def test_owner_through_a_relative_clause() -> None:
    c = one("The militia, which has recruited more than 2,000 men since March, denies it.")
    assert (c.value, c.unit, c.hedge) == (2000, "men", "more than")
    assert c.subject == "Cedar Militia"
    assert c.text == "more than 2,000 men"


def test_a_population_that_grew_counts_people() -> None:
    c = one("Zabadani has seen its population swell to 60,000 as families fled the fighting.")
    assert (c.value, c.unit, c.subject) == (60000, "people", "Zabadani")
    assert c.text == "60,000"


def test_distance_keeps_direction_and_place() -> None:
    c = one("Daraya is 8 kilometres southwest of Damascus.")
    assert (c.value, c.unit, c.subject) == (8, "kilometres", "Daraya")
    assert c.text == "8 kilometres southwest of Damascus"


def test_possessor_is_the_subject() -> None:
    found = {x.value: x for x in run("The insurgents now control half of Syria's 14 provinces.")}
    assert found[14].unit == "provinces"
    assert found[14].subject == "Syria"


def test_vague_quantities() -> None:
    c = one("Dozens of rockets hit the northern districts overnight.")
    assert (c.value, c.unit, c.text) == (12, "rockets", "Dozens of rockets")
    c = one("Tens of thousands of refugees crossed into Lebanon.")
    assert (c.value, c.unit) == (10000, "refugees")


def test_money_and_percent() -> None:
    c = one("Iran has sent $1.5 billion to the militia.")
    assert (c.value, c.unit, c.text) == (1_500_000_000, "USD", "$1.5 billion")
    assert c.subject == "Iran"
    c = one("Bread prices in the besieged town rose by 40 percent.")
    assert (c.value, c.unit, c.text) == (40, "percent", "40 percent")


def test_compound_units_and_word_numbers() -> None:
    c = one("The attackers used two car bombs.")
    assert (c.value, c.unit, c.text) == (2, "car bombs", "two car bombs")
    c = one("Some three hundred fighters surrendered.")
    assert (c.value, c.hedge, c.unit) == (300, "Some", "fighters")


@pytest.mark.parametrize(
    "text",
    [
        "In 2013, the second offensive began on May 4.",
        "She came from Yabroud three weeks ago.",
        "Shelling has intensified over the past two weeks.",
        "One of the groups left the coalition.",
        "The talks resumed at 10:30 in the morning.",
        "The third convoy arrived on the 21st.",
        "UN Resolution 2254 was adopted in December.",
    ],
)
def test_dates_years_ordinals_names_and_dating_durations_are_not_claims(text: str) -> None:
    assert run(text) == []


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["40,000"], 40000),
        (["1.5", "million"], 1_500_000),
        (["two", "hundred", "thousand"], 200_000),
        (["tens", "of", "thousands"], 10_000),
        (["hundreds", "of", "thousands"], 100_000),
        (["a", "dozen"], 12),
        (["dozens"], 12),
        (["twenty", "-", "five"], 25),
        (["several"], None),
    ],
)
def test_quantity_value(words: list[str], value: float | None) -> None:
    assert quantity_value(words) == value


# --- durations ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit", "hedge", "words"),
    [
        ("The 17-day siege ended last week.", 17, "days", None, "17-day siege"),
        ("Rebels had held the town for more than a year.", 1, "years", "more than", None),
        ("The town fell after two and a half weeks of shelling.", 2.5, "weeks", None, None),
        ("The convoy waited for two days at the crossing.", 2, "days", None, "two days"),
    ],
)
def test_durations_are_claims(
    text: str, value: float, unit: str, hedge: str | None, words: str | None
) -> None:
    c = one(text)
    assert (c.value, c.unit, c.hedge) == (value, unit, hedge)
    if words is not None:
        assert c.text == words


def test_a_durations_subject_is_the_place_of_its_event() -> None:
    c = one("Government troops retook Qusayr after a 17-day assault.")
    assert (c.value, c.unit, c.subject) == (17, "days", "Qusayr")


def test_an_age_after_a_name() -> None:
    found = {c.value: c for c in run("Umm Khaled, 41, fled with her three children.")}
    assert (found[41].unit, found[41].subject, found[41].text) == ("years", "Umm Khaled", "41")
    assert (found[3].unit, found[3].subject) == ("children", "Umm Khaled")


# --- numbers that point back --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Talks between the two countries resumed in Doha.",
        "The three met in Doha on Monday.",
        "Both sides agreed that these two groups would share the crossing.",
    ],
)
def test_a_set_already_named_is_no_claim(text: str) -> None:
    assert run(text) == []


def test_a_new_set_is_a_claim() -> None:
    c = one("Two countries signed the deal.")
    assert (c.value, c.unit) == (2, "countries")


# --- more ways to write a number ----------------------------------------------------------


def test_several_thousand_and_thousands_more() -> None:
    c = one("The insurgents hold the hills; insurgent commanders claim several thousand men.")
    assert (c.value, c.unit, c.hedge, c.subject) == (1000, "men", "several", "Insurgents")
    c = one("An assault could push thousands more refugees into Lebanon.")
    assert (c.value, c.unit, c.subject, c.text) == (
        1000,
        "refugees",
        "Lebanon",
        "thousands more refugees",
    )


def test_nouns_joined_to_the_counted_one_share_its_number() -> None:
    c = one("Gunmen seized more than 30 soldiers and policemen at the checkpoint.")
    assert (c.value, c.unit, c.text) == (
        30,
        "soldiers and policemen",
        "more than 30 soldiers and policemen",
    )


def test_a_group_named_in_the_unit_is_not_part_of_it() -> None:
    c = one("The raid killed four Hezbollah fighters near the dam.")
    assert (c.unit, c.subject) == ("fighters", "Hezbollah")


def test_a_total_restates_the_count_before_it() -> None:
    found = run(
        "About 40,000 people lived in Zabadani before the war. "
        "Officials now put the total at about 80,000."
    )
    assert [(c.value, c.unit, c.subject) for c in found] == [
        (40000, "people", "Zabadani"),
        (80000, "people", "Zabadani"),
    ]


# --- subjects -----------------------------------------------------------------------------


def test_the_place_a_count_lived_in() -> None:
    c = one("About 40,000 people lived in Zabadani before the war.")
    assert (c.subject, c.hedge) == ("Zabadani", "About")


def test_the_reporter_is_not_the_subject() -> None:
    c = one("Doctors said they had treated 73 wounded people since the morning.")
    assert (c.value, c.subject) == (73, None)


def test_the_group_behind_the_attacks_a_number_belongs_to() -> None:
    c = one("Attacks by the insurgents, including three car bombs, shook the city.")
    assert (c.value, c.unit, c.subject) == (3, "car bombs", "Insurgents")


def test_its_points_back_to_the_group() -> None:
    c = one("The militia does not publish its losses, but at least 40 of its fighters have died.")
    assert (c.value, c.unit, c.subject) == (40, "fighters", "Cedar Militia")


def test_a_distance_after_a_place_is_about_that_place() -> None:
    c = one("Fighting centred on Assal al-Ward, about 40 km north of Damascus.")
    assert (c.value, c.unit, c.subject) == (40, "km", "Assal al-Ward")


def test_the_group_commanding_the_men_is_the_subject() -> None:
    c = one("The insurgents hold the hills; insurgent commanders claim to have 9,000 men.")
    assert (c.value, c.unit, c.subject) == (9000, "men", "Insurgents")
