"""Every kind of bad input gives exactly one one-line InputError naming the file (and line),
and the good file beside it in the same batch is still read."""

from __future__ import annotations

import json
import tracemalloc

import pytest

from sitroom.ingest import InputError, read_paths

FRENCH = (
    "Les forces gouvernementales ont repris le contrôle de la ville après plusieurs jours de "
    "combats intenses avec les rebelles. Selon des sources locales, les combattants ont "
    "participé à l'offensive, qui a fait des dizaines de morts dans les deux camps. Les "
    "habitants ont fui vers le pays voisin, où les camps de réfugiés sont déjà surpeuplés."
)
ARABIC = "قالت مصادر محلية إن القوات الحكومية استعادت السيطرة على البلدة بعد أيام من القتال"
RUSSIAN = "Правительственные войска вернули контроль над городом после нескольких дней боев"
CHINESE = "政府军在激战数日后重新控制了该镇，当地消息人士说"
FEED_ITEM_WITHOUT_TEXT = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Hills Bulletin</title>
<item><title>Only a headline here</title><guid>a</guid></item>
<item><title>Road closed</title><guid>b</guid>
<description>Fighting closed the northern road on Saturday, drivers said.</description></item>
</channel></rss>
"""

# name, file content (bytes), what the one error must say (after "PATH[:LINE]: ")
CASES = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n\t \n", "empty file (only whitespace)"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 4, "binary file"),
    ("blob.txt", bytes([1, 2, 3, 4, 5, 6, 7, 14, 15, 16, 65, 66]) * 200, "binary file"),
    ("latin1.txt", "Rebels reached the café.".encode("latin-1"), "not valid UTF-8 at byte 22"),
    ("arabic.txt", ARABIC.encode(), "not English (looks like Arabic script)"),
    ("russian.txt", RUSSIAN.encode(), "not English (looks like Cyrillic script)"),
    ("chinese.txt", CHINESE.encode(), "not English (looks like CJK script)"),
    ("french.txt", FRENCH.encode(), "not English (only 0% of"),
    ("nav.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text"),
    ("broken.rss", b"<rss version='2.0'><channel><title>T</title>", "not a readable RSS/Atom"),
    ("quiet.xml", FEED_ITEM_WITHOUT_TEXT.encode(), "item 1 has no text"),
    ("bad.json", b'{\n  "text": "Troops left",\n  "title": \n}\n', "not valid JSON"),
]


@pytest.mark.parametrize(("name", "content", "says"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_gives_one_error_and_the_batch_goes_on(good_file, read, name, content, says):
    bad = good_file.parent / name
    bad.write_bytes(content)
    batch = read(good_file.parent)
    assert len(batch.errors) == 1, batch.messages
    (message,) = batch.messages
    assert message.startswith(f"{bad}:"), message
    assert says in message, message
    assert "\n" not in message
    assert "good" in [d.id for d in batch.docs]


def test_invalid_utf8_names_the_byte_offset(tmp_path, read):
    path = tmp_path / "legacy.txt"
    path.write_bytes(b"\xef\xbb\xbfThe convoy left at dawn, \x93they said\x94.")
    (error,) = read(path).errors
    assert str(error) == f"{path}: not valid UTF-8 at byte 28 (0x93); save the file as UTF-8"
    assert (error.path, error.line) == (str(path), None)


def test_jsonl_bad_lines_name_file_and_line_and_good_lines_are_read(tmp_path, read):
    path = tmp_path / "wire.jsonl"
    lines = [
        json.dumps({"id": "ok-1", "text": "Troops left the hill on Friday."}),
        "not json at all",
        json.dumps({"id": "no-text", "title": "A headline without a story"}),
        json.dumps({"id": "blank", "text": "   "}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "ok-2", "text": "The ministry said three soldiers were killed."}),
        json.dumps({"id": "bad-title", "text": "Shells hit the market.", "title": ["x"]}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    batch = read(path)
    assert [d.id for d in batch.docs] == ["ok-1", "ok-2"]
    assert [(e.line, e.path) for e in batch.errors] == [(n, str(path)) for n in (2, 3, 4, 5, 7)]
    assert batch.messages[0] == f"{path}:2: not valid JSON (Expecting value at column 1)"
    assert batch.messages[1] == f'{path}:3: no "text" field'
    assert batch.messages[2] == f'{path}:4: "text" is empty'
    assert "found list" in batch.messages[3]
    assert "field 'title' should be text" in batch.messages[4]


def test_non_english_jsonl_line_names_its_line(tmp_path, read):
    path = tmp_path / "mixed.jsonl"
    lines = [
        {"text": "Troops left the hill on Friday."},
        {"text": ARABIC},
        {"text": "x", "language": "fr"},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    batch = read(path)
    assert [d.id for d in batch.docs] == ["mixed-1"]
    assert batch.messages == [
        f"{path}:2: not English (looks like Arabic script)",
        f"{path}:3: not English (language given as 'fr')",
    ]


def test_missing_path_is_an_error_and_the_other_paths_are_read(good_file, read):
    missing = good_file.parent / "nowhere"
    batch = read(missing, good_file)
    assert batch.messages == [f"{missing}: no such file or folder"]
    assert [d.id for d in batch.docs] == ["good"]


def test_too_large_is_rejected_by_size_with_the_setting_named(good_file, read):
    size = good_file.stat().st_size
    batch = read(good_file, max_bytes=100)
    assert batch.messages == [
        f"{good_file}: too large: {size} bytes, limit 100 bytes (setting max_bytes)"
    ]
    assert read(good_file, max_bytes=size).docs  # the limit itself is allowed


def test_50_mb_file_is_rejected_without_being_read_into_memory(good_file):
    huge = good_file.parent / "huge.txt"
    with huge.open("wb") as handle:  # sparse: costs no disk, and no memory unless read
        handle.truncate(50_000_000)
    tracemalloc.start()
    try:
        items = list(read_paths([huge, good_file]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [str(i) for i in items if isinstance(i, InputError)] == [
        f"{huge}: too large: 50.0 MB, limit 10.0 MB (setting max_bytes)"
    ]
    assert [i.id for i in items if not isinstance(i, InputError)] == ["good"]
    assert peak < 5_000_000, f"peak memory {peak} bytes: the file was read"


def test_malformed_sidecar_is_reported_and_the_article_still_read(good_file, read):
    sidecar = good_file.parent / "good.meta.json"
    sidecar.write_text('{"title": "Half a sidecar",', encoding="utf-8")
    batch = read(good_file.parent)
    (message,) = batch.messages
    assert message.startswith(f"{sidecar}: metadata sidecar not used, article read without it")
    assert "not valid JSON" in message
    assert batch.doc("good").title == "Army shells Zabadani for a third day"  # from the text


def test_sidecar_that_is_not_an_object_or_has_a_wrong_field(good_file, read):
    sidecar = good_file.parent / "good.meta.json"
    sidecar.write_text('["a list"]', encoding="utf-8")
    assert "expected a JSON object" in read(good_file.parent).messages[0]
    sidecar.write_text('{"title": {"nested": true}}', encoding="utf-8")
    batch = read(good_file.parent)
    assert "field 'title' should be text" in batch.messages[0]
    assert batch.doc("good").title == "Army shells Zabadani for a third day"


def test_sidecar_with_no_article_beside_it(good_file, read):
    orphan = good_file.parent / "gone.meta.json"
    orphan.write_text('{"title": "The article was deleted"}', encoding="utf-8")
    batch = read(good_file.parent)
    assert batch.messages == [
        f"{orphan}: metadata sidecar with no article beside it (no gone.* file)"
    ]
    assert [d.id for d in batch.docs] == ["good"]


def test_sidecar_beside_a_feed_is_reported_not_silently_ignored(tmp_path, read):
    (tmp_path / "bulletin.rss").write_text(FEED_ITEM_WITHOUT_TEXT, encoding="utf-8")
    sidecar = tmp_path / "bulletin.meta.json"
    sidecar.write_text('{"source": "Hills Bulletin"}', encoding="utf-8")
    messages = read(tmp_path).messages
    assert f"{sidecar}: metadata sidecar not used: feed files carry their own metadata" in messages


def test_error_pickles_for_worker_processes(tmp_path):
    import pickle

    error = InputError(tmp_path / "a.jsonl", "not valid JSON (x)", line=3)
    again = pickle.loads(pickle.dumps(error))
    assert str(again) == str(error) == f"{tmp_path / 'a.jsonl'}:3: not valid JSON (x)"
    assert (again.path, again.line, again.reason) == (error.path, 3, "not valid JSON (x)")
