"""The actors stage on sentences written for these tests, with the real spaCy pipeline."""

from __future__ import annotations

import pytest

from sitroom.actors import kb
from sitroom.actors.kinds import infer_country, infer_kind
from sitroom.actors.resolve import name_key
from tests.actors.helpers import actor, occurrences, run, surfaces

ACTORS = ("actors.spacy.v1",)


@pytest.mark.parametrize(
    ("text", "ident", "kind"),
    [
        (
            "Fighters from the Free Syrian Army clashed with government troops near Hama.",
            "free-syrian-army",
            "rebel_group",
        ),
        (
            "Fighters from the Free Syrian Army clashed with government troops near Hama.",
            "government-forces",
            "state_forces",
        ),
        (
            "The Islamic Front and the Kurdish Democratic Union Party traded accusations.",
            "islamic-front",
            "rebel_group",
        ),
        (
            "The Islamic Front and the Kurdish Democratic Union Party traded accusations.",
            "pyd",
            "political_party",
        ),
        (
            "A report by Al Jazeera cited the Syrian Observatory for Human Rights.",
            "al-jazeera",
            "media",
        ),
        (
            "A report by Al Jazeera cited the Syrian Observatory for Human Rights.",
            "syrian-observatory-for-human-rights",
            "organization",
        ),
        (
            "Researchers at Harvard University mapped the shelling.",
            "harvard-university",
            "organization",
        ),
        (
            "Hezbollah fighters crossed the ridge before dawn.",
            "hezbollah",
            "political_militia",
        ),
        (
            "Syrian rebels attacked a checkpoint while Shia militias held the road.",
            "shia-militias",
            "political_militia",
        ),
        (
            "Syrian rebels attacked a checkpoint while Shia militias held the road.",
            "syrian-rebels",
            "rebel_group",
        ),
    ],
)
def test_kind_is_inferred_from_the_name_and_its_context(text: str, ident: str, kind: str) -> None:
    record = run(text, ACTORS)
    found = actor(record, ident)
    assert found.kind == kind
    assert found.inferred is (ident not in kb.load().actors)
    assert found.parent is None


def test_mentions_are_exact_offsets_of_the_words() -> None:
    text = "Jaish al-Islam fighters shelled the suburb. Jaish al-Islam later withdrew."
    record = run(text, ACTORS)
    found = actor(record, "jaish-al-islam")
    assert found.mentions == occurrences(text, "Jaish al-Islam")


def test_spelling_variants_merge_into_one_actor_with_every_mention() -> None:
    text = (
        "Al-Nusra Front claimed the ambush. Later, the Nusra Front's spokesman said Nusra had "
        "lost ten men. Jabhat al-Nusra has fought in the valley since 2012."
    )
    record = run(text, ACTORS)
    nusra = [a for a in record.actors if "nusra" in a.id]
    assert len(nusra) == 1, [a.id for a in record.actors]
    assert surfaces(text, nusra[0].mentions) == [
        "Al-Nusra Front",
        "Nusra Front",  # without "the" and without the possessive
        "Nusra",
        "Jabhat al-Nusra",
    ]


def test_collectives_merge_with_their_qualified_form() -> None:
    text = (
        "Syrian rebels attacked regime forces outside Hama on Sunday. The rebels said "
        "Assad's forces had fled."
    )
    record = run(text, ACTORS)
    rebels = actor(record, "syrian-rebels")
    assert rebels.country == "SY"
    assert surfaces(text, rebels.mentions) == ["Syrian rebels", "rebels"]
    government = actor(record, "syrian-government-forces")
    assert government.kind == "state_forces"
    assert surfaces(text, government.mentions) == ["regime forces", "Assad's forces"]


def test_country_comes_from_a_nationality_word() -> None:
    text = "The Syrian army shelled the hills while the Lebanese army closed the crossing."
    record = run(text, ACTORS)
    assert actor(record, "syrian-government-forces").country == "SY"
    assert actor(record, "lebanese-armed-forces").country == "LB"
    assert infer_country("Iraqi Kurdish fighters") == "IQ"
    assert infer_country("Jaish al-Islam") is None


def test_sect_words_are_not_actors_but_a_states_officials_are_the_state() -> None:
    record = run("Syrian and Iranian officials met Shiite clerics and Sunni elders.", ACTORS)
    assert sorted(a.id for a in record.actors) == ["iran", "syria"]
    assert {a.kind for a in record.actors} == {"state"}
    assert run("Shiite clerics met Sunni elders in a Syrian village.", ACTORS).actors == []


def test_a_state_is_an_actor_only_where_it_acts() -> None:
    text = "Qatar has been funding the Islamic Front for a year. A delegation flew to Doha."
    record = run(text, ACTORS)
    qatar = actor(record, "qatar")
    assert qatar.kind == "state" and qatar.country == "QA"
    assert surfaces(text, qatar.mentions) == ["Qatar"]
    idle = run("The delegation spent a week in Qatar before returning.", ACTORS)
    assert idle.actors == []


def test_a_backing_state_named_by_its_adjective_is_an_actor() -> None:
    text = "Turkish-backed rebels entered the town."
    record = run(text, ACTORS)
    turkey = actor(record, "turkey")
    assert surfaces(text, turkey.mentions) == ["Turkish"]


def test_a_group_tagged_as_a_person_is_still_an_actor() -> None:
    text = "Ahrar al-Sham fighters stormed the checkpoint at dawn."
    record = run(text, ("actors.spacy.v1", "people.spacy.v1"))
    assert surfaces(text, actor(record, "ahrar-al-sham").mentions) == ["Ahrar al-Sham"]
    assert record.people == []


def test_a_name_also_used_as_a_place_is_not_an_actor() -> None:
    text = "Refugees crowded into the town of Arsal. Arsal now shelters thousands of families."
    record = run(text, ACTORS)
    assert "arsal" not in {a.id for a in record.actors}


def test_a_party_the_model_missed_is_found_by_its_capitalised_name() -> None:
    text = 'The leader of the "Arab Democratic Party" spoke in Tripoli.'
    record = run(text, ACTORS)
    assert actor(record, "arab-democratic-party").kind == "political_party"


def test_name_keys_ignore_articles_possessives_and_word_order() -> None:
    assert name_key("Jabhat al-Nusra") == name_key("Nusra Front") == name_key("the Nusra Front's")
    assert name_key("Jaish al-Islam") != name_key("Islamic Front")


def test_kind_inference_falls_back_on_context_then_default() -> None:
    assert infer_kind(["Liwa al-Haqq"]) == "rebel_group"
    assert infer_kind(["Zenobia"], ["brigade"]) == "rebel_group"
    assert infer_kind(["Zenobia"]) == "organization"


def test_a_title_case_headline_is_not_read_as_one_long_name() -> None:
    text = (
        "Army Pushes Back Rebel Fighters Near Palmyra Highway\n"
        "The Syrian army pushed rebels back from the highway on Monday."
    )
    record = run(text, ACTORS)
    assert all(len(a.name.split()) <= 3 for a in record.actors), [a.name for a in record.actors]
    assert actor(record, "syrian-government-forces")


def test_a_backer_before_a_hyphen_is_not_part_of_the_group_name() -> None:
    text = "Besides Jaish al-Islam Western-backed rebels also hold the eastern districts."
    record = run(text, ACTORS)
    assert surfaces(text, actor(record, "jaish-al-islam").mentions) == ["Jaish al-Islam"]
