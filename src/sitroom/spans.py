"""Helpers that every stage needs to point back at the words a record came from."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import TYPE_CHECKING

from sitroom.model import Evidence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def slugify(name: str) -> str:
    """A stable id from a name: 'Jabhat al-Nusra' -> 'jabhat-al-nusra'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "x-" + hashlib.sha1(name.encode()).hexdigest()[:10]


def evidence(text: str, start: int, end: int) -> Evidence:
    """Evidence for text[start:end], trimmed of surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(start=start, end=end, text=text[start:end])


def sentence_evidence(span: Span) -> Evidence:
    """Evidence for the whole sentence that holds `span`."""
    sent = span.sent
    return evidence(span.doc.text, sent.start_char, sent.end_char)


def char_span(doc: Doc, start: int, end: int) -> Span | None:
    """The token span covering [start, end), widened to token edges."""
    return doc.char_span(start, end, alignment_mode="expand")
