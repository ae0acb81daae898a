"""The places stage on sentences we wrote: recognition, guards, resolution by focus, merging."""

from __future__ import annotations

from pathlib import Path

from sitroom import nlp
from sitroom.model import Actor, Article, Person, Place, Record
from sitroom.places.stage import SUPPLEMENT_OPTION, gazetteer_places
from sitroom.stages import StageContext, get_stage


def places_of(
    text: str,
    actors: list[Actor] | None = None,
    people: list[Person] | None = None,
    options: dict | None = None,
) -> list[Place]:
    article = Article(id="t", sha256="0" * 64, text=text)
    record = Record(article=article, actors=actors or [], people=people or [])
    ctx = StageContext(doc=nlp.load()(text), article=article, record=record, options=options or {})
    found = gazetteer_places(ctx)
    for place in found:
        assert place.mentions == sorted(set(place.mentions))
        for start, end in place.mentions:  # offsets exact: the words, nothing around them
            assert end > start and text[start:end].strip() == text[start:end]
            assert not text[start - 1 : start].isalnum() and not text[end : end + 1].isalnum()
    return found


def by_name(places: list[Place]) -> dict[str, Place]:
    return {p.name: p for p in places}


def surfaces(text: str, place: Place) -> list[str]:
    return [text[s:e] for s, e in place.mentions]


def test_stage_is_registered_for_places() -> None:
    assert get_stage("places.gazetteer.v1").fills == "places"


def test_capitals_resolve_to_their_countries() -> None:
    text = (
        "Officials in Damascus and Beirut traded accusations on Tuesday, while "
        "shelling continued in Aleppo and Homs."
    )
    got = by_name(places_of(text))
    assert {
        n: (got[n].country, got[n].admin1) for n in ("Damascus", "Beirut", "Aleppo", "Homs")
    } == {
        "Damascus": ("SY", "Dimashq"),
        "Beirut": ("LB", "Beirut"),
        "Aleppo": ("SY", "Aleppo"),
        "Homs": ("SY", "Homs"),
    }
    damascus = got["Damascus"]
    assert damascus.id == "geonames:170654"
    assert (damascus.feature, damascus.precision) == ("city", 1)
    assert abs(damascus.lat - 33.51) < 0.05 and abs(damascus.lon - 36.29) < 0.05
    assert "exact name" in damascus.reason and "most populous" in damascus.reason


def test_qusayr_follows_the_article_focus() -> None:
    syria = (
        "Government troops pushed into Al Qusayr after weeks of fighting near Homs, and "
        "residents of Qusayr fled toward the Lebanese border at Hermel."
    )
    egypt = (
        "Divers returned to Al Qusayr on the Red Sea this winter, a short drive south "
        "of Hurghada, as tourism in Egypt recovered."
    )
    qusayr = [p for p in places_of(syria) if p.name == "Al Quşayr"]
    assert len(qusayr) == 1 and qusayr[0].country == "SY"
    assert surfaces(syria, qusayr[0]) == ["Al Qusayr", "Qusayr"]
    assert "article focus SY" in qusayr[0].reason
    assert by_name(places_of(egypt))["Al Quşayr"].country == "EG"


def test_focus_outweighs_a_bigger_namesake_abroad() -> None:
    # Jericho (PS) is also called Ariha and is the better-populated entry in GeoNames;
    # Tripoli (LY) is bigger than Lebanon's Tripoli.
    idlib = "Rebels shelled Ariha after clashes in Saraqib and Maarat al-Numan."
    lebanon = "Clashes in Tripoli spread as the army reinforced Akkar and Zahle."
    assert by_name(places_of(idlib))["Arīḩā"].country == "SY"
    assert by_name(places_of(lebanon))["Tripoli"].country == "LB"
    assert (
        by_name(places_of("Tripoli airport reopened, the ministry said."))["Tripoli"].country
        == "LY"
    )


def test_curated_region_found_although_spacy_mislabels_it() -> None:
    text = "Fighters dug in across Qalamoun as the regime massed troops in the Bekaa valley."
    labels = {e.text: e.label_ for e in nlp.load()(text).ents}
    assert labels.get("Qalamoun") not in ("GPE", "LOC", "FAC")  # the model gets it wrong
    got = by_name(places_of(text))
    qalamoun = got["Qalamoun"]
    assert (qalamoun.id, qalamoun.country, qalamoun.feature, qalamoun.precision) == (
        "sitroom:qalamoun",
        "SY",
        "region",
        3,
    )
    assert qalamoun.reason.startswith("curated name")
    bekaa = got["Bekaa Valley"]
    assert bekaa.country == "LB" and surfaces(text, bekaa) == ["Bekaa valley"]


