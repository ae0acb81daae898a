"""normalise and content_hash: what offsets index and what identifies an article; plus the
publication-date and language checks the readers share."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.ingest import content_hash, normalise
from sitroom.ingest.language import why_not_english
from sitroom.ingest.published import parse_published


def test_line_endings_spaces_and_blank_runs():
    raw = "  Title line \r\nFirst para.\t \r\rSecond\u00a0 \n\n\n\n\nThird.  \n\n"
    assert normalise(raw) == "Title line\nFirst para.\n\nSecond\n\nThird."


def test_control_characters_go_tabs_and_newlines_stay():
    assert normalise("a\x00b\x07c\td\x1be\x7ff\ufeffg\nh") == "abc\tdefg\nh"
    assert normalise("page one\x0cpage two") == "page one\npage two"


def test_characters_are_kept_and_composed():
    text = "\u201cWe stay,\u201d said the mayor of Ma\u2019arrat \u2014 \u0645\u0639\u0631\u0629."
    assert normalise(text) == text
    assert normalise("cafe\u0301") == "caf\u00e9"  # NFC


@pytest.mark.parametrize(
    "raw",
    ["a\r\nb", "  x  \n\n\n\ny \x00", "e\x00\u0301 z", "\ufeffTitle\r\n\r\n\r\nBody\u2028end"],
)
def test_normalise_is_idempotent(raw):
    once = normalise(raw)
    assert normalise(once) == once


def test_content_hash_is_stable_across_line_endings_and_trailing_space():
    lf = "Shelling in Madaya\n\nArtillery hit the town.\n"
    assert content_hash(lf) == content_hash(lf.replace("\n", "\r\n"))
    assert content_hash(lf) == content_hash("  " + lf.replace(".", ".   ") + "\n\n\n")
    assert content_hash(lf) != content_hash(lf.replace("Madaya", "Zabadani"))
    assert len(content_hash(lf)) == 64 and int(content_hash(lf), 16) >= 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2015-05-06", date(2015, 5, 6)),
        ("2015-05-06T23:15:00+03:00", date(2015, 5, 6)),
        ("2015-05-06T09:15:00Z", date(2015, 5, 6)),
        ("May 6, 2015", date(2015, 5, 6)),
        ("6 May 2015", date(2015, 5, 6)),
        ("Sept. 3, 2014", date(2014, 9, 3)),
        ("Wed, 06 May 2015 23:30:00 -0500", date(2015, 5, 6)),
        ("Wed, 06 May 2015 10:00:00 GMT", date(2015, 5, 6)),
        ("yesterday", None),
        ("in three days", None),
        ("May 2015", None),
        ("not a date", None),
        ("", None),
        (20150506, None),
        ("3015-01-01", None),
    ],
)
def test_published_values(value, expected):
    assert parse_published(value) == expected


def test_short_english_passes_and_long_english_passes():
    assert why_not_english("Shelling in Zabadani") is None
    assert why_not_english("Regime artillery shelled Zabadani on Sunday.") is None
    report = (
        "The army said on Sunday that its units had taken the hills above the town after "
        "a week of fighting, and that the rebels who held them had withdrawn to the north. "
        "Residents who reached the border said they had heard shelling through the night, "
        "and that many families were still trapped in the valley without water or power."
    )
    assert why_not_english(report) is None
    assert why_not_english(report + " \u0642\u0627\u0644 \u0627\u0644\u062c\u064a\u0634") is None


def test_english_with_an_arabic_name_in_it_is_still_english():
    name = "\u062c\u064a\u0634 \u0627\u0644\u0625\u0633\u0644\u0627\u0645"
    text = f"The group calls itself {name}, the Army of Islam, and holds the eastern suburbs."
    assert why_not_english(text) is None


def test_numbers_only_is_not_english():
    assert why_not_english("2015 12 40000 3.5") == "not English (no words in it)"
