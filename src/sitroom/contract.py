"""The contract as a JSON Schema (schema/record.schema.json), and validation against it."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    text = resources.files("sitroom").joinpath("schema/record.schema.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


def errors(record: dict[str, Any]) -> list[str]:
    """Every way `record` breaks the contract, as 'path: message' lines (empty when valid)."""
    found = []
    for err in sorted(_validator().iter_errors(record), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in err.absolute_path) or "(record)"
        found.append(f"{where}: {err.message}")
    return found


def span_errors(record: dict[str, Any]) -> list[str]:
    """Offsets that do not point at the words they claim, checked against article.text.

    The JSON Schema cannot see the text; this is the provenance half of the contract.
    """
    text = record["article"].get("text")
    if text is None:
        return []
    found = []
    for part in ("actors", "people", "places"):
        for i, item in enumerate(record[part]):
            for start, end in item["mentions"]:
                if not 0 <= start < end <= len(text):
                    found.append(f"{part}/{i}: mention [{start}, {end}) outside the text")
    for part in ("events", "relations", "quotes", "claims"):
        for i, item in enumerate(record[part]):
            ev = item["evidence"]
            if text[ev["start"] : ev["end"]] != ev["text"]:
                found.append(
                    f"{part}/{i}: evidence text differs from text[{ev['start']}:{ev['end']}]"
                )
            if part in ("quotes", "claims") and item["text"] not in ev["text"]:
                found.append(f"{part}/{i}: text is not inside its evidence")
    return found
