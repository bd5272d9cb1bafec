"""Writers for every output format; `export_events(store, fmt, out, flt)` dispatches on the name.

Record formats (jsonl, json, csv, table) live in `records.py`; each exchange format has its own
module (gdelt, acled, geojson, graphml, parquet).
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from .records import RECORD_FORMATS, flatten, write_records

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


def _records(store: "Store", flt: "EventFilter", clusters: bool) -> Iterator[dict[str, Any]]:
    """Event records, or one record per cluster (the representative mention plus its counts)."""
    return store.iter_clusters(flt) if clusters else store.iter_events(flt)


def _write_text(store: "Store", fmt: str, out: io.TextIOBase, flt: "EventFilter", clusters: bool) -> int:
    from ..store import reads

    records = _records(store, flt, clusters)
    if fmt in ("jsonl", "json", "csv"):
        return write_records(records, fmt, out)
    if fmt == "geojson":
        from .geojson import write_geojson

        return write_geojson(records, out)
    docs = reads.document_meta(store, reads.event_doc_ids(store, flt))
    if fmt == "gdelt":
        from .gdelt import write_gdelt

        return write_gdelt(records, out, docs)
    from .acled import write_acled

    return write_acled(records, out, docs)


def export_events(store: "Store", fmt: str, out: BinaryIO, flt: "EventFilter | None" = None, *,
                  clusters: bool = False) -> int:
    """Write the events a filter selects to a binary stream in `fmt`; returns the number of items written.

    `clusters=True` writes one record per event cluster (any format but graphml): GDELT's
    NumMentions/NumArticles then count the cluster's mentions and documents.
    """
    from ..store import EventFilter, reads

    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if clusters and fmt not in CLUSTER_FORMATS:
        raise ValueError(f"clusters can be exported as {', '.join(CLUSTER_FORMATS)}, not {fmt}")
    flt = flt or EventFilter()
    if fmt == "parquet":
        from .parquet import write_parquet

        return write_parquet(_records(store, flt, clusters), out)
    if fmt == "graphml":
        from .graphml import write_graphml

        return write_graphml(reads.network(store, flt), out)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        return _write_text(store, fmt, text, flt, clusters)
    finally:
        text.flush()
        text.detach()


__all__ = ["CLUSTER_FORMATS", "EXPORT_FORMATS", "ExportFormat", "RECORD_FORMATS", "export_events", "flatten",
           "write_records"]
