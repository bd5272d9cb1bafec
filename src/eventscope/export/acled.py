"""ACLED-style rows: ACLED's column names and categories (in its order), one row per event.

event_type/sub_event_type come from data/codes/acled_types.tsv; `iso` is ISO 3166 numeric.
geo_precision: 1 point or town, 2 part of a region, 3 province or country. time_precision:
1 day, 2 week, 3 longer. `source` is the article's source (else its title or doc id), `notes`
the evidence sentence with the modality when it is not asserted.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from .codes import AcledType, Country, load_acled_types, load_countries

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "actor2", "iso", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
    "source", "notes",
)
_GEO_PRECISION = {"point": 1, "city": 1, "region": 2, "admin1": 3, "country": 3}
_TIME_PRECISION = {"day": 1, "week": 2}


def acled_category(record: dict[str, Any], rules: Iterable[AcledType]) -> AcledType | None:
    """The first rule matching the event's type, mode and target sector."""
    sector = (record.get("target") or {}).get("sector")
    return next((r for r in rules if r.matches(record["type"], record.get("mode"), sector)), None)


def acled_row(record: dict[str, Any], doc: Mapping[str, Any] | None, rules: Iterable[AcledType],
              countries: Mapping[str, Country]) -> dict[str, Any]:
    """One ACLED-style row for an event record."""
    doc, loc, span = doc or {}, record.get("location") or {}, record.get("date") or {}
    category = acled_category(record, rules)
    country = countries.get(loc.get("country") or "")
    notes = record["evidence"]["sentence"]
    if record["modality"] != "asserted":
        who = ((record.get("attribution") or {}).get("source") or {}).get("name")
        notes = f"[{record['modality']}{' by ' + who if who else ''}] {notes}"
    return {
        "event_id_cnty": f"{record['event_id']}{'-' + country.iso3 if country else ''}",
        "event_date": span.get("start", ""), "year": span.get("start", "")[:4],
        "time_precision": _TIME_PRECISION.get(span.get("precision"), 3) if span else "",
        "disorder_type": category.disorder_type if category else "",
        "event_type": category.event_type if category else "",
        "sub_event_type": category.sub_event_type if category else "",
        "actor1": (record.get("source") or {}).get("name") or "",
        "actor2": (record.get("target") or {}).get("name") or "",
        "iso": country.isonumeric if country and country.isonumeric is not None else "",
        "country": country.name if country else "", "admin1": loc.get("admin1") or "",
        "location": loc.get("name") or "", "latitude": loc.get("lat", ""), "longitude": loc.get("lon", ""),
        "geo_precision": _GEO_PRECISION.get(loc.get("precision"), 3) if loc else "",
        "source": doc.get("source") or doc.get("title") or record["doc_id"], "notes": notes,
    }


def write_acled(records: Iterable[dict[str, Any]], out: TextIO,
                docs: Mapping[str, Mapping[str, Any]] | None = None) -> int:
    """Write ACLED-style CSV with a header; returns the number of rows."""
    rules, countries, docs = load_acled_types(), load_countries(), docs or {}
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    n = 0
    for n, record in enumerate(records, 1):
        writer.writerow(acled_row(record, docs.get(record["doc_id"]), rules, countries))
    return n
