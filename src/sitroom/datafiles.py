"""Where sitroom's knowledge files live, and loading them once with clear errors.

Knowledge (actor kinds, patterns, places) lives in the repository's `data/` folder so an
analyst can change it without touching Python. `SITROOM_DATA` points elsewhere (a copy
with your own additions, or the folder beside an installed package).
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any


class DataFileError(RuntimeError):
    """A data file is missing or malformed."""


def data_dir() -> Path:
    """`SITROOM_DATA`, else the repository's `data/` (src/sitroom/datafiles.py -> data/)."""
    chosen = os.environ.get("SITROOM_DATA")
    return Path(chosen) if chosen else Path(__file__).resolve().parents[2] / "data"


@lru_cache(maxsize=64)
def load_json(relative: str) -> Any:
    """The parsed JSON file `data/<relative>`, with a clear error naming it when unusable."""
    path = data_dir() / relative
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(f"{path}: data file missing") from None
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{path}: not valid JSON ({exc})") from None