def test_province_and_city_are_told_apart() -> None:
    text = (
        "Rebels in Idlib braced for an offensive across Idlib province, while the "
        "province of Hama and Homs governorate stayed calm."
    )
    got = {p.id: p for p in places_of(text)}
    assert surfaces(text, got["geonames:169389"]) == ["Idlib"]
    assert got["geonames:169389"].feature == "city"
    province = got["admin1:SY.12"]
    assert (province.name, province.feature, province.precision) == (
        "Idlib Governorate",
        "admin1",
        3,
    )
    assert surfaces(text, province) == ["Idlib province"]
    assert surfaces(text, got["admin1:SY.10"]) == ["Hama"]  # 'the province of Hama'
    assert surfaces(text, got["admin1:SY.11"]) == ["Homs governorate"]


def test_person_named_like_a_place_is_not_a_place() -> None:
    text = (
        "Jordan Haddad, an analyst, said Hezbollah fighters had reached the town of Flita. "
        "Mr Homs declined to comment, and Paris Malouf said nothing."
    )
    got = by_name(places_of(text))  # no people stage: the guard works on its own
    assert set(got) == {"Flita"}
    assert got["Flita"].id == "sitroom:flita"
    # and a name the people stage claimed is left to it
    text = "Hermel told reporters in Beirut that Hermel would stay."
    person = Person(id="hermel", name="Hermel", mentions=[(0, 6), (42, 48)])
    assert set(by_name(places_of(text, people=[person]))) == {"Beirut"}


def test_nationality_adjectives_days_and_months_are_not_places() -> None:
    text = "Syrian and Lebanese officials met on Monday in May to discuss Iraqi refugees."
    assert places_of(text) == []
    assert [p.name for p in places_of("Syrian troops shelled the Lebanese border near Syria.")] == [
        "Syria"
    ]


def test_repeated_mentions_merge_into_one_place() -> None:
    text = (
        "Yabroud fell in March. Rebels who left Yabroud regrouped in the hills, vowing to "
        "return to Yabroud before the summer."
    )
    found = [p for p in places_of(text) if p.country == "SY"]
    assert [p.name for p in found] == ["Yabrūd"]
    assert surfaces(text, found[0]) == ["Yabroud"] * 3
    assert found[0].mentions[0] == (0, 7)


def test_offsets_are_exact_with_articles_hyphens_and_dashes() -> None:
    text = (
        "The Damascus-Beirut highway closed near Deir ez-Zor and Jisr al-Shughour, and "
        "convoys crossed the Anti-Lebanon mountains."
    )
    got = {text[s:e] for p in places_of(text) for s, e in p.mentions}
    assert {
        "Damascus",
        "Beirut",
        "Deir ez-Zor",
        "Jisr al-Shughour",
        "Anti-Lebanon mountains",
    } <= got


def test_actor_spans_are_not_places() -> None:
    text = "Jordan's army said the Free Syrian Army had pulled back from Deraa."
    army = Actor(
        id="jordanian-army", name="Jordanian Armed Forces", kind="state_forces", mentions=[(0, 13)]
    )
    got = by_name(places_of(text, actors=[army]))
    assert "Jordan" not in got and got["Dar‘ā"].country == "SY"


def test_user_supplement_reaches_the_stage(tmp_path: Path) -> None:
    mine = tmp_path / "mine.jsonl"
    mine.write_text(
        '{"id": "user:hill-402", "name": "Hill 402", "lat": 33.91, "lon": 36.52, '
        '"country": "SY", "feature": "mountain", "precision": 1, "source": "survey"}\n',
        encoding="utf-8",
    )
    text = "Rebels lost Hill 402 above the road to Yabroud."
    assert "Hill 402" not in by_name(places_of(text))
    got = by_name(places_of(text, options={SUPPLEMENT_OPTION: [str(mine)]}))
    hill = got["Hill 402"]
    assert (hill.id, hill.precision, hill.feature) == ("user:hill-402", 1, "mountain")
    assert surfaces(text, hill) == ["Hill 402"]
