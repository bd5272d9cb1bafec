"""The typed records every stage passes along.

`Event` is the one output type: its `to_dict()` is the JSON record of
`shared/design/event-record.md`. Everything here is a frozen dataclass so a
stage can only change a record by building a new one (`dataclasses.replace`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Literal, TypeVar

from .errors import EventscopeError, InputError

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
QUAD_CLASS: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
MODALITIES: tuple[str, ...] = (
    "asserted", "reported", "believed", "speculated", "intended", "conditional", "negated",
)
Modality = Literal["asserted", "reported", "believed", "speculated", "intended", "conditional", "negated"]
TimePrecision = Literal["day", "week", "month", "season", "year", "unknown"]
PlacePrecision = Literal["point", "city", "admin2", "admin1", "region", "country", "unknown"]
# Which rule gave an inferred date or place (record field `basis`, see event-record.md).
Basis = Literal["clause", "paragraph", "lead", "dateline", "article"]
RELATION_TYPES: tuple[str, ...] = (
    "leads", "member_of", "agent_of", "proxy_of", "supports", "based_in", "ally_of",
)


def _fields(record: object) -> dict[str, Any]:
    """A flat record's fields as a new dict (shallow: these records hold no nested records)."""
    return dict(vars(record))


R = TypeVar("R")


def with_fields(record: R, **fields: Any) -> R:
    """`dataclasses.replace(record, **fields)` at a fifth of its cost, for the stages that copy every event
    of a document: a frozen dataclass's `__init__` sets each field by `object.__setattr__`, one at a time.
    The copy is the same record only for a class that checks nothing when built (no `__post_init__`)."""
    cls = type(record)
    if hasattr(cls, "__post_init__") or not fields.keys() <= vars(record).keys():
        return replace(record, **fields)  # validates, and names an unknown field
    copy = object.__new__(cls)
    vars(copy).update(vars(record), **fields)
    return copy


@dataclass(frozen=True)
class Article:
    """One input document: the article text and its publication date (the time anchor)."""

    doc_id: str  # the input's name for the document; its event ids are built on it ("<doc_id>:e1")
    date: date
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None  # the publisher or site the input names (a dateline's agency is Frame.source)
    origin: str | None = None  # where it was read from: "path" or "path:line"
    date_precision: TimePrecision = "day"  # "month" / "year" for a partial date ("2008-08"): `date` is its first day

    def __post_init__(self) -> None:
        """Check the date here, where the mistake is made, not deep in a stage: a `date` or an ISO string."""
        object.__setattr__(self, "date", article_date(self.date, self.origin or self.doc_id))
        if not isinstance(self.text, str):
            raise InputError(f"text must be a string, not {type(self.text).__name__}", where=self.origin or self.doc_id,
                             code="bad_record")


# Dates a time expression may count from: "a century ago" or "in the next decade" must stay a valid date.
FIRST_DATE, LAST_DATE = date(1000, 1, 1), date(8999, 12, 31)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def article_date(value: object, where: str | None = None) -> date:
    """An article's date from a `date` (a datetime's day) or an ISO string `YYYY-MM-DD`; InputError otherwise."""
    if isinstance(value, datetime):
        value = value.date()
    elif isinstance(value, str):
        text = value.strip()
        try:
            value = date.fromisoformat(text) if _ISO_DATE.fullmatch(text) else None
        except ValueError:
            value = None
        if value is None:
            raise InputError(f"malformed date {text[:40]!r} (expected a calendar date YYYY-MM-DD)", where=where,
                             code="bad_date")
    if not isinstance(value, date):
        raise InputError(f"date must be a datetime.date or an ISO string YYYY-MM-DD, not {type(value).__name__} "
                         f"{value!r:.40}", where=where, code="bad_date")
    if not FIRST_DATE <= value <= LAST_DATE:
        raise InputError(f"date {value.isoformat()} is outside {FIRST_DATE.isoformat()}..{LAST_DATE.isoformat()}",
                         where=where, code="bad_date")
    return value


@dataclass(frozen=True)
class Actor:
    """An actor as written (`text`, char offsets) and as resolved (name, country, sector, kind)."""

    text: str
    name: str
    id: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # GOV, MIL, REB, OPP, NGO, IGO, MED, BUS, CVL, COP, JUD, LEG, ...
    kind: str | None = None  # person / organization / country / group
    aliases: tuple[str, ...] = ()
    start: int | None = None  # char offsets of `text` in the document
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = _fields(self)
        d["aliases"] = list(self.aliases)
        return d


@dataclass(frozen=True)
class TimeSpan:
    """A time expression normalized to a closed interval of ISO dates."""

    text: str
    start: date
    end: date
    precision: TimePrecision = "day"
    inferred: bool = False
    char_start: int | None = None
    char_end: int | None = None
    basis: Basis | None = None  # which inheritance rule gave an inferred value

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "precision": self.precision,
            "inferred": self.inferred,
            "basis": self.basis,
            "char_start": self.char_start,
            "char_end": self.char_end,
        }


