"""Property: any sentence-like text goes through the whole pipeline within its budget, and ends as records
or as a named failure (issue 15). A fixed-seed run (the same examples every time) and a random one."""
from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventscope import Analysis, Article, Failure
from eventscope.budget import Budget

pytestmark = pytest.mark.slow
WORDS = ("police", "army", "rebels", "protesters", "the", "a", "minister", "Hamburg", "Kyiv", "Iran", "UN",
         "attacked", "arrested", "met", "said", "will", "not", "may", "on", "in", "near", "after", "Monday",
         "3 March", "last week", "2022", "two", "killed", "talks", "ceasefire", "according to", "who", "which")
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from((".", ",", ";", ":", "-", "(", ")", '"', "\n", "\n\n", "...", "&amp;", "\t")),
    st.text(min_size=1, max_size=12),  # anything: emoji, right-to-left, control characters, surrogate-free
    st.integers(-10**9, 10**12).map(str),
)
TEXTS = st.lists(PIECES, min_size=1, max_size=60).map(" ".join)
BUDGET = Budget(floor=5.0, per_1000_words=5.0)
NAMED = {"empty", "timeout", "processing"}


def check(pipeline, text: str) -> None:
    pipeline_budget = pipeline.budget
    pipeline.budget = BUDGET
    try:
        started = time.monotonic()
        [result] = list(pipeline.pipe([Article("prop", date(2022, 3, 1), text)]))
        elapsed = time.monotonic() - started
    finally:
        pipeline.budget = pipeline_budget
    assert elapsed < BUDGET.seconds(text) + 5.0  # the budget holds (plus the parse, which it does not cover)
    if isinstance(result, Failure):
        assert result.code in NAMED and result.message, result
        assert result.code != "processing", f"a stage crashed: {result.message}"
    else:
        assert isinstance(result, Analysis)
        for event in result.events:
            ev = event.evidence
            assert text[ev.start:ev.end] == ev.sentence  # offsets slice the text, whatever it holds
            event.to_dict()


SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
                database=None)


@settings(max_examples=200, derandomize=True, **SETTINGS)
@given(text=TEXTS)
def test_fixed_examples_end_as_records_or_named_errors(pipeline, text: str) -> None:
    check(pipeline, text)


@settings(max_examples=40, **SETTINGS)
@given(text=TEXTS)
def test_random_examples_end_as_records_or_named_errors(pipeline, text: str) -> None:
    check(pipeline, text)
