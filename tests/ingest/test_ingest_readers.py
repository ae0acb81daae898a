"""Each built-in reader on realistic input, chosen by the file's content, not its name."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from sitroom.ingest import normalise

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Shelling resumes around Zabadani | Valley Courier</title>
  <meta property="og:title" content="Shelling resumes around Zabadani">
  <meta property="og:site_name" content="Valley Courier">
  <meta property="article:published_time" content="2015-07-06T08:00:00+03:00">
  <link rel="canonical" href="https://example.org/valley-courier/2015/07/06/zabadani">
</head>
<body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
  <li><a href="/sport">Sport</a></li></ul></nav>
  <article>
    <h1>Shelling resumes around Zabadani</h1>
    <p>Government artillery pounded the mountain town of Zabadani for a third day on Monday,
    residents said, as troops and allied fighters pressed in from the plain to the west.</p>
    <p>A volunteer at the town&rsquo;s field hospital said by telephone that nine people had
    been brought in wounded since dawn and that bandages and antibiotics were running short.</p>
    <p>\u201cWe count the shells by the hour now,\u201d he said, asking not to be named.</p>
  </article>
  <footer><p>Copyright Valley Courier. Every right is reserved by the owners.</p>
  <a href="/privacy">Privacy policy</a></footer>
</body>
</html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Hills Bulletin</title>
    <link>https://example.org/hills-bulletin/</link>
    <language>en-gb</language>
    <item>
      <title>Convoy reaches besieged district</title>
      <link>https://example.org/hills-bulletin/convoy</link>
      <guid isPermaLink="false">hb-convoy-0712</guid>
      <pubDate>Sun, 12 Jul 2015 22:40:00 -0500</pubDate>
      <description>Short teaser that the full content below replaces.</description>
      <content:encoded><![CDATA[<p>A convoy of eleven lorries carrying flour and medicine
      reached the besieged district on Sunday after weeks of talks, aid workers said.</p>
      <p>It was the first delivery since the spring &amp; the roads are still mined.</p>]]>
      </content:encoded>
    </item>
    <item>
      <title>Checkpoint closed after clashes</title>
      <link>https://example.org/hills-bulletin/checkpoint</link>
      <pubDate>Sat, 11 Jul 2015 09:00:00 +0000</pubDate>
      <description>&lt;p&gt;Fighting near the northern checkpoint closed the road
      to traffic on Saturday, drivers said.&lt;/p&gt;</description>
    </item>
  </channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Border Notes</title>
  <id>urn:example:border-notes</id>
  <updated>2015-08-02T10:00:00Z</updated>
  <entry>
    <title>Crossing reopens for refugees</title>
    <id>urn:example:border-notes:crossing</id>
    <link href="https://example.org/border-notes/crossing"/>
    <published>2015-08-02T09:30:00+03:00</published>
    <updated>2015-08-02T10:00:00Z</updated>
    <summary type="html">&lt;p&gt;The border crossing reopened on Sunday for families
    with medical papers, officials said.&lt;/p&gt;</summary>
  </entry>
</feed>
"""

JSONL_LINES = [
    {
        "id": "wire-0101",
        "text": "Rebels said on Tuesday they had shot down a helicopter near the airbase.",
        "title": "Rebels claim helicopter downed",
        "source": "Orchard Wire",
        "url": "https://example.org/orchard-wire/0101",
        "published": "May 6, 2015",
    },
    {"text": "Residents reported heavy bombardment of the old quarter overnight."},
    {
        "id": 7,
        "text": "The ministry said that three soldiers were killed.",
        "published": "6 May 2015",
        "language": "en-US",
    },
]


def test_text_file_id_is_stem_title_is_first_line_and_text_is_whole_file(tmp_path, read):
    path = tmp_path / "2015-07-06-zabadani.txt"
    raw = "Army shells Zabadani again  \r\n\r\n\r\n\r\nGovernment artillery struck the town.\r\n"
    path.write_bytes(raw.encode("utf-8"))
    doc = read(path).doc("2015-07-06-zabadani")
    assert doc.title == "Army shells Zabadani again"
    assert doc.text == "Army shells Zabadani again\n\nGovernment artillery struck the town."
    assert doc.text == normalise(raw)
    assert doc.text[: len(doc.title)] == doc.title  # offsets index the title line too
    assert doc.origin == str(path)
    assert doc.published is None and doc.source is None


