"""The FastAPI app factory: one store connection (behind a lock), a lazily built pipeline, JSON errors."""
from __future__ import annotations

import ipaddress
import threading
from collections.abc import Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from ..errors import DocumentTimeout, EventscopeError, InputError, StoreError
from ..pipeline import Pipeline
from ..store import Store
from .guards import BodyLimit, TokenGuard

DEFAULT_MAX_BODY = 2_000_000
_STATUS_CODES = {400: "bad_request", 401: "unauthorized", 404: "not_found", 405: "method_not_allowed",
                 413: "too_large", 422: "invalid_request"}


class Database:
    """The app's store: one DuckDB connection, used by one request at a time."""

    def __init__(self, path: str | Path) -> None:
        self.store = Store(path)
        self.lock = threading.Lock()

    @contextmanager
    def session(self) -> Iterator[Store]:
        """`with db.session() as store:` holds the connection for one request."""
        with self.lock:
            yield self.store

    def close(self) -> None:
        """Close the connection."""
        with self.lock:
            self.store.close()


class PipelineProvider:
    """Builds the (heavy) pipeline on first use, once per app, and serializes its use."""

    def __init__(self, source: Pipeline | Callable[[], Pipeline] | None) -> None:
        self._pipeline = source if isinstance(source, Pipeline) else None
        self._factory = source if callable(source) and not isinstance(source, Pipeline) else Pipeline
        self._lock = threading.Lock()

    @contextmanager
    def use(self) -> Iterator[Pipeline]:
        """`with provider.use() as pipeline:` builds it if needed and holds it for one request."""
        with self._lock:
            if self._pipeline is None:
                self._pipeline = self._factory()
            yield self._pipeline


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1): the only hosts served without a token."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _error(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": code, "message": message, **extra}, status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, _STATUS_CODES.get(exc.status_code, "error"), str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        return _error(422, "invalid_request", "; ".join(problems))

    @app.exception_handler(EventscopeError)
    async def domain_error(request: Request, exc: EventscopeError) -> JSONResponse:
        # A document over its time budget is the document's problem (422), like bad input; the API goes on.
        status = 422 if isinstance(exc, (InputError, DocumentTimeout)) else 503 if isinstance(exc, StoreError) else 500
        return _error(status, exc.code, str(exc))


def create_app(db_path: str | Path, *, token: str | None = None, max_body_bytes: int = DEFAULT_MAX_BODY,
               pipeline: Pipeline | Callable[[], Pipeline] | None = None) -> FastAPI:
    """The ASGI app over the store at `db_path`.

    `token`: when set, every route needs it (Bearer header, ?token= or the page's cookie).
    `pipeline`: a Pipeline or a factory for POST /extract and /documents, built on first use
    (default: `Pipeline()` with the default config).
    """
    from . import routes

    db = Database(db_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        db.close()

    app = FastAPI(title="eventscope", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Evidence-backed geopolitical event data: query events, actors and documents; "
                              "extract or ingest articles; export GDELT, ACLED, GeoJSON, GraphML, Parquet.")
    app.state.db = db
    app.state.pipeline = PipelineProvider(pipeline)
    _install_error_handlers(app)
    app.include_router(routes.router)
    app.mount("/ui", StaticFiles(directory=str(resources.files("eventscope") / "ui")), name="ui")
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    if token:
        app.add_middleware(TokenGuard, token=token)  # added last, so it runs first
    return app
