"""GDELT 2.0 event table: 61 tab-separated columns, no header, one row per event (or per cluster).

Where each column comes from is listed in docs/interfaces.md ("GDELT columns"). In short: CAMEO codes,
QuadClass (from the CAMEO root) and GoldsteinScale (GDELT's lookup, parent-code fallback) from the event;
actor codes from the dictionary code the actor carries (IGOUNO, IMGMUSALQ) or its country + sector;
NumMentions/NumSources/NumArticles from the event's dedup cluster; AvgTone from VADER over the cluster's
evidence sentences (not GDELT's tone); the three Geo blocks from the event's and the actors' places, with
FIPS 10-4 country and ADM1 codes. The table has no column for modality: the default export keeps only
asserted and reported events (see `export_events`).
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import cache
from typing import Any, TextIO

from . import codes
from .context import Context
from .records import escape
from .tone import avg_tone

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
# GDELT Geo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
_GEO_TYPE = {"country": 1, "admin1": 5, "region": 5, "city": 4, "point": 4}
_US_GEO_TYPE = {4: 3, 5: 2}
# CAMEO writes these types first (NGOUSA, MNCCHN); an IGO or international militarized group has no country
# of its own: a country the text gave it is where it acted (the UN "in Somalia"), not part of its code.
_TYPE_FIRST = ("NGO", "MNC", "INT", "NGM")
_STATELESS = ("IGO", "IMG")


def global_event_id(event_id: str) -> int:
    """A stable integer id for an event id (48 bits, so it stays exact in any consumer)."""
    return int.from_bytes(hashlib.sha256(event_id.encode("utf-8")).digest()[:6], "big")


def _is_cameo_code(code: str | None) -> bool:
    return bool(code) and len(code) >= 6 and len(code) % 3 == 0 and code.isalpha() and code.isupper()


def _cameo_country(iso3: str | None) -> str:
    return codes.cameo_countries().get(iso3 or "", iso3 or "")


def actor_code(actor: Mapping[str, Any] | None) -> str:
    """The full CAMEO code of an actor: its dictionary code when it has one (IGOUNO, NGOUSAHRI, YEMREB),
    else its country (CAMEO spelling) followed by its sector (RUSGOV, TCDGOV; GOV when no country),
    in CAMEO's order for organization types (NGOUSA; IGO alone)."""
    if not actor:
        return ""
    if _is_cameo_code(actor.get("id")):
        return actor["id"]
    country, sector = _cameo_country(actor.get("country")), actor.get("sector") or ""
    if sector in _STATELESS:
        return sector
    return sector + country if sector in _TYPE_FIRST else country + sector


def split_actor_code(code: str) -> dict[str, str]:
    """GDELT's actor fields from a full code: CountryCode, KnownGroupCode, EthnicCode, Religion1/2Code,
    Type1-3Code, reading each 3-letter block with data/codes/cameo_actor_codes.tsv."""
    blocks = codes.cameo_blocks()
    countries = set(codes.load_countries()) | set(codes.cameo_countries().values())
    out = {k: "" for k in ("CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code")}
    types: list[str] = []
    for i in range(0, len(code) - len(code) % 3, 3):
        block = code[i:i + 3]
        # a code begins with its country or its type, so an unknown first block is a country
        kind = blocks.get(block) or ("country" if block in countries or i == 0 else "group")
        if kind in ("country", "region") and not out["CountryCode"]:
            out["CountryCode"] = block
        elif kind == "type":
            types.append(block)
        elif kind == "religion":
            slot = "Religion1Code" if not out["Religion1Code"] else "Religion2Code"
            out[slot] = out[slot] or block
        elif kind == "ethnic":
            out["EthnicCode"] = out["EthnicCode"] or block
        elif kind == "group":
            out["KnownGroupCode"] = out["KnownGroupCode"] or block
    out.update({f"Type{n}Code": (types[n - 1] if len(types) >= n else "") for n in (1, 2, 3)})
    return out


def _actor(actor: Mapping[str, Any] | None) -> list[Any]:
    if not actor:
        return [""] * len(_ACTOR)
    code = actor_code(actor)
    parts = split_actor_code(code)
    return [code, (actor.get("name") or "").upper(), *(parts[c] for c in _ACTOR[2:])]


