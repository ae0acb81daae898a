"""Sidecar metadata: `STEM.meta.json` beside an article file describes that article.

Plain text has nowhere to keep a title, source or date, so a small JSON object beside it
can give them (id, title, source, url, published, language; other keys are ignored). Its
values win over what the reader found. A sidecar that cannot be used is reported as an
InputError naming the sidecar, and the article is still read, without it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sitroom.ingest.decode import NotText, decode
from sitroom.ingest.errors import InputError
from sitroom.ingest.meta import BadField, metadata

SUFFIX = ".meta.json"
MAX_BYTES = 1_000_000
_UNUSED = "metadata sidecar not used, article read without it"


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SUFFIX) and len(path.name) > len(SUFFIX)


def sidecar_for(article: Path) -> Path:
    return article.with_name(article.stem + SUFFIX)


def articles_beside(sidecar: Path) -> list[Path]:
    """The files a sidecar describes: same folder, same stem, not sidecars themselves."""
    stem = sidecar.name[: -len(SUFFIX)]
    try:
        siblings = sorted(sidecar.parent.iterdir())
    except OSError:
        return []
    return [p for p in siblings if p.stem == stem and not is_sidecar(p) and p.is_file()]


def orphan_problem(sidecar: Path) -> InputError | None:
    """None when the sidecar has an article beside it; else the error (metadata for nothing)."""
    if articles_beside(sidecar):
        return None
    stem = sidecar.name[: -len(SUFFIX)]
    return InputError(sidecar, f"metadata sidecar with no article beside it (no {stem}.* file)")


def load_sidecar(path: Path) -> dict[str, Any] | InputError:
    """The Document fields the sidecar gives, or the reason it cannot be used."""

    def bad(reason: str) -> InputError:
        return InputError(path, f"{_UNUSED}: {reason}")

    try:
        if path.stat().st_size > MAX_BYTES:
            return bad(f"larger than {MAX_BYTES // 1_000_000} MB")
        record = json.loads(decode(path.read_bytes()))
    except OSError as exc:
        return bad(f"cannot read it ({exc.strerror or exc})")
    except NotText as exc:
        return bad(str(exc))
    except json.JSONDecodeError as exc:
        return bad(f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
    if not isinstance(record, dict):
        return bad(f"expected a JSON object, found {type(record).__name__}")
    try:
        return metadata(record)
    except BadField as exc:
        return bad(str(exc))
