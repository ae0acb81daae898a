"""Shared helpers for the reader tests: read paths and split what comes back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitroom.ingest import InputError, read_paths
from sitroom.model import Document


@dataclass
class Batch:
    """What `read_paths` yielded, split into articles and errors (as one-line strings)."""

    docs: list[Document]
    errors: list[InputError]

    @property
    def messages(self) -> list[str]:
        return [str(e) for e in self.errors]

    def doc(self, doc_id: str) -> Document:
        found = [d for d in self.docs if d.id == doc_id]
        assert len(found) == 1, f"{doc_id!r} not read once: {[d.id for d in self.docs]}"
        return found[0]


def read_all(*paths: str | Path, max_bytes: int = 10_000_000) -> Batch:
    docs: list[Document] = []
    errors: list[InputError] = []
    for item in read_paths(paths, max_bytes=max_bytes):
        (errors if isinstance(item, InputError) else docs).append(item)
    return Batch(docs, errors)


@pytest.fixture
def read() -> Callable[..., Batch]:
    return read_all


ENGLISH_REPORT = (
    "Army shells Zabadani for a third day\n"
    "\n"
    "Government artillery struck the mountain town of Zabadani again on Monday, residents "
    "said, as troops and allied fighters pressed in from the plain to the west. A volunteer "
    "at the field hospital said that nine people had been brought in wounded since dawn.\n"
)


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    """A folder `batch/` holding one good article, for bad files to sit beside."""
    folder = tmp_path / "batch"
    folder.mkdir()
    path = folder / "good.txt"
    path.write_text(ENGLISH_REPORT, encoding="utf-8")
    return path
