"""The actor knowledge base: what it knows, how it is looked up, and how bad files fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.actors import kb
from sitroom.datafiles import DataFileError


@pytest.fixture(scope="module")
def base() -> kb.KnowledgeBase:
    return kb.load()


def ids(actors: list[kb.KBActor]) -> list[str]:
    return [a.id for a in actors]


def test_default_knowledge_base_is_large_and_consistent(base):
    assert len(base.actors) >= 150
    assert len(base.people) >= 30
    for actor in base.actors.values():
        assert actor.kind in kb.KINDS
        if actor.parent:
            assert actor.parent in base.actors
            assert actor.parent_relation in {"branch_of", "member_of"}
    for person in base.people.values():
        assert person.affiliation is None or person.affiliation in base.actors


def test_parents_and_children(base):
    nusra = base.actors["jabhat-al-nusra"]
    assert (nusra.parent, nusra.parent_relation) == ("al-qaeda", "branch_of")
    assert base.actors["ypg"].parent == "syrian-democratic-forces"
    assert "jabhat-al-nusra" in ids(base.children("al-qaeda"))
    assert {"kataib-hezbollah", "asaib-ahl-al-haq"} <= set(
        ids(base.children("popular-mobilization-forces"))
    )


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("Jabhat al-Nusra", "jabhat-al-nusra"),
        ("Jabhat al Nusra", "jabhat-al-nusra"),
        ("Jabhat-al Nusra", "jabhat-al-nusra"),
        ("jabhat alNusra", "jabhat-al-nusra"),
        ("the al-Nusra Front", "jabhat-al-nusra"),
        ("Nusra", "jabhat-al-nusra"),
        ("Nusra's", "jabhat-al-nusra"),
        ("Jabhat Fateh al-Sham", "jabhat-al-nusra"),
        ("Hayat Tahrir al-Sham", "hayat-tahrir-al-sham"),
        ("Hay’at Tahrir al-Sham", "hayat-tahrir-al-sham"),
        ("HTS", "hayat-tahrir-al-sham"),
        ("Hezbollah", "hezbollah"),
        ("Hizbollah", "hezbollah"),
        ("Hizballah", "hezbollah"),
        ("Hizbullah", "hezbollah"),
        ("Hezbollah's", "hezbollah"),
        ("Kataib Hezbollah", "kataib-hezbollah"),
        ("ISIS", "islamic-state"),
        ("ISIL", "islamic-state"),
        ("Daesh", "islamic-state"),
        ("Da'esh", "islamic-state"),
        ("the Islamic State", "islamic-state"),
        ("Islamic State of Iraq and the Levant", "islamic-state"),
        ("IS", "islamic-state"),
        ("YPG", "ypg"),
        ("People's Protection Units", "ypg"),
        ("SDF", "syrian-democratic-forces"),
        ("Syrian Democratic Forces", "syrian-democratic-forces"),
        ("Jaish al-Islam", "jaish-al-islam"),
        ("Jaish al Islam", "jaish-al-islam"),
        ("Jaish-al-Islam", "jaish-al-islam"),
        ("Army of Islam", "jaish-al-islam"),
        ("Ahrar ash-Sham", "ahrar-al-sham"),
        ("Ahrar al Sham", "ahrar-al-sham"),
        ("Army of Conquest", "jaish-al-fatah"),
        ("Syrian Arab Army", "syrian-government-forces"),
        ("Assad's forces", "syrian-government-forces"),
        ("Quds Force", "quds-force"),
        ("Médecins Sans Frontières", "msf"),
        ("Medecins Sans Frontieres", "msf"),
        ("Syrian Observatory for Human Rights", "syrian-observatory-for-human-rights"),
        ("Syrian rebels", "syrian-rebels"),
    ],
)
def test_lookup_brings_spellings_together(base, text, actor_id):
    assert ids(base.lookup(text)) == [actor_id]


def test_cased_aliases_match_only_in_their_case(base):
    assert ids(base.lookup("US")) == ["united-states"]
    assert base.lookup("us") == []
    assert base.lookup("is") == []
    assert base.lookup("who") == []


def test_ambiguous_alias_returns_every_actor(base):
    assert set(ids(base.lookup("ISF"))) == {
        "iraqi-security-forces",
        "lebanese-internal-security-forces",
    }
    assert len(base.lookup("SNC")) == 2


def test_generic_collectives_are_marked(base):
    assert base.actors["shia-militias"].generic
    assert base.actors["syrian-rebels"].kind == "rebel_group"
    assert not base.actors["hezbollah"].generic


def test_people_by_name_and_surname(base):
    assert [p.id for p in base.lookup_person("Assad")] == ["bashar-al-assad"]
    assert [p.id for p in base.lookup_person("Nasrallah's")] == ["hassan-nasrallah"]
    julani = base.lookup_person("Abu Mohammed al-Julani")[0]
    assert julani.affiliation == "hayat-tahrir-al-sham"
    assert base.lookup_person("Zahran Alloush")[0].affiliation == "jaish-al-islam"


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("Jabhat al Nusrah", "jabhat-al-nusra"),
        ("Hezbolla", "hezbollah"),
        ("Kataib Hezballah", "kataib-hezbollah"),
        ("Faylaq al-Rahmaan", "faylaq-al-rahman"),
        ("Ahrar al-Shams", "ahrar-al-sham"),
        ("Liwa Fatemiyun", "liwa-fatemiyoun"),
    ],
)
def test_fuzzy_finds_transliteration_variants(base, text, actor_id):
    hits = base.fuzzy(text)
    assert hits and hits[0][0].id == actor_id
    assert hits[0][1] >= 90


@pytest.mark.parametrize(
    "text", ["Amaq", "Amal", "Bard", "Jund al-Sham", "Jabhat al-Sham", "Liwa al-Haqq"]
)
def test_fuzzy_does_not_match_unrelated_names(base, text):
    assert base.fuzzy(text) == []


def test_aliases_feed_a_phrase_matcher(base):
    pairs = set(base.aliases())
    assert ("Hizballah", "hezbollah") in pairs
    assert ("Jabhat al-Nusra", "jabhat-al-nusra") in pairs
    assert ("IS", "islamic-state") in pairs


def write(tmp_path: Path, body: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_user_file_adds_and_overrides(tmp_path):
    mine = write(
        tmp_path,
        """
