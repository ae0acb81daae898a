"""The HTTP API (FastAPI, OpenAPI at /docs): read-only views of the database.

Every error has one JSON shape: {"error": {"status": 404, "message": "..."}}.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from importlib import resources
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitroom import __version__, store
from sitroom.store import query

MAX_PAGE = 500


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


def create_app(engine: Engine) -> FastAPI:
    """The API over one database engine (already migrated by store.open_db)."""
    app = FastAPI(
        title="sitroom",
        version=__version__,
        description="Sourced, geocoded records of armed conflict extracted from news reports.",
    )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
            parts.append(f"{where}: {err.get('msg')}")
        return _error(422, "; ".join(parts) or "invalid request")

    @app.get("/api/health", summary="Is the service up, and what does the database hold")
    def health() -> dict[str, Any]:
        return {
            "status": "ok",
            "version": __version__,
            "database": engine.dialect.name,
            "counts": store.counts(engine),
        }

    @app.get("/api/articles", summary="Articles, newest first, a page at a time")
    def articles(
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        page = store.list_articles(engine, limit=limit, offset=offset)
        return {"total": page.total, "limit": limit, "offset": offset, "items": page.items}

    @app.get("/api/articles/{article_id}", summary="One article's extraction record (CONTRACT.md)")
    def article(article_id: str) -> dict[str, Any]:
        record = store.get_record(engine, article_id)
        if record is None:
            raise HTTPException(404, f"no such article: {article_id}")
        return record.to_json_dict()

    @app.get("/api/stories", summary="Stories (storylines), latest first, a page at a time")
    def stories(
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        from sitroom.store import briefs

        total, items = briefs.list_stories(engine, limit=limit, offset=offset)
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get("/api/stories/{story_id}", summary="One story: its articles and canonical events")
    def story(story_id: str) -> dict[str, Any]:
        from sitroom.store import briefs

        found = briefs.get_story(engine, story_id)
        if found is None:
            raise HTTPException(404, f"no such story: {story_id}")
        return found

    def _brief(query: str) -> dict[str, Any]:
        from sitroom.store import briefs
        from sitroom.stories.brief import render

        try:
            text = render(briefs.dossier(engine, briefs.resolve(engine, query)))
        except briefs.BriefError as exc:
            raise HTTPException(404, str(exc)) from None
        return {"query": query, "markdown": text}

    @app.get("/api/brief", summary="A Markdown situation report on a story, dates, place or actor")
    def brief(q: Annotated[str, Query(min_length=1, max_length=200)]) -> dict[str, Any]:
        return _brief(q)

    @app.get("/api/stories/{story_id}/brief", summary="A Markdown situation report on one story")
    def story_brief(story_id: str) -> dict[str, Any]:
        from sitroom.store import briefs

        if briefs.get_story_row(engine, story_id) is None:
            raise HTTPException(404, f"no such story: {story_id}")
        return _brief(story_id)

    _add_resources(app, engine)

    @app.get(
        "/api/export/{fmt}",
        summary="Every stored record as a file: jsonl, json, acled (CSV), geojson, graphml, gexf "
        "or parquet (the formats of `sitroom export`)",
    )
    def export_file(fmt: str) -> Response:
        from sitroom.export import MEDIA, ExportError, formats, render

        if fmt not in formats():
            raise HTTPException(404, f"no export format {fmt!r}; use one of {', '.join(formats())}")
        media, ext = MEDIA.get(fmt, ("application/octet-stream", fmt))
        try:
            body = render(engine, fmt)
        except ExportError as exc:
            raise HTTPException(500, str(exc)) from None
        disposition = f'attachment; filename="sitroom-{fmt}.{ext}"'
        return Response(body, media_type=media, headers={"Content-Disposition": disposition})

    static = resources.files("sitroom").joinpath("web")
    app.mount("/", StaticFiles(directory=str(static), html=True), name="web")
    return app


# --- resources and filters (store/query.py) --------------------------------------------------

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"items per page, 1..{MAX_PAGE}")]
Offset = Annotated[int, Query(ge=0, description="items to skip (0 first)")]
DateFrom = Annotated[
    date | None,
    Query(description="ISO date (YYYY-MM-DD): only events on or after it; undated ones drop out"),
]
DateTo = Annotated[
    date | None,
    Query(description="ISO date (YYYY-MM-DD): only events on or before it; undated ones drop out"),
]
BBoxParam = Annotated[
    str | None,
    Query(
        description="min_lon,min_lat,max_lon,max_lat in decimal degrees: only what lies inside",
        examples=["36.1,33.4,36.5,33.7"],
    ),
]
NearParam = Annotated[
    str | None,
    Query(description="lat,lon: only what lies within radius_km of it", examples=["33.51,36.29"]),
]
RadiusParam = Annotated[
    float, Query(gt=0, le=20040, description="radius in kilometres for near (default 25)")
]
ActorParam = Annotated[
    str | None, Query(description="actor id (e.g. hezbollah): as actor1 or actor2")
]
BranchesParam = Annotated[
    bool,
    Query(description="with actor: also its branches and members (actors whose parent it is)"),
]
EventTypeParam = Annotated[
    list[str] | None, Query(description="ACLED event type, as ACLED spells it (repeatable)")
]
SubEventTypeParam = Annotated[
    list[str] | None, Query(description="ACLED sub-event type, as ACLED spells it (repeatable)")
]
StatusParam = Annotated[
    list[str] | None,
    Query(
        description="occurred, ongoing, anticipated or threatened (repeatable or comma-separated)"
    ),
]
SourceParam = Annotated[
    list[str] | None, Query(description="the article's outlet, e.g. Levant Wire (repeatable)")
]
TextParam = Annotated[
    str | None,
    Query(min_length=1, max_length=200, description="case-insensitive words to find"),
]


def event_filter(
    date_from: DateFrom = None,
    date_to: DateTo = None,
    bbox: BBoxParam = None,
    near: NearParam = None,
    radius_km: RadiusParam = 25.0,
    actor: ActorParam = None,
    branches: BranchesParam = False,
    event_type: EventTypeParam = None,
    sub_event_type: SubEventTypeParam = None,
    status: StatusParam = None,
) -> query.EventFilter:
    """The filters /api/events and /api/canonical-events share (a FastAPI dependency)."""
    try:
        query.check_dates(date_from, date_to)
        return query.EventFilter(
            date_from=date_from,
            date_to=date_to,
            bbox=query.parse_bbox(bbox),
            near=query.parse_near(near, radius_km),
            actor=actor or None,
            branches=branches,
            event_types=query.parse_event_types(event_type),
            sub_event_types=query.parse_sub_event_types(sub_event_type),
            statuses=query.parse_statuses(status),
        )
    except query.QueryError as exc:
        raise HTTPException(422, str(exc)) from None


Filters = Annotated[query.EventFilter, Depends(event_filter)]


def _page(total: int, items: list, limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _add_resources(app: FastAPI, engine: Engine) -> None:
    """The filtered lists: events, canonical events, actors, places, relations, quotes,
    claims and the article search. Bad filter values answer 422."""

    @app.get(
        "/api/events",
        summary="Stored events (one per report), filtered by date, place, actor, type, status, "
        "outlet and words; a page at a time",
    )
    def events(
        f: Filters,
        source: SourceParam = None,
        q: Annotated[
            str | None,
            Query(min_length=1, max_length=200, description="words found in the evidence text"),
        ] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        f = replace(f, sources=query.split_values(source), q=q)
        total, items = query.list_events(engine, f, limit=limit, offset=offset)
        return _page(total, items, limit, offset)

    @app.get(
        "/api/canonical-events",
        summary="Events reconciled across reports, each with its reports; the same filters as "
        "/api/events on the reconciled fields",
    )
    def canonical_events(
        f: Filters,
        source: Annotated[
            list[str] | None, Query(description="an outlet that reported it (repeatable)")
        ] = None,
        q: Annotated[
            str | None,
            Query(
                min_length=1,
                max_length=200,
                description="words found in the evidence of one of its reports",
            ),
        ] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        f = replace(f, sources=query.split_values(source), q=q)
        total, items = query.list_canonical_events(engine, f, limit=limit, offset=offset)
        return _page(total, items, limit, offset)

    @app.get("/api/actors", summary="Actors, most-named first, with article and event counts")
    def actors(
        kind: Annotated[
            list[str] | None,
            Query(description="actor kind, e.g. rebel_group (repeatable or comma-separated)"),
        ] = None,
        q: Annotated[
            str | None,
            Query(min_length=1, max_length=200, description="words in the name or id"),
        ] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        total, items = query.list_actors(
            engine, kinds=query.split_values(kind), q=q, limit=limit, offset=offset
        )
        return _page(total, items, limit, offset)

    @app.get("/api/places", summary="Places, most-named first, with coordinates and article counts")
    def places(
        bbox: BBoxParam = None,
        near: NearParam = None,
        radius_km: RadiusParam = 25.0,
        q: Annotated[
            str | None, Query(min_length=1, max_length=200, description="words in the name")
        ] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        try:
            box, around = query.parse_bbox(bbox), query.parse_near(near, radius_km)
        except query.QueryError as exc:
            raise HTTPException(422, str(exc)) from None
        total, items = query.list_places(
            engine, bbox=box, near=around, q=q, limit=limit, offset=offset
        )
        return _page(total, items, limit, offset)

    @app.get(
        "/api/relations", summary="Relations between actors (allies, backers...) with evidence"
    )
    def relations(
        actor: Annotated[str | None, Query(description="actor id at either end")] = None,
        kind: Annotated[
            list[str] | None,
            Query(description="relation kind, e.g. supports (repeatable or comma-separated)"),
        ] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        total, items = query.list_relations(
            engine, actor=actor or None, kinds=query.split_values(kind), limit=limit, offset=offset
        )
        return _page(total, items, limit, offset)

    @app.get("/api/quotes", summary="Quotes with their speaker, article and evidence")
    def quotes(
        q: Annotated[
            str | None,
            Query(min_length=1, max_length=200, description="words in the quoted text"),
        ] = None,
        speaker: Annotated[
            str | None,
            Query(min_length=1, max_length=200, description="words in the speaker's name"),
        ] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        total, items = query.list_quotes(engine, q=q, speaker=speaker, limit=limit, offset=offset)
        return _page(total, items, limit, offset)

    @app.get("/api/claims", summary="Numeric claims (fighters, refugees...) with their evidence")
    def claims(
        q: Annotated[
            str | None,
            Query(min_length=1, max_length=200, description="words in the claim or its subject"),
        ] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        total, items = query.list_claims(engine, q=q, limit=limit, offset=offset)
        return _page(total, items, limit, offset)

    @app.get(
        "/api/search",
        summary="Articles whose title or text holds every word, newest first, with a snippet",
    )
    def search(
        q: Annotated[
            str,
            Query(
                min_length=1,
                max_length=200,
                description="words, all required (PostgreSQL: English full-text search)",
            ),
        ],
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        try:
            total, items = query.search_articles(engine, q, limit=limit, offset=offset)
        except query.QueryError as exc:
            raise HTTPException(422, str(exc)) from None
        return _page(total, items, limit, offset)
