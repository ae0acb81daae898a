"""RSS and Atom feeds: one article per item, parsed by feedparser from the file's bytes.

An item's text is its content (or else its summary) with the HTML turned into paragraphs.
Its id is the file stem plus a short hash of the item's guid (or link, or title), so it
stays the same when the feed is fetched again with more or fewer items around it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from sitroom.ingest.clean import normalise
from sitroom.ingest.errors import InputError
from sitroom.ingest.htmltext import html_to_text
from sitroom.ingest.meta import language_code
from sitroom.ingest.published import parse_published
from sitroom.ingest.registry import Source, reader
from sitroom.model import Document

FEED_SUFFIXES = frozenset({".rss", ".atom"})
ID_HASH_CHARS = 12
_ROOT = re.compile(r"<(?:rss|feed|(?:\w+:)?RDF)[\s>]")
_PAGE = re.compile(r"<html[\s>]", re.IGNORECASE)


def sniff(head: str, path: Path) -> float:
    root = _ROOT.search(head)
    page = _PAGE.search(head)
    if root and not (page and page.start() < root.start()):
        return 1.0
    if "<" not in head:  # no markup at all: plain text, whatever the name says
        return 0.0
    if path.suffix.lower() in FEED_SUFFIXES:
        return 0.5
    return 0.3 if path.suffix.lower() == ".xml" else 0.0


def _item_text(entry: Any) -> str:
    """The longest of the item's content blocks and summary, as plain text."""
    blocks = [*entry.get("content", []), entry.get("summary_detail") or {}]
    best = ""
    for block in blocks:
        value = block.get("value") or ""
        if block.get("type") != "text/plain":
            value = html_to_text(value)
        if len(value) > len(best):
            best = value
    return normalise(best)


def _published(entry: Any) -> date | None:
    """The item's date as written (its own time zone), else feedparser's UTC reading."""
    for key in ("published", "updated"):
        found = parse_published(entry.get(key))
        if found is not None:
            return found
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _item_id(stem: str, entry: Any, text: str) -> str:
    key = entry.get("id") or entry.get("link") or entry.get("title") or text
    return f"{stem}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:ID_HASH_CHARS]}"


def _item_source(entry: Any) -> str | None:
    """An aggregator's item names its own outlet in <source>; that beats the feed's title."""
    origin = entry.get("source") or {}
    return normalise(origin.get("title") or "") or None


def _feed_problem(parsed: Any) -> str:
    """The parser's complaint; its line number is left out, feedparser's can be one off."""
    exc = parsed.get("bozo_exception")
    message = exc.getMessage() if hasattr(exc, "getMessage") else str(exc)
    return f"not a readable RSS/Atom feed ({message})"


@reader("feed", sniff=sniff)
def read_feed(source: Source) -> Iterator[Document | InputError]:
    """RSS/Atom feed: one article per item (content or summary), source = the feed's title."""
    import feedparser  # only when a feed is read

    parsed = feedparser.parse(source.data)
    if not parsed.entries:
        if parsed.bozo:
            yield source.error(_feed_problem(parsed))
        else:
            yield source.error("feed has no items")
        return
    channel = parsed.get("feed", {})
    feed_title = normalise(channel.get("title") or "") or None
    language = language_code(channel["language"]) if channel.get("language") else "en"
    for number, entry in enumerate(parsed.entries, start=1):
        text = _item_text(entry)
        if not text:
            yield source.error(f"item {number} has no text (no content or summary)")
            continue
        yield Document(
            id=_item_id(source.stem, entry, text),
            text=text,
            title=normalise(entry.get("title") or "") or None,
            source=_item_source(entry) or feed_title,
            url=entry.get("link") or None,
            published=_published(entry),
            language=language,
            origin=source.origin(item=number),
        )
