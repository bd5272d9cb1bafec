"""Run the pipeline in several worker processes, streaming, with flat memory.

Each worker builds its own `Pipeline` once (the model is loaded once per
process) and runs parse + every stage on chunks of articles; it sends back
`Analysis` records without the spaCy `Doc` (small and picklable), so the
parse happens once, in the worker, and the parent only writes the store.
The input is read lazily and at most `2 * workers` chunks are in flight, so
memory does not grow with the corpus. Results come back in input order.
"""
from __future__ import annotations

import itertools
import multiprocessing
import pickle
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache

from .config import Config
from .errors import ProcessingError
from .pipeline import Pipeline
from .records import Analysis, Article, Failure

Item = Article | Failure
Result = Analysis | Failure


@lru_cache(maxsize=1)
def worker_pipeline(config_blob: bytes) -> Pipeline:
    """The worker's pipeline, built on its first chunk and kept for the life of the process."""
    return Pipeline(pickle.loads(config_blob))


def analyze_chunk(config_blob: bytes, chunk: list[Item]) -> list[Result]:
    """Analyse one chunk in a worker; results drop the spaCy Doc so they pickle small."""
    pipeline = worker_pipeline(config_blob)
    return [r.with_(doc=None) if isinstance(r, Analysis) else r for r in pipeline.pipe(chunk)]


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Lists of up to `size` items, read lazily."""
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def parallel_pipe(items: Iterable[Item], config: Config, *, workers: int,
                  chunk_size: int | None = None) -> Iterator[Result]:
    """Like `Pipeline.pipe`, over `workers` processes; results keep the input order."""
    size = chunk_size or config.batch_size
    blob = pickle.dumps(config)
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    pending: deque[Future[list[Result]]] = deque()
    try:
        for chunk in chunked(items, size):
            pending.append(pool.submit(analyze_chunk, blob, chunk))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except BrokenProcessPool:
        raise ProcessingError("a worker process died (out of memory or killed); documents stored so far are "
                              "kept: run the same ingest again to resume") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def pipe(items: Iterable[Item], pipeline: Pipeline, *, workers: int = 1) -> Iterator[Result]:
    """Analyse a stream in this process (workers <= 1, or a stream shorter than one chunk per
    worker, where starting processes would cost more than it saves) or over worker processes."""
    it = iter(items)
    head = list(itertools.islice(it, workers * pipeline.config.batch_size)) if workers > 1 else []
    if workers <= 1 or len(head) < workers * pipeline.config.batch_size:
        yield from pipeline.pipe(itertools.chain(head, it))
        return
    yield from parallel_pipe(itertools.chain(head, it), pipeline.config, workers=workers)
