"""A run killed with SIGKILL halfway resumes with nothing lost and nothing duplicated."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from sitroom import store
from sitroom.store import schema
from tests.conftest import assert_valid

GROUPS = ["Jabhat al-Nusra", "Ahrar al-Sham", "Jaish al-Islam", "Hezbollah", "the Syrian army"]
TOWNS = ["Yabroud", "Zabadani", "Arsal", "Qusayr", "Homs", "Douma", "Rankous", "Flita"]
N = 160


def _write_reports(folder: Path) -> None:
    """N short, distinct reports, written here so the test needs no external data."""
    folder.mkdir()
    for i in range(N):
        group, town = GROUPS[i % len(GROUPS)], TOWNS[i % len(TOWNS)]
        other = GROUPS[(i + 2) % len(GROUPS)]
        (folder / f"report-{i:03d}.txt").write_text(
            f"Fighting near {town}\n\n"
            f"Fighters from {group} attacked positions held by {other} near {town} on day {i}, "
            f"and local monitors said {i % 7 + 2} fighters were killed in the clashes. "
            f"Residents of {town} reported heavy shelling through the night, and aid groups "
            f"said {100 + i} families had fled toward the border.\n"
        )


def _count(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(schema.articles)).scalar_one()


def _ingest_cmd(folder: Path, db_url: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "sitroom.cli",
        "ingest",
        "--no-progress",
        "--db",
        db_url,
        str(folder),
    ]


def test_sigkill_halfway_then_resume(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "reports"
    _write_reports(folder)
    engine = store.open_db(db_url)
    env = {**os.environ, "SITROOM_BATCH_SIZE": "8"}

    proc = subprocess.Popen(
        _ingest_cmd(folder, db_url), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 120
    while _count(engine) < 20:
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored = _count(engine)
    assert 20 <= stored < N, "the run must be killed halfway for this test to mean anything"

    resumed = subprocess.run(
        _ingest_cmd(folder, db_url), env=env, capture_output=True, text=True, timeout=300
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"articles read: {N}, new: {N - stored}, changed: 0, unchanged: {stored}" in (
        resumed.stderr
    )
    assert _count(engine) == N
    with engine.connect() as conn:
        ids = list(conn.execute(select(schema.articles.c.id)).scalars())
    assert len(ids) == len(set(ids)) == N
    for article_id in ids[:: N // 10]:
        record = store.get_record(engine, article_id)
        assert record is not None and record.actors and record.places
        assert_valid(record)
