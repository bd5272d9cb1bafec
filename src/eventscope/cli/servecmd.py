"""serve: the HTTP API and the web page (FastAPI under uvicorn)."""
from __future__ import annotations

import os
from typing import Annotated

import typer

from ..errors import EventscopeError
from .common import ConfigOpt, DbOpt, ModelOpt, fail, make_config


def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; other than loopback needs "
                                      "EVENTSCOPE_TOKEN.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    max_body: Annotated[int, typer.Option("--max-body", help="Largest request body in bytes.")] = 2_000_000,
    model: ModelOpt = None, config: ConfigOpt = None,
) -> None:
    """Serve the API (OpenAPI docs at /docs) and the web page (/) over the store."""
    import uvicorn

    from ..api import create_app
    from ..api.app import is_loopback
    from ..pipeline import Pipeline

    token = os.environ.get("EVENTSCOPE_TOKEN") or None
    if not is_loopback(host) and not token:
        raise fail(f"refusing to listen on {host} without a token: set EVENTSCOPE_TOKEN (clients then send "
                   "'Authorization: Bearer <token>' or open the page with ?token=...)")
    cfg = make_config(config, model, db)
    try:
        app = create_app(cfg.db_path, token=token, max_body_bytes=max_body, pipeline=lambda: Pipeline(cfg))
    except EventscopeError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"eventscope on http://{host}:{port}/ (API docs at /docs); store: {cfg.db_path}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add the commands of this module to the app."""
    app.command("serve")(serve)
