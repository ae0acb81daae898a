"""API latency: p50 and p95 of the common filtered queries over a large SQLite database.

    .venv/bin/python bench/api.py [--events 100000] [--repeat 30]

The database is filled with synthetic articles made from the bundled examples' extracted
records (bench/stories.py:synthetic: re-dated over 2011-2018, re-placed and re-cast at
random), stored without story linking, until it holds about --events events. Each query is
then sent --repeat times through the FastAPI app in process (TestClient, no network) and,
as the baseline measured in the same run, the same filter is run straight through
`sitroom.store.query` (no HTTP, no JSON), so the ratio shows what the API layer adds.
The dashboard's first render is not measured here yet.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stories import extract_corpus, synthetic

QUERIES: list[tuple[str, dict]] = [
    ("latest events", {}),
    ("date range (one month)", {"date_from": "2015-05-01", "date_to": "2015-05-31"}),
    ("bbox around Damascus", {"bbox": "36.1,33.3,36.6,33.8"}),
    ("near Aleppo, 25 km", {"near": "36.2,37.16", "radius_km": 25}),
    ("actor (Hezbollah)", {"actor": "hezbollah"}),
    ("type + status", {"event_type": "Battles", "status": "occurred"}),
    ("text in evidence", {"q": "suicide"}),
    (
        "actor + date + bbox",
        {"actor": "hezbollah", "date_from": "2014-01-01", "bbox": "35.5,33.0,37.5,35.0"},
    ),
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()

    from fastapi.testclient import TestClient

    from sitroom import store
    from sitroom.api import create_app, event_filter
    from sitroom.store import query

    records, _ = extract_corpus()
    per = max(1, sum(len(r.events) for r in records) // len(records))
    n_articles = args.events // per + 1
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/api.db"
        engine = store.open_db(url)
        start = time.perf_counter()
        for rec in synthetic(records, n_articles, 11, "api"):
            store.save(engine, rec, link=False)
        counts = store.counts(engine)
        print(
            f"filled {counts['articles']} articles, {counts['events']} events "
            f"in {time.perf_counter() - start:.0f} s (store only, no linking)"
        )
        client = TestClient(create_app(engine))
        print(
            f"\n{'query':<26} {'API p50':>9} {'API p95':>9} {'store p50':>10} "
            f"{'ratio':>6} {'total':>7}"
        )
        for name, params in QUERIES:
            api_times, direct_times, total = [], [], 0
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                response = client.get("/api/events", params={**params, "limit": 50})
                api_times.append(1000 * (time.perf_counter() - t0))
                assert response.status_code == 200, response.text
                total = response.json()["total"]
                f = event_filter(
                    date_from=_date(params.get("date_from")),
                    date_to=_date(params.get("date_to")),
                    bbox=params.get("bbox"),
                    near=params.get("near"),
                    radius_km=params.get("radius_km", 25.0),
                    actor=params.get("actor"),
                    branches=False,
                    event_type=[params["event_type"]] if "event_type" in params else None,
                    sub_event_type=None,
                    status=[params["status"]] if "status" in params else None,
                )
                if "q" in params:
                    f = query.EventFilter(**{**f.__dict__, "q": params["q"]})
                t0 = time.perf_counter()
                query.list_events(engine, f, limit=50, offset=0)
                direct_times.append(1000 * (time.perf_counter() - t0))
            p50, p95 = percentile(api_times, 50), percentile(api_times, 95)
            d50 = percentile(direct_times, 50)
            print(f"{name:<26} {p50:8.1f}ms {p95:8.1f}ms {d50:9.1f}ms {p50 / d50:6.2f} {total:7d}")
        engine.dispose()


def _date(value: str | None):
    from datetime import date

    return date.fromisoformat(value) if value else None


if __name__ == "__main__":
    main()
