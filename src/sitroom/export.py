"""Exports of the stored records in the formats analysts' other tools read.

Each format is a function registered with `@exporter(name)` that writes to a text stream;
our own formats use the same registry a plugin would.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TextIO

from sitroom.model import Record

Exporter = Callable[[Iterable[Record], TextIO], int]

_EXPORTERS: dict[str, Exporter] = {}


def exporter(name: str) -> Callable[[Exporter], Exporter]:
    """Register an export format under `name`."""

    def register(func: Exporter) -> Exporter:
        _EXPORTERS[name] = func
        return func

    return register


def formats() -> list[str]:
    return sorted(_EXPORTERS)


def get_exporter(name: str) -> Exporter:
    try:
        return _EXPORTERS[name]
    except KeyError:
        raise KeyError(
            f"unknown export format {name!r}; choose one of {', '.join(formats())}"
        ) from None


def record_json(record: Record) -> str:
    """One record as one line of JSON (the contract's JSONL form)."""
    return json.dumps(record.to_json_dict(), ensure_ascii=False)


@exporter("jsonl")
def write_jsonl(records: Iterable[Record], out: TextIO) -> int:
    """One contract record per line; returns the number written."""
    n = 0
    for record in records:
        out.write(record_json(record) + "\n")
        n += 1
    return n


@exporter("json")
def write_json(records: Iterable[Record], out: TextIO) -> int:
    """All records as one JSON array (for small sets and eyeballing)."""
    items = [record.to_json_dict() for record in records]
    json.dump(items, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(items)
