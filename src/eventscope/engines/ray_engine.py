"""The Ray engine: the same reading, parse, stages and store writes as local ingest, on Ray Data.

* Read: the driver lists the input files (folders expanded in the local
  reader's order); Ray tasks read them with the local reader (`read_inputs`;
  Parquet row by row with the columns of JSONL), so doc ids, parsing and
  validation are the same. Documents stored before with the same text are
  marked there and not parsed (the local engine's unchanged-skip rule).
* Analyse: `map_batches` over a pool of `Analyzer` actors; each builds the
  pipeline once (the spaCy model loads once per worker) and returns pickled
  results without the spaCy Doc. A dead actor is restarted and its batch
  retried by Ray (`max_restarts`, `max_task_retries`); blocks keep their
  order, so no document is lost or written twice.
* Write: the driver is the single writer. Results arrive in input order and
  go to the DuckDB store through `Store.write_many` (same replacement,
  near-duplicate and cluster rules, applied in the same order as the local
  engine), or to Parquet shards partitioned by article date.

Input paths must be readable at the same path on every node (shared storage).
"""
from __future__ import annotations

import json
import logging
import os
import pickle
import warnings
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import ray

from ..config import Config
from ..errors import ConfigError
from ..export.parquet import write_parquet
from ..parallel import Result, analyze_chunk, worker_pipeline, chunked
from ..records import Article
from ..runner import BATCH_SECONDS, IngestReport, Progress, store_results
from ..readers import input_files as reader_inputs, read_path
from ..store import Store, text_hash

log = logging.getLogger(__name__)
READERS_PER_ACTOR = 8  # one reading task per 8 analysis actors: reading costs ~1% of the parse
SKIPPED = b""  # in place of a pickled document: stored before with the same text, not parsed again


@dataclass(frozen=True)
class RayOptions:
    """Where and how wide to run. `address`: a running cluster (None starts a local one)."""

    address: str | None = None
    actors: int | None = None  # analysis actors; default one per CPU of the cluster
    num_cpus: int | None = None  # CPUs of a local cluster; default all of this machine's
    max_restarts: int = 3  # per actor, and retries per batch: a crash is retried, a poison batch fails the run
    batch_docs: int = 64  # documents per store transaction
    batch_seconds: float = BATCH_SECONDS  # or fewer, once this much time has passed
    shard_docs: int = 2000  # documents per Parquet shard (per date present in them)


def connect(options: RayOptions) -> None:
    """Join the cluster at `options.address` or start a local one (no dashboard, no usage stats)."""
    if ray.is_initialized():
        return
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    local = {} if options.address else {"num_cpus": options.num_cpus, "include_dashboard": False}
    ray.init(address=options.address, log_to_driver=False, logging_level=logging.WARNING, **local)


def input_files(paths: Iterable[str | Path]) -> list[tuple[str, str | None]]:
    """The files to read with their doc ids, folders expanded as the local reader does (same ids); a
    missing path is kept (and fails there)."""
    paths = list(paths)
    if any(str(raw) == "-" for raw in paths):
        raise ConfigError("the ray engine reads files and folders, not stdin (-); use --engine local")
    return list(reader_inputs(paths))


def read_file(row: dict[str, Any], *, default_date: date | None, max_bytes: int,
              known: dict[str, str]) -> Iterator[dict[str, bytes]]:
    """flat_map: one input file's documents (or failures), pickled; unchanged ones are SKIPPED."""
    for item in read_path(row["path"], row["doc_id"] or None, default_date=default_date, max_bytes=max_bytes):
        unchanged = isinstance(item, Article) and known.get(item.doc_id) == text_hash(item.text)
        yield {"item": SKIPPED if unchanged else pickle.dumps(item)}


class Analyzer:
    """An actor of the pool: builds the pipeline once, then analyses batches of pickled documents."""

    def __init__(self, config_blob: bytes) -> None:
        self.config_blob = config_blob
        worker_pipeline(config_blob)  # load the model now, once for the life of the actor

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, list[bytes]]:
        blobs = list(batch["item"])
        done = iter(analyze_chunk(self.config_blob, [pickle.loads(b) for b in blobs if b != SKIPPED]))
        return {"result": [SKIPPED if b == SKIPPED else pickle.dumps(next(done)) for b in blobs]}


