"""Whole runs over many inputs: extract (no database) and ingest (into one), with a summary.

Both walk the inputs with the readers, prepare each article, and send the ones that need
NLP through `pipeline.extract` in chunks, so memory stays bounded on large folders. Ingest
checks the content hash first, so unchanged articles cost no NLP, and stores every article
in its own transaction, so a killed run resumes where it stopped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from sqlalchemy import Engine

from sitroom import store
from sitroom.ingest import InputError, read_paths
from sitroom.model import Article, Record
from sitroom.pipeline import ExtractionError, extract, prepare
from sitroom.stages import Stage

ErrorSink = Callable[[str], None]
Tick = Callable[[], None]


@dataclass
class Summary:
    """What a run did, for the closing line and the exit status."""

    read: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"articles read: {self.read}, new: {self.new}, changed: {self.changed}, "
            f"unchanged: {self.unchanged}, failed: {self.failed}"
        )


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _prepared(
    paths: Sequence[str | Path], summary: Summary, on_error: ErrorSink, max_bytes: int
) -> Iterator[tuple[Article, str | None]]:
    """Articles ready for NLP, with their origin; bad inputs are reported and counted."""
    for item in read_paths(paths, max_bytes=max_bytes):
        if isinstance(item, InputError):
            _fail(summary, on_error, str(item))
            continue
        summary.read += 1
        yield prepare(item), item.origin


def _fail(summary: Summary, on_error: ErrorSink, message: str) -> None:
    summary.failed += 1
    summary.errors.append(message)
    on_error(message)


def extract_paths(
    paths: Sequence[str | Path],
    *,
    stages: Sequence[Stage] | None = None,
    batch_size: int = 64,
    max_bytes: int = 10_000_000,
    summary: Summary | None = None,
    on_error: ErrorSink = lambda _msg: None,
) -> Iterator[Record]:
    """Contract records for every article under `paths`, no database involved."""
    summary = summary if summary is not None else Summary()
    for chunk in _chunks(_prepared(paths, summary, on_error, max_bytes), batch_size * 4):
        origins = {article.id: origin for article, origin in chunk}
        for outcome in extract([a for a, _ in chunk], stages=stages, batch_size=batch_size):
            if isinstance(outcome, ExtractionError):
                _fail(summary, on_error, f"{origins.get(outcome.article_id)}: {outcome.reason}")
            else:
                summary.new += 1
                yield outcome


def ingest_paths(
    paths: Sequence[str | Path],
    engine: Engine,
    *,
    stages: Sequence[Stage] | None = None,
    batch_size: int = 64,
    max_bytes: int = 10_000_000,
    on_error: ErrorSink = lambda _msg: None,
    tick: Tick = lambda: None,
) -> Summary:
    """Read, extract and store every article under `paths`; returns the run's summary."""
    summary = Summary()
    seen: dict[str, str | None] = {}  # article id -> where this run first read it
    for chunk in _chunks(_prepared(paths, summary, on_error, max_bytes), batch_size * 4):
        todo: list[Article] = []
        origins: dict[str, str | None] = {}
        for article, origin in chunk:
            if article.id in seen:
                first = seen[article.id]
                _fail(
                    summary,
                    on_error,
                    f"{origin}: article id {article.id!r} already read from {first}",
                )
                tick()
                continue
            seen[article.id] = origin
            if store.check_article(engine, article).status == "unchanged":
                summary.unchanged += 1
                tick()
            else:
                todo.append(article)
                origins[article.id] = origin
        for outcome in extract(todo, stages=stages, batch_size=batch_size):
            if isinstance(outcome, ExtractionError):
                _fail(summary, on_error, f"{origins.get(outcome.article_id)}: {outcome.reason}")
            else:
                result = store.save(engine, outcome, origin=origins[outcome.article.id])
                if result.status == "new":
                    summary.new += 1
                elif result.status == "changed":
                    summary.changed += 1
                else:
                    summary.unchanged += 1
            tick()
    return summary
