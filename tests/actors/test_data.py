"""The data files the actor, relation and quote stages read: present, documented, valid."""

from __future__ import annotations

import json
from typing import get_args

import pycountry
import pytest

from sitroom.actors.data import DataFileError, countries, data_dir, load_json
from sitroom.model import ActorKind, RelationKind

FILES = [
    "actors/collectives.json",
    "actors/context.json",
    "actors/countries.json",
    "actors/kind_keywords.json",
    "actors/name_keys.json",
    "actors/titles.json",
    "relations/patterns.json",
    "quotes/speech.json",
]


@pytest.mark.parametrize("name", FILES)
def test_every_data_file_is_json_and_says_what_it_holds(name: str) -> None:
    raw = json.loads((data_dir() / name).read_text(encoding="utf-8"))
    assert len(raw["_doc"]) > 40


def test_a_missing_data_file_is_a_clear_error() -> None:
    with pytest.raises(DataFileError, match=r"no-such\.json"):
        load_json("actors/no-such.json")


def test_countries_are_real_iso_codes() -> None:
    rows = load_json("actors/countries.json")["countries"]
    assert len(rows) >= 20
    for row in rows:
        assert pycountry.countries.get(alpha_2=row["code"]) is not None, row["code"]
    assert countries().by_adjective["syrian"].code == "SY"
    assert countries().by_leader["assad"].code == "SY"


def test_every_kind_named_in_data_is_a_contract_kind() -> None:
    kinds = set(get_args(ActorKind))
    keywords = load_json("actors/kind_keywords.json")
    named = [r["kind"] for r in keywords["name"] + keywords["context"]]
    named += [g["kind"] for g in load_json("actors/collectives.json")["groups"]]
    assert keywords["default"] in kinds
    assert set(named) <= kinds


def test_every_relation_kind_named_in_data_is_a_contract_kind() -> None:
    kinds = set(get_args(RelationKind)) | {"supported_by"}  # "X is a proxy of Y": Y supports X
    raw = load_json("relations/patterns.json")
    named = [v["kind"] for v in raw["verbs"]]
    for table in ("nouns", "between_nouns", "hyphen_words", "alongside", "against_nouns"):
        named += list(raw[table].values())
    assert set(named) <= kinds
