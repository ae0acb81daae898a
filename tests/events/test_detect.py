"""Event detection on sentences written for these tests, with real spaCy.

Actors and places are built by hand (their mentions found with str.find), so these tests
check the event stage alone: coding, roles, status, dates, fatalities and offsets.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from sitroom import model, nlp
from sitroom.events.detect import detect_events, patterns
from sitroom.model import ACLED_TYPES, Actor, Article, Event, Place, Record
from sitroom.stages import StageContext

PLOVER_TYPES = set(model.PloverType.__args__)  # type: ignore[attr-defined]

ACTORS = {
    # id: (kind, surface forms)
    "syrian-army": (
        "state_forces",
        [
            "government troops",
            "Government troops",
            "the army",
            "army",
            "government forces",
            "Government forces",
        ],
    ),
    "insurgents": ("rebel_group", ["insurgents", "Insurgents"]),
    "levant-front": ("rebel_group", ["Levant Front"]),
    "free-army": ("rebel_group", ["Free Army"]),
    "cedar-militia": ("political_militia", ["militia", "Cedar Militia"]),
    "iran": ("state", ["Iran"]),
    "police": ("state_forces", ["Police", "police"]),
    "residents": ("civilians", ["residents"]),
}
PLACES = [
    "Rastan",
    "Jisr al-Shughour",
    "Palmyra",
    "Homs",
    "Daraya",
    "Aleppo",
    "Douma",
    "Idlib",
    "Hama",
    "Houla",
    "Suwayda",
    "Damascus",
    "Zabadani",
    "Tal Kalakh",
]


def _find_all(text: str, needle: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(re.escape(needle), text):
        s, e = m.span()
        before = text[s - 1] if s else " "
        after = text[e] if e < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            spans.append((s, e))
    return spans


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return sorted(
        {s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)}
    )


def context(text: str, published: str = "2015-05-06") -> StageContext:
    """A StageContext with real spaCy and hand-made actor and place records."""
    article = Article(id="t", sha256="x", text=text, published=published)
    record = Record(article=article)
    for actor_id, (kind, forms) in ACTORS.items():
        spans = _outermost([s for f in forms for s in _find_all(text, f)])
        if spans:
            record.actors.append(Actor(id=actor_id, name=actor_id, kind=kind, mentions=spans))
    for name in PLACES:
        spans = _find_all(text, name)
        if spans:
            record.places.append(Place(id=name.lower(), name=name, mentions=spans))
    return StageContext(doc=nlp.load()(text), article=article, record=record)


def events(text: str, published: str = "2015-05-06") -> list[Event]:
    ctx = context(text, published)
    found = detect_events(ctx)
    for ev in found:
        assert text[ev.evidence.start : ev.evidence.end] == ev.evidence.text
        assert ev.sub_event_type in ACLED_TYPES[ev.event_type]
        assert ev.plover in PLOVER_TYPES
        assert re.fullmatch(r"ev-[0-9a-f]{12}", ev.id)
        assert 0.0 < ev.confidence < 1.0
    return found


def only(text: str, published: str = "2015-05-06") -> Event:
    found = events(text, published)
    assert len(found) == 1, [(e.event_type, e.sub_event_type, e.evidence.text) for e in found]
    return found[0]


# ---------------------------------------------------------------------------------------------
# data


def test_every_trigger_is_coded_as_the_contract_spells_it() -> None:
    p = patterns()
    triggers = [t for group in p.by_lemma.values() for t in group]
    assert len(triggers) > 80
    for t in triggers:
        assert t.sub_event_type in ACLED_TYPES[t.event_type], t.id
        assert t.plover in PLOVER_TYPES, t.id
    ids = [t.id for t in triggers]
    assert len(ids) == len(set(ids))
    for r in p.refinements:
        coding = r.coding
        assert coding["sub_event_type"] in ACLED_TYPES[coding["event_type"]]
        assert coding["plover"] in PLOVER_TYPES
        assert r.triggers <= set(ids), r.triggers - set(ids)


# ---------------------------------------------------------------------------------------------
# coding and roles


def test_active_clash_with_roles_place_date_and_deaths() -> None:
    ev = only(
        "Government troops clashed with insurgents near Rastan on Tuesday, "
        "killing 14 fighters, a monitoring group said."
    )
    assert (ev.event_type, ev.sub_event_type, ev.plover) == ("Battles", "Armed clash", "ASSAULT")
    assert (ev.actor1, ev.actor2) == ("syrian-army", "insurgents")
    assert ev.place == "rastan"
    assert (ev.date, ev.date_precision) == ("2015-05-05", "day")
    assert ev.fatalities == 14
    assert ev.status == "occurred"


def test_passive_sentence_puts_the_agent_first() -> None:
    ev = only("Government troops were attacked by insurgents in Homs on Sunday.")
    assert (ev.actor1, ev.actor2) == ("insurgents", "syrian-army")
    assert ev.place == "homs"
    assert ev.date == "2015-05-03"


def test_noun_trigger_takes_the_actor_of_its_light_verb() -> None:
    ev = only("Insurgents launched a surprise assault on army positions outside Idlib.")
    assert (ev.event_type, ev.sub_event_type) == ("Battles", "Armed clash")
    assert (ev.actor1, ev.actor2) == ("insurgents", "syrian-army")
    assert ev.place == "idlib"


def test_a_rebel_takeover_and_a_government_recapture() -> None:
    taken = only("Insurgents captured Jisr al-Shughour from government troops last month.")
    assert taken.sub_event_type == "Non-state actor overtakes territory"
    assert (taken.actor1, taken.actor2) == ("insurgents", "syrian-army")
    assert (taken.date, taken.date_end, taken.date_precision) == (
        "2015-04-01",
        "2015-04-30",
        "month",
    )
    back = only("Government troops recaptured Palmyra from the insurgents on Friday.")
    assert back.sub_event_type == "Government regains territory"
    assert (back.actor1, back.actor2, back.place) == ("syrian-army", "insurgents", "palmyra")
    assert back.date == "2015-05-01"


def test_the_government_side_regains_territory_with_its_allies() -> None:
    ev = only("The Cedar Militia and government troops captured Zabadani on Saturday.")
    assert ev.sub_event_type == "Government regains territory"
    assert ev.actor1 == "cedar-militia"
    assert ev.associated_actors == ["syrian-army"]


def test_a_pronoun_subject_is_the_actor_who_reports() -> None:
    ev = only("The army said on Sunday that it had recaptured Palmyra.")
    assert (ev.sub_event_type, ev.actor1) == ("Government regains territory", "syrian-army")


def test_a_raised_subject_is_the_actor() -> None:
    ev = only("The army is expected to advance on Daraya.")
    assert (ev.actor1, ev.status, ev.place) == ("syrian-army", "anticipated", "daraya")


def test_took_control_is_one_trigger() -> None:
    found = events("The Levant Front took control of Tal Kalakh after a week of fighting.")
    takeover = [ev for ev in found if ev.sub_event_type == "Non-state actor overtakes territory"]
    assert len(takeover) == 1
    assert (takeover[0].actor1, takeover[0].place) == ("levant-front", "tal kalakh")
    # the week of fighting the takeover ended is the takeover, as ACLED codes it
    assert len(found) == 1


def test_claimed_suicide_bombing_kills_one() -> None:
    text = (
        "The Levant Front claimed responsibility for a suicide bombing in Homs "
        "that killed a police colonel."
    )
    ev = only(text)
    assert (ev.event_type, ev.sub_event_type) == ("Explosions/Remote violence", "Suicide bomb")
    assert (ev.plover, ev.mode) == ("ASSAULT", "suicide")
    assert ev.actor1 == "levant-front"
    assert ev.place == "homs"
    assert ev.fatalities == 1


def test_warplanes_make_a_bombing_an_air_strike() -> None:
    ev = only("At least 23 people were killed when warplanes bombed a market in Douma on Sunday.")
    assert (ev.event_type, ev.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert ev.mode == "aerial"
    assert ev.fatalities == 23
    assert (ev.place, ev.date) == ("douma", "2015-05-03")


def test_rocket_fire_is_shelling() -> None:
    ev = only("Insurgents fired rockets at government forces in Zabadani.")
    assert ev.sub_event_type == "Shelling/artillery/missile attack"
    assert (ev.actor1, ev.actor2) == ("insurgents", "syrian-army")


def test_aid_goes_from_giver_to_receiver() -> None:
    ev = only("The Cedar Militia has been receiving aid from Iran.")
    assert (ev.plover, ev.event_type, ev.sub_event_type) == (
        "AID",
        "Strategic developments",
        "Other",
    )
    assert (ev.actor1, ev.actor2) == ("iran", "cedar-militia")
    assert ev.status == "ongoing"


def test_arrests_and_protests() -> None:
    arrest = only("Police arrested 30 protesters in Hama on Friday.")
    assert (arrest.sub_event_type, arrest.plover, arrest.mode) == ("Arrests", "COERCE", "arrest")
    assert arrest.actor1 == "police"
    protest = only("Thousands of residents staged a protest in Suwayda against the army.")
    assert (protest.event_type, protest.plover) == ("Protests", "PROTEST")
    assert protest.place == "suwayda"


def test_an_attack_on_civilians_is_violence_against_civilians() -> None:
    ev = only("Gunmen killed five civilians in Houla.")
    assert (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Attack")
    assert ev.fatalities == 5


def test_clashes_between_two_sides() -> None:
    ev = only("Fierce clashes between the army and insurgents erupted in Aleppo.")
    assert (ev.actor1, ev.actor2, ev.place) == ("syrian-army", "insurgents", "aleppo")


def test_two_triggers_for_one_event_are_merged() -> None:
    ev = only("Heavy fighting and clashes between the army and insurgents shook Daraya.")
    assert ev.sub_event_type == "Armed clash"
    assert ev.place == "daraya"


# ---------------------------------------------------------------------------------------------
# status


@pytest.mark.parametrize(
    "text",
    [
        "Government forces are gearing up for a major offensive on Daraya.",
        "Government forces are expected to launch an offensive on Daraya in the coming weeks.",
        "The militia is preparing for a battle in Zabadani.",
        "An offensive on Daraya could begin within days, the Free Army believes.",
        "The upcoming offensive on Daraya will test the militia.",
        "Insurgents hope to capture Rastan before the summer.",
        "The army plans to retake Palmyra.",
    ],
)
def test_expected_events_are_never_occurred(text: str) -> None:
    found = events(text)
    expected = [ev for ev in found if ev.plover != "MOBILIZE"]  # the preparing itself is real
    assert expected, text
    assert all(ev.status == "anticipated" for ev in expected), [
        (e.status, e.sub_event_type) for e in found
    ]


def test_preparing_for_a_battle_is_mobilisation_going_on() -> None:
    found = events("The militia is preparing for a battle in Zabadani.")
    assert sorted((e.plover, e.status) for e in found) == [
        ("ASSAULT", "anticipated"),
        ("MOBILIZE", "ongoing"),
    ]


def test_a_warning_is_threatened_and_so_is_what_it_warns_of() -> None:
    found = events("The Free Army warned the militia that its fighters would storm Rastan.")
    warning = [ev for ev in found if ev.plover == "THREATEN"]
    assert len(warning) == 1
    assert warning[0].status == "threatened"
    assert (warning[0].actor1, warning[0].actor2) == ("free-army", "cedar-militia")
    assert all(ev.status != "occurred" for ev in found)


def test_ongoing_fighting() -> None:
    ev = only("Insurgents are fighting government troops in the suburbs of Damascus.")
    assert ev.status == "ongoing"
    assert (ev.actor1, ev.actor2, ev.place) == ("insurgents", "syrian-army", "damascus")
    assert only("Clashes between the army and insurgents continue in Aleppo.").status == "ongoing"


def test_a_past_battle_that_a_future_one_may_resemble_stays_occurred() -> None:
    found = events(
        "The coming battle in Zabadani is likely to resemble the bloody siege and battle for Homs."
    )
    status = {ev.place: ev.status for ev in found}
    assert status == {"zabadani": "anticipated", "homs": "occurred"}


# ---------------------------------------------------------------------------------------------
# dates and fatalities


def test_dates_resolve_against_publication() -> None:
    assert only("Insurgents shelled Hama over the weekend.").date == "2015-05-02"
    weekend = only("Insurgents shelled Hama over the weekend.")
    assert (weekend.date_end, weekend.date_precision) == ("2015-05-03", "week")
    spring = only("Government troops have besieged and bombarded Daraya since September.")
    assert (spring.date, spring.date_end, spring.date_precision) == (
        "2014-09-01",
        "2015-05-06",
        "month",
    )
    assert only("Insurgents shelled Hama.").date is None


def test_no_publication_date_keeps_relative_dates_unresolved() -> None:
    ctx = context("Insurgents shelled Hama on Monday.", published=None)  # type: ignore[arg-type]
    assert ctx.published is None
    (ev,) = detect_events(ctx)
    assert ev.date is None and ev.date_precision is None


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Dozens of civilians died in the shelling of Idlib.", 12),
        ("Between 10 and 15 soldiers were killed in an ambush by insurgents near Hama.", 10),
        ("The blast in Homs killed at least five people, though activists put the toll at 11.", 5),
        ("Hundreds were killed in the massacre at Houla.", 100),
        ("Insurgents shelled government positions in Hama on Monday.", None),
        ("An air strike on Douma killed two children and their mother.", 3),
    ],
)
def test_fatalities_are_conservative(text: str, dead: int | None) -> None:
    assert only(text).fatalities == dead


# ---------------------------------------------------------------------------------------------
# what is not an event


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the talks were productive.",
        "Analysts reported that the economy was in trouble.",
        "She said the battle against corruption would be long.",
        "The insurgents did not attack the base in Hama.",
        "No clashes were reported in Aleppo.",
        "It is a fight for the soul of the party.",
    ],
)
def test_not_events(text: str) -> None:
    assert events(text) == []


# ---------------------------------------------------------------------------------------------
# ids and offsets


def test_ids_are_stable_and_evidence_is_the_sentence() -> None:
    text = (
        "Aleppo was calm on Monday.\n\nInsurgents shelled Hama on Tuesday. "
        "Government troops recaptured Palmyra from the insurgents on Friday."
    )
    first = events(text)
    second = events(text)
    assert [e.id for e in first] == [e.id for e in second]
    assert len({e.id for e in first}) == len(first) == 2
    assert first[0].evidence.text == "Insurgents shelled Hama on Tuesday."
    assert first[1].evidence.text.startswith("Government troops recaptured")
    assert first[1].evidence.end == len(text)


def test_published_date_used_is_the_articles() -> None:
    ctx = context("Insurgents shelled Hama on Monday.", published="2013-11-13")
    assert ctx.published == date(2013, 11, 13)
    (ev,) = detect_events(ctx)
    assert ev.date == "2013-11-11"


# ---------------------------------------------------------------------------------------------
# the seeds, through the whole pipeline


def test_seeds_keep_expected_events_apart_and_offsets_exact(seed_records: list[Record]) -> None:
    assert len(seed_records) == 2
    for record in seed_records:
        text = record.article.text
        for ev in record.events:
            assert text[ev.evidence.start : ev.evidence.end] == ev.evidence.text
            assert ev.sub_event_type in ACLED_TYPES[ev.event_type]
            if "gearing up" in ev.evidence.text:
                assert ev.status != "occurred", ev.evidence.text
        for claim in record.claims:
            assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text
            assert claim.text in claim.evidence.text
    events_ = [ev for record in seed_records for ev in record.events]
    assert any("gearing up" in ev.evidence.text for ev in events_)
    assert any(ev.status == "occurred" for ev in events_)
    assert any(c.value == 40000 and c.unit == "fighters" for r in seed_records for c in r.claims)
