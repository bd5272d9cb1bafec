"""Shared fixtures: the spaCy model and a full pipeline are loaded once per test session."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventscope import Article, Pipeline
from eventscope.config import load_config

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "000_80df060fc5a6c81c.txt"
PEER_DEV = SHARED / "eval" / "peer_sentences.dev.jsonl"
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The default pipeline (model + every stage), built once."""
    return Pipeline(load_config())


@pytest.fixture(scope="session")
def nlp(pipeline: Pipeline):
    """The spaCy model the pipeline uses."""
    return pipeline.nlp


@pytest.fixture(scope="session")
def analyze(pipeline: Pipeline):
    """analyze(text, date="2022-03-22") -> Analysis through the full pipeline."""

    def run(text: str, day: str = "2022-03-22", doc_id: str = "t"):
        return pipeline.analyze(Article(doc_id=doc_id, date=date.fromisoformat(day), text=text))

    return run


def needs_shared(path: Path) -> Path:
    """Skip (with the reason) when ../shared is not beside the checkout."""
    if not path.exists():
        pytest.skip(f"{path} is not present")
    return path


@pytest.fixture(scope="session")
def events(pipeline: Pipeline):
    """events(text) -> the events of `text` after the actors and events stages only."""
    from handparse import run_events

    return lambda text: run_events(pipeline, text)
