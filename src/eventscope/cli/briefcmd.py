"""brief: a one-page situation report (Markdown or HTML) from the store."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import EventscopeError
from ..store import Store
from .common import ConfigOpt, DbOpt, fail, make_config, parse_day
from .filters import SinceOpt, UntilOpt


def brief(
    db: DbOpt = None, since: SinceOpt = None, until: UntilOpt = None,
    out: Annotated[str, typer.Option("--out", "-o", help="brief.html (self-contained) or brief.md "
                                     "(PNG figures written beside it).")] = "brief.html",
    config: ConfigOpt = None,
) -> None:
    """Write a situation report: key events by day, active actors, map, network, changes. Default period:
    the 7 days up to the latest event; compared with the 7 days before."""
    from ..brief import write_brief

    if Path(out).suffix not in (".html", ".md"):
        raise typer.BadParameter(f"{out!r} must end in .html or .md", param_hint="--out")
    path = make_config(config, None, db).db_path
    if not Path(path).exists():
        raise fail(f"{path}: no store here (run `eventscope ingest` first or pass --db)")
    try:
        with Store(path, read_only=True) as store:
            written = write_brief(store, out, parse_day(since, "--since"), parse_day(until, "--until"))
    except EventscopeError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"brief written to {written}", err=True)


def register(app: typer.Typer) -> None:
    """Add the commands of this module to the app."""
    app.command("brief")(brief)
