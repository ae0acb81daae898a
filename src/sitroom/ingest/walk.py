"""`read_paths`: files and folders in, Documents and InputErrors out, never an exception.

Per file, in this order, each failure a one-line InputError and the next file read:
it exists and is a regular file; its size is within `max_bytes` (checked before reading a
byte, so a huge file costs nothing); it is not empty; it decodes as text; a reader sniffed
from its content reads it. Every Document then gets its sidecar metadata (text and HTML
files), and must have text and be English.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from sitroom.ingest.clean import normalise
from sitroom.ingest.decode import NotText, decode
from sitroom.ingest.errors import InputError
from sitroom.ingest.language import why_not_english
from sitroom.ingest.registry import SNIFF_CHARS, Reader, Source, choose_reader
from sitroom.ingest.sidecar import is_sidecar, load_sidecar, orphan_problem, sidecar_for
from sitroom.model import Document

DEFAULT_MAX_BYTES = 10_000_000


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n} bytes"


def _left_out(path: Path) -> bool:
    """Skipped in a folder walk: hidden files and folders, and READMEs (they describe the
    folder, they are not articles). Named explicitly, such a file is read like any other."""
    return path.name.startswith(".") or path.name.split(".")[0].upper() == "README"


def _walk(folder: Path, seen_dirs: set[Path]) -> Iterator[Path | InputError]:
    """Files under `folder`, sorted by name, depth first, hidden ones and READMEs left out;
    a folder that cannot be listed is one error, and the walk goes on past it."""
    real = folder.resolve()
    if real in seen_dirs:  # a symlink loop
        return
    seen_dirs.add(real)
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield InputError(folder, f"cannot list folder ({exc.strerror or exc})")
        return
    for entry in entries:
        if _left_out(entry):
            continue
        if entry.is_dir():
            yield from _walk(entry, seen_dirs)
        else:
            yield entry


def _files(given: Path) -> Iterator[Path | InputError]:
    if given.is_dir():
        yield from _walk(given, set())
    elif given.exists() or given.is_symlink():
        yield given
    else:
        yield InputError(given, "no such file or folder")


def _read_at_most(handle: BinaryIO, expected: int, max_bytes: int) -> bytes:
    """The file's bytes, at most `max_bytes + 1` of them. Asks for the size `stat` gave (a
    bigger request would allocate the whole limit up front) and reads on only when the file
    grew since."""
    data = handle.read(expected + 1)
    while expected < len(data) <= max_bytes:
        more = handle.read(min(1 << 20, max_bytes + 1 - len(data)))
        if not more:
            break
        data += more
    return data


def _load(path: Path, max_bytes: int) -> Source | InputError:
    """The file read and decoded, or why it cannot be."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return InputError(path, "not a regular file")
        if info.st_size > max_bytes:
            limit = f"limit {_size(max_bytes)} (setting max_bytes)"
            return InputError(path, f"too large: {_size(info.st_size)}, {limit}")
        if info.st_size == 0:
            return InputError(path, "empty file")
        with path.open("rb") as handle:
            data = _read_at_most(handle, info.st_size, max_bytes)
    except OSError as exc:
        return InputError(path, f"cannot read file ({exc.strerror or exc})")
    if len(data) > max_bytes:
        return InputError(path, f"too large: over {_size(max_bytes)} (setting max_bytes)")
    try:
        text = decode(data)
    except NotText as exc:
        return InputError(path, str(exc))
    if not text.strip():
        return InputError(path, "empty file (only whitespace)")
    return Source(path=path, data=data, text=text)


def _where(source: Source, doc: Document) -> tuple[int | None, str]:
    """The line, or the item prefix, to name in an error about one document of a file."""
    rest = (doc.origin or "").removeprefix(source.name)
    if rest.startswith(":") and rest[1:].isdigit():
        return int(rest[1:]), ""
    if rest.startswith("#item-"):
        return None, f"item {rest.removeprefix('#item-')}: "
    return None, ""


def _checked(source: Source, doc: Document, extra: dict[str, Any]) -> Document | InputError:
    """The document with sidecar fields applied and text normalised, if it has English text."""
    doc = doc.model_copy(update={**extra, "text": normalise(doc.text)})
    line, prefix = _where(source, doc)
    if not doc.text:
        return source.error(prefix + "no text", line=line)
    if doc.language != "en":
        return source.error(f"{prefix}not English (language given as {doc.language!r})", line=line)
    reason = why_not_english(doc.text)
    if reason:
        return source.error(prefix + reason, line=line)
    return doc


def _sidecar_fields(source: Source, chosen: Reader) -> tuple[dict[str, Any], InputError | None]:
    sidecar = sidecar_for(source.path)
    if not sidecar.is_file():
        return {}, None
    if not chosen.sidecar:
        reason = f"metadata sidecar not used: {chosen.name} files carry their own metadata"
        return {}, InputError(sidecar, reason)
    loaded = load_sidecar(sidecar)
    return ({}, loaded) if isinstance(loaded, InputError) else (loaded, None)


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | InputError]:
    """Documents and errors from one file, whichever reader its content calls for."""
    source = _load(path, max_bytes)
    if isinstance(source, InputError):
        yield source
        return
    try:
        chosen = choose_reader(source.text[:SNIFF_CHARS], path)
    except LookupError:  # only when a plugin replaced the catch-all text reader
        yield source.error("no reader accepts this file")
        return
    extra, problem = _sidecar_fields(source, chosen)
    if problem is not None:
        yield problem
    try:
        for item in chosen.read(source):
            yield item if isinstance(item, InputError) else _checked(source, item, extra)
    except Exception as exc:  # a reader's bug must not end the batch; say which reader
        yield source.error(f"{chosen.name} reader failed: {type(exc).__name__}: {exc}")


def read_paths(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | InputError]:
    """Every article in `paths` (files, or folders walked recursively in name order) as a
    Document, and every bad file, line or item as an InputError; never raises for bad input.
    In folders, hidden files and folders and README files are skipped, and `*.meta.json`
    sidecars are read with their article; a file given twice is read once."""
    if isinstance(paths, str | Path):  # one path, not the characters of one
        paths = [paths]
    done: set[str] = set()
    for given in paths:
        for path in _files(Path(given)):
            if isinstance(path, InputError):
                yield path
                continue
            key = os.path.realpath(path)
            if key in done:
                continue
            done.add(key)
            if is_sidecar(path):  # read with its article; alone, it is an error
                problem = orphan_problem(path)
                if problem is not None:
                    yield problem
                continue
            yield from read_file(path, max_bytes=max_bytes)
