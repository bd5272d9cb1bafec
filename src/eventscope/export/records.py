"""The record formats of `extract` and `events`: jsonl, json, csv (flattened) and a terminal table."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

RECORD_FORMATS = ("jsonl", "json", "csv", "table")
FLAT_COLUMNS = (
    "doc_id", "event_id", "type", "mode", "cameo", "quad_class",
    "source.name", "source.text", "source.country", "source.sector", "source.kind",
    "target.name", "target.text", "target.country", "target.sector", "target.kind",
    "date.start", "date.end", "date.precision", "date.inferred", "date.text",
    "location.name", "location.country", "location.admin1", "location.lat", "location.lon",
    "location.geonameid", "location.precision",
    "modality", "attribution.source.name", "attribution.cue",
    "evidence.sentence", "evidence.start", "evidence.end", "evidence.trigger", "confidence",
)


def _get(record: dict[str, Any], dotted: str) -> Any:
    value: Any = record
    for part in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """One flat row per event with the columns of FLAT_COLUMNS (same for every record)."""
    return {col: _get(record, col) for col in FLAT_COLUMNS}


def _actor(a: dict[str, Any] | None) -> str:
    if not a:
        return "-"
    return f"{a.get('name')} ({a.get('country') or '?'})"


def write_records(records: Iterable[dict[str, Any]], fmt: str, out: TextIO) -> int:
    """Write event records in `fmt` to `out`; returns how many were written."""
    if fmt not in RECORD_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(RECORD_FORMATS)}")
    n = 0
    if fmt == "json":
        items = list(records)
        json.dump(items, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return len(items)
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=FLAT_COLUMNS)
        writer.writeheader()
        for n, record in enumerate(records, 1):
            writer.writerow(flatten(record))
        return n
    if fmt == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table("doc", "type", "mode", "source", "target", "date", "place", "modality", "evidence")
        for n, r in enumerate(records, 1):
            d, loc = r.get("date") or {}, r.get("location") or {}
            table.add_row(r["doc_id"], r["type"], r.get("mode") or "", _actor(r.get("source")), _actor(r.get("target")),
                          f"{d.get('start', '')}..{d.get('end', '')}" if d else "", loc.get("name") or "",
                          r["modality"], r["evidence"]["trigger"] or "")
        Console(file=out, width=200).print(table)
        return n
    for n, record in enumerate(records, 1):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return n
