"""Run the pipeline over inputs: extract (no store) or ingest (into the store, incrementally).

Unchanged documents (same doc id, same text hash) are skipped before the parse;
changed ones are replaced; every failure is recorded and the batch goes on.
Documents stream through the parser (in worker processes with `workers > 1`,
see `parallel.py`) and into the store in batches: memory stays flat.
"""
from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .parallel import chunked, pipe
from .pipeline import Pipeline
from .records import Analysis, Article, Failure
from .readers import read_inputs
from .readers.web import is_url, read_urls
from .store import Store, text_hash

log = logging.getLogger(__name__)
Progress = Callable[[int], None]
LOOKUP_CHUNK = 256  # documents whose stored hashes are looked up in one query
WRITE_QUEUE = 2  # parsed batches waiting for the store writer; bounds memory
# A slow stream is still written at least this often. Each transaction has a fixed cost (look-ups, cluster
# refresh, commit), partly Python work that holds the GIL the parse needs: 64-document batches (about 6 s
# of parsing) cost the ingest less than 2-second ones did, measured over rounds interleaved on one corpus.
BATCH_SECONDS = 10.0


@dataclass
class IngestReport:
    """What an ingest run did; `ok` is False when any input failed."""

    documents: int = 0
    events: int = 0
    skipped: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def add(self, other: "IngestReport") -> None:
        """Add another run's counts to this one (a watch pass over several sources)."""
        self.documents += other.documents
        self.events += other.events
        self.skipped += other.skipped
        self.failures += other.failures

    def count(self, batch: list[Analysis | Failure]) -> tuple[list[Analysis], list[Failure]]:
        """Split a batch into analyses and failures, counting both (events are counted where written)."""
        analyses = [r for r in batch if isinstance(r, Analysis)]
        failures = [r for r in batch if isinstance(r, Failure)]
        self.documents += len(analyses)
        self.failures += failures
        for failure in failures:  # info, not warning: the caller reports failures (the CLI prints each once)
            log.info("%s", failure)
        return analyses, failures


def read(paths: Iterable[str | Path], pipeline: Pipeline, default_date: date | None = None) -> Iterator[Article | Failure]:
    """Articles from paths (web addresses are fetched as pages), with the pipeline's size limit on raw files."""
    paths = list(paths)
    urls = [p for p in paths if isinstance(p, str) and is_url(p)]
    files = read_inputs([p for p in paths if not (isinstance(p, str) and is_url(p))], default_date=default_date,
                        max_bytes=pipeline.config.max_chars * 4)
    return itertools.chain(files, read_urls(urls)) if urls else files


def _unchanged_skipped(items: Iterable[Article | Failure], store: Store, report: IngestReport,
                       progress: Progress | None) -> Iterator[Article | Failure]:
    """Drop articles whose stored text hash is the same, before they reach the parser (one lookup per chunk)."""
    for chunk in chunked(items, LOOKUP_CHUNK):
        known = store.stored_hashes([i.doc_id for i in chunk if isinstance(i, Article)])
        for item in chunk:
            if isinstance(item, Article) and known.get(item.doc_id) == text_hash(item.text):
                report.skipped += 1
                if progress:
                    progress(1)
                continue
            yield item


def write_batches(results: Iterable[Analysis | Failure], size: int,
                   seconds: float) -> Iterator[list[Analysis | Failure]]:
    """Group results for one transaction each: `size` documents, or fewer once `seconds` have passed."""
    batch: list[Analysis | Failure] = []
    started = time.monotonic()
    for result in results:
        batch.append(result.with_(doc=None) if isinstance(result, Analysis) else result)
        if len(batch) >= size or time.monotonic() - started >= seconds:
            yield batch
            batch, started = [], time.monotonic()
    if batch:
        yield batch


def ingest_items(items: Iterable[Article | Failure], store: Store, pipeline: Pipeline,
                 progress: Progress | None = None, *, workers: int = 1, batch_docs: int = 64,
                 batch_seconds: float = BATCH_SECONDS) -> IngestReport:
    """Store every article's analysis, skipping unchanged documents; record every failure.

    Documents are written whole, `batch_docs` per transaction (or whatever is
    ready after `batch_seconds`), so an interrupted ingest loses at most the
    batch in flight and a re-run picks up where it stopped.
    """
    report = IngestReport()
    results = pipe(_unchanged_skipped(items, store, report, progress), pipeline, workers=workers)
    return store_results(_each_shown(results, progress), store, report, None, batch_docs=batch_docs,
                         batch_seconds=batch_seconds)


def _each_shown(results: Iterable[Analysis | Failure], progress: Progress | None) -> Iterator[Analysis | Failure]:
    """The results, each counted as progress once parsed (not per write batch, which moved in big steps)."""
    for result in results:
        if progress:
            progress(1)
        yield result


def store_results(results: Iterable[Analysis | Failure], store: Store, report: IngestReport,
                  progress: Progress | None = None, *, batch_docs: int = 64,
                  batch_seconds: float = BATCH_SECONDS) -> IngestReport:
    """Write analysed results in batches of whole documents (one transaction each); any engine's writer.

    The writes run in a background thread while this one goes on parsing: DuckDB does its work
    without holding the GIL, so the store costs the parse little."""
    with store.one_thread():
        writer = _Writer(store, report, progress)
        try:
            for batch in write_batches(results, batch_docs, batch_seconds):
                writer.put(batch)
        finally:
            writer.close()  # every batch handed over is written, also when the parse stopped on an error
    return report


class _Writer:
    """A thread that writes the batches it is given, in order; its first error is raised to the caller."""

    def __init__(self, store: Store, report: IngestReport, progress: Progress | None) -> None:
        self.store, self.report, self.progress = store, report, progress
        self.queue: queue.Queue[list[Analysis | Failure] | None] = queue.Queue(maxsize=WRITE_QUEUE)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="eventscope-store-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (batch := self.queue.get()) is not None:
            if self.error is not None:
                continue  # keep taking batches so the producer never blocks; it raises on its next put
            try:
                self.report.events += self.store.write_many(*self.report.count(batch))
                if self.progress:
                    self.progress(len(batch))
            except BaseException as exc:  # handed to the caller's thread, which raises it
                self.error = exc

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error

    def put(self, batch: list[Analysis | Failure]) -> None:
        self._raise()
        self.queue.put(batch)

    def close(self) -> None:
        """Wait for every batch handed over to be written; raise the writer's error, if any."""
        self.queue.put(None)
        self.thread.join()
        self._raise()
