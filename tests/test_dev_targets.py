"""Properties of the whole dev-article output (../shared/eval/articles; skipped in a checkout without it).

Issue 16: no target is a weapon, vehicle, object or bare place (the head of every target against the
thing list of data/lexicon/arguments.toml and the place rule). Issue 21: no date inherited by a rule spans
more than its precision, and in a story whose lead is dated every event has a day, an inferred date or a time
of its own.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED, needs_shared

from eventscope.readers.files import parse_seed
from eventscope.stages.events.args import words
from eventscope.stages.events import PLACE_ENTS

ARTICLES = SHARED / "eval" / "articles"


def _bad_target(analysis, event) -> str | None:
    """Why an event's target is not an actor (None when it is one)."""
    tgt = event.target
    if tgt is None:
        return None
    if tgt.kind == "place":
        return "kind place"
    if tgt.start is None or tgt.end is None:
        return None
    span = analysis.doc.char_span(tgt.start, tgt.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    if root.lemma_.lower() in words().things or root.lower_ in words().things:
        return f"thing head {root.text!r}"
    if root.ent_type_ in PLACE_ENTS and not tgt.country and tgt.kind is None:
        return f"bare place {root.text!r}"
    return None


# The longest interval (days) each precision may stand for.
SPAN_DAYS = {"day": 1, "week": 7, "month": 31, "season": 92, "year": 366}


@pytest.fixture(scope="module")
def dev_analyses(pipeline) -> list:
    folder: Path = needs_shared(ARTICLES)
    return [(path.stem, pipeline.analyze(parse_seed(path.read_text("utf-8"), doc_id=path.stem, where=str(path))))
            for path in sorted(folder.glob("*.txt"))]


def test_no_dev_target_is_a_thing_or_a_bare_place(dev_analyses):
    bad = [(stem, event.type, event.target.text, reason) for stem, analysis in dev_analyses
           for event in analysis.events if (reason := _bad_target(analysis, event))]
    assert not bad, bad


def test_inherited_dates_are_no_longer_than_their_precision(dev_analyses):
    inherited = [(stem, e.date) for stem, a in dev_analyses for e in a.events if e.date and e.date.basis]
    assert inherited
    too_long = [(stem, d) for stem, d in inherited if (d.end - d.start).days + 1 > SPAN_DAYS.get(d.precision, 0)]
    assert not too_long, too_long


def test_a_dated_lead_gives_every_event_a_day_or_an_inferred_date(dev_analyses):
    """Background history keeps the time its own expression states ("in 2014")."""
    vague = [(stem, e.type, e.date) for stem, a in dev_analyses if a.frame is not None and a.frame.date
             for e in a.events if e.date is None or not (e.date.precision == "day" or e.date.inferred or e.date.text)]
    assert not vague, vague
