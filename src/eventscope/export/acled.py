"""ACLED rows: ACLED's 31 columns in ACLED's order, then eventscope's own (event id, modality, PLOVER codes).

event_type/sub_event_type come from data/codes/acled_types.tsv (PLOVER type + mode + cue words of the
evidence sentence + the actors' ACLED types); what ACLED does not code (statements, meetings, aid,
sanctions) is left out unless `include_all`. inter1/inter2 come from the actors' sectors and words
(acled_inter.tsv); fatalities from the record (0 when the text says nobody died, empty when unknown).
Every column's source is listed in docs/interfaces.md ("ACLED columns").
"""
from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO

from . import codes
from .context import Context
from .gdelt import global_event_id
from .records import CsvStyle, csv_writer

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
# eventscope's columns after ACLED's: the record behind the row and what ACLED has no place for.
OWN_COLUMNS: tuple[str, ...] = (
    "event_id", "doc_id", "modality", "attribution", "plover_type", "plover_mode", "cameo", "injured", "arrested",
    "confidence",
)
# ACLED geo_precision: 1 the town itself, 2 near a town or part of a region ("near Gao": admin2), 3 a region or larger.
_GEO_PRECISION = {"point": 1, "city": 1, "admin2": 2, "region": 2, "admin1": 3, "country": 3}
_TIME_PRECISION = {"day": 1, "week": 2}
_STATE, _EXTERNAL = "1", "8"


@dataclass(frozen=True)
class AcledCategory:
    """What an event is in ACLED's terms; `coded` False when ACLED does not record such events.
    `inter1`/`inter2` are the actors' ACLED types ('0' no actor, '' unknown)."""

    disorder_type: str
    event_type: str
    sub_event_type: str
    coded: bool
    inter1: str = ""
    inter2: str = ""


def inter_code(actor: Mapping[str, Any] | None, record: Mapping[str, Any], role: str) -> str:
    """ACLED's actor type (1-8) of an actor, '0' for none, '' when nothing tells.

    The source of a PLOVER protest is demonstrating (6; 5 in a riot); else a word of its name or text
    (acled_inter.tsv), else its sector; a country acting is its state (1). State forces acting in another
    country are external forces (8), as ACLED codes them.
    """
    if not actor:
        return "0"
    if role == "source" and record.get("type") == "PROTEST":
        return "5" if record.get("mode") in ("riot", "vandalize") else "6"
    words, sectors = codes.acled_inter()
    text = f"{actor.get('name') or ''} {actor.get('text') or ''}".lower().replace("-", " ").split()
    code = next((words[w] for w in text if w in words), None)
    if code is None:
        code = sectors.get(actor.get("sector") or "") or (_STATE if actor.get("kind") == "country" else "")
    where = (record.get("location") or {}).get("country")
    if code == _STATE and actor.get("country") and where and actor["country"] != where:
        return _EXTERNAL
    return code


def event_cues(record: Mapping[str, Any]) -> frozenset[str]:
    """The cue sets of acled_cues.tsv that occur in the evidence sentence."""
    sentence = record["evidence"]["sentence"]
    return frozenset(name for name, pattern in codes.acled_cues().items() if pattern.search(sentence))


def acled_category(record: Mapping[str, Any]) -> AcledCategory:
    """The first rule of acled_types.tsv that matches the event (the table ends with a catch-all)."""
    inter1 = inter_code(record.get("source"), record, "source")
    inter2 = inter_code(record.get("target"), record, "target")
    cues = event_cues(record)
    rule = next((r for r in codes.load_acled_rules()
                 if r.matches(record["type"], record.get("mode"), cues, inter1, inter2)), None)
    if rule is None or not rule.coded:
        return AcledCategory("", "", "", False, inter1, inter2)
    disorder = codes.acled_categories()[(rule.event_type, rule.sub_event_type)]
    return AcledCategory(disorder, rule.event_type, rule.sub_event_type, True, inter1, inter2)


