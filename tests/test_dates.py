"""Dates: the publication date a text implies, and date phrases read against it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sitroom.dates import DateValue, infer_published, resolve_date

BASE = date(2015, 5, 6)  # a Wednesday


def day(y: int, m: int, d: int) -> DateValue:
    return DateValue(date(y, m, d), None, "day")


# ---------------------------------------------------------------------------------------------
# infer_published


def test_infer_published_takes_the_latest_full_date() -> None:
    text = (
        "The ceasefire signed on March 3, 2014 collapsed. A second round of talks opened on "
        "12 June 2014 and ended on 2014-06-20 without agreement. Filed July 1, 2014."
    )
    assert infer_published(text) == date(2014, 7, 1)


def test_infer_published_ignores_partial_dates() -> None:
    text = "Fighting resumed on May 4 and again in June 2016, after a lull since 3 August 2015."
    assert infer_published(text) == date(2015, 8, 3)


def test_infer_published_reads_abbreviated_months_and_ordinals() -> None:
    assert infer_published("Posted Sept. 14, 2013 by the wire desk.") == date(2013, 9, 14)
    assert infer_published("Updated on the 2nd of February 2016.") == date(2016, 2, 2)


def test_infer_published_skips_ambiguous_numeric_dates() -> None:
    assert infer_published("Report dated 04/05/2015.") is None
    assert infer_published("Report dated 25/04/2015.") == date(2015, 4, 25)
    assert infer_published("Report dated 04/25/2015.") == date(2015, 4, 25)


def test_infer_published_none_without_a_full_date() -> None:
    assert infer_published("Clashes broke out on Monday in the old city.") is None
    assert infer_published("The siege ended in 2016.") is None
    assert infer_published("It happened on February 30, 2015.") is None


# ---------------------------------------------------------------------------------------------
# resolve_date: explicit dates


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("April 29, 2015", day(2015, 4, 29)),
        ("29 April 2015", day(2015, 4, 29)),
        ("2015-04-29", day(2015, 4, 29)),
        ("on March 2, 2012", day(2012, 3, 2)),
        ("April 29", day(2015, 4, 29)),
        ("May 20", day(2014, 5, 20)),  # not yet May 20 in 2015: the past one
    ],
)
def test_explicit_dates_are_days(phrase: str, expected: DateValue) -> None:
    assert resolve_date(phrase, BASE) == expected


def test_explicit_dates_need_no_base() -> None:
    assert resolve_date("April 29, 2015", None) == day(2015, 4, 29)
    assert resolve_date("2013", None) == DateValue(date(2013, 1, 1), date(2013, 12, 31), "year")


# ---------------------------------------------------------------------------------------------
# resolve_date: weekdays and days


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Monday", day(2015, 5, 4)),
        ("on Monday", day(2015, 5, 4)),
        ("late on Monday", day(2015, 5, 4)),
        ("Monday night", day(2015, 5, 4)),
        ("Thursday", day(2015, 4, 30)),
        ("last Thursday", day(2015, 4, 30)),
        ("Wednesday", day(2015, 5, 6)),  # the day of publication itself
        ("last Wednesday", day(2015, 4, 29)),
        ("next Friday", day(2015, 5, 8)),
        ("yesterday", day(2015, 5, 5)),
        ("today", day(2015, 5, 6)),
        ("last night", day(2015, 5, 5)),
        ("two days ago", day(2015, 5, 4)),
    ],
)
def test_days(phrase: str, expected: DateValue) -> None:
    assert resolve_date(phrase, BASE) == expected


# ---------------------------------------------------------------------------------------------
# resolve_date: weeks, weekends, recent spans


def test_weekend_is_the_last_saturday_and_sunday() -> None:
    weekend = DateValue(date(2015, 5, 2), date(2015, 5, 3), "week")
    assert resolve_date("over the weekend", BASE) == weekend
    assert resolve_date("the weekend", BASE) == weekend
    assert resolve_date("this past weekend", BASE) == weekend
    # published on a Sunday: the weekend is the one just ending
    assert resolve_date("over the weekend", date(2015, 5, 3)) == weekend


def test_weeks() -> None:
    assert resolve_date("last week", BASE) == DateValue(date(2015, 4, 27), date(2015, 5, 3), "week")
    assert resolve_date("this week", BASE) == DateValue(date(2015, 5, 4), date(2015, 5, 6), "week")
    assert resolve_date("3 weeks ago", BASE) == DateValue(
        date(2015, 4, 13), date(2015, 4, 19), "week"
    )


def test_recent_spans_end_at_the_base() -> None:
    weeks = resolve_date("in recent weeks", BASE)
    assert weeks is not None and weeks.end == BASE and weeks.precision == "week"
    assert weeks.start == BASE - timedelta(days=21)
    days = resolve_date("in recent days", BASE)
    assert days is not None and days.end == BASE and days.precision == "week"
    months = resolve_date("recent months", BASE)
    assert months is not None and months.end == BASE and months.precision == "month"
    assert months.start == BASE - timedelta(days=90)


def test_coming_spans_start_after_the_base() -> None:
    value = resolve_date("in the coming weeks", BASE)
    assert value is not None and value.start > BASE and value.precision == "month"


# ---------------------------------------------------------------------------------------------
# resolve_date: months and years


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [
        ("last month", date(2015, 4, 1), date(2015, 4, 30), "month"),
        ("this month", date(2015, 5, 1), date(2015, 5, 6), "month"),
        ("earlier this month", date(2015, 5, 1), date(2015, 5, 6), "month"),
        ("April", date(2015, 4, 1), date(2015, 4, 30), "month"),
        ("in September", date(2014, 9, 1), date(2014, 9, 30), "month"),
        ("September 2013", date(2013, 9, 1), date(2013, 9, 30), "month"),
        ("mid-April", date(2015, 4, 11), date(2015, 4, 20), "week"),
        ("mid April", date(2015, 4, 11), date(2015, 4, 20), "week"),
        ("early March", date(2015, 3, 1), date(2015, 3, 10), "week"),
        ("late February", date(2015, 2, 21), date(2015, 2, 28), "week"),
        ("the end of January", date(2015, 1, 21), date(2015, 1, 31), "week"),
        ("this year", date(2015, 1, 1), date(2015, 5, 6), "year"),
        ("last year", date(2014, 1, 1), date(2014, 12, 31), "year"),
        ("2013", date(2013, 1, 1), date(2013, 12, 31), "year"),
        ("in 2011", date(2011, 1, 1), date(2011, 12, 31), "year"),
        ("late last year", date(2014, 1, 1), date(2014, 12, 31), "year"),
    ],
)
def test_months_and_years(phrase: str, start: date, end: date, precision: str) -> None:
    assert resolve_date(phrase, BASE) == DateValue(start, end, precision)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# resolve_date: since


@pytest.mark.parametrize(
    ("phrase", "start", "precision"),
    [
        ("since September", date(2014, 9, 1), "month"),
        ("since mid-April", date(2015, 4, 11), "week"),
        ("since 2013", date(2013, 1, 1), "year"),
        ("since Monday", date(2015, 5, 4), "day"),
        ("since March 15, 2011", date(2011, 3, 15), "day"),
    ],
)
def test_since_runs_to_the_base(phrase: str, start: date, precision: str) -> None:
    assert resolve_date(phrase, BASE) == DateValue(start, BASE, precision)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# resolve_date: not dates


@pytest.mark.parametrize(
    "phrase",
    [
        "the Battle of Spring",
        "for years",
        "years",
        "for three months",
        "three months",
        "a month",
        "17-day",
        "two years old",
        "the 1990s",
        "decades",
        "recent years",
        "the winter months",
        "",
        "the strategic town",
    ],
)
def test_not_dates(phrase: str) -> None:
    assert resolve_date(phrase, BASE) is None


def test_relative_phrases_need_a_base() -> None:
    for phrase in ("Monday", "last month", "over the weekend", "since September", "April"):
        assert resolve_date(phrase, None) is None
