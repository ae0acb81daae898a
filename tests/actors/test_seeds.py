"""Actors, people, relations and quotes on the two real seed articles: what an analyst expects."""

from __future__ import annotations

from functools import cache

import pytest

from sitroom.model import Record
from sitroom.stages import get_stage
from tests.actors.helpers import actor, person, relations, run, surfaces
from tests.conftest import SEEDS


@cache
def seed(marker: str) -> tuple[str, Record]:
    """The seed whose text holds `marker`, and the record our stages make of it."""
    assert SEEDS.is_dir(), f"the seeds are missing: {SEEDS}"
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if marker in text:
            return text, run(text)
    raise AssertionError(f"no seed mentions {marker!r}")


SMYTH = "Phillip Smyth"  # the 2015 report on the Qalamoun battle with analysts' quotes
EID = "Rifaat Eid"  # the report on the offensive gearing up around Arsal


@pytest.mark.parametrize(
    ("name", "fills"),
    [
        ("actors.spacy.v1", "actors"),
        ("people.spacy.v1", "people"),
        ("relations.patterns.v1", "relations"),
        ("quotes.v1", "quotes"),
    ],
)
def test_stages_are_registered(name: str, fills: str) -> None:
    assert get_stage(name).fills == fills


@pytest.mark.parametrize("marker", [SMYTH, EID])
def test_hezbollah_and_the_syrian_sides_are_actors(marker: str) -> None:
    text, record = seed(marker)
    hezbollah = actor(record, "hezbollah")
    assert hezbollah.kind == "political_militia"
    named = [s for s in surfaces(text, hezbollah.mentions) if s == "Hezbollah"]
    assert len(named) == text.count("Hezbollah")
    # back-references (coref.py) per tests/gold/README.md rule 4: "the group", "pro-Assad militants"
    assert set(surfaces(text, hezbollah.mentions)) <= {"Hezbollah", "group", "pro-Assad militants"}
    assert actor(record, "syrian-rebels").kind == "rebel_group"
    assert actor(record, "syrian-government-forces").country == "SY"


@pytest.mark.parametrize("marker", [SMYTH, EID])
def test_every_mention_is_clean_and_no_place_became_a_person_or_actor(marker: str) -> None:
    text, record = seed(marker)
    for item in [*record.actors, *record.people]:
        for start, end in item.mentions:
            words = text[start:end]
            assert words == words.strip() and words, (item.id, words)
            assert not words.endswith(("’s", "'s")), (item.id, words)
    ids = {a.id for a in record.actors} | {p.id for p in record.people}
    assert not ids & {"qalamoun", "idlib", "arsal", "damascus", "bekaa", "alawite"}


def test_nusra_spellings_are_one_actor() -> None:
    text, record = seed(SMYTH)
    nusra = [a for a in record.actors if "nusra" in a.id]
    assert [a.id for a in nusra] == ["jabhat-al-nusra"]
    assert len(nusra[0].mentions) == text.count("Nusra")


def test_the_researcher_and_his_quotes() -> None:
    _text, record = seed(SMYTH)
    smyth = person(record, "phillip-smyth")
    assert smyth.affiliation == "University of Maryland"
    assert smyth.title == "researcher"
    assert len(smyth.mentions) >= 2  # the full name and the later surname
    his = [q for q in record.quotes if q.speaker == "phillip-smyth"]
    assert len(his) >= 2 and all(q.direct for q in his)
    assert all(q.affiliation == "University of Maryland" for q in his)
    cafarella = person(record, "jennifer-cafarella")
    assert cafarella.affiliation == "Institute for the Study of War"
    assert any(q.speaker == "jennifer-cafarella" for q in record.quotes)


def test_who_backs_and_fights_whom_in_the_first_report() -> None:
    _text, record = seed(SMYTH)
    found = relations(record)
    assert ("turkey", "supports", "ahrar-al-sham") in found
    assert ("jabhat-al-nusra", "branch_of", "al-qaeda") in found
    assert ("syrian-rebels", "enemy", "hezbollah") in found
    assert ("hezbollah", "supports", "syrian-government-forces") in found


def test_who_backs_whom_in_the_second_report() -> None:
    _text, record = seed(EID)
    found = relations(record)
    assert ("saudi-arabia", "supports", "syrian-rebels") in found
    assert ("iran", "supports", "syrian-government-forces") in found
    assert ("hezbollah", "supports", "syrian-government-forces") in found


def test_the_party_leader_and_the_resident_are_quoted() -> None:
    _text, record = seed(EID)
    eid = person(record, "rifaat-eid")
    assert (eid.title, eid.affiliation) == ("head", "Arab Democratic Party")
    assert actor(record, "arab-democratic-party").kind == "political_party"
    speakers = {q.speaker for q in record.quotes if q.direct}
    assert {"rifaat-eid", "abu-omar", "khaled"} <= speakers
