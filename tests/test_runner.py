"""Incremental ingest: unchanged documents are not parsed again, changed ones replaced, batches stay whole."""
from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest

from eventscope import Article, Failure
from eventscope.errors import StoreError
from eventscope.runner import LOOKUP_CHUNK, IngestReport, ingest_items, read, store_results
from eventscope.store import Store

from conftest import SAMPLES


def article(doc_id: str, text: str) -> Article:
    return Article(doc_id=doc_id, date=date(2023, 4, 2), text=text)


class CountingPipeline:
    """The real pipeline, counting the articles that reach the parser."""

    def __init__(self, pipeline) -> None:
        self.inner, self.config, self.parsed = pipeline, pipeline.config, []

    def pipe(self, items):
        def seen():
            for item in items:
                if isinstance(item, Article):
                    self.parsed.append(item.doc_id)
                yield item
        return self.inner.pipe(seen())


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "r.duckdb") as s:
        yield s


def test_reingest_skips_unchanged_without_parsing_and_replaces_changed(store: Store, pipeline) -> None:
    counting = CountingPipeline(pipeline)
    docs = [article(f"d{i}", f"Russia attacked Ukraine on day {i}.") for i in range(5)]
    first = ingest_items(docs, store, counting, batch_docs=2)
    assert (first.documents, first.skipped) == (5, 0)
    counting.parsed.clear()
    changed = docs[:4] + [article("d4", "Iran praised Syria.")]
    again = ingest_items(changed, store, counting)
    assert (again.documents, again.skipped) == (1, 4) and counting.parsed == ["d4"]
    assert store.count("documents") == 5
    assert store.con.execute("SELECT text FROM documents WHERE doc_id = 'd4'").fetchall() == [("Iran praised Syria.",)]


def test_failures_are_recorded_and_the_rest_is_stored(store: Store, pipeline) -> None:
    failure = Failure(doc_id="x", where="x.txt", code="empty", message="empty")
    items = [article("ok", "Russia attacked Ukraine."), failure, article("blank", "  ")]
    report = ingest_items(items, store, pipeline)
    assert report.documents == 1 and [f.doc_id for f in report.failures] == ["x", "blank"]
    assert [e["code"] for e in store.errors()] == ["empty", "empty"]


def test_a_document_twice_in_one_input_is_stored_once(store: Store, pipeline) -> None:
    report = ingest_items([article("d", "First version."), article("d", "Second version.")], store, pipeline)
    assert report.documents == 2 and store.count("documents") == 1
    assert store.con.execute("SELECT text FROM documents").fetchall() == [("Second version.",)]


def test_input_is_streamed_and_written_in_batches(store: Store, pipeline) -> None:
    pulled: list[int] = []
    pulled_at_first_write: list[int] = []

    def source():
        for i in range(400):
            pulled.append(i)
            yield article(f"g{i}", f"Note number {i}.")

    def progress(n: int) -> None:
        if not pulled_at_first_write:
            pulled_at_first_write.append(len(pulled))

    report = ingest_items(source(), store, pipeline, progress=progress, batch_docs=8)
    assert pulled_at_first_write[0] <= LOOKUP_CHUNK  # the first batch was stored long before the input ended
    assert report.documents == store.count("documents") == 400


def test_every_event_of_the_samples_is_in_exactly_one_cluster(store: Store, pipeline) -> None:
    ingest_items(read([SAMPLES], pipeline), store, pipeline)
    clusters = list(store.iter_clusters())
    mentions = sorted(m["event_id"] for c in clusters for m in c["mentions"])
    assert mentions == sorted(e["event_id"] for e in store.events())
    assert all(c["n_mentions"] == len(c["mentions"]) for c in clusters)


def test_cli_ingest_with_workers_then_events_as_clusters(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from eventscope.cli import build_app

    app, db = build_app(), str(tmp_path / "c.duckdb")
    ingested = CliRunner().invoke(app, ["ingest", str(SAMPLES), "--db", db, "--workers", "2"])
    assert ingested.exit_code == 0, ingested.output
    assert "6 documents stored" in ingested.stderr
    listed = CliRunner().invoke(app, ["events", "--db", db, "--clusters", "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    clusters = [json.loads(line) for line in listed.stdout.splitlines()]
    mentions = CliRunner().invoke(app, ["events", "--db", db, "--format", "jsonl"]).stdout.splitlines()
    assert sum(c["n_mentions"] for c in clusters) == len(mentions)
    assert all({"cluster_id", "n_documents", "mentions", "type", "evidence"} <= set(c) for c in clusters)


class FailingStore(Store):
    """A store whose second batch write fails, as on a full disk."""

    writes = 0

    def write_many(self, analyses, failures=()):
        self.writes += 1
        if self.writes == 2:
            raise StoreError("disk full", where=self.path)
        return super().write_many(analyses, failures)


def test_a_failed_batch_write_stops_the_ingest_with_its_error_and_keeps_earlier_batches(tmp_path: Path,
                                                                                        pipeline) -> None:
    docs = [article(f"d{i}", f"Russia attacked Ukraine on day {i}.") for i in range(6)]
    with FailingStore(tmp_path / "f.duckdb") as store:
        with pytest.raises(StoreError, match="disk full"):
            ingest_items(docs, store, pipeline, batch_docs=2)
        assert store.count("documents") == 2


def test_batches_handed_to_the_writer_are_written_when_the_producer_fails(store: Store, pipeline) -> None:
    analyses = [pipeline.analyze(article(f"d{i}", f"Iran praised Syria on day {i}.")) for i in range(5)]

    def results():
        yield from analyses
        raise RuntimeError("parser crashed")

    with pytest.raises(RuntimeError, match="parser crashed"):
        store_results(results(), store, IngestReport(), batch_docs=2)
    assert store.count("documents") == 4  # two whole batches; the fifth document was not yet handed over


def test_a_fixed_input_loses_its_old_error_once_stored(tmp_path: Path, store: Store, pipeline) -> None:
    doc = tmp_path / "fix.txt"
    doc.write_text("date 2022-03-015\nPolice arrested two men.", encoding="utf-8")
    ingest_items(read([doc], pipeline), store, pipeline)
    ingest_items(read([doc], pipeline), store, pipeline)  # failing again does not list it twice
    assert [(e["doc_id"], e["code"]) for e in store.errors()] == [("fix", "bad_date")]
    doc.write_text("date 2022-03-15\nPolice arrested two men.", encoding="utf-8")
    report = ingest_items(read([doc], pipeline), store, pipeline)
    assert report.documents == 1 and store.errors() == []


def test_each_bad_input_is_printed_once(tmp_path: Path, caplog) -> None:
    from typer.testing import CliRunner

    from eventscope.cli import build_app

    (tmp_path / "bad.txt").write_text("no date line here", encoding="utf-8")
    (tmp_path / "good.txt").write_text("date 2022-03-01\nPolice arrested two men.", encoding="utf-8")
    result = CliRunner().invoke(build_app(), ["ingest", str(tmp_path), "--db", str(tmp_path / "p.duckdb"),
                                              "--workers", "1"])
    assert result.exit_code == 1
    err = result.stderr if hasattr(result, "stderr") else result.output
    assert err.count("bad.txt") == 1 and "warning:" not in err, err
    # the CLI's console handler prints warnings as "warning: ...": none may repeat the error it prints
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and "bad.txt" in r.getMessage()]
