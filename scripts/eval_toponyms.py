#!/usr/bin/env python3
"""Toponym resolution accuracy on tests/data/toponyms.jsonl (sentences written for this project).

Each line: {"text", "places": [{"text", "start", "end", and "lat"/"lon" or "country"}], "not_places": [...]}.
A place with a point is correct when the predicted point is within 50 km; a place
given as a country (states, countries, areas) when the predicted country matches.
A "not_places" string (a person called Jordan) is correct when nothing there is geocoded.

    .venv/bin/python scripts/eval_toponyms.py [--file F] [--show-errors]
"""
from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

from eventscope.config import load_config
from eventscope.geoparse import Geoparser
from eventscope.pipeline import Resources
from eventscope.records import PlaceMention

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "data" / "toponyms.jsonl"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p = math.pi / 180
    a = 0.5 - math.cos((lat2 - lat1) * p) / 2 + math.cos(lat1 * p) * math.cos(lat2 * p) * (1 - math.cos((lon2 - lon1) * p)) / 2
    return 12742 * math.asin(math.sqrt(a))


def judge(gold: dict, found: list[PlaceMention]) -> tuple[bool, str]:
    """Whether the mention overlapping `gold` resolves right, and what was predicted."""
    hits = [m for m in found if m.start < gold["end"] and gold["start"] < m.end and m.place]
    if not hits:
        return False, "not found"
    place = hits[0].place
    said = f"{place.name} ({place.country}, {place.precision}, {place.lat}, {place.lon})"
    if "country" in gold:
        return place.country == gold["country"], said
    if place.lat is None or place.lon is None:
        return False, said
    return km(gold["lat"], gold["lon"], place.lat, place.lon) <= 50, said


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", default=str(DEFAULT))
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    items = [json.loads(line) for line in open(args.file, encoding="utf-8") if line.strip()]
    resources = Resources(load_config())
    geoparser = Geoparser(resources.gazetteer)
    tally = {"point": [0, 0], "country": [0, 0], "not_place": [0, 0]}
    errors = []
    for item, doc in zip(items, resources.nlp.pipe(it["text"] for it in items)):
        found = geoparser(doc)
        for gold in item["places"]:
            ok, said = judge(gold, found)
            kind = "country" if "country" in gold else "point"
            tally[kind][0] += ok
            tally[kind][1] += 1
            if not ok:
                errors.append(f"{gold['text']!r} -> {said} | {item['text']}")
        for name in item.get("not_places", []):
            start = item["text"].index(name)
            ok = not any(m.place and m.start < start + len(name) and start < m.end for m in found)
            tally["not_place"][0] += ok
            tally["not_place"][1] += 1
            if not ok:
                errors.append(f"{name!r} geocoded but is not a place | {item['text']}")
    right = sum(v[0] for v in tally.values())
    total = sum(v[1] for v in tally.values())
    print(f"accuracy@50km {tally['point'][0]}/{tally['point'][1]} = {tally['point'][0] / tally['point'][1]:.3f} | "
          f"country {tally['country'][0]}/{tally['country'][1]} | not-places {tally['not_place'][0]}/{tally['not_place'][1]} | "
          f"overall {right}/{total} = {right / total:.3f}")
    if args.show_errors:
        print("\n".join(errors))


if __name__ == "__main__":
    main()
