"""`eventscope places`: the place mentions of a text, geocoded offline (thin over `geoparse`)."""
from __future__ import annotations

import json

import typer

from .common import ConfigOpt, ModelOpt, fail, make_config
from .common import read_text_arg as read_text

FORMATS = ("json", "table")


def register(app: typer.Typer) -> None:
    """Add the `places` command to the app."""

    @app.command("places")
    def places_command(
        text: str = typer.Argument(..., help='The text, "-" for stdin, or a file path.'),
        fmt: str = typer.Option("json", "--format", "-f", help="json (one list) or table."),
        model: ModelOpt = None,
        config: ConfigOpt = None,
    ) -> None:
        """Find the places TEXT names and resolve each with the offline gazetteer."""
        from ..errors import EventscopeError
        from ..geoparse import geoparse
        from ..pipeline import Resources

        if fmt not in FORMATS:
            raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}", param_hint="--format")
        try:
            mentions = geoparse(read_text(text), resources=Resources(make_config(config, model)))
        except EventscopeError as exc:
            raise fail(str(exc)) from None
        if fmt == "json":
            typer.echo(json.dumps([m.to_dict() for m in mentions], ensure_ascii=False, indent=1))
            return
        for m in mentions:
            p = m.place
            where = f"{p.name}\t{p.country or '-'}\t{p.admin1 or '-'}\t{p.lat}\t{p.lon}\t{p.precision}" if p else "-"
            typer.echo(f"{m.start}-{m.end}\t{m.text}\t{where}")
