"""The hand-made gold for the seeds is well-formed: its offsets are exact, its kinds are the
contract's, and its relations join annotated actors, so bench/actors.py measures against
something true."""

from __future__ import annotations

import hashlib
import json
from itertools import pairwise
from pathlib import Path
from typing import get_args

import pytest

from sitroom.ingest import normalise
from sitroom.model import ActorKind, RelationKind
from tests.conftest import SEEDS

GOLD = Path(__file__).resolve().parent / "gold" / "annotations"
GOLD_FILES = sorted(GOLD.glob("*.json"))


def _load(path: Path) -> tuple[dict, str]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = normalise((SEEDS / f"{path.stem}.txt").read_text(encoding="utf-8"))
    return gold, text


def test_there_is_gold_for_every_seed() -> None:
    assert {p.stem for p in GOLD_FILES} == {p.stem for p in SEEDS.glob("*.txt")}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_indexes_the_normalised_seed(path: Path) -> None:
    gold, text = _load(path)
    assert gold["article_id"] == path.stem
    assert gold["length"] == len(text)
    assert gold["sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_every_mention_is_the_words_at_its_offsets(path: Path) -> None:
    gold, text = _load(path)
    for item in gold["actors"] + gold["people"]:
        assert item["mentions"], f"{item['name']} has no mention"
        for m in item["mentions"]:
            assert 0 <= m["start"] < m["end"] <= len(text)
            assert text[m["start"] : m["end"]] == m["text"], item["name"]
            assert m["text"] == m["text"].strip()


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_actors_have_contract_kinds_and_do_not_overlap(path: Path) -> None:
    gold, _ = _load(path)
    kinds = set(get_args(ActorKind))
    names = [a["name"] for a in gold["actors"]]
    assert len(names) == len(set(names))
    assert all(a["kind"] in kinds for a in gold["actors"])
    spans = sorted((m["start"], m["end"]) for a in gold["actors"] for m in a["mentions"])
    assert all(s2 >= e1 for (_, e1), (s2, _) in pairwise(spans))


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_people_have_titles_and_affiliations_as_text_or_null(path: Path) -> None:
    gold, _ = _load(path)
    for person in gold["people"]:
        assert person["name"]
        for attr in ("title", "affiliation"):
            assert person[attr] is None or (isinstance(person[attr], str) and person[attr])


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_relations_join_annotated_actors_and_rest_on_a_sentence(path: Path) -> None:
    gold, text = _load(path)
    actors = {a["name"] for a in gold["actors"]}
    kinds = set(get_args(RelationKind))
    for rel in gold["relations"]:
        assert rel["source"] in actors and rel["target"] in actors, rel
        assert rel["source"] != rel["target"]
        assert rel["kind"] in kinds
        assert rel["evidence"]
        for ev in rel["evidence"]:
            assert 0 <= ev["start"] < ev["end"] <= len(text)
            sentence = text[ev["start"] : ev["end"]]
            assert sentence == sentence.strip() and "\n" not in sentence
