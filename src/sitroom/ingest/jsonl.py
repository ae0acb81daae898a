"""JSON Lines of articles (one object a line), or a `.json` file of one object or a list.

Each object gives `text` (required) and any of id, title, source, url, published, language.
A missing id becomes `STEM-LINE` (or `STEM-N` for the N-th object of a list), so ids stay
stable while the file only grows. A bad line is one InputError; the other lines go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitroom.ingest.clean import normalise
from sitroom.ingest.errors import InputError
from sitroom.ingest.meta import BadField, metadata
from sitroom.ingest.registry import Source, reader
from sitroom.model import Document

LINE_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json", *LINE_SUFFIXES})


def sniff(head: str, path: Path) -> float:
    start = head.lstrip()
    if start.startswith("{") or (start.startswith("[") and start[1:].lstrip()[:1] in ("{", "]")):
        return 0.9
    return 0.5 if path.suffix.lower() in JSON_SUFFIXES else 0.0


def _document(record: Any, default_id: str, origin: str) -> Document | str:
    """The article in one JSON value, or the reason there is none."""
    if not isinstance(record, dict):
        return f'expected a JSON object with a "text" field, found {type(record).__name__}'
    text = record.get("text")
    if text is None:
        return 'no "text" field'
    if not isinstance(text, str):
        return f'"text" should be a string, not {type(text).__name__}'
    text = normalise(text)
    if not text:
        return '"text" is empty'
    try:
        fields = metadata(record)
    except BadField as exc:
        return str(exc)
    fields.setdefault("id", default_id)
    return Document(text=text, origin=origin, **fields)


def _lines(source: Source) -> Iterator[Document | InputError]:
    # split on "\n" only: JSON strings may hold other line separators (U+2028) raw
    for number, line in enumerate(source.text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield source.error(f"not valid JSON ({exc.msg} at column {exc.colno})", line=number)
            continue
        found = _document(record, f"{source.stem}-{number}", source.origin(line=number))
        yield source.error(found, line=number) if isinstance(found, str) else found


def _whole(source: Source, value: Any) -> Iterator[Document | InputError]:
    if isinstance(value, dict):
        found = _document(value, source.stem, source.origin())
        yield source.error(found) if isinstance(found, str) else found
        return
    if not isinstance(value, list):
        yield source.error("expected a JSON object or a list of objects")
        return
    if not value:
        yield source.error("empty list: no articles")
    for number, record in enumerate(value, start=1):
        found = _document(record, f"{source.stem}-{number}", source.origin(item=number))
        yield source.error(f"item {number}: {found}") if isinstance(found, str) else found


@reader("jsonl", sniff=sniff)
def read_jsonl(source: Source) -> Iterator[Document | InputError]:
    """JSON Lines (one article object a line), or JSON holding one article or a list."""
    suffix = source.path.suffix.lower()
    if suffix not in LINE_SUFFIXES:
        try:
            value = json.loads(source.text)
        except json.JSONDecodeError as exc:
            if suffix == ".json" and exc.msg != "Extra data":
                where = f"{exc.msg} at column {exc.colno}"
                yield source.error(f"not valid JSON ({where})", line=exc.lineno)
                return
        else:
            yield from _whole(source, value)
            return
    yield from _lines(source)
