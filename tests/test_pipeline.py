"""The whole pipeline on the seeds and the bundled examples, read as an analyst would."""

from __future__ import annotations

from sitroom.model import Record
from tests.conftest import assert_valid


def _by_id(records: list[Record]) -> dict[str, Record]:
    return {r.article.id: r for r in records}


def test_every_example_and_seed_record_meets_the_contract(
    example_records: list[Record], seed_records: list[Record]
) -> None:
    assert len(example_records) >= 8 and len(seed_records) == 2
    for record in example_records + seed_records:
        assert_valid(record)


def test_examples_cover_every_input_format(example_records: list[Record]) -> None:
    records = _by_id(example_records)
    html = records["2015-05-08-orontes-review-rebel-coordination"].article
    assert html.source == "Orontes Review" and html.url and html.published == "2015-05-08"
    feed = [r.article for r in example_records if r.article.id.startswith("2015-05-04-northern")]
    assert len(feed) == 3 and all(a.url and a.title and a.published for a in feed)
    sidecar = records["2015-05-05-levant-wire-qalamoun-battle-begins"].article
    assert (sidecar.source, sidecar.published, sidecar.published_inferred) == (
        "Levant Wire",
        "2015-05-05",
        False,
    )


def test_publication_date_is_inferred_when_not_given(example_records: list[Record]) -> None:
    article = _by_id(example_records)["2015-05-12-tallet-moussa-captured"].article
    assert article.published == "2015-05-12" and article.published_inferred is True


def test_seeds_name_the_war_an_analyst_expects(seed_records: list[Record]) -> None:
    actors = {a.id for r in seed_records for a in r.actors}
    places = {p.name for r in seed_records for p in r.places}
    people = {p.name for r in seed_records for p in r.people}
    assert {"hezbollah", "jabhat-al-nusra"} <= actors
    assert {"Damascus", "Qalamoun", "Lebanon", "Syria", "Aleppo"} <= places
    assert "Phillip Smyth" in people
    statuses = {e.status for r in seed_records for e in r.events}
    assert "anticipated" in statuses and "occurred" in statuses
    for record in seed_records:
        for event in record.events:
            if "gearing up" in event.evidence.text:
                assert event.status != "occurred"


def test_extraction_is_deterministic(seed_records: list[Record]) -> None:
    from sitroom.batch import extract_paths
    from tests.conftest import SEEDS

    again = list(extract_paths([SEEDS]))
    assert [r.to_json_dict() for r in again] == [r.to_json_dict() for r in seed_records]
