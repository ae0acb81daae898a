"""The quotes stage on sentences written for these tests, with the real spaCy pipeline."""

from __future__ import annotations

import pytest

from sitroom.events.quotes import quotations
from tests.actors.helpers import run

STAGES = ("actors.spacy.v1", "people.spacy.v1", "quotes.v1")


def only_quote(text: str):
    record = run(text, STAGES)
    assert len(record.quotes) == 1, record.quotes
    return record.quotes[0]


def test_said_after_the_quote_names_the_speaker_and_her_affiliation() -> None:
    text = (
        "“We will not hand over a single village,” said Rana Khalil, a spokeswoman for the "
        "Free Syrian Army."
    )
    quote = only_quote(text)
    assert quote.direct is True
    assert quote.speaker == "rana-khalil"
    assert quote.affiliation == "Free Syrian Army"
    assert quote.text == "We will not hand over a single village"
    assert quote.evidence.text == text


def test_speaker_before_said() -> None:
    quote = only_quote("“The siege has cut off bread and medicine for weeks,” Mona Sayegh said.")
    assert (quote.speaker, quote.direct) == ("mona-sayegh", True)


def test_speaker_with_apposition_before_said() -> None:
    text = (
        "“The supply lines are what matter here,” Hadi Jaber, an analyst at the Carnegie "
        "Middle East Center, said."
    )
    quote = only_quote(text)
    assert quote.speaker == "hadi-jaber"
    assert quote.affiliation == "Carnegie Middle East Center"


def test_straight_quotes_work_like_curly_ones() -> None:
    quote = only_quote('"Every road out of the valley is mined," said Yusuf Darwish.')
    assert quote.speaker == "yusuf-darwish"
    assert quote.text == "Every road out of the valley is mined"


def test_quoted_as_saying_names_the_quoted_person() -> None:
    text = "“We are ready for them,” the newspaper quoted a fighter, named Bilal, as saying."
    assert only_quote(text).speaker == "bilal"


def test_reported_speech_with_that() -> None:
    text = "Mona Sayegh, a nurse in the town, said that the clinic had run out of insulin."
    quote = only_quote(text)
    assert quote.direct is False
    assert quote.speaker == "mona-sayegh"
    assert quote.text == "the clinic had run out of insulin"


def test_reported_speech_by_an_actor() -> None:
    quote = only_quote("Hezbollah insists it will stay in the valley.")
    assert (quote.speaker, quote.direct) == ("hezbollah", False)
    assert quote.text == "it will stay in the valley"


def test_according_to_before_and_after_the_statement() -> None:
    before = only_quote(
        "According to the Syrian Observatory for Human Rights, at least twelve fighters died."
    )
    after = only_quote(
        "Twelve fighters died in the raid, according to the Syrian Observatory for Human Rights."
    )
    for quote in (before, after):
        assert quote.speaker == "syrian-observatory-for-human-rights"
        assert quote.direct is False
    assert before.text == "at least twelve fighters died"
    assert after.text == "Twelve fighters died in the raid"


def test_a_free_name_when_the_speaker_is_neither_person_nor_actor() -> None:
    quote = only_quote("The ceasefire will not hold past Friday, local officials said.")
    assert quote.speaker == "local officials"
    assert quote.direct is False


def test_a_quote_standing_alone_takes_its_speaker_from_the_next_sentence() -> None:
    text = (
        "“We will hold these hills to the last man.”\n"
        "Abu Karim, a commander in the valley, said this on Sunday."
    )
    quote = only_quote(text)
    assert quote.speaker == "abu-karim"
    assert quote.text == "We will hold these hills to the last man."
    assert quote.evidence.text == text
    assert quote.text in quote.evidence.text


def test_consecutive_quoted_sentences_with_one_attribution_are_one_quote() -> None:
    text = (
        "“Nobody expected the road to fall so quickly,” said Karim Nasser, an officer. "
        "“Now every convoy has to take the mountain track.”"
    )
    quote = only_quote(text)
    assert (quote.speaker, quote.direct) == ("karim-nasser", True)
    assert quote.text.startswith("Nobody expected")
    assert quote.text.endswith("take the mountain track.")
    assert quote.evidence.text == text


