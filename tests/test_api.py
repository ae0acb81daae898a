"""The HTTP API over a real database ingested from the examples."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from sitroom import store
from sitroom.api import create_app
from sitroom.model import Record
from tests.conftest import assert_valid


@pytest.fixture
def client(db_url: str, example_records: list[Record]) -> TestClient:
    engine = store.open_db(db_url)
    for record in example_records:
        store.save(engine, record)
    return TestClient(create_app(engine))


def test_health_reports_counts(client: TestClient, example_records: list[Record]) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["counts"]["articles"] == len(example_records)
    assert body["counts"]["events"] == sum(len(r.events) for r in example_records)


def test_articles_page_through_in_stable_order(client: TestClient) -> None:
    everything = client.get("/api/articles", params={"limit": 500}).json()
    total = everything["total"]
    seen = []
    for offset in range(0, total, 3):
        page = client.get("/api/articles", params={"limit": 3, "offset": offset}).json()
        seen += [item["id"] for item in page["items"]]
    assert seen == [item["id"] for item in everything["items"]]
    assert len(set(seen)) == total
    dates = [item["published"] for item in everything["items"] if item["published"]]
    assert dates == sorted(dates, reverse=True)


def test_article_returns_its_contract_record(
    client: TestClient, example_records: list[Record]
) -> None:
    wanted = example_records[0]
    body = client.get(f"/api/articles/{wanted.article.id}").json()
    assert_valid(body)
    assert body == wanted.to_json_dict()


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/api/articles/no-such-id", 404, "no such article"),
        ("/api/articles?limit=0", 422, "limit"),
        ("/api/articles?limit=100000", 422, "limit"),
        ("/api/articles?offset=-1", 422, "offset"),
        ("/api/nothing-here", 404, "Not Found"),
    ],
)
def test_errors_have_one_shape(client: TestClient, path: str, status: int, words: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["status"] == status and words in error["message"]


def test_api_is_read_only(client: TestClient) -> None:
    assert client.post("/api/articles", json={"text": "x"}).status_code == 405
    assert client.delete("/api/articles/x").status_code == 405


def test_openapi_lists_the_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/health", "/api/articles", "/api/articles/{article_id}"} <= set(paths)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_sitroom_serve_answers_on_loopback(tmp_path: Path, example_records: list[Record]) -> None:
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    engine = store.open_db(url)
    for record in example_records:
        store.save(engine, record)
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "sitroom.cli", "serve", "--db", url, "--port", str(port)],
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).json()
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read().decode()
                assert time.monotonic() < deadline, "sitroom serve did not come up"
                time.sleep(0.2)
        assert health["counts"]["articles"] == len(example_records)
        page = httpx.get(f"http://127.0.0.1:{port}/").text
        assert "<title>sitroom</title>" in page
    finally:
        proc.terminate()
        proc.wait(timeout=10)
