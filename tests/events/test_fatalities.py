"""Fatalities the ACLED way, through the whole pipeline, on sentences written for these tests.

An event's fatalities are the most conservative figure the text gives for it ('dozens' 12,
'between 20 and 30' 20), none when it gives none; a war's running toll, a year, the wounded or
a figure that mixes the wounded with the dead are never an event's fatalities.
"""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.model import Document, Event
from sitroom.pipeline import extract_one


def events(text: str) -> list[Event]:
    record = extract_one(Document(id="fatalities-test", text=text, published=date(2016, 5, 10)))
    return record.events


def figures(text: str) -> list[int]:
    """The fatalities of the text's events that have any, smallest first."""
    found = events(text)
    assert found, f"no event found in {text!r}"
    return sorted(e.fatalities for e in found if e.fatalities is not None)


# ---------------------------------------------------------------------------------------------
# a war's running toll is no event's


@pytest.mark.parametrize(
    "text",
    [
        # the toll hangs on a verb joined to the killing
        "More than 300,000 people have been killed and millions displaced since the conflict "
        "erupted with protests against the government in Damascus in March 2011.",
        # 'since' a year, in its own clause beside an event
        "Islamic State militants stormed the Tabqa air base; more than 300,000 people have "
        "been killed in Syria since 2011.",
        # 'killed in the war', 'died in the civil war'
        "More than 200,000 people have been killed in the war, and rebels shelled Aleppo "
        "again on Monday.",
        "Rebels shelled Aleppo on Monday; more than 200,000 people have died in Syria's civil war.",
    ],
)
def test_a_war_toll_is_no_events_fatalities(text: str) -> None:
    assert all(f < 1000 for f in figures(text))


def test_the_event_keeps_its_own_dead_beside_a_war_toll() -> None:
    text = (
        "Government aircraft bombed a market in Idlib on Monday, killing 14 people, in a war "
        "that has killed more than 350,000 people."
    )
    assert figures(text) == [14]


def test_a_battles_toll_since_it_began_is_its_own() -> None:
    text = (
        "Islamic State militants stormed the Tabqa air base, and at least 40 of their fighters "
        "have been killed since the assault began."
    )
    assert figures(text) == [40]


# ---------------------------------------------------------------------------------------------
# numbers that count no dead


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        (
            "Monday 12 Oct 2015 Russian aircraft killed at least 10 people when they bombed a "
            "camp for displaced families in Idlib province, a monitor said.",
            10,
        ),
        (
            "Published March 3 2016 A government helicopter killed at least 7 civilians in "
            "Daraa on Tuesday.",
            7,
        ),
    ],
)
def test_a_year_in_a_dateline_is_no_count(text: str, dead: int) -> None:
    assert figures(text) == [dead]


# ---------------------------------------------------------------------------------------------
# the ways a death report is written


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # lives claimed, however large the toll
        (
            "A chemical attack by government forces on Douma claimed 1,100 lives, according to "
            "doctors in the town.",
            1100,
        ),
        (
            "A nerve gas attack by government forces on Ghouta claimed the lives of more than "
            "1,200 people, the opposition said.",
            1200,
        ),
        # a toll, not the wounded after it
        (
            "The death toll from an Islamic State car bomb attack in Homs rose to 41 on Sunday, "
            "medics said, adding that another 60 people were wounded.",
            41,
        ),
        (
            "Rebels shelled Aleppo on Monday; the death toll rose to 17 and another 50 people "
            "were wounded.",
            17,
        ),
        # N people were killed / killing at least N / N dead / N bodies / fell victim
        ("At least 23 people were killed when government helicopters bombed Daraa on Sunday.", 23),
        (
            "Islamic State fighters stormed a village near Palmyra, killing at least 17 civilians.",
            17,
        ),
        ("Russian air strikes on a hospital in Idlib left 8 dead, rescuers said.", 8),
        ("Rescuers pulled 19 bodies from the rubble after government air strikes on Aleppo.", 19),
        ("At least 60 people fell victim when government helicopters bombed Daraa on Sunday.", 60),
        ("Government air strikes on Raqqa led to the death of eight civilians, activists said.", 8),
        (
            "Islamic State fighters attacked a Kurdish village near Raqqa, and the group later "
            "filmed the beheading of 5 Kurdish fighters.",
            5,
        ),
        # a number or a vague count is needed for a euphemism, not a threat eliminated
        (
            "Government troops attacked Islamic State positions near Palmyra and eliminated 25 "
            "militants.",
            25,
        ),
    ],
)
def test_death_reports_give_the_events_fatalities(text: str, dead: int) -> None:
    assert figures(text) == [dead]


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # the total, not the total plus the children among them
        (
            "Rebels shelled western Aleppo on Friday, killing 11 civilians, including 4 children.",
            11,
        ),
        (
            "Government jets bombed Douma on Friday; 30 people were killed, at least 5 of them "
            "children.",
            30,
        ),
        (
            "Government helicopters bombed Daraa on Sunday, killing 12 people, three of whom "
            "were children.",
            12,
        ),
        # a range counts its lower end
        (
            "Between 20 and 30 soldiers were killed when Islamic State fighters overran an army "
            "checkpoint near Deir Ezzor.",
            20,
        ),
        ("Rebels shelled Aleppo on Monday, killing dozens of people.", 12),
        ("Rebels attacked army positions in Hama on Sunday, killing a general.", 1),
    ],
)
def test_the_most_conservative_figure(text: str, dead: int) -> None:
    assert figures(text) == [dead]


# ---------------------------------------------------------------------------------------------
# the wounded never count


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # headlines: the number after 'killed' counts the wounded
        ("Three civilians killed 12 others injured as rebels shelled Aleppo", 3),
        ("Five civilians killed, 12 others injured as rebels shelled Aleppo on Sunday.", 5),
        ("Seven killed, 40 injured as rebels shell Aleppo", 7),
        ("Nov 7 2016 Child killed 20 people injured as rebels shelled Aleppo", 1),
        # the wounded of their own verb
        ("Rebel mortar fire on Damascus killed 3 people and wounded 25 others.", 3),
        ("A suicide bomber killed 30 people and injured 90 at a wedding in Hasakeh on Monday.", 30),
    ],
)
def test_the_wounded_are_not_the_dead(text: str, dead: int) -> None:
    assert figures(text) == [dead]


@pytest.mark.parametrize(
    "text",
    [
        # the dead and the wounded in one figure: no count of the dead
        "Rebel mortar fire on Damascus left 30 people killed and wounded on Sunday.",
        "Dozens of people were killed and injured when rebels shelled Aleppo on Monday.",
        # only the wounded
        "Twelve people were wounded when a car bomb exploded in Homs on Monday.",
        "Rebels shelled Aleppo on Monday, and a medical source confirmed the toll and said "
        "another 50 people were wounded.",
        # no number for a euphemism
        "Government troops attacked Islamic State positions near Palmyra and eliminated the "
        "threat.",
    ],
)
def test_no_dead_counted_gives_none(text: str) -> None:
    assert figures(text) == []
