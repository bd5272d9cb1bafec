"""eventscope: who did what to whom, when, where, and on whose word, from dated news articles.

The public API. Nothing is loaded at import time. `extract` builds a default
`Pipeline` when it is given none; to process many texts, build one `Pipeline`
and pass it (or use `Pipeline.pipe`), so the models load once.
"""
from __future__ import annotations

from datetime import date as _date

from .config import Config, load_config
from .errors import ConfigError, EventscopeError, InputError, ModelError, ProcessingError, StoreError
from .pipeline import Pipeline
from .geoparse import geoparse
from .timex import normalize_time
from .records import (
    Actor,
    Analysis,
    Article,
    Attribution,
    Event,
    Failure,
    Evidence,
    Place,
    PlaceMention,
    Relation,
    TimeSpan,
)



def extract(
    text: str,
    *,
    date: _date | str,
    doc_id: str | None = None,
    pipeline: Pipeline | None = None,
) -> list[Event]:
    """Extract the events of one article dated `date` (the anchor for relative times).

    Builds a default `Pipeline` when none is given; pass one to reuse loaded models.
    """
    pipe = pipeline or Pipeline()
    article = Article(doc_id=doc_id or "doc", date=date, text=text)  # Article checks the date
    return list(pipe.analyze(article).events)


__all__ = [
    "Actor",
    "Analysis",
    "Article",
    "Attribution",
    "Config",
    "ConfigError",
    "Event",
    "EventscopeError",
    "Evidence",
    "Failure",
    "InputError",
    "ModelError",
    "Pipeline",
    "Place",
    "PlaceMention",
    "ProcessingError",
    "Relation",
    "StoreError",
    "TimeSpan",
    "extract",
    "geoparse",
    "load_config",
    "normalize_time",
]
