"""Definite descriptions that refer back to one actor ("the group") join that actor."""

from __future__ import annotations

from tests.actors.helpers import actor, run

ACTORS = ("actors.spacy.v1",)


def _texts(text: str, spans) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_the_group_joins_the_one_group_named_before() -> None:
    text = (
        "Jaish al-Islam shelled a checkpoint east of Douma on Sunday. "
        "Residents said the group had brought up heavy mortars overnight."
    )
    found = actor(run(text, ACTORS), "jaish-al-islam")
    assert _texts(text, found.mentions) == ["Jaish al-Islam", "group"]
    start = text.index("the group") + len("the ")
    assert (start, start + len("group")) in found.mentions


def test_a_qualified_description_must_agree_with_the_actor() -> None:
    text = (
        "Hezbollah moved new units toward the border on Tuesday. "
        "The Shiite group denied any losses."
    )
    found = actor(run(text, ACTORS), "hezbollah")
    assert "Shiite group" in _texts(text, found.mentions)


def test_two_fitting_groups_leave_the_description_alone() -> None:
    text = (
        "Ahrar al-Sham and Jabhat al-Nusra clashed near Saraqeb last week. "
        "The group lost several commanders in the fighting."
    )
    record = run(text, ACTORS)
    claimed = [text[s:e] for a in record.actors for s, e in a.mentions]
    assert "group" not in claimed


def test_a_kind_mismatch_is_left_alone() -> None:
    text = (
        "Turkey closed the Bab al-Hawa crossing on Friday. "
        "The militia said supplies would run short within days."
    )
    record = run(text, ACTORS)
    claimed = [text[s:e] for a in record.actors for s, e in a.mentions]
    assert "militia" not in claimed


def test_a_modifier_that_disagrees_is_left_alone() -> None:
    text = "Jaish al-Islam stormed two villages on Monday. The Lebanese group later withdrew."
    record = run(text, ACTORS)
    claimed = [text[s:e] for a in record.actors for s, e in a.mentions]
    assert "Lebanese group" not in claimed


def test_a_reference_too_far_back_is_left_alone() -> None:
    text = (
        "Jaish al-Islam shelled a checkpoint on Sunday. "
        "The road to the capital was closed for hours. "
        "Shops in the market stayed shut. "
        "Many families left the town by evening. "
        "The group was not seen again."
    )
    record = run(text, ACTORS)
    claimed = [text[s:e] for a in record.actors for s, e in a.mentions]
    assert "group" not in claimed


def test_an_apposition_describes_and_is_not_a_mention() -> None:
    text = "Hezbollah, the Shiite group that backs Damascus, sent reinforcements to Qalamoun."
    found = actor(run(text, ACTORS), "hezbollah")
    assert _texts(text, found.mentions) == ["Hezbollah"]


def test_pro_assad_militants_are_the_one_militia_in_the_sentence() -> None:
    text = "Witnesses saw pro-Assad militants from Hezbollah entering the valley at dawn."
    found = actor(run(text, ACTORS), "hezbollah")
    assert "pro-Assad militants" in _texts(text, found.mentions)


def test_a_reference_two_sentences_back_is_found() -> None:
    text = (
        "Jaish al-Islam stormed two villages on Monday. "
        "The road to the capital was closed for hours. "
        "The jihadist group later withdrew."
    )
    found = actor(run(text, ACTORS), "jaish-al-islam")
    assert "jihadist group" in _texts(text, found.mentions)
