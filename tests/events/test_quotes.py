"""The quotes stage on sentences written for these tests, with the real spaCy pipeline."""

from __future__ import annotations

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


def test_a_quote_carried_on_in_the_paragraph_keeps_its_speaker() -> None:
    text = (
        "“Nobody expected the road to fall so quickly,” said Karim Nasser, an officer. "
        "“Now every convoy has to take the mountain track.”"
    )
    record = run(text, STAGES)
    assert [(q.speaker, q.direct) for q in record.quotes] == [
        ("karim-nasser", True),
        ("karim-nasser", True),
    ]


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