def test_one_attribution_between_two_quoted_halves_is_one_quote() -> None:
    text = "“The bridge is gone,” the engineer Hadi Jaber said, “and the ford is mined too.”"
    quote = only_quote(text)
    assert quote.speaker == "hadi-jaber"
    assert quote.text.endswith("the ford is mined too.")


def test_a_quote_in_the_next_paragraph_is_a_quote_of_its_own() -> None:
    text = (
        "“Nobody expected the road to fall so quickly,” said Karim Nasser, an officer.\n"
        "“Now every convoy has to take the mountain track.”"
    )
    record = run(text, STAGES)
    assert len(record.quotes) == 2
    assert record.quotes[0].speaker == "karim-nasser"
    assert record.quotes[1].text == "Now every convoy has to take the mountain track."


def test_a_second_quote_with_its_own_attribution_is_separate() -> None:
    text = (
        "“The hills are quiet tonight,” Mona Sayegh said, adding that the shelling "
        "“could start again before dawn.”"
    )
    record = run(text, STAGES)
    assert [q.speaker for q in record.quotes] == ["mona-sayegh", "mona-sayegh"]


def test_he_said_points_to_the_last_person_named() -> None:
    text = "Karim Nasser spoke to reporters on Monday. “The road will reopen within days,” he said."
    assert only_quote(text).speaker == "karim-nasser"


def test_scare_quotes_and_quoted_names_are_not_quotes() -> None:
    record = run(
        "Rebels called the operation the “Dawn of Freedom” and praised the "
        '"Army of Conquest" coalition.',
        STAGES,
    )
    assert record.quotes == []


def test_quotations_are_exact_substrings() -> None:
    text = 'He said: “Hold the line,” and then "move north, now."'
    found = [text[q.start : q.end] for q in quotations(text)]
    assert found == ["Hold the line", "move north, now."]


def test_reported_text_never_carries_the_whitespace_after_it() -> None:
    text = (
        "According to local activists the convoy reached the besieged town at noon. \t \t"
        "The next convoy is due on Friday."
    )
    quote = only_quote(text)
    assert quote.speaker == "local activists"
    assert quote.text == "the convoy reached the besieged town at noon"


def test_a_document_is_not_a_speaker() -> None:
    text = "“Every school in the district has been hit at least once,” a statement said."
    quote = only_quote(text)
    assert quote.direct is True
    assert quote.speaker is None


# --- unnamed sources: the whole noun phrase, without its article -------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("People close to Hezbollah said the convoy had turned back.", "People close to Hezbollah"),
        ("A security official said the checkpoint had been moved overnight.", "security official"),
        ("One local official said the water supply had been cut.", "local official"),
        (
            "Military sources and opposition activists said the bridge was destroyed.",
            "Military sources and opposition activists",
        ),
        ("Diplomats in Amman said the talks would resume after the holiday.", "Diplomats in Amman"),
        ("Doctors at the field hospital said the clinic had run out of insulin.", "Doctors"),
        ("Last week reports circulated that the commander had fled abroad.", "reports"),
    ],
)
def test_an_unnamed_source_keeps_its_whole_phrase(text: str, speaker: str) -> None:
    quote = only_quote(text)
    assert (quote.speaker, quote.direct) == (speaker, False)


def test_according_to_keeps_the_sources_whole_phrase() -> None:
    quote = only_quote(
        "The convoy turned back at the last checkpoint, according to sources close to the "
        "Free Syrian Army."
    )
    assert quote.speaker == "sources close to the Free Syrian Army"
    assert quote.affiliation == "Free Syrian Army"
    assert quote.text == "The convoy turned back at the last checkpoint"


def test_a_group_named_by_of_comes_first() -> None:
    text = "Hezbollah denied it. Residents of Hermel said the rockets had come from the east."
    assert only_quote(text).speaker == "Hermel residents"


# --- a named person over a title ------------------------------------------------------------


def test_a_person_named_in_a_relative_clause_is_the_speaker() -> None:
    quote = only_quote(
        "A militia commander, who gave his name as Abu Hadi, said the road to the valley was open."
    )
    assert quote.speaker == "abu-hadi"


