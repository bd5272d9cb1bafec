"""Writers for every output format; `export_events(store, fmt, out, flt)` dispatches on the name.

Record formats (jsonl, json, csv, table) live in `records.py`; each exchange format has its own
module (gdelt, acled, geojson, graphml, parquet).
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from .records import RECORD_FORMATS, CsvStyle, flatten, write_records

if TYPE_CHECKING:
    from ..store import EventFilter, Store


@dataclass(frozen=True)
class ExportFormat:
    """How a format is served and saved: media type, file suffix, text or binary."""

    name: str
    media_type: str
    suffix: str
    binary: bool = False


EXPORT_FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("jsonl", "application/x-ndjson", ".jsonl"),
    ExportFormat("json", "application/json", ".json"),
    ExportFormat("csv", "text/csv", ".csv"),
    ExportFormat("parquet", "application/vnd.apache.parquet", ".parquet", binary=True),
    ExportFormat("gdelt", "text/tab-separated-values", ".export.tsv"),
    ExportFormat("acled", "text/csv", ".acled.csv"),
    ExportFormat("geojson", "application/geo+json", ".geojson"),
    ExportFormat("graphml", "application/graphml+xml", ".graphml", binary=True),
)}
CLUSTER_FORMATS = tuple(name for name in EXPORT_FORMATS if name != "graphml")
# What an export holds unless asked otherwise: what the text states as fact, itself or on someone's word.
DEFAULT_MODALITIES: tuple[str, ...] = ("asserted", "reported")


@dataclass(frozen=True)
class ExportOptions:
    """Choices beyond the filter: which modalities (None: every one), ACLED's uncoded events, CSV style."""

    modalities: tuple[str, ...] | None = DEFAULT_MODALITIES
    acled_all: bool = False
    csv: CsvStyle = CsvStyle()


def _records(store: "Store", flt: "EventFilter", clusters: bool, options: ExportOptions) -> Iterator[dict[str, Any]]:
    """Event records, or one record per cluster (the representative mention plus its counts), of the
    selected modalities (a filter's own `modality` wins over the options)."""
    records = store.iter_clusters(flt) if clusters else store.iter_events(flt)
    keep = None if flt.modality else options.modalities
    return (r for r in records if keep is None or r["modality"] in keep)


def _write_text(store: "Store", fmt: str, out: io.TextIOBase, flt: "EventFilter", clusters: bool,
                options: ExportOptions) -> int:
    from .context import with_context

    records = _records(store, flt, clusters, options)
    if fmt in ("jsonl", "json", "csv"):
        return write_records(records, fmt, out, options.csv)
    if fmt == "geojson":
        from .geojson import write_geojson

        return write_geojson(records, out)
    if fmt == "gdelt":
        from .gdelt import write_gdelt

        return write_gdelt(with_context(store, records, places=True), out)
    from .acled import write_acled

    return write_acled(with_context(store, records), out, include_all=options.acled_all, style=options.csv)


def export_events(store: "Store", fmt: str, out: BinaryIO, flt: "EventFilter | None" = None, *,
                  clusters: bool = False, options: ExportOptions | None = None) -> int:
    """Write the events a filter selects to a binary stream in `fmt`; returns the number of items written.

    By default only asserted and reported events are written (`options.modalities`; a filter's
    `modality` selects exactly that one). `clusters=True` writes one record per event cluster (any
    format but graphml). graphml is the actor network of every event the filter selects.
    """
    from ..store import EventFilter, reads

    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if clusters and fmt not in CLUSTER_FORMATS:
        raise ValueError(f"clusters can be exported as {', '.join(CLUSTER_FORMATS)}, not {fmt}")
    flt, options = flt or EventFilter(), options or ExportOptions()
    if fmt == "parquet":
        from .parquet import write_parquet

        return write_parquet(_records(store, flt, clusters, options), out)
    if fmt == "graphml":
        from .graphml import write_graphml

        return write_graphml(reads.network(store, flt), out)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        return _write_text(store, fmt, text, flt, clusters, options)
    finally:
        text.flush()
        text.detach()


__all__ = ["CLUSTER_FORMATS", "DEFAULT_MODALITIES", "EXPORT_FORMATS", "ExportFormat", "ExportOptions",
           "RECORD_FORMATS", "export_events", "flatten", "write_records"]
