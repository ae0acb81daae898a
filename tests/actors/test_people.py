"""The people stage on sentences written for these tests, with the real spaCy pipeline."""

from __future__ import annotations

import pytest

from sitroom.actors.people import name_parts
from tests.actors.helpers import occurrences, person, run, surfaces

PEOPLE = ("actors.spacy.v1", "people.spacy.v1")


@pytest.mark.parametrize(
    ("text", "ident", "title", "affiliation"),
    [
        (
            "“The front lines have not moved,” said Lina Haddad, a researcher at Chatham House.",
            "lina-haddad",
            "researcher",
            "Chatham House",
        ),
        (
            "Burhan Ghalioun, head of the Syrian National Council, met diplomats in Istanbul.",
            "burhan-ghalioun",
            "head",
            "Syrian National Council",
        ),
        (
            "Free Syrian Army commander Ahmad Saoud told reporters his men would stay.",
            "ahmad-saoud",
            "commander",
            "Free Syrian Army",
        ),
        (
            "The offensive is a gamble, said analyst Aron Lund of the Century Foundation.",
            "aron-lund",
            "analyst",
            "Century Foundation",
        ),
        (
            "Syrian President Bashar al-Assad visited troops in Homs on Sunday.",
            "bashar-al-assad",
            "President",
            "Syria",
        ),
        (
            "Samir Aziz, a ranking member of Jaish al-Islam, denied the claim.",
            "samir-aziz",
            "ranking member",
            "Jaish al-Islam",
        ),
    ],
)
def test_title_and_affiliation_come_from_the_words_around_the_name(
    text: str, ident: str, title: str, affiliation: str
) -> None:
    found = person(run(text, PEOPLE), ident)
    assert (found.title, found.affiliation) == (title, affiliation)


def test_a_place_is_never_an_affiliation() -> None:
    text = "“The mountains are ours,” said Abu Karim, a resident of Yabroud."
    found = person(run(text, PEOPLE), "abu-karim")
    assert found.title == "resident"
    assert found.affiliation is None


def test_surname_mentions_join_the_full_name() -> None:
    text = (
        "Burhan Ghalioun, head of the Syrian National Council, met diplomats in Istanbul. "
        "Ghalioun later said the talks had failed, and Ghalioun's deputy agreed."
    )
    record = run(text, PEOPLE)
    assert [p.id for p in record.people] == ["burhan-ghalioun"]
    found = record.people[0]
    assert found.name == "Burhan Ghalioun"
    assert (
        found.mentions == occurrences(text, "Burhan Ghalioun") + occurrences(text, "Ghalioun")[1:]
    )


def test_a_surname_with_a_particle_joins_too() -> None:
    text = "Syrian President Bashar al-Assad visited Homs. Crowds cheered as Assad spoke."
    found = person(run(text, PEOPLE), "bashar-al-assad")
    assert surfaces(text, found.mentions) == ["Bashar al-Assad", "Assad"]


def test_a_leader_inside_a_forces_phrase_is_not_a_person_mention() -> None:
    text = "Bashar al-Assad toured the front, where Assad's forces had retaken a hill."
    record = run(text, PEOPLE)
    assert surfaces(text, person(record, "bashar-al-assad").mentions) == ["Bashar al-Assad"]


def test_groups_tagged_as_people_are_not_people() -> None:
    text = "Jaish al-Islam and Ahrar al-Sham signed the statement; Zahran Alloush read it aloud."
    record = run(text, PEOPLE)
    assert [p.id for p in record.people] == ["zahran-alloush"]
    assert {"jaish-al-islam", "ahrar-al-sham"} <= {a.id for a in record.actors}


def test_sect_words_are_not_people() -> None:
    record = run("The Alawite heartland lies along the coast.", PEOPLE)
    assert record.people == []


def test_name_parts_drop_particles() -> None:
    assert name_parts("Bashar al-Assad") == ["bashar", "assad"]
    assert name_parts("Abdul Karim al-Kurdi") == ["abdul", "karim", "kurdi"]