def test_first_line_that_is_a_sentence_or_alone_is_no_title(tmp_path, read):
    (tmp_path / "sentence.txt").write_text("Troops entered the town. Residents fled.\n\nMore.\n")
    (tmp_path / "alone.txt").write_text("Troops entered the town on Monday")
    long_line = "Troops and allied fighters entered the town from the west on Monday after " * 2
    (tmp_path / "long.txt").write_text(long_line + "\n\nThe rest of the report.\n")
    batch = read(tmp_path)
    assert [d.title for d in batch.docs] == [None, None, None]
    assert not batch.errors


def test_html_named_txt_is_read_as_html_main_text_and_metadata(tmp_path, read):
    path = tmp_path / "courier-page.txt"
    path.write_text(PAGE, encoding="utf-8")
    batch = read(path)
    assert not batch.errors
    doc = batch.doc("courier-page")
    assert doc.title == "Shelling resumes around Zabadani"
    assert doc.source == "Valley Courier"
    assert doc.url == "https://example.org/valley-courier/2015/07/06/zabadani"
    assert doc.published == date(2015, 7, 6)
    assert "nine people had been brought in wounded" in doc.text
    assert "\u201cWe count the shells by the hour now,\u201d he said" in doc.text  # quotes kept
    assert "town\u2019s field hospital" in doc.text  # entity decoded
    for boilerplate in ("World news", "Privacy policy", "Copyright", "<p>"):
        assert boilerplate not in doc.text
    assert "\n\n" in doc.text  # paragraphs kept apart


def test_plain_text_named_html_or_rss_is_read_as_text(tmp_path, read):
    report = "Army shells Zabadani\n\nArtillery struck the town again on Monday, residents said."
    (tmp_path / "plain.html").write_text(report, encoding="utf-8")
    (tmp_path / "plain2.rss").write_text(report, encoding="utf-8")
    batch = read(tmp_path)
    assert not batch.errors
    assert [(d.title, d.text) for d in batch.docs] == [("Army shells Zabadani", report)] * 2


def test_unclosed_html_tags_still_give_the_text(tmp_path, read):
    (tmp_path / "sloppy.html").write_text(
        "<html><body><div><p>Artillery struck the town of Zabadani again on Monday."
        "<p>A volunteer said that nine people were hurt.<div>",
        encoding="utf-8",
    )
    doc = read(tmp_path).doc("sloppy")
    assert doc.text == (
        "Artillery struck the town of Zabadani again on Monday.\n\n"
        "A volunteer said that nine people were hurt."
    )


def test_rss_with_xml_extension_gives_one_document_per_item(tmp_path, read):
    path = tmp_path / "hills.xml"
    path.write_text(RSS, encoding="utf-8")
    batch = read(path)
    assert not batch.errors
    convoy, checkpoint = batch.docs
    assert re.fullmatch(r"hills-[0-9a-f]{12}", convoy.id)
    assert convoy.id != checkpoint.id
    assert convoy.title == "Convoy reaches besieged district"
    assert convoy.source == checkpoint.source == "Hills Bulletin"
    assert convoy.url == "https://example.org/hills-bulletin/convoy"
    assert convoy.published == date(2015, 7, 12)  # the day as written, not shifted to UTC
    assert convoy.text.startswith("A convoy of eleven lorries")  # full content beats teaser
    assert "since the spring & the roads" in convoy.text
    assert "\n\n" in convoy.text and "<p>" not in convoy.text
    assert convoy.origin == f"{path}#item-1" and checkpoint.origin == f"{path}#item-2"
    assert checkpoint.text == (
        "Fighting near the northern checkpoint closed the road to traffic on Saturday, "
        "drivers said."
    )


def test_feed_item_ids_are_stable_when_items_move(tmp_path, read):
    head, convoy, checkpoint = (part.split("</item>")[0] for part in RSS.split("<item>"))
    tail = "</item>\n  </channel>\n</rss>\n"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "hills.rss").write_text(
        f"{head}<item>{convoy}</item><item>{checkpoint}{tail}"
    )
    (tmp_path / "b" / "hills.rss").write_text(
        f"{head}<item>{checkpoint}</item><item>{convoy}{tail}"
    )
    ids_a = {d.title: d.id for d in read(tmp_path / "a").docs}
    ids_b = {d.title: d.id for d in read(tmp_path / "b").docs}
    assert ids_a == ids_b and len(ids_a) == 2


