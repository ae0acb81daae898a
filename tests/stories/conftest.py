"""What the stories tests share: our dispatches, extracted once."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.batch import extract_paths
from sitroom.model import Record
from tests.conftest import assert_valid

DISPATCHES = Path(__file__).parent / "dispatches"


@pytest.fixture(scope="session")
def records() -> list[Record]:
    """The dispatches of tests/stories/dispatches, extracted once (NLP is the slow part)."""
    found = list(extract_paths([DISPATCHES]))
    assert len(found) == len(list(DISPATCHES.glob("*.txt")))
    for record in found:
        assert_valid(record)
    return found