def _interaction(inter1: str, inter2: str) -> str:
    """ACLED's two-digit interaction: the lower code first; a lone actor gives N0 (e.g. 60); '' if unknown."""
    if "" in (inter1, inter2) or inter1 == inter2 == "0":
        return ""
    if "0" in (inter1, inter2):
        return f"{inter1 if inter2 == '0' else inter2}0"
    return "".join(sorted((inter1, inter2)))


def _name(actor: Mapping[str, Any] | None) -> str:
    return (actor or {}).get("name") or ""


def acled_row(record: Mapping[str, Any], ctx: Context | None = None,
              category: AcledCategory | None = None) -> dict[str, Any]:
    """One ACLED row (ACLED's columns, then OWN_COLUMNS) for an event record."""
    ctx = ctx or Context()
    category = category or acled_category(record)
    loc, span = record.get("location") or {}, record.get("date") or {}
    iso3 = loc.get("country") or ""
    country = codes.load_countries().get(iso3)
    inter1, inter2 = category.inter1, category.inter2
    civilian = category.event_type and "Political violence" in category.disorder_type and inter2 == "7"
    notes = record["evidence"]["sentence"]
    attribution = ((record.get("attribution") or {}).get("source") or {}).get("name") or ""
    if record["modality"] != "asserted":
        notes = f"[{record['modality']}{' by ' + attribution if attribution else ''}] {notes}"
    stored = ctx.doc.get("ingested_at")
    fatalities = record.get("fatalities")
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{global_event_id(record['event_id'])}",
        "event_date": span.get("start", ""), "year": span.get("start", "")[:4],
        "time_precision": _TIME_PRECISION.get(span.get("precision"), 3) if span else "",
        "disorder_type": category.disorder_type, "event_type": category.event_type,
        "sub_event_type": category.sub_event_type,
        "actor1": _name(record.get("source")), "assoc_actor_1": "", "inter1": inter1 if inter1 != "0" else "",
        "actor2": _name(record.get("target")), "assoc_actor_2": "", "inter2": inter2 if inter2 != "0" else "",
        "interaction": _interaction(inter1, inter2), "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": country.isonumeric if country and country.isonumeric is not None else "",
        "region": codes.acled_regions().get(iso3, ""), "country": country.name if country else "",
        "admin1": loc.get("admin1") or "", "admin2": "", "admin3": "", "location": loc.get("name") or "",
        "latitude": loc.get("lat", ""), "longitude": loc.get("lon", ""),
        "geo_precision": _GEO_PRECISION.get(loc.get("precision"), 3) if loc else "",
        "source": ctx.doc.get("source") or ctx.doc.get("title") or record["doc_id"], "source_scale": "",
        "notes": notes, "fatalities": "" if fatalities is None else int(fatalities), "tags": "",
        "timestamp": calendar.timegm(stored.timetuple()) if isinstance(stored, datetime) else "",
        "event_id": record["event_id"], "doc_id": record["doc_id"], "modality": record["modality"],
        "attribution": attribution, "plover_type": record["type"], "plover_mode": record.get("mode") or "",
        "cameo": record.get("cameo") or "", "injured": _count(record.get("injured")),
        "arrested": _count(record.get("arrested")), "confidence": record.get("confidence", ""),
    }


def _count(value: Any) -> Any:
    return "" if value is None else int(value)


def write_acled(items: Iterable[tuple[dict[str, Any], Context]], out: TextIO, *, include_all: bool = False,
                style: CsvStyle | None = None) -> int:
    """Write ACLED CSV with a header for (record, context) pairs; events ACLED does not code are left out
    unless `include_all` (their category columns are then empty). Returns the number of rows."""
    writer = csv_writer(out, ACLED_COLUMNS + OWN_COLUMNS, style or CsvStyle())
    n = 0
    for record, ctx in items:
        category = acled_category(record)
        if category.coded or include_all:
            writer.writerow(acled_row(record, ctx, category))
            n += 1
    return n