def place_geo(place: Mapping[str, Any] | None) -> list[Any]:
    """The 8 Geo_* fields of a place: type, full name, FIPS country, FIPS ADM1, ADM2 (none), lat, long, feature id."""
    if not place or not (place.get("name") or place.get("country")):
        return [""] * len(_GEO)
    precision, iso3 = place.get("precision") or "city", place.get("country") or ""
    country = codes.load_countries().get(iso3)
    geo_type = _GEO_TYPE.get(precision, 4)
    if iso3 == "USA":
        geo_type = _US_GEO_TYPE.get(geo_type, geo_type)
    admin1 = place.get("admin1") or (place.get("name") if precision in ("admin1", "region") else None)
    adm1_code = codes.admin1_codes().get((country.iso2, admin1 or ""), "") if country else ""
    territory = codes.fips_territories().get((iso3, adm1_code))
    fips = territory or (country.fips if country else "")
    if precision == "country" or not fips:
        adm1 = fips
    else:
        adm1 = territory or (fips + adm1_code if adm1_code else "")
    names = ([] if precision == "country" else [place.get("name"), admin1]) + [country.name if country else None]
    full = ", ".join(dict.fromkeys(n for n in names if n)) or place.get("name") or ""
    feature = place.get("geonameid") if geo_type in (3, 4) else (adm1 if geo_type in (2, 5) else fips)
    return [geo_type, full, fips, adm1, "", _num(place.get("lat")), _num(place.get("lon")), feature or ""]


def _num(value: Any) -> Any:
    return "" if value is None else value


def _country_place(iso3: str | None) -> dict[str, Any] | None:
    """A country as a country-level place, at the gazetteer's point for it (GDELT gives country centroids)."""
    if not iso3 or iso3 not in codes.load_countries():
        return None
    point = _country_points().get(iso3)
    return {"name": codes.load_countries()[iso3].name, "country": iso3, "precision": "country",
            "lat": point[0] if point else None, "lon": point[1] if point else None}


@cache
def _country_points() -> dict[str, tuple[float, float]]:
    """ISO3 -> the gazetteer's representative point of the country (read once, only when an actor needs it)."""
    from ..gazetteer import load_gazetteer

    return {iso3: (e.lat, e.lon) for iso3, e in load_gazetteer().countries.items() if e.lat is not None}


def actor_place(actor: Mapping[str, Any] | None, record: Mapping[str, Any],
                places: Iterable[Mapping[str, Any]]) -> dict[str, Any] | None:
    """Where an actor is, as GDELT's Actor*Geo: a place its own words name ("Kyiv said"), else the nearest
    place of the evidence sentence in the actor's country ("police in Lagos"), else its country."""
    if not actor:
        return None
    start, end = actor.get("start"), actor.get("end")
    ev = record["evidence"]
    located = [p for p in places if p["start_char"] is not None and p["end_char"] is not None]
    if start is not None and end is not None:
        own = next((p for p in located if p["start_char"] < end and start < p["end_char"]), None)
        if own is not None:
            return own
        same = [p for p in located if ev["start"] <= p["start_char"] < ev["end"]
                and actor.get("country") and p["country"] == actor.get("country")]
        if same:
            return min(same, key=lambda p: min(abs(p["start_char"] - end), abs(start - p["end_char"])))
    return _country_place(actor.get("country"))


def _dates(record: Mapping[str, Any]) -> list[Any]:
    span = record.get("date")
    if not span:
        return ["", "", "", ""]
    day = date.fromisoformat(span["start"])
    days_in_year = 366 if date(day.year, 12, 31).timetuple().tm_yday == 366 else 365
    return [f"{day:%Y%m%d}", f"{day:%Y%m}", day.year, f"{day.year + day.timetuple().tm_yday / days_in_year:.4f}"]


def _added(doc: Mapping[str, Any]) -> str:
    stored, published = doc.get("ingested_at"), doc.get("date")
    if isinstance(stored, datetime):
        return f"{stored:%Y%m%d%H%M%S}"
    return f"{published:%Y%m%d}000000" if isinstance(published, date) else ""


def gdelt_row(record: Mapping[str, Any], ctx: Context | None = None) -> list[Any]:
    """The 61 GDELT fields of one event record (`ctx`: its document, cluster and places from the store)."""
    ctx = ctx or Context(sentences=[record["evidence"]["sentence"]])
    cameo = record.get("cameo") or ""
    score = codes.goldstein(cameo)
    tone = avg_tone(ctx.sentences)
    source, target = record.get("source"), record.get("target")
    return [global_event_id(record["event_id"]), *_dates(record), *_actor(source), *_actor(target),
            int(record.get("sentence_index") == 0), cameo, cameo[:3], cameo[:2], _num(codes.quad_class(cameo)),
            _num(score), ctx.mentions, ctx.sources, ctx.articles, _num(tone),
            *place_geo(actor_place(source, record, ctx.places)), *place_geo(actor_place(target, record, ctx.places)),
            *place_geo(record.get("location")), _added(ctx.doc),
            ctx.doc.get("url") or ctx.doc.get("source") or record["doc_id"]]


def write_gdelt(items: Iterable[tuple[dict[str, Any], Context]], out: TextIO) -> int:
    """Write GDELT 2.0 event rows (tab-separated, no header) for (record, context) pairs; returns the count."""
    n = 0
    for n, (record, ctx) in enumerate(items, 1):
        out.write("\t".join(str(escape(v)) for v in gdelt_row(record, ctx)) + "\n")
    return n
