"""The cheap record copy the stages use in their per-event loops behaves as `dataclasses.replace`."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from eventscope.records import Article, Event, Evidence, TimeSpan, with_fields


@pytest.fixture
def event() -> Event:
    evidence = Evidence("Troops shelled the town.", 0, 24, "shelled", 7, 14)
    return Event("d", "d:e1", "ASSAULT", None, "195", None, None, None, None, "asserted", None, evidence, 0.7)


def test_a_copy_with_a_new_date_equals_replace_and_leaves_the_original(event: Event) -> None:
    span = TimeSpan(text="", start=date(2024, 5, 1), end=date(2024, 5, 1), precision="day", inferred=True)
    copy = with_fields(event, date=span)
    assert copy == replace(event, date=span)
    assert event.date is None and copy.date == span
    assert hash(copy) == hash(replace(event, date=span))


def test_an_unknown_field_is_refused_as_replace_refuses_it(event: Event) -> None:
    with pytest.raises(TypeError):
        with_fields(event, when="yesterday")


def test_a_record_that_checks_itself_when_built_is_still_checked() -> None:
    article = Article(doc_id="a", date=date(2024, 5, 1), text="Clashes on Monday.")
    with pytest.raises(Exception, match="date"):
        with_fields(article, date="not a date")
