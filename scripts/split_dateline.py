"""Split the basemap's polygons at the antimeridian, in place (run once after updating world-atlas).

Natural Earth rings that cross ±180 (Russia's Chukotka, Fiji, Antarctica) jump from +180 to -180
inside one ring, which Leaflet and matplotlib draw as a band across the whole world. Each such ring
is unwrapped to continuous longitudes, a ring around a pole is closed along the pole, and the result
is clipped to [-180, 180] once per 360-degree shift, so every part stays on its own side.

Usage: .venv/bin/python scripts/split_dateline.py [src/eventscope/ui/vendor/world-atlas/countries-110m.geojson]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1] / "src/eventscope/ui/vendor/world-atlas/countries-110m.geojson"
Ring = list[list[float]]


def crosses(ring: Ring) -> bool:
    """True when two consecutive points are more than 180 degrees of longitude apart."""
    return any(abs(b[0] - a[0]) > 180 for a, b in zip(ring, ring[1:]))


def _unwrap(ring: Ring) -> Ring:
    out = [list(ring[0])]
    for lon, lat in ring[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while prev - lon > 180:
            lon += 360
        out.append([lon, lat])
    if abs(out[-1][0] - out[0][0]) > 180:  # around a pole: close it along the pole, in steps under 180 degrees
        pole = -90.0 if sum(p[1] for p in out) < 0 else 90.0
        a, b = out[-1][0], out[0][0]
        out += [[a + (b - a) * i / 4, pole] for i in range(5)] + [list(out[0])]
    return out


def _clip(ring: Ring, x: float, keep_below: bool) -> Ring:
    """Sutherland-Hodgman against the line lon = x."""
    inside = (lambda p: p[0] <= x) if keep_below else (lambda p: p[0] >= x)
    out: Ring = []
    for i, cur in enumerate(ring):
        prev = ring[i - 1]
        if inside(cur) != inside(prev):
            t = (x - prev[0]) / (cur[0] - prev[0])
            out.append([x, round(prev[1] + t * (cur[1] - prev[1]), 2)])
        if inside(cur):
            out.append(cur)
    return out


def split_ring(ring: Ring) -> list[Ring]:
    """The parts of a ring inside [-180, 180], each closed; the ring itself when it does not cross."""
    if not crosses(ring):
        return [ring]
    flat = _unwrap(ring)
    parts = []
    for shift in (-360, 0, 360):
        part = [[round(lon + shift, 2), lat] for lon, lat in flat]
        part = _clip(_clip(part, 180, True), -180, False)
        if len({(p[0], p[1]) for p in part}) >= 3:
            parts.append(part + [part[0]] if part[0] != part[-1] else part)
    return parts


def split_feature(geometry: dict) -> dict:
    """The geometry as a MultiPolygon whose rings never cross the antimeridian (holes kept as they are)."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    out = []
    for polygon in polygons:
        shell, holes = polygon[0], polygon[1:]
        parts = split_ring(shell)
        out += [[part, *holes] if len(parts) == 1 else [part] for part in parts]
    return {"type": "MultiPolygon", "coordinates": out} if len(out) > 1 else {"type": "Polygon", "coordinates": out[0]}


def main(path: Path) -> None:
    collection = json.loads(path.read_text("utf-8"))
    for feature in collection["features"]:
        feature["geometry"] = split_feature(feature["geometry"])
    path.write_text(json.dumps(collection, separators=(",", ":")), "utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
