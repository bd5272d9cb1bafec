"""Parquet: the flat columns with stable types, plus the full JSON record in `record`."""
from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from .records import FLAT_COLUMNS, flatten

_TYPES: dict[str, pa.DataType] = {
    "quad_class": pa.int8(), "date.inferred": pa.bool_(), "date.start": pa.date32(), "date.end": pa.date32(),
    "location.lat": pa.float64(), "location.lon": pa.float64(), "location.geonameid": pa.int64(),
    "evidence.start": pa.int64(), "evidence.end": pa.int64(), "confidence": pa.float64(),
    "location.inferred": pa.bool_(), "sentence_index": pa.int64(), "fatalities": pa.int64(), "injured": pa.int64(),
    "arrested": pa.int64(),
}
PARQUET_SCHEMA = pa.schema([(c, _TYPES.get(c, pa.string())) for c in FLAT_COLUMNS] + [("record", pa.string())])


def _row(record: dict[str, Any]) -> dict[str, Any]:
    row = flatten(record)
    for key in ("date.start", "date.end"):
        row[key] = date.fromisoformat(row[key]) if row[key] else None
    row["record"] = json.dumps(record, ensure_ascii=False)
    return row


def write_parquet(records: Iterable[dict[str, Any]], out: BinaryIO, *, batch_size: int = 5000) -> int:
    """Write records in row groups of `batch_size`; returns how many were written."""
    n = 0
    with pq.ParquetWriter(out, PARQUET_SCHEMA) as writer:
        batch: list[dict[str, Any]] = []
        for record in records:
            batch.append(_row(record))
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=PARQUET_SCHEMA))
                n, batch = n + len(batch), []
        writer.write_table(pa.Table.from_pylist(batch, schema=PARQUET_SCHEMA))
    return n + len(batch)
