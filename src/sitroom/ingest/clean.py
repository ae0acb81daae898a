"""Text normalisation and hashing: the text every offset indexes, and its identity.

Normalising only removes noise that carries no meaning (line-ending style, trailing spaces,
runs of blank lines, control characters); it keeps every visible character, curly quotes
included, so evidence quoted back from the text reads as the source wrote it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_LINE_BREAKS = re.compile(r"\r\n|[\r\v\f\u2028\u2029\x85]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff]")
_TRAILING = re.compile(r"[^\S\n]+$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalise(text: str) -> str:
    """NFC text with LF line ends, no trailing spaces, no control characters but \\n and \\t,
    at most one blank line in a row, and no leading or trailing whitespace. Idempotent."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROL.sub("", text)  # before NFC, so removing one cannot leave text un-composed
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING.sub("", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text: the same article read twice hashes the same."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()
