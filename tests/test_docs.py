"""The docs stay honest: every command and setting is in the README, the schema is sound."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from sitroom import contract, settings
from sitroom.cli import app
from sitroom.model import ACLED_TYPES
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert names
    for name in names:
        assert f"`sitroom {name}" in README, f"`sitroom {name}` is not documented"


def test_every_setting_is_in_the_readme() -> None:
    for name in settings.SETTINGS:
        assert f"| `{name}` |" in README, f"setting {name} is not in the README's table"


def test_readme_quick_start_is_the_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make run" in quick and "make test" in quick
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_schema_is_valid_and_knows_every_acled_type() -> None:
    schema = contract.schema()
    Draft202012Validator.check_schema(schema)
    event = schema["properties"]["events"]["items"]
    assert set(event["properties"]["event_type"]["enum"]) == set(ACLED_TYPES)
    for rule in event["allOf"]:
        kind = rule["if"]["properties"]["event_type"]["const"]
        assert rule["then"]["properties"]["sub_event_type"]["enum"] == list(ACLED_TYPES[kind])


def test_schema_rejects_what_breaks_the_contract() -> None:
    good = {
        "article": {
            "id": "a",
            "title": None,
            "source": None,
            "url": None,
            "published": "2015-05-06",
            "published_inferred": False,
            "language": "en",
            "sha256": "0" * 64,
        },
        "actors": [],
        "people": [],
        "places": [],
        "events": [],
        "relations": [],
        "quotes": [],
        "claims": [],
    }
    assert contract.errors(good) == []
    bad = json.loads(json.dumps(good))
    bad["actors"] = [
        {
            "id": "x",
            "name": "X",
            "kind": "warlord",
            "country": None,
            "parent": None,
            "mentions": [[0, 1]],
        }
    ]
    assert any("warlord" in e for e in contract.errors(bad))
    bad = json.loads(json.dumps(good))
    del bad["article"]["sha256"]
    assert contract.errors(bad)
