"""Folders are walked in name order, recursively, leaving out hidden files, READMEs and
sidecars (read with their article); and the real seed articles read as users expect."""

from __future__ import annotations

import json
import os
from pathlib import Path

from sitroom.ingest import content_hash, read_paths
from tests.conftest import SEEDS

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
STORY = "Troops pushed into the eastern district on {day}, residents said, after heavy shelling."


def _write(path: Path, day: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(STORY.format(day=day), encoding="utf-8")


def test_nested_folders_walked_sorted_hidden_and_readme_left_out(tmp_path, read):
    _write(tmp_path / "b.txt", "Tuesday")
    _write(tmp_path / "a" / "z.txt", "Monday")
    _write(tmp_path / "a" / "deeper" / "y.txt", "Sunday")
    _write(tmp_path / "c.txt", "Wednesday")
    _write(tmp_path / ".hidden.txt", "Thursday")
    _write(tmp_path / ".git" / "x.txt", "Friday")
    (tmp_path / "README.md").write_text("# Reports collected in July\n\nOne a file.\n")
    (tmp_path / "c.meta.json").write_text('{"title": "Eastern district entered"}')
    batch = read(tmp_path)
    assert not batch.errors
    assert [d.id for d in batch.docs] == ["y", "z", "b", "c"]
    assert batch.doc("c").title == "Eastern district entered"


def test_explicit_hidden_file_is_read_and_a_file_given_twice_is_read_once(tmp_path, read):
    hidden = tmp_path / ".draft.txt"
    _write(hidden, "Monday")
    _write(tmp_path / "one.txt", "Tuesday")
    batch = read(hidden, tmp_path, tmp_path / "one.txt")
    assert [d.id for d in batch.docs] == [".draft", "one"]
    assert not batch.errors


def test_explicit_sidecar_is_read_with_its_article_not_as_one(tmp_path, read):
    _write(tmp_path / "one.txt", "Tuesday")
    (tmp_path / "one.meta.json").write_text(json.dumps({"source": "Hill Post"}))
    batch = read(tmp_path / "one.meta.json", tmp_path / "one.txt")
    assert not batch.errors
    assert [(d.id, d.source) for d in batch.docs] == [("one", "Hill Post")]


def test_symlink_loop_does_not_hang(tmp_path, read):
    _write(tmp_path / "in" / "one.txt", "Tuesday")
    os.symlink(tmp_path / "in", tmp_path / "in" / "loop")
    batch = read(tmp_path / "in")
    assert [d.id for d in batch.docs] == ["one"]


def test_same_article_with_crlf_hashes_the_same(tmp_path, read):
    text = "Shelling in Madaya\n\nArtillery hit the town on Sunday, residents said.\n"
    (tmp_path / "lf.txt").write_bytes(text.encode())
    (tmp_path / "crlf.txt").write_bytes(text.replace("\n", "\r\n").encode())
    first, second = read(tmp_path).docs
    assert first.text == second.text
    assert content_hash(first.text) == content_hash(second.text)


def test_the_seed_articles_read_with_stem_ids_and_their_headlines(read):
    assert SEEDS.is_dir(), f"the seed articles are missing: {SEEDS}"
    batch = read(SEEDS)
    assert not batch.errors, batch.messages
    assert sorted(d.id for d in batch.docs) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert len(batch.docs) == 2
    titles = {d.id: d.title for d in batch.docs}
    assert titles["000_195a71e1298a73f7"] == "Ahrar al Sham rebels"
    assert titles["001_45c2ac1957b6d7c7"] == "Illustration: Syrian rebels in Aleppo"
    for doc in batch.docs:
        raw = (SEEDS / f"{doc.id}.txt").read_text(encoding="utf-8")
        assert doc.text.startswith(doc.title)
        assert len(doc.text) > 0.95 * len(raw)  # the whole article, not an excerpt
        assert "\u2019" in doc.text or "\u201c" in doc.text  # curly quotes kept
        assert doc.language == "en" and doc.origin == str(SEEDS / f"{doc.id}.txt")


def test_the_examples_folder_reads_without_errors(read):
    batch = read(EXAMPLES)
    assert not batch.errors, batch.messages
    stems = {p.stem for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".html"}}
    assert stems <= {d.id for d in batch.docs}
    assert "README" not in {d.id for d in batch.docs}
    feed_items = [d for d in batch.docs if d.origin and ".rss#item-" in d.origin]
    assert feed_items and all(d.published and d.source and d.url for d in feed_items)


def test_one_path_as_a_string_is_one_path(tmp_path):
    _write(tmp_path / "one.txt", "Tuesday")
    (doc,) = list(read_paths(str(tmp_path)))
    assert doc.id == "one"


def test_a_fifo_is_not_read(tmp_path, read):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block forever
    assert read(fifo).messages == [f"{fifo}: not a regular file"]
