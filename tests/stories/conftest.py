"""What the stories tests share: our dispatches, extracted once, and a database per backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from sitroom import store
from sitroom.batch import extract_paths
from sitroom.model import Record
from tests.conftest import _postgres_database, assert_valid

DISPATCHES = Path(__file__).parent / "dispatches"


@pytest.fixture(scope="session")
def records() -> list[Record]:
    """The dispatches of tests/stories/dispatches, extracted once (NLP is the slow part)."""
    found = list(extract_paths([DISPATCHES]))
    assert len(found) == len(list(DISPATCHES.glob("*.txt")))
    for record in found:
        assert_valid(record)
    return found


def backend_url(kind: str, tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[str]:
    """A fresh database of `kind` ("sqlite" or "postgresql"), yielded as its URL."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp(name) / f'{name}.db'}"
    else:
        yield from _postgres_database()


def stored(
    kind: str, tmp_path_factory: pytest.TempPathFactory, name: str, records: list[Record]
) -> Iterator[Engine]:
    """A fresh database of `kind` with `records` stored one by one in their order (linking as
    they come, as `sitroom ingest` does), yielded as an engine and disposed of afterwards."""
    for url in backend_url(kind, tmp_path_factory, name):
        engine = store.open_db(url)
        for record in records:
            store.save(engine, record)
        try:
            yield engine
        finally:
            engine.dispose()
