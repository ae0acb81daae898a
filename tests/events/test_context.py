"""Events read with their surroundings, through the whole pipeline: places from the paragraph
or the article's focus, dates from the narrative, one event for several reports of one
happening, calls to arms, and what a modal does or does not make hypothetical."""

from __future__ import annotations

from sitroom.model import Document, Event, Record
from sitroom.pipeline import extract_one


def record(text: str, published: str = "2016-03-09") -> Record:
    return extract_one(Document(id="t", text=text, published=published))


def place_name(rec: Record, event: Event) -> str | None:
    return next((p.name for p in rec.places if p.id == event.place), None)


def of_type(rec: Record, plover: str) -> list[Event]:
    return [e for e in rec.events if e.plover == plover]


def test_an_event_with_no_place_of_its_own_takes_the_paragraphs() -> None:
    rec = record(
        "Rebels attacked army positions in Zabadani on Sunday. "
        "Government artillery shelled the rebels for hours afterwards."
    )
    shelling = next(e for e in rec.events if e.sub_event_type.startswith("Shelling"))
    assert (place_name(rec, shelling) or "").startswith("Az Zabad")
    assert (shelling.place_basis, shelling.geo_precision) == ("paragraph", 2)
    attack = next(e for e in rec.events if e is not shelling)
    assert (attack.place_basis, attack.geo_precision) == ("sentence", 1)


def test_an_unplaced_clash_falls_back_to_the_articles_focus_but_a_warning_does_not() -> None:
    rec = record(
        "Homs residents counted the damage.\n"
        "Fighting in Homs went on through the night, and Homs hospitals filled.\n"
        "Elsewhere, clashes between Hezbollah and the Islamic State killed four fighters.\n"
        "Hezbollah warned the Islamic State against any new incursion."
    )
    clash = next(e for e in rec.events if "clashes" in e.evidence.text)
    assert place_name(rec, clash) == "Homs"
    assert (clash.place_basis, clash.geo_precision) == ("article", 3)
    assert clash.fatalities == 4
    warning = of_type(rec, "THREATEN")
    assert warning and warning[0].place is None


def test_a_date_carries_to_the_next_report_of_the_narrative() -> None:
    rec = record(
        "Over the weekend, rebels stormed a checkpoint in Daraa. "
        "Jabhat al-Nusra claimed a car bombing that killed two soldiers."
    )
    bombing = next(e for e in rec.events if "car bombing" in (e.trigger.text if e.trigger else ""))
    assert (bombing.date, bombing.date_end, bombing.date_precision) == (
        "2016-03-05",
        "2016-03-06",
        "week",
    )
    assert bombing.fatalities == 2


def test_an_undated_ongoing_event_is_dated_at_publication() -> None:
    rec = record("The Syrian army is shelling rebel positions in Douma.")
    (event,) = rec.events
    assert (event.status, event.date, event.date_precision) == ("ongoing", "2016-03-09", "day")


def test_two_reports_of_one_capture_are_one_event_with_both_evidence_spans() -> None:
    text = (
        "Islamic State fighters captured Palmyra on Wednesday after days of fighting.\n"
        "The capture of Palmyra by the Islamic State on Wednesday gives it a road to Homs."
    )
    rec = record(text, published="2015-05-22")
    captures = [e for e in rec.events if e.sub_event_type == "Non-state actor overtakes territory"]
    assert len(captures) == 1
    (capture,) = captures
    assert capture.actor1 == "islamic-state"
    spans = [capture.evidence, *capture.evidence_more]
    assert {text[s.start : s.end][:15] for s in spans} == {"Islamic State f", "The capture of "}
    assert capture.date == "2015-05-20"


def test_what_happened_is_never_joined_with_what_is_expected() -> None:
    rec = record(
        "Hezbollah attacked rebels in Zabadani on Monday. "
        "Hezbollah is preparing to attack the rebels in Zabadani again."
    )
    attacks = [e for e in rec.events if e.plover == "ASSAULT"]
    assert sorted(e.status for e in attacks) == ["anticipated", "occurred"]


def test_an_attack_that_seizes_ground_is_one_capture() -> None:
    rec = record("The Syrian army launched an attack on Monday, seizing the town of Rankous.")
    assert [(e.sub_event_type, e.actor1) for e in rec.events] == [
        ("Government regains territory", "syrian-government-forces")
    ]
    assert rec.events[0].trigger is not None