def _dataset(files: list[tuple[str, str | None]], config: Config, options: RayOptions, reading: dict[str, Any],
             analyzer: type[Analyzer]) -> "ray.data.Dataset":
    """paths -> documents (read by a few light tasks) -> results (analysed by the actor pool)."""
    actors = options.actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
    blocks = -(-len(files) // config.batch_size)  # a read task per batch of files keeps every actor fed
    with warnings.catch_warnings():  # Ray 2.60 deprecates these actor options but offers no other way yet
        warnings.filterwarnings("ignore", "`ray_remote_args` is deprecated")
        return (ray.data.from_items([{"path": f, "doc_id": d or ""} for f, d in files],
                                     override_num_blocks=blocks)
                .flat_map(read_file, fn_kwargs=reading, num_cpus=0,  # reading is light: the actors hold the CPUs
                          compute=ray.data.TaskPoolStrategy(size=max(1, actors // READERS_PER_ACTOR)))
                .map_batches(analyzer, fn_constructor_args=(pickle.dumps(config),), batch_size=config.batch_size,
                             batch_format="numpy", compute=ray.data.ActorPoolStrategy(size=actors), num_cpus=1,
                             max_restarts=options.max_restarts, max_task_retries=options.max_restarts))


def results(paths: Iterable[str | Path], config: Config, options: RayOptions, *,
            default_date: date | None = None, known: dict[str, str] | None = None,
            analyzer: type[Analyzer] = Analyzer) -> Iterator[Result | None]:
    """Every input document's result (None when unchanged), in input order, analysed on Ray.

    `known` maps doc id -> stored text hash (the unchanged-skip); `analyzer` may
    be a subclass of `Analyzer` that wraps the analysis.
    """
    files = input_files(paths)
    if not files:
        return
    connect(options)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # the store assigns clusters in arrival order
    context.enable_progress_bars = context.print_on_execution_start = False  # the CLI shows its own progress
    reading = {"default_date": default_date, "max_bytes": config.max_chars * 4, "known": known or {}}
    for batch in _dataset(files, config, options, reading, analyzer).iter_batches(batch_size=None,
                                                                                  batch_format="numpy"):
        for blob in batch["result"]:
            yield None if blob == SKIPPED else pickle.loads(blob)


def _counted(items: Iterable[Result | None], report: IngestReport, progress: Progress | None) -> Iterator[Result]:
    """The analysed results; unchanged documents are counted (and shown as progress) here."""
    for item in items:
        if item is None:
            report.skipped += 1
            if progress:
                progress(1)
            continue
        yield item


def _shown(items: Iterable[Result], progress: Progress | None) -> Iterator[Result]:
    """The items, each shown as progress when it arrives."""
    for item in items:
        if progress:
            progress(1)
        yield item


def ingest(paths: Iterable[str | Path], store: Store, config: Config, options: RayOptions, *,
           default_date: date | None = None, progress: Progress | None = None,
           analyzer: type[Analyzer] = Analyzer) -> IngestReport:
    """Like `runner.ingest_items` on Ray: the store gets the same rows, written by this process alone."""
    report = IngestReport()
    found = results(paths, config, options, default_date=default_date, known=store.all_hashes(),
                    analyzer=analyzer)
    return store_results(_counted(found, report, progress), store, report, progress,
                         batch_docs=options.batch_docs, batch_seconds=options.batch_seconds)


def write_shards(paths: Iterable[str | Path], out: Path, config: Config, options: RayOptions, *,
                 default_date: date | None = None, progress: Progress | None = None) -> IngestReport:
    """Event records into `out/date=YYYY-MM-DD/part-NNNNNN.parquet` (by article date, the columns of
    `export --format parquet`) and failures into `out/_errors.jsonl`; `out` must be new or empty,
    so a run never mixes with an earlier one."""
    if out.exists() and any(out.iterdir()):
        raise ConfigError("folder is not empty: write the shards to a new folder", where=str(out))
    out.mkdir(parents=True, exist_ok=True)
    report = IngestReport()
    found = _shown(_counted(results(paths, config, options, default_date=default_date), report, None), progress)
    with (out / "_errors.jsonl").open("w", encoding="utf-8") as errors:
        for n, batch in enumerate(chunked(found, options.shard_docs)):
            analyses, failures = report.count(batch)
            errors.writelines(json.dumps(asdict(f), ensure_ascii=False) + "\n" for f in failures)
            by_date: dict[date, list[dict[str, Any]]] = defaultdict(list)
            for analysis in analyses:
                by_date[analysis.article.date] += [e.to_dict() for e in analysis.events]
            for day, records in by_date.items():
                folder = out / f"date={day.isoformat()}"
                folder.mkdir(exist_ok=True)
                with (folder / f"part-{n:06d}.parquet").open("wb") as shard:
                    report.events += write_parquet(records, shard)
    return report


def run(paths: Iterable[str | Path], config: Config, *, address: str | None = None, actors: int | None = None,
        out: Path | None = None, default_date: date | None = None, progress: Progress | None = None) -> IngestReport:
    """What `eventscope ingest --engine ray` does: into Parquet shards under `out`, else into the store."""
    options = RayOptions(address=address, actors=actors)
    if out is not None:
        return write_shards(paths, out, config, options, default_date=default_date, progress=progress)
    with Store(config.db_path) as store:
        return ingest(paths, store, config, options, default_date=default_date, progress=progress)
