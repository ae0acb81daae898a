"""Briefs over a real database: the examples, the seeds and one article with markup in it go
through the real pipeline into SQLite and PostgreSQL (once per module each), then are briefed
by story, place, actor and dates from the library, the CLI and the HTTP API."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from sitroom import store
from sitroom.api import MAX_PAGE, create_app
from sitroom.batch import extract_paths
from sitroom.cli import app
from sitroom.model import Record
from sitroom.store import briefs, schema
from sitroom.store.briefs import BriefError, dossier, resolve
from sitroom.stories.brief import EXPECTED, HAPPENED, one_line, render
from tests.conftest import stored

CITE = re.compile(r"\[([^\[\]\s:]+):(\d+)-(\d+)\]")
CAPTURED = "2015-05-12-tallet-moussa-captured"
CEDAR = "2015-05-13-cedar-dispatch-tallet-moussa"
LOOMS = "2013-10-28-levant-wire-qalamoun-offensive-looms"
MARKUP_ID = "2016-06-03-markup-wire"
# Our own wording: a made-up dispatch whose text carries HTML-like markup.
MARKUP_TEXT = """Shelling hits Qara <script>alert("brief")</script> as the army digs in

QARA, Syria — Rebel gunners shelled army positions in Qara on Friday, killing four soldiers, \
<script>alert("brief")</script> according to a local activist.

