"""Publication dates as inputs give them: ISO, "May 6, 2015", "6 May 2015", RFC 822 (RSS).

Decision: an unparseable or missing `published` value never rejects an article, in any
format (feed, HTML, JSON Lines, sidecar). It is ignored, the article is kept, and the
pipeline infers a date from the text and marks it `published_inferred`. A date we cannot
read is not a reason to lose the report it came with.
"""

from __future__ import annotations

import email.utils
from datetime import date, datetime

_FORMATS = (
    "%B %d, %Y",  # May 6, 2015
    "%b %d, %Y",  # May 6, 2015 (abbreviated)
    "%b. %d, %Y",  # Aug. 6, 2015
    "%d %B %Y",  # 6 May 2015
    "%d %b %Y",  # 6 May 2015 (abbreviated)
    "%B %d %Y",
    "%A, %B %d, %Y",  # Wednesday, May 6, 2015
    "%A %d %B %Y",
    "%Y/%m/%d",
    "%Y.%m.%d",
)
_EARLIEST, _LATEST = 1900, 2100


def _plausible(day: date) -> date | None:
    return day if _EARLIEST <= day.year <= _LATEST else None


def _iso(value: str) -> date | None:
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _rfc822(value: str) -> date | None:
    """The date as written in the feed's own time zone (not shifted to UTC)."""
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _formats(value: str) -> date | None:
    for fmt in _FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _dateparser(value: str) -> date | None:
    """Last resort for other written dates; absolute dates only, never "yesterday"."""
    import dateparser  # slow to import: only when the formats above all failed

    parsed = dateparser.parse(
        value,
        languages=["en"],
        settings={
            "PARSERS": ["custom-formats", "absolute-time"],
            "REQUIRE_PARTS": ["day", "month", "year"],
        },
    )
    return parsed.date() if parsed else None


def parse_published(value: object) -> date | None:
    """The date in `value`, or None when there is none we can trust."""
    if isinstance(value, datetime):
        return _plausible(value.date())
    if isinstance(value, date):
        return _plausible(value)
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    text = " ".join(value.split())
    for parse in (_iso, _rfc822, _formats, _dateparser):
        found = parse(text)
        if found is not None:
            return _plausible(found)
    return None
