"""The `sitroom` command: a thin layer that parses flags, calls the library, reports.

Records go to stdout; progress, one-line errors and summaries go to stderr.
Exit status: 0 all went well, 1 some input failed (the rest was still processed),
2 a usage or setup error (bad flag, unreachable database).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from sitroom import __version__, settings

app = typer.Typer(
    name="sitroom",
    help="Turn news reports about armed conflict into sourced, geocoded records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)

PathsArg = Annotated[
    list[Path],
    typer.Argument(help="Text, HTML, RSS/Atom or JSON Lines files, or folders of them."),
]
DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="Database URL [env SITROOM_DB; default sqlite:///sitroom.db]."),
]
ActorsOpt = Annotated[
    list[Path] | None,
    typer.Option("--actors", help="Your own actor knowledge-base TOML file (repeatable)."),
]
PlacesOpt = Annotated[
    list[Path] | None,
    typer.Option("--places", help="Your own places file, JSON Lines (repeatable)."),
]
ConfigOpt = Annotated[
    str | None,
    typer.Option("--config", help="TOML config file [env SITROOM_CONFIG; default ./sitroom.toml]."),
]


def fail(message: str, hint: str | None = None, code: int = 2) -> typer.Exit:
    """Print a one-line error (and hint) on stderr; return the Exit to raise."""
    err.print(f"[bold red]error:[/] {message}", markup=True, soft_wrap=True)
    if hint:
        err.print(f"hint: {hint}", soft_wrap=True)
    return typer.Exit(code)


def _settings(config: str | None, **flags) -> dict:
    try:
        conf = settings.resolve(flags, config=config)
    except settings.SettingsError as exc:
        raise fail(str(exc)) from None
    if conf["cache"]:  # the gazetteer reads its folder from the environment
        os.environ["SITROOM_CACHE"] = str(conf["cache"])
    if conf["actors"]:  # so does the actor knowledge base, for a user's own files
        _export_files(conf, "actors")
    if conf["places"]:  # and the places stage; a bad line stops us before the first article
        from sitroom.datafiles import DataFileError
        from sitroom.places.stage import check_user_files

        try:
            check_user_files(_export_files(conf, "places"))
        except DataFileError as exc:
            raise fail(str(exc)) from None
    return conf


def _export_files(conf: dict, name: str) -> list[Path]:
    """The user's own data files of setting `name`, checked to exist and put in SITROOM_<NAME>,
    where the stages (in this process and in the workers it starts) read them."""
    value = conf[name]
    files = [Path(f) for f in ([value] if isinstance(value, str | Path) else value)]
    missing = [f for f in files if not f.is_file()]
    if missing:
        raise fail(f"no such {name} file: {missing[0]}")
    os.environ[settings.SETTINGS[name].env] = os.pathsep.join(str(f) for f in files)
    return files


def _open(url: str, *, create: bool):
    from sitroom import store

    try:
        return store.open_db(url, create=create)
    except store.DatabaseError as exc:
        raise fail(str(exc)) from None


def _stages(conf: dict):
    from sitroom.pipeline import load_stages

    try:
        return load_stages(conf["pipeline"], conf["plugins"])
    except (KeyError, ImportError) as exc:
        raise fail(str(exc).strip("'\""), "see `sitroom stages` for the known stages") from None


def _print_error(message: str) -> None:
    err.print(f"[red]error:[/] {message}", markup=True, soft_wrap=True, highlight=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sitroom {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """sitroom: who fights whom, what happened where and when, and how we know."""


@app.command()
def extract(
    paths: PathsArg,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="jsonl (one record per line) or json (array).")
    ] = "jsonl",
    actors: ActorsOpt = None,
    places: PlacesOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Print the extraction record of every article under PATHS (no database needed)."""
    from sitroom.batch import Summary, extract_paths
    from sitroom.export import get_exporter

    if fmt not in ("jsonl", "json"):
        raise fail(f"unknown format {fmt!r}", "use --format jsonl or --format json")
    conf = _settings(config, actors=actors or None, places=places or None)
    summary = Summary()
    records = extract_paths(
        paths,
        stages=_stages(conf),
        batch_size=conf["batch_size"],
        max_bytes=conf["max_bytes"],
        summary=summary,
        on_error=_print_error,
    )
    get_exporter(fmt)(records, sys.stdout)
    sys.stdout.flush()
    err.print(f"extracted {summary.new} of {summary.read} articles; failed: {summary.failed}")
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    actors: ActorsOpt = None,
    places: PlacesOpt = None,
    config: ConfigOpt = None,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Show a progress bar on stderr.")
    ] = True,
) -> None:
    """Read, extract and store every article under PATHS; unchanged articles are skipped."""
    from sitroom.batch import ingest_paths

    conf = _settings(config, db=db, actors=actors or None, places=places or None)
    engine = _open(conf["db"], create=True)
    stages = _stages(conf)
    columns = (
        SpinnerColumn(),
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.elapsed:.0f}s"),
    )
    with Progress(*columns, console=err, transient=True, disable=not progress) as bar:
        task = bar.add_task("ingest", total=None)
        summary = ingest_paths(
            paths,
            engine,
            stages=stages,
            batch_size=conf["batch_size"],
            max_bytes=conf["max_bytes"],
            on_error=lambda msg: bar.console.print(f"[red]error:[/] {msg}", soft_wrap=True),
            tick=lambda: bar.advance(task),
        )
    err.print(summary.line())
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def export(
    db: DbOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Export format.")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Write every stored record in FORMAT: jsonl (one contract record per line), json, acled
    (ACLED CSV, one row per event), geojson (event points), graphml or gexf (the actor network),
    parquet (every stored event; needs -o FILE)."""
    from sitroom import store
    from sitroom.export import ExportError, formats, get_format

    if fmt not in formats():
        raise fail(f"unknown export format {fmt!r}", f"choose one of {', '.join(formats())}")
    form = get_format(fmt)
    if form.binary and fmt == "parquet" and output is None:
        raise fail("parquet is binary: give -o FILE")
    conf = _settings(config, db=db)
    engine = _open(conf["db"], create=False)

    def write(out) -> int:
        source = store.iter_records(engine) if form.reads == "records" else engine
        return form.write(source, out)

    try:
        if output is None:
            if form.binary:
                n = write(sys.stdout.buffer)
                sys.stdout.buffer.flush()
            else:
                n = write(sys.stdout)
        else:
            tmp = output.with_name(output.name + ".part")
            try:
                if form.binary:
                    with tmp.open("wb") as out:
                        n = write(out)
                else:
                    with tmp.open("w", encoding="utf-8", newline="") as out:
                        n = write(out)
                tmp.replace(output)
            finally:
                tmp.unlink(missing_ok=True)
    except ExportError as exc:
        raise fail(str(exc)) from None
    err.print(f"exported {n} {form.unit}" + (f" to {output}" if output else ""))


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str | None, typer.Option(help="Address to bind [default 127.0.0.1].")] = None,
    port: Annotated[int | None, typer.Option(help="Port [default 8000].")] = None,
    config: ConfigOpt = None,
) -> None:
    """Serve the HTTP API (and the dashboard) over the database."""
    import uvicorn

    from sitroom.api import create_app

    conf = _settings(config, db=db, host=host, port=port)
    engine = _open(conf["db"], create=False)
    err.print(f"serving {conf['db']} on http://{conf['host']}:{conf['port']} (Ctrl-C to stop)")
    uvicorn.run(create_app(engine), host=conf["host"], port=conf["port"], log_level="warning")


@app.command()
def index(
    force: Annotated[bool, typer.Option("--force", help="Rebuild even when up to date.")] = False,
) -> None:
    """Build the gazetteer index in the cache folder (done on first use when missing)."""
    import time

    from sitroom.places.gazetteer import build_index

    start = time.perf_counter()
    path = build_index(force=force)
    size_mb = path.stat().st_size / 1e6
    err.print(f"gazetteer index: {path} ({size_mb:.1f} MB, {time.perf_counter() - start:.1f} s)")


@app.command()
def stages(config: ConfigOpt = None) -> None:
    """List the extraction stages that can be named in the `pipeline` setting."""
    from sitroom.stages import all_stages

    conf = _settings(config)
    active = set(conf["pipeline"])
    for s in all_stages():
        mark = "*" if s.name in active else " "
        typer.echo(f"{mark} {s.name:<24} fills {s.fills:<10} {s.doc}")


@app.command()
def brief(
    query: Annotated[
        str,
        typer.Argument(
            help="A story id (st-...), a date range (YYYY-MM-DD..YYYY-MM-DD, YYYY-MM or YYYY), "
            "a place, an actor, or words of a story label."
        ),
    ],
    db: DbOpt = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Write a Markdown situation report on QUERY, every statement cited to its words."""
    from sitroom.store.briefs import BriefError, dossier, resolve
    from sitroom.stories.brief import render

    conf = _settings(config, db=db)
    engine = _open(conf["db"], create=False)
    try:
        text = render(dossier(engine, resolve(engine, query)))
    except BriefError as exc:
        raise fail(str(exc)) from None
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    tmp = output.with_name(output.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(output)
    err.print(f"wrote the brief on {query!r} to {output}")


@app.command("stories")
def list_stories(
    db: DbOpt = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Recompute every event link and story first.")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="List at most this many.")] = 50,
    config: ConfigOpt = None,
) -> None:
    """List the stories (storylines), latest first: id, span, articles, events, label."""
    from sitroom.store import briefs

    conf = _settings(config, db=db)
    engine = _open(conf["db"], create=False)
    if rebuild:
        from sqlalchemy import func, select

        from sitroom.store import schema
        from sitroom.store.stories import rebuild as rebuild_stories

        with engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(schema.articles)).scalar_one()
        columns = (
            SpinnerColumn(),
            TextColumn("linking stories"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.elapsed:.0f}s"),
        )
        with Progress(*columns, console=err, transient=True) as bar:
            task = bar.add_task("stories", total=total)
            n = rebuild_stories(engine, lambda: bar.advance(task))
        err.print(f"rebuilt the stories of {n} articles")
    total, items = briefs.list_stories(engine, limit=limit)
    if items:
        typer.echo(f"{'id':<15}  {'span':<22}  {'articles':>8}  {'events':>6}  label")
    for s in items:
        span = f"{s['date_start'] or '?'}..{s['date_end'] or '?'}"
        typer.echo(f"{s['id']:<15}  {span:<22}  {s['articles']:>8}  {s['events']:>6}  {s['label']}")
    err.print(f"{len(items)} of {total} stories")


@app.command("settings")
def show_settings(config: ConfigOpt = None) -> None:
    """Show every setting, its effective value, and its environment variable."""
    conf = _settings(config)
    for name, s in settings.SETTINGS.items():
        value = ",".join(conf[name]) if isinstance(conf[name], list) else conf[name]
        if name == "token" and value:
            value = "(set)"
        typer.echo(f"{name:<11} = {value!s:<40} [{s.env}] {s.help}")


if __name__ == "__main__":
    app()
