"""Which place an event's own sentence ties it to (sitroom.events.locate.place_of), through the
whole pipeline: a name read through the ground noun it names, the finer of two places in one
phrase, names that only tell whose or where from, and places in another clause.

`own_place` is the place the event's sentence gives (place_basis "sentence"); a place found
later from the paragraph or the article's focus is not the sentence's.
"""

from __future__ import annotations

from sitroom.model import Document, Event, Record
from sitroom.pipeline import extract_one


def record(text: str) -> Record:
    return extract_one(Document(id="t", text=text, published="2016-03-09"))


def own_place(rec: Record, event: Event) -> str | None:
    if event.place_basis != "sentence":
        return None
    return next((p.name for p in rec.places if p.id == event.place), None)


def only_event(rec: Record, plover: str = "ASSAULT") -> Event:
    found = [e for e in rec.events if e.plover == plover]
    assert len(found) == 1, [(e.trigger, e.plover) for e in rec.events]
    return found[0]


# --- a name read through the ground noun it names --------------------------------------------


def test_the_city_of_a_place_is_governed_like_the_place() -> None:
    rec = record("Insurgents ambushed a police convoy in the city of Tikrit on Sunday.")
    assert (own_place(rec, only_event(rec)) or "").startswith("Tikr")


def test_a_participle_shares_the_place_of_its_clause() -> None:
    rec = record("A suicide bomber blew himself up at a market in Kirkuk, killing twelve people.")
    assert own_place(rec, only_event(rec)) == "Kirkuk"


def test_what_is_bombed_is_where_it_happens() -> None:
    rec = record("Government warplanes bombed Douma on Tuesday.")
    assert (own_place(rec, only_event(rec)) or "").startswith("D")


# --- the finer of two places in one phrase ----------------------------------------------------


def test_a_named_district_wins_over_the_city_it_lies_in() -> None:
    rec = record("A car bomb exploded in the Karrada district of Baghdad on Monday.")
    assert own_place(rec, only_event(rec)) == "Karrada"


def test_a_region_before_a_settlement_holds_it() -> None:
    rec = record("Israeli troops raided the West Bank city of Nablus on Tuesday.")
    assert own_place(rec, only_event(rec)) == "Nablus"


def test_a_reference_point_gives_way_to_the_place_it_locates() -> None:
    rec = record("A roadside bomb exploded near Tal Afar, west of Mosul, on Monday.")
    assert "Afar" in (own_place(rec, only_event(rec)) or "")


def test_the_country_gives_way_to_the_town_in_it() -> None:
    rec = record("Militants attacked a checkpoint in the town of Arsal in Lebanon on Friday.")
    place = own_place(rec, only_event(rec))
    assert place is not None and place != "Lebanon"


# --- names that tell whose, or where from -----------------------------------------------------


def test_a_place_that_describes_the_victim_is_not_where_he_was_killed() -> None:
    rec = record("Islamic State gunmen killed a Mosul businessman on Tuesday.")
    assert own_place(rec, only_event(rec)) is None


def test_where_the_fighters_came_from_is_not_where_they_attacked() -> None:
    rec = record("Islamic State fighters from Chechnya attacked an army checkpoint on Sunday.")
    assert own_place(rec, only_event(rec)) is None


def test_a_country_before_an_air_strike_is_whose_it_is() -> None:
    rec = record("A US airstrike killed three Islamic State commanders on Thursday.")
    assert own_place(rec, only_event(rec)) is None


# --- places in another clause -------------------------------------------------------------------


def test_where_the_source_is_does_not_place_what_it_reports() -> None:
    rec = record(
        "Rebels shelled government positions on Monday, a military source in Damascus "
        "told reporters."
    )
    assert own_place(rec, only_event(rec)) is None


def test_a_clause_of_another_time_places_another_happening() -> None:
    rec = record(
        "Hezbollah fighters ambushed an army patrol on Friday, a week after the government "
        "had announced new elections in Beirut."
    )
    assert own_place(rec, only_event(rec)) is None


def test_what_a_relative_clause_tells_of_a_person_does_not_place_the_arrest() -> None:
    rec = record("Turkish police arrested a Syrian man who had lived in Aleppo for years.")
    arrest = next(e for e in rec.events if e.sub_event_type == "Arrests")
    assert own_place(rec, arrest) is None


def test_a_warning_is_placed_by_what_it_warns_of() -> None:
    rec = record("Hezbollah warned that any attack would bring reprisals in the Bekaa Valley.")
    warning = only_event(rec, "THREATEN")
    assert own_place(rec, warning) == "Bekaa Valley"
