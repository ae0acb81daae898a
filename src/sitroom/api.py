"""The HTTP API (FastAPI, OpenAPI at /docs): read-only views of the database.

Every error has one JSON shape: {"error": {"status": 404, "message": "..."}}.
"""

from __future__ import annotations

from importlib import resources
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitroom import __version__, store

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

    static = resources.files("sitroom").joinpath("web")
    app.mount("/", StaticFiles(directory=str(static), html=True), name="web")
    return app
