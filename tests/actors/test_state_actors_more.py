"""States named by who acts for them: a country the model mis-tags, a country's government,
parliament or officials, its forces and police, and its head of state by title or name
(sentences written for these tests, real spaCy pipeline)."""

from __future__ import annotations

import pycountry
import pytest

from sitroom.actors.data import countries, load_json
from tests.actors.helpers import actor, person, run, surfaces

ACTORS = ("actors.spacy.v1",)
PEOPLE = ("actors.spacy.v1", "people.spacy.v1")


def _at(record, text: str, words: str) -> set[str]:
    """Ids of the actors with a mention that covers `words`."""
    start = text.index(words)
    end = start + len(words)
    return {a.id for a in record.actors for s, e in a.mentions if s <= start and end <= e}


@pytest.mark.parametrize(
    ("text", "words", "ident"),
    [
        ("Benin closed its border with Togo on Monday.", "Benin", "benin"),
        ("Uzbekistan reopened the crossing after two years.", "Uzbekistan", "uzbekistan"),
        ("The PRC on Friday demanded an apology from the airline.", "PRC", "china"),
    ],
)
def test_a_country_that_acts_is_its_state_however_the_model_tagged_it(
    text: str, words: str, ident: str
) -> None:
    record = run(text, ACTORS)
    assert ident in _at(record, text, words), [(a.id, a.mentions) for a in record.actors]
    assert actor(record, ident).kind == "state"


def test_a_country_inside_a_longer_name_is_no_state() -> None:
    text = "The Sri Lanka Freedom Party won the vote."
    record = run(text, ACTORS)
    assert "sri-lanka" not in {a.id for a in record.actors}


@pytest.mark.parametrize(
    ("text", "words", "ident"),
    [
        ("Kenya's parliament voted to extend the mission.", "Kenya's parliament", "kenya"),
        ("Kenya's government lifted the curfew on Sunday.", "Kenya's government", "kenya"),
        ("The Fijian authorities declared a curfew.", "Fijian authorities", "fiji"),
        (
            "Mozambique's new government accepted the plan.",
            "Mozambique's new government",
            "mozambique",
        ),
    ],
)
def test_a_countrys_government_parliament_or_authorities_are_the_state(
    text: str, words: str, ident: str
) -> None:
    record = run(text, ACTORS)
    found = actor(record, ident)
    assert found.kind == "state"
    assert surfaces(text, found.mentions) == [words]


def test_an_opposition_government_is_not_the_state() -> None:
    record = run("The Syrian opposition government met in Gaziantep.", ACTORS)
    assert "syria" not in {a.id for a in record.actors}


def test_coordinated_nationalities_of_officials_each_name_their_state() -> None:
    text = "Senior Peruvian and Chilean diplomats signed the accord in Lima."
    record = run(text, ACTORS)
    assert surfaces(text, actor(record, "peru").mentions) == ["Peruvian"]
    assert surfaces(text, actor(record, "chile").mentions) == ["Chilean diplomats"]
    assert {actor(record, i).kind for i in ("peru", "chile")} == {"state"}


def test_one_official_who_acts_names_his_state_by_the_country_word() -> None:
    text = "A senior Japanese official criticised the decision."
    record = run(text, ACTORS)
    assert surfaces(text, actor(record, "japan").mentions) == ["Japanese"]


def test_a_titled_head_of_state_who_acts_is_his_state_and_stays_a_person() -> None:
    text = "Ghanaian President John Kufuor opened the summit on Friday."
    record = run(text, PEOPLE)
    ghana = actor(record, "ghana")
    assert ghana.kind == "state"
    assert surfaces(text, ghana.mentions) == ["Ghanaian President John Kufuor"]
    assert surfaces(text, person(record, "john-kufuor").mentions) == ["John Kufuor"]


def test_a_leader_named_alone_is_his_state_only_where_he_does_what_a_government_does() -> None:
    text = "Mugabe rejected the proposal on Monday."
    record = run(text, PEOPLE)
    assert surfaces(text, actor(record, "zimbabwe").mentions) == ["Mugabe"]
    assert [p.mentions for p in record.people] == [[(0, 6)]]
    idle = run("It is Mugabe who stands to lose the most.", ACTORS)
    assert idle.actors == []


def test_a_former_office_holder_speaks_for_no_state() -> None:
    record = run("Former President Jerry Rawlings said the vote was fair.", ACTORS)
    assert record.actors == []


def test_a_country_named_before_a_title_but_as_a_place_is_no_state() -> None:
    record = run("In Turkey Minister Ellwood met the coalition.", ACTORS)
    assert "turkey" not in {a.id for a in record.actors}


@pytest.mark.parametrize(
    ("text", "words", "ident"),
    [
        ("Malian soldiers patrolled the town.", "Malian soldiers", "malian-government-forces"),
        ("Nigerien police patrolled the town.", "Nigerien police", "nigerien-police"),
        (
            "Serbian troops shelled the village overnight.",
            "Serbian troops",
            "serbian-government-forces",
        ),
        ("Israeli soldiers detained two men.", "Israeli soldiers", "israel-defense-forces"),
        (
            "The Russian Defence Ministry said its jets had struck the depot.",
            "Russian Defence Ministry",
            "russian-armed-forces",
        ),
    ],
)
def test_a_countrys_soldiers_and_police_are_its_state_forces(
    text: str, words: str, ident: str
) -> None:
    record = run(text, ACTORS)
    found = actor(record, ident)
    assert found.kind == "state_forces"
    assert words in surfaces(text, found.mentions)


def test_a_country_word_coordinated_with_forces_names_its_forces_not_the_state() -> None:
    text = "US and British forces entered the town."
    record = run(text, ACTORS)
    assert surfaces(text, actor(record, "us-armed-forces").mentions) == ["US"]
    assert surfaces(text, actor(record, "british-armed-forces").mentions) == ["British forces"]
    assert "united-states" not in {a.id for a in record.actors}


def test_a_government_its_enemies_fight_is_its_forces() -> None:
    text = "Rebels fighting the Ugandan government seized the town."
    record = run(text, ACTORS)
    forces = actor(record, "ugandan-government-forces")
    assert forces.kind == "state_forces"
    assert surfaces(text, forces.mentions) == ["Ugandan government"]


def test_a_government_joins_its_forces_where_the_article_names_them() -> None:
    text = "The Sudanese army shelled the town. The Sudanese government said the shells were old."
    record = run(text, ACTORS)
    forces = actor(record, "sudanese-government-forces")
    assert surfaces(text, forces.mentions) == ["Sudanese army", "Sudanese government"]
    assert "sudan" not in {a.id for a in record.actors}


def test_guerrillas_named_by_their_group_are_that_group() -> None:
    record = run("Hezbollah guerrillas attacked an outpost.", ACTORS)
    assert [a.id for a in record.actors] == ["hezbollah"]
    afghan = run("Afghan guerrillas blew up three power lines.", ACTORS)
    assert [a.id for a in afghan.actors] == ["afghan-rebels"]


def test_the_country_table_is_consistent() -> None:
    raw = load_json("actors/countries.json")
    seen: dict[tuple[str, str], str] = {}
    for row in raw["countries"]:
        assert pycountry.countries.get(alpha_2=row["code"]) is not None, row["code"]
        for field in ("names", "adjectives", "demonyms", "leaders", "capitals"):
            for word in row[field]:
                key = (field, word.lower())
                assert seen.setdefault(key, row["code"]) == row["code"], key
    table = countries()
    assert all(name in table.by_name for name in table.ambiguous)
    assert "US" in table.cased and table.by_code["SD"].name == "Sudan"
