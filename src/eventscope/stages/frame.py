"""Stage 'frame': the article's dateline and lead, which set time and place for what follows.

News opens with a dateline ("DAKAR, Senegal (AFP) -", "WASHINGTON, June 3 (Reuters) -") naming
where the story was filed, the agency and sometimes the day, then a lead whose time ("on Tuesday")
is the story's time. This stage reads both into `Analysis.frame` and hands the frame to every event;
the time and places stages inherit from it (see their docstrings and the README, "Article frame").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ..gazetteer import Entry, Gazetteer
from ..records import Analysis, Frame, Place
from ..timex import TimeNormalizer, default_normalizer
from ..nlp.syntax import verb_above
from .time import tense_of

# "CITY[/CITY2][, Region][, Month Day] [(Agency)] -": the place in capitals, the dash required.
DATELINE = re.compile(
    r"^\s*(?P<places>[A-Z][A-Z.'’\- ]*[A-Z.](?:\s*/\s*[A-Z][A-Z.'’\- ]*[A-Z.])*)"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'’\- ]{1,30}?))??"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"\s*(?:\((?P<agency>[^()\n]{1,40})\))?\s*[-–—]{1,2}\s+")
_KIND_ORDER = {"city": 0, "admin1": 1, "region": 2, "country": 3}  # a dateline names a city first
_REGION_ORDER = {"country": 0, "admin1": 1, "region": 2}  # then its country or state ("Greece", not Greece NY)


@dataclass(frozen=True)
class Dateline:
    """The parsed dateline: its place names, region, date text and agency, and where the story begins."""

    places: tuple[str, ...]
    region: str | None
    date_text: str | None
    agency: str | None
    end: int


def parse_dateline(text: str) -> Dateline | None:
    """The dateline at the start of `text`, or None (a lead sentence in capitals is not one)."""
    m = DATELINE.match(text)
    if m is None or not (m.group("agency") or m.group("region") or m.group("date")) and len(m.group("places")) > 30:
        return None
    places = tuple(p.strip() for p in m.group("places").split("/") if p.strip())
    return Dateline(places, m.group("region"), m.group("date"), m.group("agency"), m.end())


def resolve_place(gazetteer: Gazetteer, name: str, region: str | None) -> Place | None:
    """The dateline's city: within the region's country when one is written, else the most populous."""
    country = None
    if region:
        regional = gazetteer.lookup(region)
        country = next((e.country for e in sorted(regional, key=lambda e: _REGION_ORDER.get(e.kind, 9))), None)
    cands = [e for e in gazetteer.lookup(name.title()) if country is None or e.country == country]
    if not cands and country is not None:
        entry = gazetteer.countries.get(country)  # a village the gazetteer lacks: its country
        return _place(entry, name) if entry else None
    if not cands:
        return None
    best = min(cands, key=lambda e: (not e.primary, _KIND_ORDER.get(e.kind, 9) > 0, -e.population))
    return _place(best, name)


def _place(entry: Entry, text: str) -> Place:
    return Place(text=text, name=entry.name, country=entry.country, admin1=entry.admin1,
                 lat=None if entry.lat is None else round(entry.lat, 5),
                 lon=None if entry.lon is None else round(entry.lon, 5),
                 geonameid=entry.geonameid, precision=entry.precision)  # type: ignore[arg-type]


@dataclass(frozen=True)
class FrameStage:
    """Sets `analysis.frame` (dateline place and agency, the lead's day) and each event's `frame`."""

    gazetteer: Gazetteer
    normalizer: TimeNormalizer
    name: str = "frame"
    requires: tuple[str, ...] = ("doc", "events")
    assigns: tuple[str, ...] = ("frame", "events.frame")

    def __call__(self, analysis: Analysis) -> Analysis:
        doc, text, anchor = analysis.doc, analysis.article.text, analysis.article.date
        if doc is None:
            return analysis
        line = parse_dateline(text)
        place = resolve_place(self.gazetteer, line.places[0], line.region) if line and line.places else None
        day = self._dateline_day(line, anchor) if line else None
        frame = Frame(place=place, date=day or self.lead_day(doc, text, line.end if line else 0, anchor),
                      source=line.agency.strip() if line and line.agency else None)
        if frame == Frame():
            frame = None
        events = tuple(replace(e, frame=frame) for e in analysis.events) if frame else analysis.events
        return analysis.with_(frame=frame, events=events)

    def _dateline_day(self, line: Dateline, anchor: date) -> date | None:
        if not line.date_text:
            return None
        spans = self.normalizer.normalize("on " + line.date_text, anchor=anchor, tense="past")
        return spans[0].start if spans and spans[0].precision == "day" else None

    def lead_day(self, doc: Any, text: str, start: int, anchor: date) -> date | None:
        """The day the lead sentence states for its own events (its first day-precise expression).

        `text` is the document's text (the article's: `doc.text` rebuilds it token by token)."""
        first = doc.char_span(start, min(start + 1, len(text)), alignment_mode="expand")
        if first is None or not len(first):
            return None
        sent = first[0].sent
        for m in self.normalizer.find(text[:sent.end_char]):
            if m.start < sent.start_char or m.anaphoric:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            tense = tense_of(verb_above(span.root)[0], self.normalizer.lexicon)
            resolved = self.normalizer.resolve(m, anchor=anchor, tense=tense)
            if resolved is not None and resolved.precision == "day" and resolved.start == resolved.end:
                return resolved.start
        return None


def make_stage(config: Any, resources: Any) -> FrameStage:
    """Build the stage on the shared gazetteer and time normalizer."""
    return FrameStage(resources.gazetteer, default_normalizer())
