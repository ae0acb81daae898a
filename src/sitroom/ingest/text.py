"""Plain-text articles: one article per file, the id its file stem, the title its first line
when that line looks like a headline. The text is the whole file (title line included), so
offsets index the file as written; a `STEM.meta.json` sidecar may add metadata."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sitroom.ingest.clean import normalise
from sitroom.ingest.registry import Source, reader
from sitroom.model import Document

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
MAX_TITLE_CHARS = 120
MAX_TITLE_WORDS = 20
_NOT_TITLE_ENDINGS = (".", ",", ";")


def sniff(head: str, path: Path) -> float:
    """Any text may be a plain article, so this reader is the fallback for every file."""
    return 0.2 if path.suffix.lower() in TEXT_SUFFIXES else 0.1


def guess_title(text: str) -> str | None:
    """The first line when it reads as a headline: short, not a sentence, more text after."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    if not first or not rest.strip():
        return None
    if len(first) >= MAX_TITLE_CHARS or len(first.split()) > MAX_TITLE_WORDS:
        return None
    if first.endswith(_NOT_TITLE_ENDINGS) and not first.endswith("..."):
        return None
    return first


@reader("text", sniff=sniff, sidecar=True)
def read_text(source: Source) -> Iterator[Document]:
    """Plain text: one article per file, titled by its first line when that is a headline."""
    text = normalise(source.text)
    yield Document(id=source.stem, text=text, title=guess_title(text), origin=source.origin())
