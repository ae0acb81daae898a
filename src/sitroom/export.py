"""Exports of the stored records in the formats analysts' other tools read.

Each format is registered under a name; our own formats use the same registry a plugin would:

- `@exporter(name)` registers a function writing contract records to a text stream
  (jsonl, json; `sitroom extract` uses these without a database);
- `@db_exporter(name, binary=...)` registers a function reading the database itself (an
  SQLAlchemy engine) and writing to a text stream, or a binary one when `binary` is true
  (acled, geojson, graphml, gexf, parquet).

Every writer returns the number of items it wrote.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TextIO

from sitroom.model import Record

Exporter = Callable[[Iterable[Record], TextIO], int]
#: A writer over the database: (engine, stream) -> items written.
DbExporter = Callable[[Any, Any], int]


@dataclass(frozen=True)
class Format:
    """One export format: its writer, what it reads, and whether its output is bytes."""

    name: str
    write: Callable[..., int]
    reads: str  # "records" (a Record stream) or "db" (the engine)
    binary: bool = False
    unit: str = "records"  # what the count counts, for the summary line


_FORMATS: dict[str, Format] = {}


def exporter(name: str) -> Callable[[Exporter], Exporter]:
    """Register an export format under `name` that writes contract records to a text stream."""

    def register(func: Exporter) -> Exporter:
        _FORMATS[name] = Format(name, func, "records")
        return func

    return register


def db_exporter(
    name: str, *, binary: bool = False, unit: str = "rows"
) -> Callable[[DbExporter], DbExporter]:
    """Register an export format under `name` that reads the database (an engine) and writes
    to a text stream, or to a binary one when `binary` is true."""

    def register(func: DbExporter) -> DbExporter:
        _FORMATS[name] = Format(name, func, "db", binary=binary, unit=unit)
        return func

    return register


def formats() -> list[str]:
    _load_builtin()
    return sorted(_FORMATS)


def get_format(name: str) -> Format:
    _load_builtin()
    try:
        return _FORMATS[name]
    except KeyError:
        raise KeyError(
            f"unknown export format {name!r}; choose one of {', '.join(formats())}"
        ) from None


def get_exporter(name: str) -> Callable[..., int]:
    """The writer of format `name`: (records, text stream) for record formats such as jsonl,
    (engine, stream) for database formats (see `get_format`)."""
    return get_format(name).write


def _load_builtin() -> None:
    """Register the formats that read the database (their modules import this one)."""
    from sitroom import export_acled, export_graph  # noqa: F401


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


#: The media type each format is served with, and its file extension.
MEDIA: dict[str, tuple[str, str]] = {
    "jsonl": ("application/x-ndjson", "jsonl"),
    "json": ("application/json", "json"),
    "acled": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}


def render(engine: Any, name: str) -> bytes:
    """The whole export of format `name` in memory (for the API; the CLI streams to a file)."""
    import io

    from sitroom.store import iter_records

    form = get_format(name)
    source = iter_records(engine) if form.reads == "records" else engine
    if form.binary:
        buffer = io.BytesIO()
        form.write(source, buffer)
        return buffer.getvalue()
    text = io.StringIO(newline="")
    form.write(source, text)
    return text.getvalue().encode("utf-8")


class ExportError(RuntimeError):
    """An export that cannot be written (a missing optional library, say); one line."""
