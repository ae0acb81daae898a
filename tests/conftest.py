"""Shared fixtures: the seeds, the examples, and real databases (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from sitroom import contract, store
from sitroom.batch import extract_paths
from sitroom.model import Record

ROOT = Path(__file__).resolve().parents[1]
#: The project's shared folder (seeds, dev data): ../shared beside the checkout, or $SITROOM_SHARED.
SHARED = Path(os.environ.get("SITROOM_SHARED") or ROOT.parent / "shared")
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples"
PG_URL = os.environ.get("SITROOM_TEST_PG_URL", "")


def assert_valid(record: Record | dict) -> None:
    """The record validates against the contract's JSON Schema and its spans are exact."""
    data = record.to_json_dict() if isinstance(record, Record) else record
    problems = contract.errors(data) + contract.span_errors(data)
    assert not problems, "\n".join(problems[:20])


@pytest.fixture(scope="session")
def seeds() -> Path:
    assert SEEDS.is_dir(), f"the seeds are missing: {SEEDS}"
    return SEEDS


@pytest.fixture(scope="session")
def seed_records(seeds: Path) -> list[Record]:
    """Both seeds extracted once for the session (NLP is the slow part)."""
    return list(extract_paths([seeds]))


@pytest.fixture(scope="session")
def example_records() -> list[Record]:
    """The bundled examples extracted once for the session."""
    return list(extract_paths([EXAMPLES]))


def _postgres_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    if not PG_URL:
        if os.environ.get("SITROOM_REQUIRE_PG"):
            pytest.fail("SITROOM_REQUIRE_PG is set but SITROOM_TEST_PG_URL is not")
        pytest.skip("no PostgreSQL: set SITROOM_TEST_PG_URL (make test starts one)")
    name = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base, _, _ = PG_URL.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The same test against a real SQLite file and a real PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
    else:
        yield from _postgres_database()


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
