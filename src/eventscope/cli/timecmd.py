"""`eventscope time`: normalize the time expressions of a text against a date (thin over `normalize_time`)."""
from __future__ import annotations

import json
from datetime import date

import typer

from .common import read_text_arg

FORMATS = ("json", "table")
TENSES = ("past", "present", "future")


def register(app: typer.Typer) -> None:
    """Add the `time` command to the app."""

    @app.command("time")
    def time_command(
        text: str = typer.Argument(..., help='The text, "-" for stdin, or a file path.'),
        on: str = typer.Option(..., "--date", help="The date the text was written (YYYY-MM-DD), the anchor."),
        fmt: str = typer.Option("json", "--format", "-f", help="json (one list) or table."),
        tense: str = typer.Option(None, "--tense", help="past, present or future: picks year-less dates and weekdays."),
    ) -> None:
        """Find the time expressions of TEXT and print the interval each one means."""
        from ..timex import normalize_time

        try:
            anchor = date.fromisoformat(on)
        except ValueError:
            raise typer.BadParameter(f"{on!r} is not a date in YYYY-MM-DD form", param_hint="--date") from None
        if fmt not in FORMATS:
            raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}", param_hint="--format")
        if tense is not None and tense not in TENSES:
            raise typer.BadParameter(f"{tense!r} is not one of {', '.join(TENSES)}", param_hint="--tense")
        spans = normalize_time(read_text_arg(text), anchor=anchor, tense=tense)
        if fmt == "json":
            typer.echo(json.dumps([s.to_dict() for s in spans], ensure_ascii=False, indent=1))
            return
        for s in spans:
            typer.echo(f"{s.char_start}-{s.char_end}\t{s.text}\t{s.start.isoformat()}\t{s.end.isoformat()}\t{s.precision}")
