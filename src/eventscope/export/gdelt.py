"""GDELT 2.0 event table: 61 tab-separated columns, no header, one row per event.

Filled: GLOBALEVENTID (stable 48-bit hash of event_id), SQLDATE/MonthYear/Year/FractionDate
(event interval start), Actor1/2 Code (CAMEO country + sector), Name, CountryCode, Type1Code,
IsRootEvent (first sentence), EventCode/BaseCode/RootCode (CAMEO, strings with leading zeros),
QuadClass, NumMentions/NumSources/NumArticles, ActionGeo_* (type, full name, FIPS country,
FIPS country as ADM1 for country-level places, lat, long, GeoNames id as FeatureID),
DATEADDED (article date, 000000) and SOURCEURL (url, else source, else doc id).
Left empty: known group, ethnic and religion codes, GoldsteinScale, AvgTone, Actor1/2Geo_*, ADM2 codes.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, TextIO

from ..records import QUAD_CLASS
from .codes import Country, load_countries

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)
_GEO_TYPE = {"country": 1, "admin1": 5, "region": 5, "city": 4, "point": 4}  # US places: 2 state, 3 city


def global_event_id(event_id: str) -> int:
    """A stable integer id for an event id (48 bits, so it stays exact in any consumer)."""
    return int.from_bytes(hashlib.sha256(event_id.encode("utf-8")).digest()[:6], "big")


def _actor(actor: dict[str, Any] | None) -> list[Any]:
    if not actor:
        return [""] * len(_ACTOR)
    country, sector = actor.get("country") or "", actor.get("sector") or ""
    return [country + sector, (actor.get("name") or "").upper(), country, "", "", "", "", sector, "", ""]


def _action_geo(loc: dict[str, Any] | None, countries: Mapping[str, Country]) -> list[Any]:
    if not loc or loc.get("lat") is None:
        return [""] * len(_GEO)
    precision, iso3 = loc.get("precision") or "city", loc.get("country") or ""
    geo_type = _GEO_TYPE.get(precision, 4)
    if iso3 == "USA" and geo_type in (4, 5):
        geo_type = 3 if geo_type == 4 else 2
    country = countries.get(iso3)
    fips = country.fips if country else ""
    names = [loc.get("name")] + ([loc.get("admin1")] if precision != "country" else []) + \
        ([country.name] if country and precision != "country" else [])
    full = ", ".join(dict.fromkeys(n for n in names if n))
    return [geo_type, full, fips, fips if precision == "country" else "", "", loc["lat"], loc["lon"],
            loc.get("geonameid") or ""]


def _dates(record: dict[str, Any]) -> list[Any]:
    span = record.get("date")
    if not span:
        return ["", "", "", ""]
    day = date.fromisoformat(span["start"])
    days_in_year = 366 if date(day.year, 12, 31).timetuple().tm_yday == 366 else 365
    return [f"{day:%Y%m%d}", f"{day:%Y%m}", day.year, f"{day.year + day.timetuple().tm_yday / days_in_year:.4f}"]


def gdelt_row(record: dict[str, Any], doc: Mapping[str, Any] | None = None, *, mentions: int = 1,
              articles: int = 1, countries: Mapping[str, Country] | None = None) -> list[Any]:
    """The 61 GDELT fields of one event record (`doc`: its document's date/url/source)."""
    countries = countries if countries is not None else load_countries()
    doc = doc or {}
    cameo = record.get("cameo") or ""
    quad = record.get("quad_class") or QUAD_CLASS.get(record["type"], "")
    added = doc.get("date")
    row = [global_event_id(record["event_id"]), *_dates(record), *_actor(record.get("source")),
           *_actor(record.get("target")), int(record.get("sentence_index") == 0), cameo, cameo[:3], cameo[:2],
           quad, "", mentions, 1, articles, "", *[""] * (2 * len(_GEO)),
           *_action_geo(record.get("location"), countries),
           f"{added:%Y%m%d}000000" if isinstance(added, date) else "",
           doc.get("url") or doc.get("source") or record["doc_id"]]
    return row


def _clean(value: Any) -> str:
    return str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def write_gdelt(records: Iterable[dict[str, Any]], out: TextIO,
                docs: Mapping[str, Mapping[str, Any]] | None = None) -> int:
    """Write GDELT 2.0 event rows (tab-separated, no header); returns the number written."""
    countries, docs, n = load_countries(), docs or {}, 0
    for n, record in enumerate(records, 1):
        row = gdelt_row(record, docs.get(record["doc_id"]), countries=countries,
                        mentions=record.get("n_mentions", 1), articles=record.get("n_documents", 1))
        out.write("\t".join(_clean(v) for v in row) + "\n")
    return n
