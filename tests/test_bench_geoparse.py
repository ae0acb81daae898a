"""bench/geoparse.py scores toponyms the way its header says, on a tiny corpus of our own."""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

from sitroom.ingest import normalise
from sitroom.pipeline import load_stages

BENCH = Path(__file__).resolve().parents[1] / "bench" / "geoparse.py"
KM_PER_DEGREE = math.pi * 6371.0088 / 180  # one degree of latitude on the bench's sphere


@pytest.fixture(scope="module")
def gp() -> ModuleType:
    """The bench script loaded as a module (it is not part of the package)."""
    spec = importlib.util.spec_from_file_location("bench_geoparse", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def _toponym(text: str, phrase: str, lat: float, lon: float, gid: int, shift: int = 0) -> dict:
    start = text.index(phrase) + shift
    return {
        "start": start, "end": start + len(phrase), "phrase": phrase, "lat": lat, "lon": lon,
        "geonameid": str(gid), "name": phrase, "fcode": "PPL", "country": None,
    }  # fmt: skip


def _write_corpus(path: Path) -> None:
    """Two articles in the corpora's format; the first has a blank-line run and CRLF line
    ends that normalising removes, the second a gold span three characters off its phrase."""
    first = "Shelling hit Homs on Monday.\r\n\r\n\r\n\r\nRebels then left Hama. Paris said nothing."
    second = "Officials in Springfield met envoys from Lyon."
    homs = _toponym(first, "Homs", 34.72405, 36.72559, 169577)
    hama = _toponym(first, "Hama", 35.13179, 36.75783, 170017)
    paris = _toponym(first, "Paris", 48.85341, 2.3488, 2988507)
    for t, country in ((homs, "Syria"), (hama, "Syria"), (paris, "France")):
        t["country"] = country
    springfield = _toponym(second, "Springfield", 39.80172, -89.64371, 4250542)
    springfield["country"] = "United States"
    lyon = _toponym(second, "Lyon", 45.74906, 4.84789, 2996944, shift=3)
    lyon["country"] = "France"
    rows = [
        {"id": "a1", "text": first, "title": None, "toponyms": [homs, hama, paris]},
        {"id": "a2", "text": second, "title": None, "toponyms": [springfield, lyon]},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_haversine_is_a_degree_of_latitude_per_111_km(gp: ModuleType) -> None:
    assert gp.haversine_km(10.0, 20.0, 11.0, 20.0) == pytest.approx(KM_PER_DEGREE, rel=1e-6)
    assert gp.haversine_km(0.0, 0.0, 0.0, 180.0) == pytest.approx(180 * KM_PER_DEGREE, rel=1e-6)


def test_gold_spans_follow_normalised_text_and_off_offsets(gp: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "tiny.jsonl"
    _write_corpus(path)
    articles = gp.read_corpus(path)
    assert [a["id"] for a in articles] == ["a1", "a2"]
    assert len(gp.read_corpus(path, limit=1)) == 1
    for article in articles:
        text = normalise(article["text"])
        for gold in gp.gold_toponyms(article, text):
            assert text[gold.start : gold.end] == gold.phrase


def test_scores_recall_exact_accuracy_and_error(gp: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "tiny.jsonl"
    _write_corpus(path)
    a1, a2 = gp.read_corpus(path)
    homs, hama, paris = gp.gold_toponyms(a1, normalise(a1["text"]))
    springfield, lyon = gp.gold_toponyms(a2, normalise(a2["text"]))

    def at(gold, north_km: float, gid: int | None, name: str, country: str, extra=()):
        lat = gold.lat + north_km / KM_PER_DEGREE
        spans = ((gold.start, gold.end), *extra)
        return gp.Guess(name, lat, gold.lon, gid, country, "city", spans)

    ours_a1 = [
        at(homs, 0.0, 169577, "Homs", "SY", extra=[(0, 8)]),  # right; 'Shelling' is no toponym
        at(hama, 200.0, 999, "Hama", "SY"),  # another entry 200 km off: wrong at 161 km
    ]  # Paris: missed
    wide = (springfield.start, springfield.end + 5)  # 'Springfield met': overlap is enough
    ours_a2 = [
        gp.Guess("Springfield", 37.21533, -93.29824, 4409896, "US", "city", (wide,)),
        at(lyon, 50.0, None, "Lyon", "FR"),  # no GeoNames id: same name and country is exact
    ]
    tally = gp.Tally()
    for article, golds, ours in (
        ("a1", [homs, hama, paris], ours_a1),
        ("a2", [springfield, lyon], ours_a2),
    ):
        gp.score_article(tally, article, golds, [gp.placed_at(g, ours) for g in golds])
        gp.score_mentions(tally, golds, ours)

    kms = [o.km for o in tally.outcomes]
    assert kms[0] == pytest.approx(0.0, abs=1e-6)
    assert kms[1] == pytest.approx(200.0, rel=1e-3)
    assert kms[2] is None
    assert kms[3] == pytest.approx(
        gp.haversine_km(39.80172, -89.64371, 37.21533, -93.29824), rel=1e-9
    )
    assert kms[3] > 400
    assert kms[4] == pytest.approx(50.0, rel=1e-3)
    assert [o.exact for o in tally.outcomes] == [True, False, False, False, True]
    assert [o.accurate for o in tally.outcomes] == [True, False, False, False, True]

    f = tally.figures()
    assert f["n"] == 5
    assert f["recall"] == pytest.approx(4 / 5)
    assert f["exact_res"] == pytest.approx(2 / 4)
    assert f["exact_all"] == pytest.approx(2 / 5)
    assert f["acc_res"] == pytest.approx(2 / 4)
    assert f["acc_all"] == pytest.approx(2 / 5)
    assert f["mean_km"] == pytest.approx(sum(kms[i] for i in (0, 1, 3, 4)) / 4)
    assert f["median_km"] == pytest.approx((50.0 + 200.0) / 2, rel=1e-3)
    assert (tally.mentions, tally.mentions_on_gold) == (5, 4)
    assert gp.why_wrong(tally.outcomes[1]) == "another entry in the same country"
    assert "80.0%" in tally.row("sitroom")


def test_baseline_takes_the_most_populous_exact_name(gp: ModuleType) -> None:
    from sitroom.places import gazetteer

    gaz = gazetteer.default()
    paris = gp.most_populous("Paris", gaz)
    assert (paris.country, paris.geonameid) == ("FR", 2988507)
    assert gp.most_populous("Qwzxplo", gaz) is None


def test_runs_sitroom_and_the_baseline_on_a_corpus_file(gp: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "tiny.jsonl"
    text = "Fighting went on in Aleppo on Monday, residents said."
    aleppo = _toponym(text, "Aleppo", 36.20124, 37.16117, 170063)
    aleppo["country"] = "Syria"
    path.write_text(json.dumps({"id": "x", "text": text, "toponyms": [aleppo]}) + "\n")
    result = gp.bench_corpus("tiny", path, load_stages(gp.PLACE_STAGES), None, True)
    assert result.articles == 1
    for tally in (result.sitroom, result.gold_spans, result.baseline):
        (o,) = tally.outcomes
        assert o.exact and o.accurate