def test_a_person_with_a_title_in_apposition_is_the_speaker() -> None:
    quote = only_quote("Samir Haddad, a rebel commander, said his men would hold the ridge.")
    assert quote.speaker == "samir-haddad"


def test_a_groups_leaders_speak_for_the_group() -> None:
    quote = only_quote("Hezbollah's leaders have said the group will not enter the town.")
    assert quote.speaker == "hezbollah"


def test_a_document_speaks_for_its_author() -> None:
    quote = only_quote(
        "A report by the Syrian Observatory for Human Rights said the camp had been shelled twice."
    )
    assert quote.speaker == "syrian-observatory-for-human-rights"


# --- pointing back ------------------------------------------------------------------------


def test_he_points_to_the_nearest_singular_speaker() -> None:
    text = (
        "Karim Nasser spoke to reporters first. A Lebanese army officer said troops would hold "
        "the line. He said the army had detained four men at the checkpoint."
    )
    record = run(text, STAGES)
    assert [q.speaker for q in record.quotes] == ["Lebanese army officer"] * 2


def test_the_official_points_back_to_an_earlier_official() -> None:
    text = (
        "A security official said the bomber came on foot. Six people were hurt, the official said."
    )
    record = run(text, STAGES)
    assert [q.speaker for q in record.quotes] == ["security official"] * 2
    assert record.quotes[1].text == "Six people were hurt"


# --- more ways to report speech -----------------------------------------------------------


def test_told_reports_speech() -> None:
    quote = only_quote("Karim Nasser told reporters that the bridge would reopen within days.")
    assert (quote.speaker, quote.text) == ("karim-nasser", "the bridge would reopen within days")


def test_what_a_speaker_calls_something_is_reported() -> None:
    quote = only_quote("State media hailed the capture as a decisive victory for the army.")
    assert (quote.speaker, quote.direct) == ("State media", False)
    assert quote.text == "a decisive victory for the army"


def test_a_short_quoted_phrase_with_a_speaker_is_a_direct_quote() -> None:
    quote = only_quote(
        "Hezbollah fighters framed the battle as an “existential struggle” for them."
    )
    assert (quote.text, quote.direct) == ("existential struggle", True)
    assert quote.speaker in ("hezbollah", "Hezbollah fighters")


def test_a_quoted_title_is_never_a_quote_even_beside_a_speaker() -> None:
    record = run(
        "Opposition outlets named the campaign the “Battle of the Orchards” on Sunday, "
        "officials said.",
        STAGES,
    )
    assert not [q for q in record.quotes if q.direct]


def test_a_claimed_figure_is_reported() -> None:
    quote = only_quote("Rebel commanders claim to have 10,000 men in the hills around the town.")
    assert quote.text == "have 10,000 men in the hills around the town"
    assert quote.speaker == "Rebel commanders"


def test_an_estimate_is_reported() -> None:
    quote = only_quote("Officials put the death toll at 45 on Tuesday.")
    assert (quote.speaker, quote.text) == ("Officials", "the death toll at 45")


def test_a_judgement_is_reported() -> None:
    quote = only_quote("Independent analysts consider the figure inflated.")
    assert (quote.speaker, quote.text) == ("Independent analysts", "the figure inflated")


def test_a_relative_clause_report_runs_from_its_noun() -> None:
    quote = only_quote("The town fell after a battle that rebels said cost them dearly.")
    assert quote.text == "a battle that rebels said cost them dearly"


def test_a_persons_appeal_is_reported_but_a_groups_call_to_arms_is_not() -> None:
    quote = only_quote("Samir Haddad called on the government to send more troops to the border.")
    assert (quote.speaker, quote.text) == (
        "samir-haddad",
        "the government to send more troops to the border",
    )
    assert run("The Nusra Front called on volunteers to join the fight.", STAGES).quotes == []


def test_a_warning_to_do_something_is_no_statement() -> None:
    assert run("Lebanese politicians warn Hezbollah to stay out of the valley", STAGES).quotes == []
