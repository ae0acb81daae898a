"""Readers are an extension point: ours register through it, and so can a user's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitroom.ingest import Source, all_readers, get_reader, reader, registry
from sitroom.model import Document


@pytest.fixture
def scratch_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Readers a test registers vanish after it."""
    all_readers()  # ours first
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))


def test_our_readers_are_registered_through_the_registry():
    assert [r.name for r in all_readers()][:4] == ["feed", "html", "jsonl", "text"]
    assert get_reader("html").sidecar and get_reader("text").sidecar
    assert not get_reader("feed").sidecar and not get_reader("jsonl").sidecar
    with pytest.raises(KeyError, match="no such reader: pdf"):
        get_reader("pdf")


def _sniff_dispatch(head: str, path: Path) -> float:
    return 1.0 if head.startswith("DISPATCH ") else 0.0


def test_a_plugin_reader_takes_its_format(tmp_path, read, scratch_registry):
    @reader("dispatch", sniff=_sniff_dispatch)
    def read_dispatch(source: Source) -> Iterator[Document]:
        """Wire dispatches: a DISPATCH header line, then the story."""
        header, _, body = source.text.partition("\n")
        yield Document(id=header.split()[1], text=body, source="Wire", origin=source.origin(line=2))

    (tmp_path / "w.txt").write_text(
        "DISPATCH 0042\nRebels shelled the airport road on Friday, officials said.\n"
    )
    (tmp_path / "plain.txt").write_text("Troops withdrew from the ridge on Friday.\n")
    batch = read(tmp_path)
    assert not batch.errors
    assert [(d.id, d.source) for d in batch.docs] == [("plain", None), ("0042", "Wire")]
    assert batch.doc("0042").text == "Rebels shelled the airport road on Friday, officials said."


def test_a_failing_reader_is_one_error_not_a_crash(tmp_path, read, scratch_registry):
    @reader("fragile", sniff=_sniff_dispatch)
    def read_fragile(source: Source) -> Iterator[Document]:
        """Breaks on everything."""
        raise RuntimeError("cannot parse header")
        yield  # pragma: no cover

    (tmp_path / "w.txt").write_text("DISPATCH 0042\nRebels shelled the airport road.\n")
    (tmp_path / "x.txt").write_text("Troops withdrew from the ridge on Friday.\n")
    batch = read(tmp_path)
    assert batch.messages == [
        f"{tmp_path / 'w.txt'}: fragile reader failed: RuntimeError: cannot parse header"
    ]
    assert [d.id for d in batch.docs] == ["x"]


def test_on_equal_scores_the_later_reader_wins(tmp_path, read, scratch_registry):
    @reader("shouty", sniff=lambda head, path: 0.2 if path.suffix == ".txt" else 0.0)
    def read_shouty(source: Source) -> Iterator[Document]:
        """Same score as our text reader on .txt."""
        yield Document(id="shouty", text=source.text.upper(), origin=source.origin())

    (tmp_path / "a.txt").write_text("Troops withdrew from the ridge on Friday.\n")
    assert read(tmp_path).doc("shouty").text == "TROOPS WITHDREW FROM THE RIDGE ON FRIDAY."
