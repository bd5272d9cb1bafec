"""The public Python API: an explicit, sorted __all__ whose names all exist."""
from __future__ import annotations

import eventscope


def test_all_is_sorted_and_complete() -> None:
    assert eventscope.__all__ == sorted(eventscope.__all__)
    for name in eventscope.__all__:
        assert hasattr(eventscope, name), name


def test_extract_returns_events_with_the_given_doc_id(pipeline) -> None:
    events = eventscope.extract("Russian troops attacked Ukrainian positions near Kharkiv on Monday.",
                                date="2022-03-22", doc_id="k1", pipeline=pipeline)
    assert events and all(e.doc_id == "k1" for e in events)
    assert events[0].to_dict()["event_id"].startswith("k1:")
