"""Article metadata given as JSON (a JSON Lines record, a `.json` object, a sidecar file).

The same fields everywhere: id, title, source, url, published, language. Text-like values
are trimmed (numbers become text, so `"id": 17` works); a list or object where text belongs
is an error. `published` that cannot be read is dropped, not fatal (see `published`).
"""

from __future__ import annotations

from typing import Any

from sitroom.ingest.published import parse_published

TEXT_FIELDS = ("id", "title", "source", "url")


class BadField(ValueError):
    """A field whose value has the wrong shape; the message names the field."""


def text_field(record: dict[str, Any], key: str) -> str | None:
    """The field as trimmed text, None when absent or blank."""
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise BadField(f"field {key!r} should be text, not {type(value).__name__}")
    return str(value).strip() or None


def language_code(value: str) -> str:
    """`en` for "en", "en-US", "en_GB" or "English"; other languages lower-cased as given."""
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return "en" if code == "english" else code


def metadata(record: dict[str, Any]) -> dict[str, Any]:
    """Document fields found in `record` (only those present and usable)."""
    found: dict[str, Any] = {}
    for key in TEXT_FIELDS:
        value = text_field(record, key)
        if value is not None:
            found[key] = value
    published = parse_published(record.get("published"))
    if published is not None:
        found["published"] = published
    language = text_field(record, "language")
    if language is not None:
        found["language"] = language_code(language)
    return found
