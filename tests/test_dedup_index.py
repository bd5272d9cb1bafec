"""Which cluster an event joins when its key already has many clusters on many dates (the batch's
cluster index): the first, by cluster id, whose interval overlaps the event's and whose place fits."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from eventscope import Actor, Analysis, Article, Event, Evidence, Place, TimeSpan
from eventscope.store import Store

RIVERTON = Actor(text="Riverton", name="Riverton", country="RVT", kind="country")
HILLMARK = Actor(text="Hillmark", name="Hillmark", country="HLM", kind="country")
MAY_1 = date(2025, 5, 1)
SENTENCE = "Riverton troops shelled positions held by Hillmark near the river."


def town(name: str) -> Place:
    return Place(text=name, name=name, country="HLM", precision="city")


def story(doc_id: str, start: date, end: date | None = None, *, modality: str = "asserted",
          place: Place | None = None, published: date = MAY_1) -> Analysis:
    """One article whose one event (Riverton shelling Hillmark) happened within [start, end]."""
    span = TimeSpan(text="then", start=start, end=end or start, precision="day" if end is None else "week")
    event = Event(doc_id=doc_id, event_id=f"{doc_id}:e1", type="ASSAULT", mode=None, cameo=None, source=RIVERTON,
                  target=HILLMARK, date=span, location=place, modality=modality,  # type: ignore[arg-type]
                  attribution=None, evidence=Evidence(sentence=SENTENCE, start=0, end=len(SENTENCE), trigger="shelled"),
                  confidence=0.8)
    # Mostly words of its own, so no two articles are near-duplicates (whose events would follow their original's).
    filler = " ".join(f"{doc_id}word{i}" for i in range(40))
    return Analysis(article=Article(doc_id=doc_id, date=published, text=f"{SENTENCE} {filler}."), events=(event,))


def groups(store: Store) -> list[list[str]]:
    """The documents of every cluster, in cluster order."""
    return [sorted(m["doc_id"] for m in c["mentions"]) for c in store.iter_clusters()]


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "idx.duckdb") as s:
        yield s


@pytest.mark.parametrize("batches", [1, 2])
def test_a_week_joins_the_first_of_the_days_it_spans(store: Store, batches: int) -> None:
    days = [story(f"d{i:02d}", MAY_1 + timedelta(days=i)) for i in range(30)]
    week = story("week", MAY_1 + timedelta(days=10), MAY_1 + timedelta(days=16), modality="reported")
    if batches == 1:
        store.write_many([*days, week])
    else:
        store.write_many(days)
        store.write(week)
    found = groups(store)
    assert len(found) == 30 and ["d10", "week"] in found


@pytest.mark.parametrize("batches", [1, 2])
def test_a_better_mention_moves_its_cluster_to_its_own_day(store: Store, batches: int) -> None:
    week = story("week", MAY_1, MAY_1 + timedelta(days=6), modality="reported")
    day = story("day", MAY_1 + timedelta(days=2))  # asserted: it represents the cluster, whose day it becomes
    later = [story("same", MAY_1 + timedelta(days=2)), story("other", MAY_1 + timedelta(days=5))]
    if batches == 1:
        store.write_many([week, day, *later])
    else:
        store.write_many([week, day])
        store.write_many(later)
    assert groups(store) == [["day", "same", "week"], ["other"]]


@pytest.mark.parametrize("batches", [1, 2])
def test_a_better_mention_widens_its_cluster_to_its_own_span(store: Store, batches: int) -> None:
    week = story("week", MAY_1, MAY_1 + timedelta(days=6), modality="reported")
    month = story("month", MAY_1, MAY_1 + timedelta(days=30))  # asserted: its month becomes the cluster's
    late = story("late", MAY_1 + timedelta(days=20), modality="reported")  # outside the week, inside the month
    if batches == 1:
        store.write_many([week, month, late])
    else:
        store.write_many([week, month])
        store.write(late)
    assert groups(store) == [["late", "month", "week"]]


@pytest.mark.parametrize("first", ["month", "day"])
def test_of_two_overlapping_clusters_the_older_takes_the_event(store: Store, first: str) -> None:
    month = story("month", MAY_1, MAY_1 + timedelta(days=30), place=town("Ashby"))
    day = story("day", MAY_1 + timedelta(days=13), place=town("Brookfield"))  # another town: its own cluster
    unplaced = story("unplaced", MAY_1 + timedelta(days=13))  # fits both
    store.write_many([month, day] if first == "month" else [day, month])
    store.write(unplaced)
    found = groups(store)
    assert store.near_duplicates() == [] and len(found) == 2 and sorted([first, "unplaced"]) in found