def test_aggregator_item_names_its_own_outlet(tmp_path, read):
    (tmp_path / "agg.rss").write_text(
        '<rss version="2.0"><channel><title>Aggregator</title><item><title>Ridge</title>'
        '<source url="https://example.org/hill-post.rss">Hill Post</source>'
        "<description>Troops withdrew from the ridge on Friday.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    (doc,) = read(tmp_path).docs
    assert doc.source == "Hill Post"


def test_atom_feed_sniffed_from_content(tmp_path, read):
    path = tmp_path / "notes.txt"
    path.write_text(ATOM, encoding="utf-8")
    (doc,) = read(path).docs
    assert doc.source == "Border Notes"
    assert doc.title == "Crossing reopens for refugees"
    assert doc.url == "https://example.org/border-notes/crossing"
    assert doc.published == date(2015, 8, 2)
    assert doc.text.startswith("The border crossing reopened on Sunday")


def test_jsonl_named_txt_one_document_per_line(tmp_path, read):
    path = tmp_path / "wire.txt"
    lines = [json.dumps(JSONL_LINES[0]), "", json.dumps(JSONL_LINES[1]), json.dumps(JSONL_LINES[2])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    batch = read(path)
    assert not batch.errors
    first = batch.doc("wire-0101")
    assert first.title == "Rebels claim helicopter downed"
    assert first.source == "Orchard Wire"
    assert first.url == "https://example.org/orchard-wire/0101"
    assert first.published == date(2015, 5, 6)
    assert first.origin == f"{path}:1"
    second = batch.doc("wire-3")  # no id: stem and line number (the blank line counts)
    assert second.origin == f"{path}:3" and second.title is None
    third = batch.doc("7")
    assert third.published == date(2015, 5, 6) and third.language == "en"


def test_json_file_with_one_object_or_a_list(tmp_path, read):
    single = tmp_path / "single.json"
    single.write_text(json.dumps(JSONL_LINES[0], indent=2), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps(JSONL_LINES[1:], indent=2), encoding="utf-8")
    batch = read(single, many)
    assert not batch.errors
    assert [d.id for d in batch.docs] == ["wire-0101", "many-1", "7"]
    assert [d.origin for d in batch.docs] == [str(single), f"{many}#item-1", f"{many}#item-2"]


def test_unparseable_published_is_ignored_and_the_article_kept(tmp_path, read):
    path = tmp_path / "dates.jsonl"
    record = {"id": "x", "text": "Troops withdrew from the hill on Friday.", "published": "soon"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    batch = read(path)
    assert not batch.errors
    assert batch.doc("x").published is None


def test_sidecar_metadata_applies_to_its_text_file(tmp_path, read):
    (tmp_path / "report.txt").write_text("Shelling in Madaya\n\nArtillery hit Madaya on Sunday.\n")
    (tmp_path / "report.meta.json").write_text(
        json.dumps(
            {
                "id": "valley-courier-0706",
                "title": "Madaya shelled as siege tightens",
                "source": "Valley Courier",
                "url": "https://example.org/valley-courier/madaya",
                "published": "2015-07-06",
                "language": "en",
                "author": "ignored: not a Document field",
            }
        ),
        encoding="utf-8",
    )
    batch = read(tmp_path)
    assert not batch.errors
    doc = batch.doc("valley-courier-0706")
    assert doc.title == "Madaya shelled as siege tightens"
    assert doc.source == "Valley Courier"
    assert doc.url == "https://example.org/valley-courier/madaya"
    assert doc.published == date(2015, 7, 6)
    assert doc.text.startswith("Shelling in Madaya")
    assert len(batch.docs) == 1  # the sidecar itself is not an article


def test_sidecar_published_in_words_and_html_sidecar(tmp_path: Path, read):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "page.meta.json").write_text('{"published": "6 May 2015", "source": "VC"}')
    doc = read(tmp_path).doc("page")
    assert doc.published == date(2015, 5, 6) and doc.source == "VC"
    assert doc.title == "Shelling resumes around Zabadani"  # not in the sidecar: kept


def test_utf8_bom_and_utf16_are_read(tmp_path, read):
    text = "Rebels cut the road\n\nFighters cut the road to the coast on Friday, they said."
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "wide.txt").write_bytes(text.encode("utf-16"))  # with a BOM
    batch = read(tmp_path)
    assert not batch.errors
    assert [d.text for d in batch.docs] == [text, text]
    assert [d.title for d in batch.docs] == ["Rebels cut the road"] * 2