[[actor]]
id = "liwa-al-ghadab"
name = "Liwa al-Ghadab"
kind = "rebel_group"
country = "SY"
parent = "free-syrian-army"
parent_relation = "member_of"
aliases = ["Wrath Brigade"]

[[actor]]
id = "hezbollah"
name = "Hezbollah"
kind = "political_party"
country = "LB"
aliases = ["Hizb Allah al-Lubnani"]
""",
    )
    base = kb.load(extra=[mine])
    assert ids(base.lookup("Wrath Brigade")) == ["liwa-al-ghadab"]
    assert "liwa-al-ghadab" in ids(base.children("free-syrian-army"))
    assert base.actors["hezbollah"].kind == "political_party"
    assert ids(base.lookup("Hizb Allah al-Lubnani")) == ["hezbollah"]
    # The default set is untouched.
    assert kb.load().actors["hezbollah"].kind == "political_militia"


BAD_ENTRIES = {
    "duplicate id": (
        """
[[actor]]
id = "twin"
name = "Twin Brigade"
kind = "rebel_group"

[[actor]]
id = "twin"
name = "Twin Battalion"
kind = "rebel_group"
""",
        "duplicate id",
    ),
    "unknown kind": (
        """
[[actor]]
id = "odd-group"
name = "Odd Group"
kind = "warlords"
""",
        "unknown kind 'warlords'",
    ),
    "bad country": (
        """
[[actor]]
id = "nowhere-brigade"
name = "Nowhere Brigade"
kind = "rebel_group"
country = "XX"
""",
        "country 'XX'",
    ),
    "missing parent": (
        """
[[actor]]
id = "orphan-brigade"
name = "Orphan Brigade"
kind = "rebel_group"
parent = "no-such-front"
parent_relation = "member_of"
""",
        "parent 'no-such-front'",
    ),
    "bad relation": (
        """
[[actor]]
id = "odd-branch"
name = "Odd Branch"
kind = "rebel_group"
parent = "al-qaeda"
parent_relation = "friend_of"
""",
        "parent_relation 'friend_of'",
    ),
    "alias collision": (
        """
[[actor]]
id = "copycat-front"
name = "Copycat Front"
kind = "rebel_group"
aliases = ["Hizballah"]
""",
        "alias 'Hizballah' is also claimed by 'hezbollah'",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_ENTRIES))
def test_validation_errors_name_file_and_entry(tmp_path, case):
    body, message = BAD_ENTRIES[case]
    path = write(tmp_path, body, name="broken.toml")
    with pytest.raises(DataFileError) as error:
        kb.load(extra=[path])
    text = str(error.value)
    assert str(path) in text
    assert message in text
    entry_id = body.split('id = "')[1].split('"')[0]
    assert repr(entry_id) in text


def test_ambiguous_alias_must_be_declared_by_both(tmp_path):
    path = write(
        tmp_path,
        """
[[actor]]
id = "syrian-medical-council"
name = "Syrian Medical Council"
kind = "organization"
aliases = ["SMC"]
ambiguous_aliases = ["SMC"]
""",
    )
    assert len(kb.load(extra=[path]).lookup("SMC")) == 3


def test_small_default_set_fails_the_counts_check(tmp_path, monkeypatch):
    folder = tmp_path / "actors" / "kb"
    folder.mkdir(parents=True)
    (folder / "tiny.toml").write_text(
        '[[actor]]\nid = "lone"\nname = "Lone Brigade"\nkind = "rebel_group"\n', encoding="utf-8"
    )
    monkeypatch.setenv("SITROOM_DATA", str(tmp_path))
    kb._default.cache_clear()
    try:
        with pytest.raises(DataFileError, match="only 1 actors"):
            kb.load()
    finally:
        monkeypatch.delenv("SITROOM_DATA")
        kb._default.cache_clear()
