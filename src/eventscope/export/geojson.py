"""GeoJSON: a FeatureCollection with one Point per located event; properties are the flat columns."""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from .records import flatten


def event_feature(record: dict[str, Any]) -> dict[str, Any] | None:
    """The Point feature of an event, or None when it has no coordinates."""
    loc = record.get("location") or {}
    if loc.get("lat") is None or loc.get("lon") is None:
        return None
    props = {k: v for k, v in flatten(record).items() if k not in ("location.lat", "location.lon")}
    return {"type": "Feature", "id": record["event_id"],
            "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}, "properties": props}


def write_geojson(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write the FeatureCollection (events without coordinates are left out); returns #features."""
    out.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for record in records:
        feature = event_feature(record)
        if feature is None:
            continue
        out.write(("," if n else "") + "\n" + json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n
