"""PLOVER coding of diplomacy, demands, accusations, sanctions, concessions, support, aid,
retreats, threats and protests (data/events/patterns.json), through the whole pipeline.

Sentences written for these tests. Each case names the trigger words of the event, the PLOVER
type it must have and the actor (by name) that must act in it.
"""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.model import Document, Event, Record
from sitroom.pipeline import extract_one

PUBLISHED = date(2024, 3, 1)


def _record(text: str) -> Record:
    return extract_one(Document(id="plover-coverage", text=text, published=PUBLISHED))


def _event(record: Record, trigger: str) -> Event:
    found = [e for e in record.events if e.trigger is not None and e.trigger.text == trigger]
    assert found, f"no event on {trigger!r}: {[(e.trigger.text, e.plover) for e in record.events]}"
    return found[0]


def _name(record: Record, actor_id: str | None) -> str | None:
    return next((a.name for a in record.actors if a.id == actor_id), actor_id)


CASES = [
    # AGREE: future cooperative acts and offers are commitments
    ("Egypt said it will support the French proposal.", "support", "AGREE", "Egypt"),
    ("Qatar will provide food aid to displaced families in Idlib.", "provide", "AGREE", "Qatar"),
    (
        "Turkey says it is willing to withdraw its troops from northern Iraq.",
        "withdraw",
        "AGREE",
        "Turkey",
    ),
    ("Egypt is prepared to lift the ban on the Muslim Brotherhood.", "lift", "AGREE", "Egypt"),
    ("Hezbollah accepted the truce proposal on Sunday.", "accepted", "AGREE", "Hezbollah"),
    # THREATEN: conditional or future sanctions, vows of violence
    (
        "Egypt will withdraw its peacekeepers from Sudan unless a ceasefire is agreed.",
        "withdraw",
        "THREATEN",
        "Egypt",
    ),
    ("Hezbollah said it would boycott the cabinet session.", "boycott", "THREATEN", "Hezbollah"),
    (
        "Islamic State vowed to avenge the death of its leader.",
        "vowed",
        "THREATEN",
        "Islamic State",
    ),
    # CONCEDE: demands accepted, restrictions lifted
    (
        "The Lebanese government accepted demands from the protesters to hold early elections.",
        "accepted",
        "CONCEDE",
        "Lebanon",
    ),
    ("Iraq lifted the curfew in Baghdad on Sunday.", "lifted", "CONCEDE", "Iraq"),
    # RETREAT: sieges lifted, positions evacuated, resignations
    (
        "Syrian government forces lifted the siege of Madaya.",
        "lifted",
        "RETREAT",
        "Syrian government forces",
    ),
    (
        "Russian troops evacuated their base near Kobani.",
        "evacuated",
        "RETREAT",
        "Russian Armed Forces",
    ),
    ("Lebanese Prime Minister Saad Hariri resigned on Saturday.", "resigned", "RETREAT", "Lebanon"),
    # REQUEST: 'X said Y must ...'
    (
        "Saudi Arabia said Hezbollah must withdraw its fighters from Syria.",
        "said",
        "REQUEST",
        "Saudi Arabia",
    ),
    # REJECT
    ("Iran declined to sign the agreement.", "declined", "REJECT", "Iran"),
    # ACCUSE: diplomatic protests, summoned envoys
    ("Egypt lodged a formal protest with Israel over the raid.", "lodged", "ACCUSE", "Egypt"),
    (
        "Egypt summoned the Turkish ambassador to complain about the remarks.",
        "summoned",
        "ACCUSE",
        "Egypt",
    ),
    # SANCTION
    ("The European Union imposed sanctions on Iran.", "imposed", "SANCTION", "European Union"),
    ("Saudi Arabia recalled its ambassador from Beirut.", "recalled", "SANCTION", "Saudi Arabia"),
    # SUPPORT: recognition and diplomatic ties
    ("Iraq recognized the independence of Kosovo.", "recognized", "SUPPORT", "Iraq"),
    ("Russia opened an embassy in Damascus.", "opened", "SUPPORT", "Russia"),
    ("Egypt established diplomatic ties with Qatar.", "established", "SUPPORT", "Egypt"),
    # AID
    ("Iran gave Hezbollah millions of dollars in aid.", "gave", "AID", "Iran"),
    ("Turkey granted asylum to 20 Syrian army officers.", "granted", "AID", "Turkey"),
    # CONSULT
    (
        "Qatar launched a mediation effort between Hamas and Fatah.",
        "mediation",
        "CONSULT",
        "Qatar",
    ),
    # COOPERATE
    (
        "Egypt shared intelligence with Saudi Arabia about the plans.",
        "shared",
        "COOPERATE",
        "Egypt",
    ),
    # PROTEST: obstruction
    (
        "Protesters blocked the main highway to the airport in Beirut.",
        "blocked",
        "PROTEST",
        "protesters",
    ),
    # COERCE: curfews, censorship
    (
        "The Iraqi army imposed a curfew in Mosul after the bombing.",
        "imposed",
        "COERCE",
        "Iraqi Army",
    ),
    (
        "Egypt suspended the publication of two opposition newspapers.",
        "suspended",
        "COERCE",
        "Egypt",
    ),
]


