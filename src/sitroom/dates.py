"""Dates in news text: the publication date a text implies, and date phrases resolved against it.

Two jobs, both cheap enough to run on every article:

- `infer_published` runs before any NLP (the pipeline calls it when a reader gave no date),
  so it only uses regular expressions for explicit full dates and takes the latest one.
- `resolve_date` reads one short phrase (a spaCy DATE entity, say) against the publication
  date. News writes time relative to the day it is published ("Monday", "over the weekend",
  "last month", "since September"), which dateparser alone handles badly, so our own rules
  come first and dateparser (past-preferring, anchored on the base) reads what is left.

Vocabulary and rules live in data/dates/rules.json. A bare weekday means the latest such day
on or before the base: wire copy names the day of publication by its weekday too.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Literal

from sitroom.datafiles import load_json

Precision = Literal["day", "week", "month", "year"]

_YEARS = range(1800, 2101)


@dataclass(frozen=True)
class DateValue:
    """A resolved date: one day, or a range [start, end] known to `precision`."""

    start: date
    end: date | None = None
    precision: Precision = "day"


@dataclass(frozen=True)
class _Rules:
    months: dict[str, int]
    weekdays: dict[str, int]
    fillers: tuple[str, ...]
    day_parts: tuple[str, ...]
    weekday_prefixes: dict[str, str]
    relative: dict[str, dict[str, Any]]
    month_parts: dict[str, tuple[int, int]]
    not_dates: tuple[re.Pattern[str], ...]
    full_dates: tuple[re.Pattern[str], ...]
    numeric_date: re.Pattern[str]
    month_only: re.Pattern[str]
    month_day: re.Pattern[str]
    day_month: re.Pattern[str]
    weekday: re.Pattern[str]
    date_words: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """The rules of data/dates/rules.json, with the regular expressions built from them."""
    raw = load_json("dates/rules.json")
    months = {k.lower(): int(v) for k, v in raw["months"].items()}
    weekdays = {k.lower(): int(v) for k, v in raw["weekdays"].items()}
    month_alt = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    weekday_alt = "|".join(sorted(map(re.escape, weekdays), key=len, reverse=True))
    prefix_alt = "|".join(sorted(map(re.escape, raw["weekday_prefixes"]), key=len, reverse=True))
    part_alt = "|".join(sorted(map(re.escape, raw["day_parts"]), key=len, reverse=True))
    day = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
    year = r"(?P<y>\d{4})"
    month = rf"(?P<m>{month_alt})\.?"
    full_dates = (
        re.compile(rf"\b{month}\s+{day},?\s+{year}\b", re.IGNORECASE),
        re.compile(rf"\b{day}\s+(?:of\s+)?{month},?\s+{year}\b", re.IGNORECASE),
        re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    )
    relative_words = {w for phrase in raw["relative"] for w in phrase.split()}
    return _Rules(
        months=months,
        weekdays=weekdays,
        fillers=tuple(sorted(raw["fillers"], key=len, reverse=True)),
        day_parts=tuple(raw["day_parts"]),
        weekday_prefixes=dict(raw["weekday_prefixes"]),
        relative={k.lower(): v for k, v in raw["relative"].items()},
        month_parts={k: (int(a), int(b)) for k, (a, b) in raw["month_parts"].items()},
        not_dates=tuple(re.compile(p) for p in raw["not_dates"]),
        full_dates=full_dates,
        numeric_date=re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})\b"),
        month_only=re.compile(rf"^(?P<m>{month_alt})\.?(?:,?\s+(?P<y>\d{{4}}))?$"),
        month_day=re.compile(rf"^{month}\s+{day}$"),
        day_month=re.compile(rf"^{day}\s+(?:of\s+)?{month}$"),
        weekday=re.compile(
            rf"^(?:(?:early|late)\s+)?(?:(?P<p>{prefix_alt})\s+)?(?P<w>{weekday_alt})\.?"
            rf"(?:\s+(?:{part_alt}))?$"
        ),
        date_words=frozenset(months) | frozenset(weekdays) | relative_words | {"ago"},
    )


# ---------------------------------------------------------------------------------------------
# publication date


def infer_published(text: str) -> date | None:
    """The latest explicit full date (day, month and year) the text mentions, or None.

    Partial dates ("April 29", "May 2015") and ambiguous numeric ones ("04/05/2015") are
    ignored: a wrong publication date would misplace every relative date in the article.
    """
    rules = _rules()
    found: list[date] = []
    for pattern in rules.full_dates:
        for match in pattern.finditer(text):
            value = _make_date(match["y"], match["m"], match["d"], rules.months)
            if value is not None:
                found.append(value)
    for match in rules.numeric_date.finditer(text):
        a, b = int(match["a"]), int(match["b"])
        if a > 12 >= b or a == b:
            day, month = a, b
        elif b > 12 >= a:
            day, month = b, a
        else:
            continue
        value = _make_date(match["y"], str(month), str(day), rules.months)
        if value is not None:
            found.append(value)
    return max(found, default=None)


def _make_date(year: str, month: str, day: str, months: dict[str, int]) -> date | None:
    """A date from matched parts (month as a number or a name), or None when impossible."""
    number = int(month) if month.isdigit() else months.get(month.lower().rstrip("."))
    if number is None or int(year) not in _YEARS:
        return None
    try:
        return date(int(year), number, int(day))
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# relative dates


@lru_cache(maxsize=4096)
def resolve_date(phrase: str, base: date | None) -> DateValue | None:
    """The date a phrase names, read against `base` (the publication date), or None.

    None for what is not a point or span in time ("for years", "the Battle of Spring",
    "three months") and for relative phrases when there is no base to read them against.
    "since X" is the range from X to the base, at X's precision.
    """
    text = _normalise(phrase)
    if not text:
        return None
    if text.startswith("since "):
        point = _resolve_point(text[len("since ") :], base)
        if point is None or base is None or point.start > base:
            return None
        return DateValue(point.start, base, point.precision)
    return _resolve_point(text, base)


def _normalise(phrase: str) -> str:
    text = phrase.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"\bmid-", "mid ", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" \t\n,.;:'\"()[]")


def _resolve_point(text: str, base: date | None) -> DateValue | None:
    """Try the phrase, then the phrase with leading fillers ('on', 'over the') stripped."""
    forms = [text]
    while (shorter := _strip_filler(forms[-1])) != forms[-1]:
        forms.append(shorter)
    if any(p.search(form) for form in forms for p in _rules().not_dates):
        return None
    for form in forms:
        value = _read(form, base)
        if value is not None:
            return value
    return None


def _strip_filler(text: str) -> str:
    for filler in _rules().fillers:
        if text.startswith(filler + " "):
            return text[len(filler) + 1 :].strip()
    return text


def _read(text: str, base: date | None) -> DateValue | None:
    """One normalised phrase, by the first rule that reads it."""
    rules = _rules()
    if text in rules.relative:
        return _relative(rules.relative[text], base) if base else None
    for reader in (_weekday, _full_date, _month_part, _year, _month, _month_and_day):
        value = reader(text, base)
        if value is not None:
            return value
    return _dateparser(text, base)


def _relative(rule: dict[str, Any], base: date) -> DateValue | None:
    kind = rule["rule"]
    offset = int(rule.get("offset", 0))
    if kind == "day":
        return DateValue(base + timedelta(days=offset))
    if kind == "weekend":
        saturday = base - timedelta(days=(base.weekday() - 5) % 7)
        return DateValue(saturday, min(saturday + timedelta(days=1), base), "week")
    if kind == "week":
        monday = base - timedelta(days=base.weekday()) + timedelta(weeks=offset)
        return _clip(DateValue(monday, monday + timedelta(days=6), "week"), base)
    if kind == "month":
        index = base.year * 12 + base.month - 1 + offset
        return _clip(_whole_month(index // 12, index % 12 + 1), base)
    if kind == "year":
        return _clip(_whole_year(base.year + offset), base)
    days = timedelta(days=int(rule["days"]))
    if kind == "recent":
        return DateValue(base - days, base, rule["precision"])
    if kind == "coming":
        return DateValue(base + timedelta(days=1), base + days, rule["precision"])
    return None


def _weekday(text: str, base: date | None) -> DateValue | None:
    match = _rules().weekday.match(text)
    if match is None or base is None:
        return None
    target = _rules().weekdays[match["w"]]
    mode = _rules().weekday_prefixes.get(match["p"] or "", "on_or_before")
    if mode == "after":
        return DateValue(base + timedelta(days=(target - base.weekday() - 1) % 7 + 1))
    back = (base.weekday() - target) % 7
    if mode == "before" and back == 0:
        back = 7
    return DateValue(base - timedelta(days=back))


def _full_date(text: str, base: date | None) -> DateValue | None:
    rules = _rules()
    for pattern in rules.full_dates:
        match = pattern.fullmatch(text)
        if match:
            value = _make_date(match["y"], match["m"], match["d"], rules.months)
            return DateValue(value) if value else None
    return None


def _month_part(text: str, base: date | None) -> DateValue | None:
    """'mid-April', 'early 2015', 'the end of last month': part of a month, else the whole."""
    for part, (first, last) in _rules().month_parts.items():
        if not text.startswith(part + " "):
            continue
        rest = _resolve_point(text[len(part) + 1 :], base)
        if rest is None or rest.precision != "month":
            return rest
        month_end = calendar.monthrange(rest.start.year, rest.start.month)[1]
        start = rest.start.replace(day=first)
        end = rest.start.replace(day=min(last, month_end))
        return _clip(DateValue(start, end, "week"), base)  # ten days: nearer a week
    return None


def _year(text: str, base: date | None) -> DateValue | None:
    if re.fullmatch(r"\d{4}", text) and int(text) in _YEARS:
        return _clip(_whole_year(int(text)), base)
    return None


def _month(text: str, base: date | None) -> DateValue | None:
    match = _rules().month_only.match(text)
    if match is None:
        return None
    month = _rules().months[match["m"]]
    if match["y"]:
        return _clip(_whole_month(int(match["y"]), month), base)
    if base is None:
        return None
    year = base.year if month <= base.month else base.year - 1
    return _clip(_whole_month(year, month), base)


def _month_and_day(text: str, base: date | None) -> DateValue | None:
    rules = _rules()
    match = rules.month_day.match(text) or rules.day_month.match(text)
    if match is None or base is None:
        return None
    value = _make_date(str(base.year), match["m"], match["d"], rules.months)
    if value is not None and value > base:
        value = _make_date(str(base.year - 1), match["m"], match["d"], rules.months)
    return DateValue(value) if value else None


def _dateparser(text: str, base: date | None) -> DateValue | None:
    """What our rules do not read ('two days ago', '3 weeks ago'), via dateparser."""
    words = set(re.findall(r"[a-z]+", text))
    has_year = re.search(r"\b\d{4}\b", text) is not None
    if not (words & _rules().date_words or re.search(r"\d", text)):
        return None
    if base is None and not has_year:
        return None
    data = _parser(base).get_date_data(text)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period if data.period in ("week", "month", "year") else "day"
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        return _clip(DateValue(monday, monday + timedelta(days=6), "week"), base)
    if period == "month":
        return _clip(_whole_month(day.year, day.month), base)
    if period == "year":
        return _clip(_whole_year(day.year), base)
    return DateValue(day)


@lru_cache(maxsize=64)
def _parser(base: date | None) -> Any:
    """A dateparser reader anchored on `base`, preferring the past (news reports the past)."""
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
    }
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


def _whole_month(year: int, month: int) -> DateValue:
    last = calendar.monthrange(year, month)[1]
    return DateValue(date(year, month, 1), date(year, month, last), "month")


def _whole_year(year: int) -> DateValue:
    return DateValue(date(year, 1, 1), date(year, 12, 31), "year")


def _clip(value: DateValue, base: date | None) -> DateValue:
    """A range that holds the base ends at the base: nothing reported has happened later."""
    if base is not None and value.end is not None and value.start <= base < value.end:
        return DateValue(value.start, base, value.precision)
    return value
