"""Stand-ins for actors: demonyms, capitals, "the Sunni power", bare "regime", qualified
Islamists, credits that name no one, and people guarded from place names (sentences written
for these tests, real spaCy pipeline)."""

from __future__ import annotations

import pytest

from tests.actors.helpers import actor, person, run, surfaces

ACTORS = ("actors.spacy.v1",)
PEOPLE = ("actors.spacy.v1", "people.spacy.v1")


def _ids_at(record, text: str, words: str) -> set[str]:
    start = text.index(words)
    return {
        a.id for a in record.actors for s, e in a.mentions if s <= start and start + len(words) <= e
    }


@pytest.mark.parametrize(
    ("text", "words", "ident"),
    [
        ("Most brigades in the south receive their funding from Riyadh.", "Riyadh", "saudi-arabia"),
        ("Ankara's support for the factions has grown since March.", "Ankara", "turkey"),
        ("Moscow denied that its jets had hit the hospital.", "Moscow", "russia"),
        ("Tehran's envoy arrived with a new offer for the militias.", "Tehran", "iran"),
        (
            "After years of spending, the Saudis are unlikely to accept defeat.",
            "Saudis",
            "saudi-arabia",
        ),
        ("The Iranians sent more advisers to the front last week.", "Iranians", "iran"),
    ],
)
def test_a_capital_or_demonym_that_acts_is_its_state(text: str, words: str, ident: str) -> None:
    record = run(text, ACTORS)
    assert ident in _ids_at(record, text, words), [(a.id, a.mentions) for a in record.actors]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Damascus is under threat from three directions.", "Damascus"),
        ("Shells fell on Damascus overnight.", "Damascus"),
        ("The Syrians fled to Lebanon in their thousands.", "Syrians"),
        ("Delegates met in Moscow for the third round.", "Moscow"),
        ("The Iraqis voted in large numbers.", "Iraqis"),
    ],
)
def test_a_capital_or_people_that_does_not_act_as_a_state_is_no_actor(
    text: str, words: str
) -> None:
    record = run(text, ACTORS)
    assert not _ids_at(record, text, words)


def test_a_definite_description_refers_back_to_the_state_it_fits() -> None:
    text = (
        "Saudi Arabia is a key backer of the rebels, with the Sunni power using the war "
        "to fight the influence of Iran. The Sunni kingdom also funds groups in Lebanon."
    )
    record = run(text, ACTORS)
    saudi = actor(record, "saudi-arabia")
    assert "Sunni power" in surfaces(text, saudi.mentions)
    assert "Sunni kingdom" in surfaces(text, saudi.mentions)
    others = [a for a in record.actors if a.id != "saudi-arabia"]
    assert not any("Sunni" in m for a in others for m in surfaces(text, a.mentions))


def test_state_as_a_modifier_refers_to_nothing() -> None:
    text = "Turkey sent troops north. The state media praised the operation."
    record = run(text, ACTORS)
    assert "state" not in " ".join(surfaces(text, actor(record, "turkey").mentions))


@pytest.mark.parametrize(
    "text",
    [
        "The shelling hit regime strongholds along the coast.",
        "A roadside bomb killed a regime general near Hama.",
        "Rebels held out against regime attempts to retake the hill.",
    ],
)
def test_regime_names_the_regime_even_as_a_modifier(text: str) -> None:
    record = run(text, ACTORS)
    kinds = {a.kind for a in record.actors if "regime" in surfaces(text, a.mentions)}
    assert kinds == {"state_forces"}, [(a.id, a.mentions) for a in record.actors]


def test_rebel_as_a_modifier_is_still_no_mention() -> None:
    text = "Rebel sources said the rebel advance had stalled."
    record = run(text, ACTORS)
    assert record.actors == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sunni Islamists claimed the rocket attacks on the Hermel road.", "Sunni Islamists"),
        ("Lebanese Salafist jihadists crossed the border at night.", "Lebanese Salafist Islamists"),
    ],
)
def test_qualified_islamists_are_a_collective_actor(text: str, name: str) -> None:
    record = run(text, ACTORS)
    assert name in {a.name for a in record.actors}, [a.name for a in record.actors]


def test_bare_islamists_describe_people_not_a_party() -> None:
    text = "Many Islamists attended the funeral; moderate Islamist groups stayed away."
    assert run(text, ACTORS).actors == []


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("Fighters rest near the front line in the hills. Reuters\n\nThe battle began.", "Reuters"),
        ("Smoke rises over the town after a strike. AFP/Getty Images\n\nIt burned.", "AFP"),
        ("Militants of the group train in the desert, May 2, 2015. Jaish al-Islam\n", "Jaish"),
    ],
)
def test_a_photo_credit_names_no_actor_or_person(text: str, credit: str) -> None:
    record = run(text, PEOPLE)
    spans = [m for a in record.actors for m in a.mentions] + [
        m for p in record.people for m in p.mentions
    ]
    assert not any(text[s:e].startswith(credit) for s, e in spans), spans


def test_the_same_name_in_prose_is_still_an_actor() -> None:
    text = "Jaish al-Islam fighters attacked the airport. Reuters reported heavy losses."
    record = run(text, ACTORS)
    assert {"jaish-al-islam", "reuters"} <= {a.id for a in record.actors}


def test_a_person_named_after_a_description_takes_it_as_title() -> None:
    text = "The paper quoted a rebel fighter of Syrian origin, named Walid, as saying so."
    assert person(run(text, PEOPLE), "walid").title == "rebel fighter"


def test_a_town_in_a_quote_is_no_person() -> None:
    text = "\u201cHoms is not Aleppo,\u201d a resident named Samir told the paper."
    record = run(text, PEOPLE)
    names = {p.name for p in record.people}
    assert "Aleppo" not in names and "Homs" not in names, names


def test_curly_and_straight_apostrophes_name_the_same_group() -> None:
    text = "Da\u2019esh lost the town; Da'esh fighters fled east."
    record = run(text, ACTORS)
    assert len(actor(record, "islamic-state").mentions) == 2


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Kurdish fighters held Sheikh Maqsoud while rebels shelled the old city.", "Maqsoud"),
        ("Government forces shelled Aleppo on Monday.", "Aleppo"),
    ],
)
def test_a_place_the_model_tags_as_person_or_org_is_neither(text: str, place: str) -> None:
    record = run(text, PEOPLE)
    names = [p.name for p in record.people] + [a.name for a in record.actors]
    assert not any(place in n for n in names), names
