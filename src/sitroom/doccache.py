"""A parsed document's text and sentences, computed once per document.

spaCy builds `Doc.text` by joining every token and finds `Token.sent` by walking the parse,
both on every call; the event stages ask for them for every trigger, death report and
number, so they read them from here instead (cached in `doc.user_data`).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_TEXT = "sitroom.text"
_SENTS = "sitroom.sentence_starts"


def text_of(doc: Doc) -> str:
    """The document's text."""
    if _TEXT not in doc.user_data:
        doc.user_data[_TEXT] = doc.text
    return doc.user_data[_TEXT]


def _starts(doc: Doc) -> list[int]:
    if _SENTS not in doc.user_data:
        doc.user_data[_SENTS] = [s.start for s in doc.sents] + [len(doc)]
    return doc.user_data[_SENTS]


def sentence_of(token: Token) -> tuple[int, int]:
    """Token bounds [start, end) of the token's sentence."""
    starts = _starts(token.doc)
    i = bisect_right(starts, token.i) - 1
    return starts[i], starts[i + 1]


def sentence_chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character bounds of tokens [start, end)."""
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last.text)
