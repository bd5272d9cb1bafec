"""export: write the stored events in an exchange format (jsonl, parquet, csv, gdelt, acled, geojson, graphml)."""
from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from ..export import DEFAULT_MODALITIES, EXPORT_FORMATS, ExportOptions, export_events
from ..export.records import CsvStyle
from ..records import MODALITIES
from .common import ConfigOpt, DbOpt, fail, reading_store
from .filters import ActorOpt, BboxOpt, CountryOpt, SinceOpt, TextOpt, TypeOpt, UntilOpt, build_filter

ModalitiesOpt = Annotated[str | None, typer.Option(
    "--modality", help=f"Modalities to export, comma-separated, or 'all' (default: {','.join(DEFAULT_MODALITIES)}); "
                       f"one of {', '.join(MODALITIES)}.")]


def parse_modalities(value: str | None) -> tuple[str, ...] | None:
    """The --modality value as a tuple (None for 'all'); the default when not given."""
    if value is None:
        return DEFAULT_MODALITIES
    if value.strip().lower() == "all":
        return None
    chosen = tuple(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
    unknown = [m for m in chosen if m not in MODALITIES]
    if unknown or not chosen:
        raise typer.BadParameter(f"{value!r}: choose from {', '.join(MODALITIES)} or 'all'", param_hint="--modality")
    return chosen


def _write_atomically(path: Path, write: Callable[[BinaryIO], int]) -> int:
    """Write to a temporary file beside `path` and rename it into place, so a failure leaves no partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as stream:
            n = write(stream)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(EXPORT_FORMATS)}.")] = "jsonl",
    out: Annotated[str | None, typer.Option("--out", "-o", help="Output file (default: stdout).")] = None,
    clusters: Annotated[bool, typer.Option("--clusters", help="One record per event cluster (not graphml).")] = False,
    excel: Annotated[bool, typer.Option("--excel", help="CSV for Excel (csv, acled): BOM, CRLF, flat names.")] = False,
    all_: Annotated[bool, typer.Option("--all", help="acled: also events ACLED does not code (statements, "
                                                     "meetings), with empty categories.")] = False,
    db: DbOpt = None, type: TypeOpt = None, actor: ActorOpt = None, country: CountryOpt = None,
    since: SinceOpt = None, until: UntilOpt = None, modality: ModalitiesOpt = None, text: TextOpt = None,
    bbox: BboxOpt = None, config: ConfigOpt = None,
) -> None:
    """Export stored events, with the same filters as `events`; asserted and reported events by default."""
    if fmt not in EXPORT_FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(EXPORT_FORMATS)}", param_hint="--format")
    if EXPORT_FORMATS[fmt].binary and out is None and sys.stdout.isatty():
        raise fail(f"{fmt} is a binary format: pass --out FILE")
    options = ExportOptions(modalities=parse_modalities(modality), acled_all=all_, csv=CsvStyle(excel=excel))
    flt = build_filter(type, actor, country, since, until, None, text, bbox)
    with reading_store(config, db) as store:
        def write(stream: BinaryIO) -> int:
            return export_events(store, fmt, stream, flt, clusters=clusters, options=options)

        if out is None:
            n = write(sys.stdout.buffer)
            sys.stdout.flush()
        else:
            n = _write_atomically(Path(out), write)
    typer.echo(f"{n} {'edges' if fmt == 'graphml' else 'items'} written as {fmt}"
               f"{' to ' + out if out else ''}", err=True)


def register(app: typer.Typer) -> None:
    """Add the commands of this module to the app."""
    app.command("export")(export)
