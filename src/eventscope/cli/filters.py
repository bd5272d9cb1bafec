"""The event-filter options shared by `export` and `brief` (the same filters as `events`)."""
from __future__ import annotations

from typing import Annotated

import typer

from ..store import EventFilter
from ..store.queries import parse_bbox
from .common import parse_day

TypeOpt = Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. ASSAULT.")]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Actor name, text or country (substring).")]
CountryOpt = Annotated[str | None, typer.Option("--country", help="ISO3 of an actor or of the place.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Events ending on or after YYYY-MM-DD.")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Events starting on or before YYYY-MM-DD.")]
ModalityOpt = Annotated[str | None, typer.Option("--modality", help="asserted, reported, believed, ...")]
TextOpt = Annotated[str | None, typer.Option("--text", help="Text in the evidence sentence.")]
BboxOpt = Annotated[str | None, typer.Option("--bbox", help="min_lon,min_lat,max_lon,max_lat.")]


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    try:
        return parse_bbox(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--bbox") from None


def build_filter(type: str | None = None, actor: str | None = None, country: str | None = None,
                 since: str | None = None, until: str | None = None, modality: str | None = None,
                 text: str | None = None, bbox: str | None = None) -> EventFilter:
    """An EventFilter from the option values."""
    return EventFilter(type=type, actor=actor, country=country, since=parse_day(since, "--since"),
                       until=parse_day(until, "--until"), modality=modality, text=text, bbox=_bbox(bbox))
