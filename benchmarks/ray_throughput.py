"""Throughput of the Ray engine against the local engine, same corpus, same worker count, back to back.

Builds the corpus of `throughput.py` (N articles recombined from samples/),
starts a local Ray first (cluster start-up is reported apart: on a real
cluster it is already running), then ingests the corpus into fresh stores:
local with W worker processes, Ray with W actors, local again (so a load
change on the machine shows as a gap between the two local runs). Every run
includes starting its workers and loading the model in each. Prints docs/s
the ratio of Ray's docs/s to local's and Ray's extra time
(against the mean of the two local runs).

Usage: .venv/bin/python benchmarks/ray_throughput.py [--docs 400] [--workers 2]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from throughput import report, write_corpus

from eventscope import Pipeline, load_config
from eventscope.engines.ray_engine import RayOptions, connect, ingest
from eventscope.runner import ingest_items, read
from eventscope.store import Store


def local_run(folder: Path, db: Path, pipeline: Pipeline, workers: int) -> tuple[float, int]:
    """Seconds and documents stored for a local ingest with `workers` processes."""
    start = time.perf_counter()
    with Store(db) as store:
        done = ingest_items(read([folder], pipeline), store, pipeline, workers=workers)
    return time.perf_counter() - start, done.documents


def ray_run(folder: Path, db: Path, pipeline: Pipeline, workers: int) -> tuple[float, int]:
    """Seconds and documents stored for a Ray ingest with `workers` actors (cluster already up)."""
    start = time.perf_counter()
    with Store(db) as store:
        done = ingest([folder], store, pipeline.config, RayOptions(actors=workers))
    return time.perf_counter() - start, done.documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400, help="articles in the corpus [400]")
    parser.add_argument("--workers", type=int, default=2, help="worker processes / Ray actors [2]")
    args = parser.parse_args()
    pipeline = Pipeline(load_config())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        words = write_corpus(folder, args.docs)
        print(f"corpus: {args.docs} articles, {words:,} words; {args.workers} workers / actors")
        start = time.perf_counter()
        connect(RayOptions(num_cpus=args.workers))
        print(f"local Ray cluster start-up {time.perf_counter() - start:.1f} s (not counted below)")
        timings = {}
        for label, run in (("local", local_run), ("ray", ray_run), ("local again", local_run)):
            seconds, stored = run(folder, Path(tmp) / f"{label.replace(' ', '_')}.duckdb", pipeline, args.workers)
            assert stored == args.docs, f"{label}: {stored} of {args.docs} stored"
            report(f"{label} ingest", seconds, args.docs, words)
            timings[label] = seconds
        local = (timings["local"] + timings["local again"]) / 2
        print(f"ray/local docs/s ratio {local / timings['ray']:.3f}; Ray overhead {timings['ray'] / local - 1:+.1%} "
              f"time (against the mean of the two local runs)")


if __name__ == "__main__":
    main()
