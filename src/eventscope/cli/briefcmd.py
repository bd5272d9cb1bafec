"""brief: a one-page situation report (Markdown or HTML) from the store."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import ConfigOpt, DbOpt, parse_day, reading_store
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
    with reading_store(config, db) as store:
        written = write_brief(store, out, parse_day(since, "--since"), parse_day(until, "--until"))
    typer.echo(f"brief written to {written}", err=True)


def register(app: typer.Typer) -> None:
    """Add the commands of this module to the app."""
    app.command("brief")(brief)
