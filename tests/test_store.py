"""The DuckDB store: schema versioning, one transaction per document, replace-not-duplicate, queries."""
from __future__ import annotations

import json
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import pytest

from eventscope import Actor, Analysis, Article, Event, Evidence, Failure, Place, Relation, StoreError, TimeSpan
from eventscope.store import EventFilter, Store
from eventscope.store.schema import SCHEMA_VERSION

TEXT = "Russia attacked Ukraine on Monday. Iran praised Syria."


def make_analysis(doc_id: str = "d1", text: str = TEXT) -> Analysis:
    rus = Actor(text="Russia", name="Russia", country="RUS", kind="country", start=0, end=6)
    ukr = Actor(text="Ukraine", name="Ukraine", country="UKR", kind="country", start=16, end=23)
    irn = Actor(text="Iran", name="Iran", country="IRN", kind="country", start=35, end=39)
    syr = Actor(text="Syria", name="Syria", country="SYR", kind="country", start=47, end=52)
    day = TimeSpan(text="on Monday", start=date(2022, 3, 21), end=date(2022, 3, 21))
    e1 = Event(doc_id=doc_id, event_id=f"{doc_id}:e1", type="ASSAULT", mode=None, cameo="190", source=rus, target=ukr,
               date=day, location=Place(text="Ukraine", name="Ukraine", country="UKR", lat=49.0, lon=32.0,
                                        precision="country"),
               modality="asserted", attribution=None,
               evidence=Evidence(sentence=text[:34], start=0, end=34, trigger="attacked"), confidence=0.9,
               quad_class=4)
    e2 = replace(e1, event_id=f"{doc_id}:e2", type="SUPPORT", cameo="051", source=irn, target=syr, location=None,
                 modality="reported", date=replace(day, start=date(2022, 2, 1), end=date(2022, 2, 28)),
                 evidence=Evidence(sentence=text[35:], start=35, end=len(text), trigger="praised"), quad_class=1)
    rel = Relation(doc_id=doc_id, subject=irn, relation="supports", object=syr, modality="asserted",
                   evidence=e2.evidence)
    return Analysis(article=Article(doc_id=doc_id, date=date(2022, 3, 22), text=text), actors=(rus, ukr, irn, syr),
                    events=(e1, e2), relations=(rel,))


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "s.duckdb") as s:
        yield s


def test_new_store_is_at_current_schema_version(store: Store) -> None:
    assert store.schema_version() == SCHEMA_VERSION


def test_write_then_read_back_the_record(store: Store) -> None:
    analysis = make_analysis()
    assert store.write(analysis) == 2
    records = store.events()
    assert records == [analysis.events[1].to_dict(), analysis.events[0].to_dict()]  # by date
    assert store.count("actors") == 4 and store.count("relations") == 1 and store.count("event_mentions") == 2


def test_rewriting_a_document_replaces_its_rows(store: Store) -> None:
    store.write(make_analysis())
    store.write(make_analysis())
    shorter = make_analysis()
    store.write(shorter.with_(events=shorter.events[:1], relations=()))
    assert store.count("documents") == 1 and store.count("events") == 1 and store.count("relations") == 0


@pytest.mark.parametrize(("flt", "ids"), [
    (EventFilter(type="assault"), ["d1:e1"]),
    (EventFilter(actor="iran"), ["d1:e2"]),
    (EventFilter(country="UKR"), ["d1:e1"]),
    (EventFilter(since=date(2022, 3, 1)), ["d1:e1"]),
    (EventFilter(until=date(2022, 2, 15)), ["d1:e2"]),
    (EventFilter(modality="reported"), ["d1:e2"]),
    (EventFilter(text="attacked"), ["d1:e1"]),
    (EventFilter(bbox=(30, 40, 40, 60)), ["d1:e1"]),
    (EventFilter(limit=1, offset=1), ["d1:e1"]),
    (EventFilter(actor="'; DROP TABLE events; --"), []),
])
def test_filters(store: Store, flt: EventFilter, ids: list[str]) -> None:
    store.write(make_analysis())
    assert [r["event_id"] for r in store.events(flt)] == ids
    assert store.count("events") == 2


def test_failed_write_keeps_earlier_rows(store: Store) -> None:
    store.write(make_analysis())
    broken = make_analysis()
    bad_event = replace(broken.events[0], evidence=None)  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        store.write(broken.with_(events=(bad_event,)))
    assert [r["event_id"] for r in store.events()] == ["d1:e2", "d1:e1"]


def test_failures_are_recorded(store: Store) -> None:
    store.record_failure(Failure(doc_id="x", where="x.txt", code="empty", message="empty file"))
    [row] = store.errors()
    assert (row["location"], row["code"], row["message"]) == ("x.txt", "empty", "empty file")


def test_read_only_store_refuses_an_old_schema(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(StoreError, match="schema version 0"):
        Store(path, read_only=True)
    with Store(path) as s:  # opening for writing migrates it
        assert s.schema_version() == SCHEMA_VERSION


def test_newer_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    with Store(path) as s:
        s.con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION + 1])
    with pytest.raises(StoreError, match="newer than this eventscope"):
        Store(path)


def test_unopenable_path_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(tmp_path / "file" / "db.duckdb")


def test_record_json_round_trips(store: Store) -> None:
    store.write(make_analysis())
    raw = store.con.execute("SELECT record FROM events WHERE event_id = 'd1:e1'").fetchone()[0]
    assert json.loads(raw)["source"]["country"] == "RUS"


def test_another_thread_writes_and_reads_through_its_own_cursor(store: Store) -> None:
    """The ingest writes from a background thread; a DuckDB connection must not be shared across threads."""
    seen: list[object] = []

    def work() -> None:
        store.write(make_analysis("t1"))
        seen.append(store.count("documents"))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen[0] == 1 and store.count("documents") == 1  # committed by the thread, visible to the opener
    store.close()  # closes the thread's cursor too
    with pytest.raises(duckdb.Error):
        store.con.execute("SELECT 1")


def test_one_thread_sets_duckdb_threads_and_restores_them(store: Store) -> None:
    before = store.con.execute("SELECT current_setting('threads')").fetchone()[0]
    with store.one_thread():
        assert store.con.execute("SELECT current_setting('threads')").fetchone()[0] == 1
    assert store.con.execute("SELECT current_setting('threads')").fetchone()[0] == before
