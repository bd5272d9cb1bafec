"""Run the pipeline over inputs: extract (no store) or ingest (into the store, incrementally).

Unchanged documents (same doc id, same text hash) are skipped before the parse;
changed ones are replaced; every failure is recorded and the batch goes on.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .pipeline import Failure, Pipeline
from .records import Analysis, Article
from .stages.ingest import read_inputs
from .store import Store, text_hash

log = logging.getLogger(__name__)
Progress = Callable[[int], None]


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


def read(paths: Iterable[str | Path], pipeline: Pipeline, default_date: date | None = None) -> Iterator[Article | Failure]:
    """Articles from paths, with the pipeline's size limit applied to raw files."""
    return read_inputs(paths, default_date=default_date, max_bytes=pipeline.config.max_chars * 4)


def extract_items(items: Iterable[Article | Failure], pipeline: Pipeline) -> Iterator[Analysis | Failure]:
    """Analyse a stream of articles; failures pass through in order."""
    return pipeline.pipe(items)


def ingest_items(items: Iterable[Article | Failure], store: Store, pipeline: Pipeline,
                 progress: Progress | None = None) -> IngestReport:
    """Store every article's analysis, skipping unchanged documents; record every failure."""
    report = IngestReport()

    def fresh() -> Iterator[Article | Failure]:
        for item in items:
            if isinstance(item, Article) and store.document_hash(item.doc_id) == text_hash(item.text):
                report.skipped += 1
                if progress:
                    progress(1)
                continue
            yield item

    for result in pipeline.pipe(fresh()):
        if isinstance(result, Failure):
            report.failures.append(result)
            store.record_failure(result)
            log.warning("%s", result)
        else:
            report.events += store.write(result)
            report.documents += 1
        if progress:
            progress(1)
    return report
