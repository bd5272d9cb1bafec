"""The event-filter options shared by `events`, `export` and `brief`, checked against the known values, and
the one way a command prints the events it found ("0 events match the filters." rather than an empty box)."""
from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable
from functools import lru_cache
from typing import Annotated, Any

import typer

from ..records import MODALITIES, PLOVER_TYPES
from ..store import EventFilter
from ..store.queries import parse_bbox
from .common import parse_day

TypeOpt = Annotated[str | None, typer.Option("--type", help=f"PLOVER type: {', '.join(PLOVER_TYPES)}.")]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Actor name, text or country (substring).")]
CountryOpt = Annotated[str | None, typer.Option("--country", help="ISO3 code of an actor or of the place, e.g. UKR.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Events ending on or after YYYY-MM-DD.")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Events starting on or before YYYY-MM-DD.")]
ModalityOpt = Annotated[str | None, typer.Option("--modality", help=f"One of {', '.join(MODALITIES)}.")]
TextOpt = Annotated[str | None, typer.Option("--text", help="Text in the evidence sentence.")]
BboxOpt = Annotated[str | None, typer.Option("--bbox", help="min_lon,min_lat,max_lon,max_lat.")]


@lru_cache(maxsize=1)
def known_countries() -> frozenset[str]:
    """ISO3 codes of the shipped country table (data/codes/countries.tsv)."""
    from ..export.codes import load_countries

    return frozenset(load_countries())


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    try:
        return parse_bbox(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--bbox") from None


def _choice(value: str | None, choices: tuple[str, ...], option: str, what: str) -> str | None:
    if value is None:
        return None
    canonical = {c.lower(): c for c in choices}.get(value.strip().lower())
    if canonical is None:
        raise typer.BadParameter(f"{value!r} is not {what}; choose one of {', '.join(choices)}", param_hint=option)
    return canonical


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if code not in known_countries():
        raise typer.BadParameter(f"{value!r} is not an ISO3 country code (three letters, e.g. UKR, MLI, USA; "
                                 f"{len(known_countries())} are known)", param_hint="--country")
    return code


def build_filter(type: str | None = None, actor: str | None = None, country: str | None = None,
                 since: str | None = None, until: str | None = None, modality: str | None = None,
                 text: str | None = None, bbox: str | None = None) -> EventFilter:
    """An EventFilter from the option values; an unknown type, modality or country is a usage error."""
    return EventFilter(type=_choice(type, PLOVER_TYPES, "--type", "a PLOVER type"), actor=actor,
                       country=_country(country), since=parse_day(since, "--since"),
                       until=parse_day(until, "--until"),
                       modality=_choice(modality, MODALITIES, "--modality", "a modality"), text=text,
                       bbox=_bbox(bbox))


def write_matching(records: Iterable[dict[str, Any]], fmt: str, what: str = "events") -> int:
    """Write the records to stdout in `fmt`; with none, say "0 events match the filters." on stderr (a table
    is then not drawn at all; json still prints [] for scripts). Returns how many were written."""
    from ..export import write_records

    items = iter(records)
    first = next(items, None)
    n = 0 if first is None and fmt == "table" else write_records(
        items if first is None else itertools.chain([first], items), fmt, sys.stdout)
    if not n:
        typer.echo(f"0 {what} match the filters.", err=True)
    return n