@dataclass(frozen=True)
class Place:
    """A resolved place from the offline gazetteer."""

    text: str
    name: str
    country: str | None = None  # ISO3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: PlacePrecision = "city"
    inferred: bool = False  # the event took the place from its clause, paragraph, lead or dateline
    basis: Basis | None = None

    def to_dict(self) -> dict[str, Any]:
        return _fields(self)


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a document, with its offsets and resolution (None if unresolved)."""

    text: str
    start: int
    end: int
    place: Place | None = None

    def to_dict(self) -> dict[str, Any]:
        base = {"text": self.text, "start": self.start, "end": self.end}
        keys = ("name", "country", "admin1", "lat", "lon", "geonameid", "precision")
        base.update({k: getattr(self.place, k) if self.place else None for k in keys})
        return base


@dataclass(frozen=True)
class Attribution:
    """Who a claim comes from and the cue that says so ("according to", "said")."""

    source: Actor | None
    cue: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source.to_dict() if self.source else None, "cue": self.cue}


@dataclass(frozen=True)
class Evidence:
    """The sentence an event was read from, with offsets that slice the document text."""

    sentence: str
    start: int
    end: int
    trigger: str  # the words that coded the event as written ("set fire to"), or a relation's cue
    trigger_start: int | None = None
    trigger_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return _fields(self)


@dataclass(frozen=True)
class Frame:
    """The article's frame: the dateline's place and agency and the lead's date, shared by its events."""

    place: Place | None = None
    date: date | None = None
    source: str | None = None  # the agency named in the dateline ("AFP", "Reuters")

    def to_dict(self) -> dict[str, Any]:
        return {
            "place": self.place.to_dict() if self.place else None,
            "date": self.date.isoformat() if self.date else None,
            "source": self.source,
        }


@dataclass(frozen=True)
class Event:
    """One coded event: the record of `event-record.md`."""

    doc_id: str
    event_id: str
    type: str
    mode: str | None
    cameo: str | None
    source: Actor | None
    target: Actor | None
    date: TimeSpan | None
    location: Place | None
    modality: Modality
    attribution: Attribution | None
    evidence: Evidence
    confidence: float
    quad_class: int | None = None
    sentence_index: int | None = None
    fatalities: int | None = None  # people killed in this event as the text counts them (lower bound)
    injured: int | None = None
    arrested: int | None = None  # detained or abducted
    frame: Frame | None = None  # the article's dateline and lead, shared by its events

    def to_dict(self) -> dict[str, Any]:
        """The JSON record; the shape never depends on which fields are filled."""
        return {
            "doc_id": self.doc_id,
            "event_id": self.event_id,
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "date": self.date.to_dict() if self.date else None,
            "location": self.location.to_dict() if self.location else None,
            "modality": self.modality,
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "evidence": self.evidence.to_dict(),
            "confidence": round(self.confidence, 3),
            "quad_class": self.quad_class,
            "sentence_index": self.sentence_index,
            "fatalities": self.fatalities,
            "injured": self.injured,
            "arrested": self.arrested,
            "frame": self.frame.to_dict() if self.frame else None,
        }


@dataclass(frozen=True)
class Relation:
    """A relation between two actors read from the text (leads, member_of, proxy_of, ...)."""

    doc_id: str
    subject: Actor
    relation: str
    object: Actor
    modality: Modality
    evidence: Evidence
    confidence: float = 0.7

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "subject": self.subject.to_dict(),
            "relation": self.relation,
            "object": self.object.to_dict(),
            "modality": self.modality,
            "evidence": self.evidence.to_dict(),
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class Analysis:
    """What the pipeline knows about one article; each stage returns a new one.

    `doc` is the spaCy Doc (None before the parse stage). `actors` are every
    resolved actor mention of the document (events point at some of them),
    `times` and `places` every time/place expression found.
    """

    article: Article
    doc: Any = None  # spacy.tokens.Doc
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    times: tuple[TimeSpan, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    frame: Frame | None = None

    def with_(self, **changes: Any) -> "Analysis":
        """A copy with some fields replaced (stages use this instead of mutation)."""
        return replace(self, **changes)


__all__ = [
    "Actor", "Analysis", "Article", "Attribution", "Event", "Evidence", "Failure", "Frame", "MODALITIES", "PLOVER_TYPES",
    "Place", "PlaceMention", "QUAD_CLASS", "RELATION_TYPES", "Relation", "TimeSpan",
]


@dataclass(frozen=True)
class Failure:
    """A document that could not be processed; the batch goes on without it."""

    doc_id: str | None
    where: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def failure_from(exc: EventscopeError, doc_id: str | None = None) -> Failure:
    """Turn an error into a Failure record that the store and CLI report."""
    return Failure(doc_id=doc_id, where=exc.where or (doc_id or "?"), code=exc.code, message=exc.message)