def test_calls_to_join_a_battle_are_mobilisation_not_a_battle() -> None:
    rec = record(
        "Islamic State leaders in Raqqa issued calls for foreign fighters to join the battle. "
        "Hezbollah has been calling on Lebanese Shiites to join the fight in Qalamoun."
    )
    assert [e.plover for e in rec.events] == ["MOBILIZE", "MOBILIZE"]
    assert [e.actor1 for e in rec.events] == ["islamic-state", "hezbollah"]
    assert all(e.event_type == "Strategic developments" for e in rec.events)


def test_a_graduation_of_fighters_is_mobilisation() -> None:
    rec = record("Jaish al-Islam held a graduation ceremony for 800 new fighters in Douma.")
    (event,) = rec.events
    assert (event.plover, event.actor1, event.status) == ("MOBILIZE", "jaish-al-islam", "occurred")


def test_a_trend_that_could_threaten_a_city_is_no_threat() -> None:
    rec = record("The rebel advance could threaten the regime's hold on Hama.")
    assert not of_type(rec, "THREATEN")
    rec = record("Jabhat al-Nusra threatened to storm Hama within days.")
    assert [e.status for e in of_type(rec, "THREATEN")] == ["threatened"]


def test_a_modal_reaches_a_subject_event_only_through_verbs_of_happening() -> None:
    rec = record("The coordinated attacks in Douma could bring the rebels closer to Damascus.")
    assert [e.status for e in rec.events] == ["occurred"]
    rec = record("A new Hezbollah offensive in Zabadani would cut the road to Homs.")
    assert [e.status for e in rec.events] == ["anticipated"]
    rec = record("The army said a new offensive on Aleppo would begin soon.")
    assert [e.status for e in rec.events] == ["anticipated"]


def test_the_bare_army_is_the_state_forces_named_before_it() -> None:
    rec = record(
        "The Syrian army has massed troops near Zabadani. "
        "On Monday the army took Madaya after a day of shelling."
    )
    captures = [e for e in rec.events if e.sub_event_type == "Government regains territory"]
    assert [e.actor1 for e in captures] == ["syrian-government-forces"]


def test_took_captures_only_ground() -> None:
    rec = record("Rebels took the hilltop above Zabadani on Sunday.")
    assert [e.sub_event_type for e in rec.events] == ["Non-state actor overtakes territory"]
    rec = record("Rebels took part in talks in Geneva and took their leader to Zabadani.")
    assert not [e for e in rec.events if e.event_type == "Battles"]


def test_a_definite_event_noun_is_the_event_told_before() -> None:
    rec = record(
        "Hezbollah and the Syrian army launched an offensive in Qalamoun on Monday.\n"
        "The fighting centred on the high ground. Rebel media said the attack was pushed back."
    )
    battles = [e for e in rec.events if e.event_type == "Battles"]
    assert len(battles) == 1
    assert len(battles[0].evidence_more) == 2


def test_the_target_of_an_attack_places_it() -> None:
    rec = record("Islamic State shelled Deir ez-Zor from positions in the desert.")
    (event,) = rec.events
    assert (place_name(rec, event) or "").startswith("Deir ez")
    rec = record("The capture of Idlib by Jabhat al-Nusra gives it a road to Hama.")
    capture = next(e for e in rec.events if e.event_type == "Battles")
    assert place_name(rec, capture) == "Idlib"


def test_the_simple_present_tells_what_goes_on_but_not_in_a_headline() -> None:
    rec = record("Iran arms Hezbollah and funds the Syrian army.")
    assert {e.status for e in rec.events} == {"ongoing"}
    rec = record("Hezbollah captures Qusayr\nHezbollah fighters captured the town on Wednesday.")
    assert {e.status for e in rec.events} == {"occurred"}


def test_an_event_said_to_have_begun_goes_on() -> None:
    rec = record("The offensive by Hezbollah in Qalamoun began on Monday.")
    assert [e.status for e in rec.events] == ["ongoing"]
    rec = record("Hezbollah launched an offensive in Qalamoun on Monday.")
    assert [e.status for e in rec.events] == ["occurred"]


def test_only_a_relative_clause_of_expectation_makes_an_event_anticipated() -> None:
    rec = record("The army moves tanks ahead of an offensive in Qalamoun that both sides expect.")
    assert "anticipated" in {e.status for e in rec.events if e.event_type == "Battles"}
    rec = record("Hezbollah opened a battle in Qalamoun that both sides had been preparing.")
    assert [e.status for e in rec.events if e.event_type == "Battles"] == ["occurred"]


