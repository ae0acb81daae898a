"""The relations stage on sentences written for these tests, with the real spaCy pipeline."""

from __future__ import annotations

import pytest

from tests.actors.helpers import relations, run

STAGES = ("actors.spacy.v1", "people.spacy.v1", "relations.patterns.v1")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Iran, which backs Hezbollah, has sent advisers to the front.",
            ("iran", "supports", "hezbollah"),
        ),
        (
            "Turkish-backed rebels shelled the outskirts of the city.",
            ("turkey", "supports", "rebels"),
        ),
        (
            "Ahrar al-Sham has received weapons from Qatar since the spring.",
            ("qatar", "supports", "ahrar-al-sham"),
        ),
        (
            "Qatar is one of the main backers of Ahrar al-Sham.",
            ("qatar", "supports", "ahrar-al-sham"),
        ),
        (
            "Regime forces, aided by Hezbollah, retook the hilltop.",
            ("hezbollah", "supports", "government-forces"),
        ),
        (
            "The Islamic Front is allied with Jaish al-Islam.",
            ("islamic-front", "ally", "jaish-al-islam"),
        ),
        (
            "Hezbollah fighters clashed with the Free Syrian Army near the border on Friday.",
            ("hezbollah", "enemy", "free-syrian-army"),
        ),
        (
            "Syrian rebels are fighting the Islamic State in the north.",
            ("syrian-rebels", "enemy", "islamic-state"),
        ),
        (
            "The Nusra Front, the Syrian branch of al-Qaeda, denied the report.",
            ("jabhat-al-nusra", "branch_of", "al-qaeda"),
        ),
        (
            "Rebel factions led by Jaish al-Islam entered the suburb.",
            ("jaish-al-islam", "cooperates", "rebels"),
        ),
        (
            "Talks between the Syrian government and the Free Syrian Army collapsed on Tuesday.",
            ("syrian-government-forces", "negotiates", "free-syrian-army"),
        ),
        (
            "Syrian army units, together with Hezbollah, advanced on the town.",
            ("syrian-government-forces", "ally", "hezbollah"),
        ),
    ],
)
def test_a_stated_relation_is_found(text: str, expected: tuple[str, str, str]) -> None:
    record = run(text, STAGES)
    assert expected in relations(record)


def test_evidence_is_the_sentence_that_states_it() -> None:
    text = "Shelling continued overnight. Iran, which backs Hezbollah, sent advisers."
    record = run(text, STAGES)
    [relation] = record.relations
    assert relation.evidence.text == "Iran, which backs Hezbollah, sent advisers."
    assert text[relation.evidence.start : relation.evidence.end] == relation.evidence.text


def test_subjects_joined_by_and_each_get_the_relation() -> None:
    text = "Turkey and Saudi Arabia were working with various rebel factions."
    found = relations(run(text, STAGES))
    assert {("turkey", "cooperates", "rebels"), ("saudi-arabia", "cooperates", "rebels")} <= found


def test_a_leader_stands_for_his_forces() -> None:
    text = "Syrian government troops held the road, and Hezbollah, which supports Assad, sent men."
    found = relations(run(text, STAGES))
    assert ("hezbollah", "supports", "syrian-government-forces") in found


@pytest.mark.parametrize(
    "text",
    [
        "Hezbollah and the Free Syrian Army both hold positions in the mountains.",
        "Reports about the Islamic Front and Jaish al-Islam appeared on Monday.",
        "The Islamic Front did not fight Jaish al-Islam last year.",
        "Jaish al-Islam is active near Damascus, and Hezbollah operates in the Bekaa valley.",
    ],
)
def test_no_relation_where_none_is_stated(text: str) -> None:
    record = run(text, STAGES)
    assert len(record.actors) >= 2
    assert record.relations == []


def test_every_relation_joins_two_actors_of_the_record() -> None:
    text = (
        "Qatar is one of the main backers of Ahrar al-Sham. Hezbollah fighters clashed with "
        "the Free Syrian Army, while Syrian rebels attacked the Syrian army."
    )
    record = run(text, STAGES)
    ids = {a.id for a in record.actors}
    assert record.relations
    for relation in record.relations:
        assert relation.source in ids and relation.target in ids
        assert relation.source != relation.target


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hostility stated as a participle, a pitting, a between-noun, a "with"-noun, a hit asset
        (
            "The Free Syrian Army, battling the Islamic State since spring, held the dam.",
            ("free-syrian-army", "enemy", "islamic-state"),
        ),
        (
            "The offensive pitted Hezbollah against the Free Syrian Army near Zabadani.",
            ("hezbollah", "enemy", "free-syrian-army"),
        ),
        (
            "Fighting between Jaish al-Islam and the Islamic State flared again in the Ghouta.",
            ("jaish-al-islam", "enemy", "islamic-state"),
        ),
        (
            "Jaish al-Islam and the Islamic State have been locked in fierce fighting for weeks.",
            ("jaish-al-islam", "enemy", "islamic-state"),
        ),
        (
            "Jaish al-Islam shelled Hezbollah positions near the border on Sunday.",
            ("jaish-al-islam", "enemy", "hezbollah"),
        ),
        # talks
        (
            "Turkey held talks with the Free Syrian Army in Ankara last week.",
            ("turkey", "negotiates", "free-syrian-army"),
        ),
        (
            "Qatar has been negotiating with Jabhat al-Nusra over the release of the hostages.",
            ("qatar", "negotiates", "jabhat-al-nusra"),
        ),
        # cooperation
        (
            "Officials described deepening coordination between Ahrar al-Sham and Jaish al-Islam.",
            ("ahrar-al-sham", "cooperates", "jaish-al-islam"),
        ),
        (
            "Ahrar al-Sham, working with Jaish al-Islam, opened a new front in the south.",
            ("ahrar-al-sham", "cooperates", "jaish-al-islam"),
        ),
        # side by side is an alliance; "X-linked" is a branch
        (
            "Hezbollah fought alongside the Syrian army in the hills.",
            ("hezbollah", "ally", "syrian-government-forces"),
        ),
        (
            "The Islamic State-linked Jaish Khalid ibn al-Walid holds part of the Yarmouk valley.",
            ("jaish-khalid-ibn-al-walid", "branch_of", "islamic-state"),
        ),
    ],
)
def test_a_stated_relation_family_is_found(text: str, expected: tuple[str, str, str]) -> None:
    found = relations(run(text, STAGES))
    assert expected in found or (expected[2], expected[1], expected[0]) in found, found


def test_together_with_puts_both_on_one_side_of_the_fight() -> None:
    text = "The Syrian army, together with Hezbollah, attacked the Free Syrian Army in the north."
    found = relations(run(text, STAGES))
    assert ("syrian-government-forces", "ally", "hezbollah") in found
    assert ("hezbollah", "enemy", "free-syrian-army") in found
    assert ("syrian-government-forces", "enemy", "free-syrian-army") in found


@pytest.mark.parametrize(
    "text",
    [
        # hypothetical or conditional: the gold rules code only present conduct
        "The Islamic Front could fight Jaish al-Islam next year.",
        "Analysts said Hezbollah may attack the Free Syrian Army if talks fail.",
        "If Jaish al-Islam attacked the Islamic Front, the truce would end.",
        # merely named together; fighting side by side is not fighting each other
        "Hezbollah and the Syrian army have been fighting in the Qalamoun hills.",
        "Jaish al-Islam did not attack Hezbollah positions this month.",
    ],
)
def test_no_relation_from_hypotheses_negations_or_company(text: str) -> None:
    record = run(text, STAGES)
    assert len(record.actors) >= 2
    assert record.relations == []
