"""Event filters shared by the CLI, the API and exports; every value is a bound parameter."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class EventFilter:
    """What `events`, `export` and `GET /events` can filter on."""

    type: str | None = None
    actor: str | None = None  # matches source/target name, text or country (case-insensitive substring)
    country: str | None = None  # ISO3 of the source, target or location
    since: date | None = None  # events whose interval ends on or after this day
    until: date | None = None  # events whose interval starts on or before this day
    modality: str | None = None
    doc_id: str | None = None
    text: str | None = None  # substring of the evidence sentence
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    limit: int | None = None
    offset: int = 0


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """"min_lon,min_lat,max_lon,max_lat" as four floats (None when empty); ValueError says what is wrong."""
    if not value:
        return None
    try:
        box = tuple(float(v) for v in value.split(","))
    except ValueError:
        box = ()
    if len(box) != 4 or not (box[0] <= box[2] and box[1] <= box[3]):
        raise ValueError(f"bbox {value!r} must be min_lon,min_lat,max_lon,max_lat with min <= max")
    return box  # type: ignore[return-value]


def event_where(flt: EventFilter) -> tuple[str, list[Any]]:
    """The SQL WHERE clause (with ? placeholders) and its parameters for a filter."""
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    if flt.type:
        clauses.append("type = ?")
        params.append(flt.type.upper())
    if flt.actor:
        cols = ("source_name", "source_text", "source_country", "target_name", "target_text", "target_country")
        clauses.append("(" + " OR ".join(f"{c} ILIKE ?" for c in cols) + ")")
        params += [f"%{flt.actor}%"] * len(cols)
    if flt.country:
        clauses.append("(source_country = ? OR target_country = ? OR location_country = ?)")
        params += [flt.country.upper()] * 3
    if flt.since:
        clauses.append("coalesce(date_end, date_start) >= ?")
        params.append(flt.since)
    if flt.until:
        clauses.append("date_start <= ?")
        params.append(flt.until)
    if flt.modality:
        clauses.append("modality = ?")
        params.append(flt.modality.lower())
    if flt.doc_id:
        clauses.append("doc_id = ?")
        params.append(flt.doc_id)
    if flt.text:
        clauses.append("sentence ILIKE ?")
        params.append(f"%{flt.text}%")
    if flt.bbox:
        clauses.append("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?")
        min_lon, min_lat, max_lon, max_lat = flt.bbox
        params += [min_lon, max_lon, min_lat, max_lat]
    return " AND ".join(clauses), params