def test_a_target_named_by_its_side_is_that_sides_actor() -> None:
    rec = record("Syrian rebels hold Douma. The Syrian army shelled rebel positions near Douma.")
    (event,) = rec.events
    assert (event.actor1, event.actor2) == ("syrian-government-forces", "syrian-rebels")


def test_the_offensive_that_looms_is_one_expected_event() -> None:
    rec = record(
        "The Syrian army is expected to launch an offensive on Yabroud within weeks.\n"
        "An assault could push thousands more refugees into Lebanon, aid workers say."
    )
    expected = [e for e in rec.events if e.status == "anticipated"]
    assert len(expected) == 1
    assert expected[0].evidence_more


def test_a_country_gives_way_to_the_town_the_article_is_about() -> None:
    rec = record(
        "In Aleppo, residents buried their dead on Friday.\n"
        "Government air strikes in Syria killed 12 people, activists said."
    )
    strike = next(e for e in rec.events if e.sub_event_type == "Air/drone strike")
    assert place_name(rec, strike) == "Aleppo"
    assert (strike.place_basis, strike.geo_precision) == ("article", 3)


def test_the_dead_of_a_clash_are_one_of_its_sides() -> None:
    rec = record("At least 29 Syrian rebels were killed in clashes with regime troops near Aleppo.")
    (clash,) = rec.events
    assert (clash.actor1, clash.fatalities) == ("syrian-rebels", 29)
    assert clash.actor2 is not None and clash.actor2 != clash.actor1


def test_a_group_described_in_apposition_acts_as_itself() -> None:
    rec = record("Hezbollah, the Shiite group that supports Assad, shelled Zabadani.")
    support = of_type(rec, "SUPPORT")
    assert [(e.actor1, e.status) for e in support] == [("hezbollah", "ongoing")]


def test_it_in_a_clause_we_report_is_the_actor_named_before() -> None:
    rec = record("Saudi Arabia funds the rebels, and we know that it warned Hezbollah.")
    warning = of_type(rec, "THREATEN")
    assert [(e.actor1, e.actor2) for e in warning] == [("saudi-arabia", "hezbollah")]


def test_a_feared_offensive_is_expected() -> None:
    rec = record("Newcomers arrive in Arsal as fear grows of a government offensive in Qalamoun.")
    battles = [e for e in rec.events if e.event_type == "Battles"]
    assert [e.status for e in battles] == ["anticipated"]


def test_aid_and_statements_are_placed_only_by_their_own_sentence() -> None:
    rec = record("Fighting raged in Homs.\nAhrar al-Sham has been receiving aid from Turkey.")
    (aid,) = of_type(rec, "AID")
    assert (aid.place, aid.place_basis) == (None, None)
    rec = record("Iran and Saudi Arabia held talks in Geneva on the Syrian war.")
    (talks,) = of_type(rec, "CONSULT")
    assert place_name(rec, talks) == "Geneva"


def test_funders_and_patrons_support_whom_they_fund() -> None:
    rec = record(
        "Saudi Arabia ranks among the Syrian rebels' biggest funders, "
        "while Iran is the chief patron of Hezbollah."
    )
    found = sorted((e.plover, e.actor1, e.actor2, e.status) for e in rec.events)
    assert found == [
        ("AID", "saudi-arabia", "syrian-rebels", "ongoing"),
        ("SUPPORT", "iran", "hezbollah", "ongoing"),
    ]


def test_two_captures_of_two_places_in_one_sentence_are_two_events() -> None:
    rec = record("Jabhat al-Nusra captured the city of Idlib and then took Jisr al-Shughour.")
    captures = [e for e in rec.events if e.event_type == "Battles"]
    assert len(captures) == 2


def test_a_definite_event_with_its_own_place_is_not_an_earlier_one() -> None:
    rec = record(
        "Rebels attacked army positions in Daraa on Monday.\n"
        "Their strategy draws on the battle for Idlib last month."
    )
    battles = [e for e in rec.events if e.event_type == "Battles"]
    assert len(battles) == 2
    assert {e.place for e in battles} == {"geonames:170905", "geonames:169389"}  # Daraa, Idlib


def test_it_after_a_place_subject_is_no_actor() -> None:
    rec = record(
        "Ahrar al-Sham holds the hills. The valley is a corridor to Arsal, "
        "and it provides a lifeline to rebel forces."
    )
    assert not [e for e in rec.events if e.actor1 == "ahrar-al-sham" and e.plover == "AID"]
