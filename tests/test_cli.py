"""The sitroom command as a user runs it: extract, ingest, export, help, version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom import __version__
from sitroom.cli import app
from tests.conftest import EXAMPLES, assert_valid

runner = CliRunner()


def run(*args: str, env: dict | None = None):
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"sitroom {__version__}"


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("extract", ["--format", "PATHS"]),
        ("ingest", ["--db", "--progress"]),
        ("export", ["--db", "--format", "--output"]),
        ("serve", ["--db", "--host", "--port"]),
    ],
)
def test_help_names_every_option(command: str, expected: list[str]) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    for word in expected:
        assert word in result.stdout


def test_extract_seeds_gives_two_valid_records_named_by_stem(seeds: Path) -> None:
    result = run("extract", str(seeds))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    records = [json.loads(line) for line in lines]
    assert sorted(r["article"]["id"] for r in records) == sorted(
        p.stem for p in seeds.glob("*.txt")
    )
    for record in records:
        assert_valid(record)
        assert record["article"]["language"] == "en"
        assert record["actors"] and record["places"] and record["events"]
    assert "extracted 2 of 2 articles" in result.stderr


def test_extract_json_is_one_array(seeds: Path) -> None:
    first = sorted(seeds.glob("*.txt"))[0]
    result = run("extract", "--format", "json", str(first))
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert isinstance(records, list) and len(records) == 1
    assert records[0]["article"]["id"] == first.stem


def test_extract_rejects_unknown_format(seeds: Path) -> None:
    result = run("extract", "--format", "xml", str(seeds))
    assert result.exit_code == 2
    assert "unknown format 'xml'" in result.stderr


def test_bad_inputs_fail_one_line_each_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(
        "Clashes near Homs\n\nSyrian army troops clashed with rebels near Homs on Monday.\n"
    )
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "feed.jsonl").write_text('{"id": "x1", "text": "Rebels shelled Aleppo."}\n{oops\n')
    result = run("extract", str(tmp_path))
    assert result.exit_code == 1
    ids = [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()]
    assert sorted(ids) == ["good", "x1"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3, result.stderr
    assert any("empty.txt" in e for e in errors)
    assert any("blob.bin" in e for e in errors)
    assert any("feed.jsonl:2" in e for e in errors)


def test_ingest_then_reingest_then_export(tmp_path: Path, db_url: str) -> None:
    first = run("ingest", "--no-progress", "--db", db_url, str(EXAMPLES))
    assert first.exit_code == 0, first.stderr
    n = len([line for line in run("export", "--db", db_url).stdout.splitlines() if line])
    assert n >= 8
    assert f"new: {n}," in first.stderr and "failed: 0" in first.stderr

    again = run("ingest", "--no-progress", "--db", db_url, str(EXAMPLES))
    assert again.exit_code == 0
    assert f"articles read: {n}, new: 0, changed: 0, unchanged: {n}, failed: 0" in again.stderr

    out = tmp_path / "records.jsonl"
    exported = run("export", "--db", db_url, "--format", "jsonl", "-o", str(out))
    assert exported.exit_code == 0 and f"exported {n} records" in exported.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len({r["article"]["id"] for r in records}) == n
    for record in records:
        assert_valid(record)


def test_ingest_changed_file_replaces_and_bad_file_touches_nothing(
    tmp_path: Path, db_url: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    report = folder / "report.txt"
    report.write_text("Shelling in Zabadani\n\nRegime artillery shelled Zabadani on Sunday.\n")
    assert run("ingest", "--no-progress", "--db", db_url, str(folder)).exit_code == 0
    before = json.loads(run("export", "--db", db_url).stdout)

    (folder / "broken.jsonl").write_text("not json at all\n")
    report.write_text("Shelling in Zabadani\n\nRegime artillery shelled Zabadani and Madaya.\n")
    result = run("ingest", "--no-progress", "--db", db_url, str(folder))
    assert result.exit_code == 1
    assert "broken.jsonl:1" in result.stderr
    assert "new: 0, changed: 1, unchanged: 0, failed: 1" in result.stderr
    after = json.loads(run("export", "--db", db_url).stdout)
    assert after["article"]["id"] == before["article"]["id"] == "report"
    assert "Madaya" in after["article"]["text"]


def test_export_from_missing_database_says_how_to_create_it(tmp_path: Path) -> None:
    result = run("export", "--db", f"sqlite:///{tmp_path / 'none.db'}")
    assert result.exit_code == 2
    assert "no such database" in result.stderr and "sitroom ingest" in result.stderr


def test_db_comes_from_environment(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'env.db'}"
    single = tmp_path / "one.txt"
    single.write_text("Rebels shelled Aleppo\n\nRebels shelled western Aleppo on Friday.\n")
    assert run("ingest", "--no-progress", str(single), env={"SITROOM_DB": url}).exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_a_users_own_actors_file_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITROOM_ACTORS", "")  # the CLI sets it; restored after the test
    mine = tmp_path / "mine.toml"
    mine.write_text(
        "[[actor]]\n"
        'id = "liwa-suqour-al-jurd"\n'
        'name = "Liwa Suqour al-Jurd"\n'
        'kind = "rebel_group"\n'
        'country = "SY"\n'
        'aliases = ["Suqour al-Jurd", "Jurd Falcons"]\n'
    )
    report = tmp_path / "report.txt"
    report.write_text(
        "Falcons in the hills\n\nFighters of the Jurd Falcons ambushed an army convoy near "
        "Flita on Sunday, and Suqour al-Jurd later said it had lost two men.\n"
    )
    result = run("extract", "--actors", str(mine), str(report))
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert_valid(record)
    mine_found = [a for a in record["actors"] if a["id"] == "liwa-suqour-al-jurd"]
    assert len(mine_found) == 1 and mine_found[0]["inferred"] is False
    assert len(mine_found[0]["mentions"]) == 2

    missing = run("extract", "--actors", str(tmp_path / "none.toml"), str(report))
    assert missing.exit_code == 2 and "no such actors file" in missing.stderr
