"""Run the pipeline in several worker processes, streaming, with flat memory.

Each worker builds its own `Pipeline` once (the model is loaded once per
process) and runs parse + every stage on chunks of articles; it sends back
`Analysis` records without the spaCy `Doc` (small and picklable), so the
parse happens once, in the worker, and the parent only writes the store.
The input is read lazily and at most `2 * workers` chunks are in flight, so
memory does not grow with the corpus. Results come back in input order.

Inside a worker each document has its time budget (`budget.py`). On top of it the parent gives each
chunk a hard limit (the chunk's budgets plus `GRACE_SECONDS`): a worker that does not answer in time
(stuck in C code) or dies is killed with the whole pool, a new pool is started, and the chunk's
documents are tried again one by one, so only the document that hangs or crashes fails (`timeout` or
`crash`). Workers exit when their parent dies (`_exit_with_parent`), so a killed ingest leaves none.
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache

from .budget import Budget
from .config import Config
from .errors import DocumentTimeout, ProcessingError
from .pipeline import Pipeline, settle_heap
from .records import Analysis, Article, Failure, failure_from

Item = Article | Failure
Result = Analysis | Failure


@lru_cache(maxsize=1)
def worker_pipeline(config_blob: bytes) -> Pipeline:
    """The worker's pipeline, built on its first chunk and kept for the life of the process."""
    pipeline = Pipeline(pickle.loads(config_blob))
    settle_heap()  # the worker process lives for this pipeline: keep its model out of every collection
    return pipeline


def analyze_chunk(config_blob: bytes, chunk: list[Item]) -> list[Result]:
    """Analyse one chunk in a worker; results drop the spaCy Doc so they pickle small."""
    pipeline = worker_pipeline(config_blob)
    return [r.with_(doc=None) if isinstance(r, Analysis) else r for r in pipeline.pipe(chunk)]


Analyze = Callable[[bytes, list[Item]], list[Result]]
# Beyond a chunk's summed budgets before the parent kills its worker: a fresh worker loads the model (a few
# seconds) and the budget inside the worker normally stops a runaway document long before.
GRACE_SECONDS = 60.0
PARENT_POLL_SECONDS = 0.5


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: a thread that ends this process once its parent is gone (SIGKILL leaves no
    worker behind; polling `getppid` works on every POSIX system, for any thread that started the pool)."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="eventscope-parent-watch", daemon=True).start()


class _Pool:
    """A process pool that is killed and started again when one of its workers hangs or dies."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_exit_with_parent, initargs=(os.getpid(),))

    def restart(self) -> None:
        """Kill every worker (a hung one does not stop by itself) and start a new pool."""
        for process in list(getattr(self.executor, "_processes", {}).values()):
            process.kill()
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Lists of up to `size` items, read lazily."""
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _hard_limit(chunk: list[Item], budget: Budget, grace: float) -> float | None:
    """Seconds the parent waits for a chunk: its documents' budgets plus `grace` (None: no budget)."""
    if budget.floor <= 0:
        return None
    return grace + sum(budget.seconds(item.text) for item in chunk if isinstance(item, Article))


def _lost(item: Article, timed_out: bool, limit: float | None) -> Failure:
    where = item.origin or item.doc_id
    if timed_out:
        return failure_from(DocumentTimeout(f"its worker did not answer within {limit:.0f} s and was killed "
                                            "(time budget plus grace)", where=where), item.doc_id)
    crash = ProcessingError("its worker process died on it (out of memory or a crash in native code)", where=where)
    crash.code = "crash"
    return failure_from(crash, item.doc_id)


def parallel_pipe(items: Iterable[Item], config: Config, *, workers: int, chunk_size: int | None = None,
                  grace: float = GRACE_SECONDS, analyze: Analyze = analyze_chunk) -> Iterator[Result]:
    """Like `Pipeline.pipe`, over `workers` processes; results keep the input order.

    A chunk that hangs or kills its worker is tried again one document at a time in a new pool; the
    document that still does is a `timeout` (or `crash`) failure and the stream goes on."""
    size = chunk_size or config.batch_size
    # A worker parses in a thread of its own (`nlp.parse_ahead`) only where a core is left over for that
    # thread: with a worker per core the workers' parses fill the cores already, and a second busy thread
    # in each process would only contend for them.
    spare_cores = 2 * workers <= (os.cpu_count() or 1)
    blob = pickle.dumps(config if spare_cores else config.with_(parse_ahead=0))
    budget = Budget.from_config(config)
    pool = _Pool(workers)
    pending: deque[tuple[list[Item], Future[list[Result]]]] = deque()

    def collect(chunk: list[Item], future: Future[list[Result]]) -> list[Result]:
        try:
            return future.result(timeout=_hard_limit(chunk, budget, grace))
        except (FutureTimeout, BrokenProcessPool):
            pass
        pool.restart()  # every chunk in flight died with it: retry this one alone, then send the rest again
        out: list[Result] = []
        for item in chunk:
            if isinstance(item, Failure):
                out.append(item)
                continue
            limit = _hard_limit([item], budget, grace)
            try:
                out += pool.executor.submit(analyze, blob, [item]).result(timeout=limit)
            except (FutureTimeout, BrokenProcessPool) as exc:
                out.append(_lost(item, isinstance(exc, FutureTimeout), limit))
                pool.restart()
        for n, (waiting, _) in enumerate(pending):
            pending[n] = (waiting, pool.executor.submit(analyze, blob, waiting))
        return out

    try:
        for chunk in chunked(items, size):
            pending.append((chunk, pool.executor.submit(analyze, blob, chunk)))
            if len(pending) >= 2 * workers:
                yield from collect(*pending.popleft())
        while pending:
            yield from collect(*pending.popleft())
    finally:
        pool.close()


def pipe(items: Iterable[Item], pipeline: Pipeline, *, workers: int = 1) -> Iterator[Result]:
    """Analyse a stream in this process (workers <= 1, or a stream shorter than one chunk per
    worker, where starting processes would cost more than it saves) or over worker processes."""
    it = iter(items)
    head = list(itertools.islice(it, workers * pipeline.config.batch_size)) if workers > 1 else []
    if workers <= 1 or len(head) < workers * pipeline.config.batch_size:
        yield from pipeline.pipe(itertools.chain(head, it))
        return
    yield from parallel_pipe(itertools.chain(head, it), pipeline.config, workers=workers)
