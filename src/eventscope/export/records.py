"""The record formats of `extract` and `events`: jsonl, json, csv (flattened) and a terminal table.

CSV cells never hold a raw line break or tab: they are escaped as \\n, \\r, \\t (a backslash as \\\\),
the same in every delimited export (csv, acled, gdelt), so a row is always one line. `CsvStyle(excel=True)`
adds what Excel needs: a byte-order mark (so "Ménaka" survives), CRLF line ends and flat column names
("source_name" for "source.name").
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

RECORD_FORMATS = ("jsonl", "json", "csv", "table")
FLAT_COLUMNS = (
    "doc_id", "event_id", "type", "mode", "cameo", "quad_class",
    "source.name", "source.text", "source.id", "source.country", "source.sector", "source.kind",
    "target.name", "target.text", "target.id", "target.country", "target.sector", "target.kind",
    "date.start", "date.end", "date.precision", "date.inferred", "date.basis", "date.text",
    "location.name", "location.country", "location.admin1", "location.lat", "location.lon",
    "location.geonameid", "location.precision", "location.inferred", "location.basis",
    "modality", "attribution.source.name", "attribution.cue",
    "evidence.sentence", "evidence.start", "evidence.end", "evidence.trigger", "sentence_index", "confidence",
    "fatalities", "injured", "arrested",
)


@dataclass(frozen=True)
class CsvStyle:
    """How CSV is written: `excel` adds a BOM, CRLF line ends and flat column names."""

    excel: bool = False


def escape(value: Any) -> Any:
    """A cell value with line breaks and tabs escaped (strings only; None stays empty)."""
    if not isinstance(value, str):
        return value
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")


def unescape(text: str) -> str:
    """The inverse of `escape`, for readers that want the original text back."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append({"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}.get(text[i + 1], text[i:i + 2]))
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def column_name(column: str, style: CsvStyle) -> str:
    """The header a column gets in a style (flat names for Excel)."""
    return column.replace(".", "_") if style.excel else column


class _EscapingWriter:
    """A csv.DictWriter that escapes every cell and names columns for the style."""

    def __init__(self, out: TextIO, columns: Sequence[str], style: CsvStyle) -> None:
        if style.excel:
            out.write("\ufeff")
        self._columns = tuple(columns)
        self._writer = csv.writer(out, lineterminator="\r\n" if style.excel else "\n")
        self._writer.writerow([column_name(c, style) for c in self._columns])

    def writerow(self, row: dict[str, Any]) -> None:
        self._writer.writerow(["" if row.get(c) is None else escape(row.get(c)) for c in self._columns])


def csv_writer(out: TextIO, columns: Sequence[str], style: CsvStyle) -> _EscapingWriter:
    """A writer for rows (dicts) with these columns; writes the header at once."""
    return _EscapingWriter(out, columns, style)


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


def write_records(records: Iterable[dict[str, Any]], fmt: str, out: TextIO, style: CsvStyle | None = None) -> int:
    """Write event records in `fmt` to `out` (`style`: how CSV is written); returns how many were written."""
    if fmt not in RECORD_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(RECORD_FORMATS)}")
    n = 0
    if fmt == "json":
        items = list(records)
        json.dump(items, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return len(items)
    if fmt == "csv":
        writer = csv_writer(out, FLAT_COLUMNS, style or CsvStyle())
        for n, record in enumerate(records, 1):
            writer.writerow(flatten(record))
        return n
    if fmt == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table("doc", "type", "mode", "source", "target", "date", "place", "killed", "modality", "evidence")
        for n, r in enumerate(records, 1):
            d, loc = r.get("date") or {}, r.get("location") or {}
            table.add_row(r["doc_id"], r["type"], r.get("mode") or "", _actor(r.get("source")), _actor(r.get("target")),
                          f"{d.get('start', '')}..{d.get('end', '')}" if d else "", loc.get("name") or "",
                          "" if r.get("fatalities") is None else str(r["fatalities"]),
                          r["modality"], r["evidence"]["trigger"] or "")
        Console(file=out, width=200).print(table)
        return n
    for n, record in enumerate(records, 1):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return n
