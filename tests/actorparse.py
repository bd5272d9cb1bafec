"""Run the actors stage on a hand-built parse (tests/handparse.py), so a coreference rule is checked on the
tree it is written for."""
from __future__ import annotations

from datetime import date
from typing import Any

from eventscope import Analysis, Article
from handparse import parse


def actors_on(pipeline: Any, table: str, day: date = date(2022, 3, 22)) -> Analysis:
    """The analysis after the actors stage of the hand-built parse `table`."""
    doc = parse(table)
    analysis = Analysis(article=Article(doc_id="t", date=day, text=doc.text), doc=doc)
    stage = next(s for s in pipeline.stages if s.name == "actors")
    return stage(analysis)


def named(analysis: Analysis, i: int) -> Any:
    """The actor of token `i` (None when it is no actor's)."""
    from eventscope.stages.actors import actor_at

    return actor_at(analysis, analysis.doc[i])
