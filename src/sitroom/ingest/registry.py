"""The reader registry: how sitroom learns to read a format, ours and anyone else's.

A reader is a function registered under a name with `@reader(name, sniff=...)`. `sniff`
looks at the first few thousand characters of a file (and its path) and says how sure it is
that the file is its format: about 1.0 when the content shows it, 0.5 when only the file
extension does, 0 when never. The most certain reader reads the file; ties go to the reader
registered last (plugins count as after ours), so a plugin (setting `plugins`) can take a
format over by matching our score.

`read(source)` yields a `Document` per article and an `InputError` per bad part; it gets the
file already size-checked and decoded (`Source`), so no reader repeats those checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sitroom.ingest.errors import InputError
from sitroom.model import Document

SNIFF_CHARS = 4096

Sniff = Callable[[str, Path], float]


@dataclass(frozen=True)
class Source:
    """One input file, read and decoded: what a reader is given."""

    path: Path
    data: bytes
    text: str

    @property
    def name(self) -> str:
        """The path as the user gave it (or as the folder walk found it), for messages."""
        return str(self.path)

    @property
    def stem(self) -> str:
        return self.path.stem

    def origin(self, *, line: int | None = None, item: int | None = None) -> str:
        """Where a document came from: `path`, `path:line` or `path#item-N`."""
        if line is not None:
            return f"{self.name}:{line}"
        if item is not None:
            return f"{self.name}#item-{item}"
        return self.name

    def error(self, reason: str, *, line: int | None = None) -> InputError:
        return InputError(self.name, reason, line=line)


ReadFunc = Callable[[Source], Iterable[Document | InputError]]


@dataclass(frozen=True)
class Reader:
    name: str
    sniff: Sniff
    read: ReadFunc
    sidecar: bool
    doc: str


_REGISTRY: dict[str, Reader] = {}


def reader(name: str, *, sniff: Sniff, sidecar: bool = False) -> Callable[[ReadFunc], ReadFunc]:
    """Register `read` as the reader `name`. `sidecar=True` when the file holds one article
    that a `STEM.meta.json` file beside it may describe (id, title, source, url, ...)."""

    def register(read: ReadFunc) -> ReadFunc:
        _REGISTRY.pop(name, None)  # re-registering moves it last, so it wins ties
        _REGISTRY[name] = Reader(name, sniff, read, sidecar, (read.__doc__ or "").split("\n")[0])
        return read

    return register


def _load_builtin_readers() -> None:
    """Import our own reader modules so they register (lazily, not when the package loads)."""
    from sitroom.ingest import feed, html, jsonl, text  # noqa: F401


def _is_builtin(item: Reader) -> bool:
    return item.read.__module__.startswith(__package__ + ".")


def all_readers() -> list[Reader]:
    """Every registered reader: ours first, then plugins', each in registration order."""
    _load_builtin_readers()
    return sorted(_REGISTRY.values(), key=lambda item: not _is_builtin(item))


def get_reader(name: str) -> Reader:
    _load_builtin_readers()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"no such reader: {name} (known: {', '.join(_REGISTRY)})") from None


def choose_reader(head: str, path: Path) -> Reader:
    """The reader most sure that a file starting with `head` is its format."""
    best: Reader | None = None
    best_score = 0.0
    for candidate in all_readers():
        score = candidate.sniff(head, path)
        if score > 0 and score >= best_score:
            best, best_score = candidate, score
    if best is None:  # the text reader sniffs everything above 0; only a plugin could undo that
        raise LookupError(f"no reader accepts {path}")
    return best