@pytest.mark.parametrize(("text", "trigger", "plover", "actor1"), CASES)
def test_plover_type_and_actor(text: str, trigger: str, plover: str, actor1: str) -> None:
    record = _record(text)
    event = _event(record, trigger)
    assert event.plover == plover
    assert _name(record, event.actor1) == actor1


def test_future_withdrawal_unless_is_a_threat_not_a_retreat() -> None:
    record = _record(
        "Egypt will withdraw its peacekeepers from Sudan unless a ceasefire is agreed."
    )
    assert not [e for e in record.events if e.plover == "RETREAT"]


def test_a_vow_of_violence_absorbs_the_violence_it_promises() -> None:
    record = _record("Islamic State vowed to avenge the death of its leader.")
    assert [e.plover for e in record.events] == ["THREATEN"]
    assert record.events[0].status == "threatened"


def test_a_promise_of_aid_is_no_threat() -> None:
    record = _record("Iran promised to continue military aid to war-torn Syria.")
    assert "THREATEN" not in {e.plover for e in record.events}


def test_accepted_demands_tell_no_demand() -> None:
    record = _record(
        "The Lebanese government accepted demands from the protesters to hold early elections."
    )
    assert "REQUEST" not in {e.plover for e in record.events}


def test_declining_to_comment_is_no_rejection() -> None:
    record = _record("Turkey declined to comment on the report.")
    assert not [e for e in record.events if e.plover == "REJECT"]


def test_a_call_to_step_down_is_no_resignation() -> None:
    record = _record("The United States has long called on Assad to step down.")
    assert not [e for e in record.events if e.plover == "RETREAT"]


def test_a_protest_lodged_over_a_raid_does_not_make_the_protester_the_raider() -> None:
    record = _record("Egypt lodged a formal protest with Israel over the raid.")
    raids = [e for e in record.events if e.trigger is not None and e.trigger.text == "raid"]
    assert all(_name(record, e.actor1) != "Egypt" for e in raids)


def test_a_street_protest_reported_by_officials_stays_a_protest() -> None:
    record = _record("Hundreds of students protested in Lahore on Tuesday, officials said.")
    assert "PROTEST" in {e.plover for e in record.events}
    assert "ACCUSE" not in {e.plover for e in record.events}


def test_a_demand_said_with_must_leaves_the_events_of_its_sentence() -> None:
    record = _record(
        "Russia said on Wednesday that the rebels must leave Aleppo, citing rebel shelling "
        "of the city."
    )
    assert "REQUEST" in {e.plover for e in record.events}
    assert "ASSAULT" in {e.plover for e in record.events}


def test_the_end_of_a_truce_is_no_agreement() -> None:
    record = _record("The Syrian army announced the end of the truce in Aleppo.")
    assert [e.plover for e in record.events] == ["REJECT"]
