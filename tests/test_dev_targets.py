"""Issue 16: no target in the dev-article output is a weapon, vehicle, object or bare place.

Runs the whole pipeline over ../shared/eval/articles (skipped in a checkout without it) and checks
the head of every target against the thing list of data/lexicon/arguments.toml and the place rule.
"""
from __future__ import annotations

from pathlib import Path

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


def test_no_dev_target_is_a_thing_or_a_bare_place(pipeline):
    folder: Path = needs_shared(ARTICLES)
    bad = []
    for path in sorted(folder.glob("*.txt")):
        article = parse_seed(path.read_text("utf-8"), doc_id=path.stem, where=str(path))
        analysis = pipeline.analyze(article)
        for event in analysis.events:
            reason = _bad_target(analysis, event)
            if reason:
                bad.append((path.stem, event.type, event.target.text, reason))
    assert not bad, bad
