"""HTML pages: the main article text and metadata, found by trafilatura, offline.

trafilatura drops navigation, footers and related links and reads title, date, canonical
URL and site name from the page's metadata. Dates come from markup only (meta tags, <time>),
never guessed from the body text: the pipeline infers those itself and says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from sitroom.ingest.clean import normalise
from sitroom.ingest.errors import InputError
from sitroom.ingest.published import parse_published
from sitroom.ingest.registry import Source, reader
from sitroom.model import Document

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MIN_WORDS_IN_A_LINE = 4  # a page whose every line is shorter holds menus, not an article
_PAGE = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_TAGS = re.compile(r"<(?:head|body|article|main|p|div|h[1-6])[\s>]", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[a-zA-Z!?/]")
_NO_TEXT = "no article text found in HTML"


def sniff(head: str, path: Path) -> float:
    if _PAGE.search(head):
        return 0.9
    if len(_TAGS.findall(head)) >= 2:
        return 0.7
    named_html = path.suffix.lower() in HTML_SUFFIXES
    return 0.5 if named_html and _ANY_TAG.search(head) else 0.0  # no tags: plain text


def _has_prose(text: str) -> bool:
    return any(len(line.split()) >= MIN_WORDS_IN_A_LINE for line in text.splitlines())


@reader("html", sniff=sniff, sidecar=True)
def read_html(source: Source) -> Iterator[Document | InputError]:
    """HTML page: main text, title, date, canonical URL and site name (trafilatura)."""
    from trafilatura import bare_extraction  # heavy import: only when a page is read

    found = bare_extraction(
        source.text,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    lines = (found.text or "").splitlines() if found is not None else []
    text = normalise("\n\n".join(line for line in lines if line.strip()))
    if found is None or not _has_prose(text):
        yield source.error(_NO_TEXT)
        return
    yield Document(
        id=source.stem,
        text=text,
        title=found.title or None,
        source=found.sitename or None,
        url=found.url or None,
        published=parse_published(found.date),
        origin=source.origin(),
    )