A government official said on Saturday that "the army will retake every hill <b>before \
winter</b>", and put the number of rebels in the area at 3,000.
"""
MARKUP_META = {
    "id": MARKUP_ID,
    "title": "Shelling hits Qara <script>x</script>",
    "source": "Markup Wire",
    "published": "2016-06-04",
}

runner = CliRunner()


@dataclass
class Briefed:
    url: str
    engine: Engine
    texts: dict[str, str]


@pytest.fixture(scope="module")
def markup_records(tmp_path_factory: pytest.TempPathFactory) -> list[Record]:
    folder = tmp_path_factory.mktemp("markup")
    (folder / f"{MARKUP_ID}.txt").write_text(MARKUP_TEXT, encoding="utf-8")
    (folder / f"{MARKUP_ID}.meta.json").write_text(json.dumps(MARKUP_META), encoding="utf-8")
    return list(extract_paths([folder]))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    example_records: list[Record],
    seed_records: list[Record],
    markup_records: list[Record],
) -> Iterator[Briefed]:
    """Everything ingested once per backend, in the order `sitroom ingest` stores it."""
    records = [*example_records, *seed_records, *markup_records]
    for engine in stored(request.param, tmp_path_factory, "briefs", records):
        with engine.connect() as conn:
            a = schema.articles
            texts = dict(conn.execute(select(a.c.id, a.c.text)).all())
        yield Briefed(engine.url.render_as_string(hide_password=False), engine, texts)


def brief(db: Briefed, query: str) -> str:
    return render(dossier(db.engine, resolve(db.engine, query)))


def sections(markdown: str) -> dict[str, str]:
    out = {}
    for part in markdown.split("\n## ")[1:]:
        title, _, body = part.partition("\n")
        out[title.strip()] = body
    return out


def blocks(section: str) -> list[str]:
    """The bullets of a section, each with its indented sub-bullets."""
    out: list[str] = []
    for line in section.splitlines():
        if line.startswith("- "):
            out.append(line)
        elif line.startswith("  ") and out:
            out[-1] += "\n" + line
    return out


def check_citations(markdown: str, texts: dict[str, str]) -> int:
    """Every citation names a stored article and offsets inside its text; a quote right before
    a citation is exactly those words (line breaks made spaces). Returns the quotes checked."""
    quoted = 0
    for m in CITE.finditer(markdown):
        aid, start, end = m.group(1), int(m.group(2)), int(m.group(3))
        assert aid in texts, f"citation of an unknown article: {m.group(0)}"
        text = texts[aid]
        assert 0 <= start < end <= len(text), f"offsets outside the text: {m.group(0)}"
        before = markdown[: m.start()]
        if before.endswith('" '):
            expected = f'"{one_line(text[start:end])}" '
            assert before.endswith(expected), f"{m.group(0)} does not quote {expected!r}"
            quoted += 1
    return quoted


def check_statements_cited(markdown: str) -> None:
    for name, body in sections(markdown).items():
        if name == "Sources":
            continue
        for line in body.splitlines():
            if line.lstrip().startswith("- "):
                assert CITE.search(line), f"uncited line under {name}: {line}"


def story_ids(engine: Engine) -> list[str]:
    _total, items = briefs.list_stories(engine, limit=MAX_PAGE)
    return [s["id"] for s in items]


def story_of(engine: Engine, article_id: str) -> str:
    sa = schema.story_articles
    with engine.connect() as conn:
        return conn.execute(select(sa.c.story_id).where(sa.c.article_id == article_id)).scalar_one()


# --- the library -----------------------------------------------------------------------------


def test_every_citation_points_at_the_words_it_quotes(db: Briefed) -> None:
    queries = [*story_ids(db.engine), "Arsal", "Hezbollah", "2015-05", "2013-06-01..2013-06-30"]
    for query in queries:
        markdown = brief(db, query)
        assert check_citations(markdown, db.texts) > 0, query
        check_statements_cited(markdown)
        assert list(sections(markdown)) == [
            "What happened",
            "Who is aligned with whom",
            "What is expected",
            "Numbers claimed",
            "Where sources disagree",
            "Sources",
        ]


def test_an_event_many_outlets_report_is_told_once_naming_them_all(db: Briefed) -> None:
    shared = 0
    for sid in story_ids(db.engine):
        found = dossier(db.engine, resolve(db.engine, sid))
        happened = blocks(sections(render(found))["What happened"])
        for ev in found.events:
            if ev.status not in HAPPENED or len({r.article_id for r in ev.reports}) < 2:
                continue
            shared += 1
            marks = [f"[{r.article_id}:{r.evidence.start}-{r.evidence.end}]" for r in ev.reports]
            told = [b for b in happened if any(m in b for m in marks)]
            assert len(told) == 1, f"{ev.id} is told {len(told)} times"
            for r in ev.reports:
                assert r.source is None or r.source in told[0], (r.source, told[0])
    assert shared, "no event is reported by two articles: the linker joined nothing"


@pytest.mark.xfail(
    strict=False,
    reason="the linker does not yet join Cedar Dispatch's report of the capture (its lead "
    "sentence yields no capture event; its headline is coded as an Islamic State clash at "
    "Arsal) with the 2015-05-12 report",
)
def test_the_tallet_moussa_capture_is_told_once_with_both_outlets(db: Briefed) -> None:
    markdown = brief(db, story_of(db.engine, CAPTURED))
    happened = blocks(sections(markdown)["What happened"])
    told = [b for b in happened if "Tallet Moussa" in b.splitlines()[0]]
    assert len(told) == 1, "\n\n".join(told) or "the capture is missing"
    capture = told[0]
    cited = {m.group(1) for m in CITE.finditer(capture)}
    assert {CAPTURED, CEDAR} <= cited, capture
    assert "Cedar Dispatch" in capture


def test_a_place_as_the_articles_spell_it(db: Briefed) -> None:
    scope = resolve(db.engine, "Arsal")
    assert scope.kind == "place"
    assert "Arsal" in scope.title
    assert resolve(db.engine, "ARSAL").event_ids == scope.event_ids
    found = dossier(db.engine, scope)
    assert any((ev.place or "").startswith("geonames:273675") for ev in found.events)
    assert {a.id for a in found.articles} >= {
        CAPTURED,
        CEDAR,
        "2015-05-18-mashriq-daily-arsal-braces",
    }
    markdown = render(found)
    assert markdown.startswith("# Arsal")
    assert "at Arsal" in sections(markdown)["What happened"]


def test_an_actor_by_name_or_id(db: Briefed) -> None:
    scope = resolve(db.engine, "Hezbollah")
    assert scope.kind == "actor" and scope.actor_ids == ("hezbollah",)
    assert resolve(db.engine, "hezbollah").event_ids == scope.event_ids
    found = dossier(db.engine, scope)
    assert found.events
    assert all("hezbollah" in (ev.actor1, ev.actor2) for ev in found.events)
    assert render(found).startswith("# Hezbollah\n")


def test_date_ranges_months_and_years(db: Briefed) -> None:
    found = dossier(db.engine, resolve(db.engine, "2015-05-01..2015-05-31"))
    assert found.kind == "dates" and (found.date_from, found.date_to) == (
        "2015-05-01",
        "2015-05-31",
    )
    for ev in found.events:
        if ev.date:
            assert ev.date <= "2015-05-31" and (ev.date_end or ev.date) >= "2015-05-01"
    assert {CAPTURED, CEDAR} <= {a.id for a in found.articles}
    month = resolve(db.engine, "2013-06")
    assert month.title == "June 2013"
    assert set(month.article_ids) == {
        "2013-06-05-levant-wire-qusayr-falls",
        "2013-06-06-cedar-dispatch-qusayr-aftermath",
    }
    year = resolve(db.engine, "2016")
    assert year.article_ids == (MARKUP_ID,)
    for bad in ("2015-13", "2015-05-10..2015-05-01"):
        with pytest.raises(BriefError):
            resolve(db.engine, bad)


def test_a_story_by_id_or_by_words_of_its_label(db: Briefed) -> None:
    _total, items = briefs.list_stories(db.engine, limit=MAX_PAGE)
    assert items
    for story in items:
        scope = resolve(db.engine, story["id"])
        assert scope.kind == "story" and scope.story_id == story["id"]
        assert render(dossier(db.engine, scope)).startswith(f"# {story['label']}\n")
    biggest = max(items, key=lambda s: (s["articles"], s["id"]))
    by_label = resolve(db.engine, biggest["label"].lower())
    assert by_label.kind == "story" and by_label.title == biggest["label"]


def test_an_unknown_query_says_what_was_tried(db: Briefed) -> None:
    with pytest.raises(BriefError) as caught:
        resolve(db.engine, "Atlantis Liberation Front")
    message = str(caught.value)
    assert "tried" in message and "st-" in message and "\n" not in message


def test_anticipated_events_only_under_what_is_expected(db: Briefed) -> None:
    seen_expected = False
    for sid in story_ids(db.engine):
        found = dossier(db.engine, resolve(db.engine, sid))
        markdown = render(found)
        parts = sections(markdown)
        happened_spans = {
            r.evidence for ev in found.events if ev.status in HAPPENED for r in ev.reports
        }
        for ev in found.events:
            if ev.status not in EXPECTED:
                continue
            for r in ev.reports:
                mark = f"[{r.article_id}:{r.evidence.start}-{r.evidence.end}]"
                if r.evidence not in happened_spans:  # words that tell only of what is expected
                    assert mark not in parts["What happened"], mark
            seen_expected = True
        for block in blocks(parts["What is expected"]):
            assert block.startswith(("- **expected**", "- **threatened**")), block
    assert seen_expected
    looms = sections(brief(db, story_of(db.engine, LOOMS)))
    assert f"[{LOOMS}:" in looms["What is expected"]


def test_markup_in_an_article_is_quoted_verbatim(db: Briefed) -> None:
    markdown = brief(db, "2016-06")
    assert check_citations(markdown, db.texts) > 0
    assert "<script>" in markdown and "&lt;" not in markdown
    assert "Shelling hits Qara <script>x</script> — Markup Wire, 2016-06-04" in markdown
    text = db.texts[MARKUP_ID]
    quoted = [m for m in CITE.finditer(markdown) if m.group(1) == MARKUP_ID]
    assert any("<script>" in text[int(m.group(2)) : int(m.group(3))] for m in quoted)


# --- the command line ------------------------------------------------------------------------


def test_cli_brief_to_stdout_and_to_a_file(db: Briefed, tmp_path: Path) -> None:
    sid = story_of(db.engine, CAPTURED)
    result = runner.invoke(app, ["brief", sid, "--db", db.url])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == brief(db, sid)
    out = tmp_path / "brief.md"
    result = runner.invoke(app, ["brief", "Arsal", "--db", db.url, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8") == brief(db, "Arsal")
    assert result.stdout == ""


def test_cli_unknown_query_exits_2_with_one_line(db: Briefed) -> None:
    result = runner.invoke(app, ["brief", "Atlantis Liberation Front", "--db", db.url])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "st-" in lines[0]


def test_cli_stories_lists_every_story(db: Briefed) -> None:
    result = runner.invoke(app, ["stories", "--db", db.url, "--limit", "2"])
    assert result.exit_code == 0, result.stderr
    ids = story_ids(db.engine)
    rows = result.stdout.strip().splitlines()[1:]
    assert [r.split()[0] for r in rows] == ids[:2]


def test_cli_stories_rebuild_fills_the_tables(db_url: str, example_records: list[Record]) -> None:
    engine = store.open_db(db_url)
    wanted = [r for r in example_records if r.article.id in (CAPTURED, CEDAR)]
    for record in wanted:
        store.save(engine, record, link=False)
    assert story_ids(engine) == []
    result = runner.invoke(app, ["stories", "--db", db_url, "--rebuild"])
    assert result.exit_code == 0, result.stderr
    assert "rebuilt the stories of 2 articles" in result.stderr
    ids = story_ids(engine)
    assert ids and all(sid in result.stdout for sid in ids)
    engine.dispose()


# --- the HTTP API ----------------------------------------------------------------------------


@pytest.fixture
def client(db: Briefed) -> TestClient:
    return TestClient(create_app(db.engine))


def test_api_stories_page_in_stable_order(client: TestClient) -> None:
    everything = client.get("/api/stories", params={"limit": MAX_PAGE}).json()
    total = everything["total"]
    assert total == len(everything["items"]) > 0
    seen = []
    for offset in range(0, total, 2):
        page = client.get("/api/stories", params={"limit": 2, "offset": offset}).json()
        seen += [s["id"] for s in page["items"]]
    assert seen == [s["id"] for s in everything["items"]]
    ends = [s["date_end"] for s in everything["items"] if s["date_end"]]
    assert ends == sorted(ends, reverse=True)
    assert client.get("/api/stories", params={"limit": MAX_PAGE + 1}).status_code == 422


def test_api_one_story_with_its_events_and_reports(client: TestClient, db: Briefed) -> None:
    sid = story_of(db.engine, CAPTURED)
    body = client.get(f"/api/stories/{sid}").json()
    assert body["story"]["id"] == sid and isinstance(body["story"]["actors"], list)
    assert CAPTURED in {a["id"] for a in body["articles"]}
    assert body["events"] and all(ev["reports"] for ev in body["events"])
    report = body["events"][0]["reports"][0]
    span = report["evidence"]
    assert db.texts[span["article_id"]][span["start"] : span["end"]] == span["text"]


def test_api_briefs(client: TestClient, db: Briefed) -> None:
    body = client.get("/api/brief", params={"q": "Arsal"}).json()
    assert body == {"query": "Arsal", "markdown": brief(db, "Arsal")}
    sid = story_of(db.engine, CAPTURED)
    body = client.get(f"/api/stories/{sid}/brief").json()
    assert body["markdown"] == brief(db, sid)


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/api/brief?q=Atlantis%20Liberation%20Front", 404, "nothing matches"),
        ("/api/brief", 422, "q"),
        ("/api/stories/st-nothing", 404, "no such story"),
        ("/api/stories/st-nothing/brief", 404, "no such story"),
        ("/api/stories?offset=-1", 422, "offset"),
    ],
)
def test_api_errors_keep_their_shape(
    client: TestClient, path: str, status: int, words: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["status"] == status and words in error["message"]
