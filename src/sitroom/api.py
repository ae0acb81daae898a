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

    static = resources.files("sitroom").joinpath("web")
    app.mount("/", StaticFiles(directory=str(static), html=True), name="web")
    return app
