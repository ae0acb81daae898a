"""People the knowledge base knows: one id across articles, leaders linked to their group."""

from __future__ import annotations

from tests.actors.helpers import person, run


def test_a_known_leader_is_linked_to_his_group() -> None:
    record = run(
        "In a televised speech, Hasan Nasrallah told supporters the fight would go on. "
        "Nasrallah did not say when."
    )
    found = person(record, "hassan-nasrallah")
    assert found.name == "Hassan Nasrallah"
    assert found.affiliation == "Hezbollah"
    assert len(found.mentions) == 2


def test_the_texts_own_affiliation_and_title_win() -> None:
    record = run("Zahran Alloush, a Jaish al-Islam commander, toured the front near Douma.")
    found = person(record, "zahran-alloush")
    assert found.title == "commander"
    assert found.affiliation == "Jaish al-Islam"


def test_an_unknown_person_keeps_the_texts_name() -> None:
    record = run("Karim Haddad, a farmer from Flita, said the shelling stopped at dawn.")
    found = person(record, "karim-haddad")
    assert found.name == "Karim Haddad" and found.affiliation is None
