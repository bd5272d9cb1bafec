"""export: write the stored events in an exchange format (jsonl, parquet, csv, gdelt, acled, geojson, graphml)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..export import EXPORT_FORMATS, export_events
from .common import ConfigOpt, DbOpt, fail, reading_store
from .filters import (ActorOpt, BboxOpt, CountryOpt, ModalityOpt, SinceOpt, TextOpt, TypeOpt, UntilOpt,
                      build_filter)


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(EXPORT_FORMATS)}.")] = "jsonl",
    out: Annotated[str | None, typer.Option("--out", "-o", help="Output file [default: stdout].")] = None,
    clusters: Annotated[bool, typer.Option("--clusters", help="One record per event cluster (not graphml).")] = False,
    db: DbOpt = None, type: TypeOpt = None, actor: ActorOpt = None, country: CountryOpt = None,
    since: SinceOpt = None, until: UntilOpt = None, modality: ModalityOpt = None, text: TextOpt = None,
    bbox: BboxOpt = None, config: ConfigOpt = None,
) -> None:
    """Export stored events, with the same filters as `events`."""
    if fmt not in EXPORT_FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(EXPORT_FORMATS)}", param_hint="--format")
    if EXPORT_FORMATS[fmt].binary and out is None and sys.stdout.isatty():
        raise fail(f"{fmt} is a binary format: pass --out FILE")
    flt = build_filter(type, actor, country, since, until, modality, text, bbox)
    with reading_store(config, db) as store:
        if out is None:
            n = export_events(store, fmt, sys.stdout.buffer, flt, clusters=clusters)
            sys.stdout.flush()
        else:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            with open(out, "wb") as stream:
                n = export_events(store, fmt, stream, flt, clusters=clusters)
    typer.echo(f"{n} {'edges' if fmt == 'graphml' else 'items'} written as {fmt}"
               f"{' to ' + out if out else ''}", err=True)


def register(app: typer.Typer) -> None:
    """Add the commands of this module to the app."""
    app.command("export")(export)
