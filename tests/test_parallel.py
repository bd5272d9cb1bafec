"""Worker processes: same results as one process, input order kept, failures passed on, input read lazily."""
from __future__ import annotations

import os
import time
from dataclasses import replace
from datetime import date

import pytest

from eventscope import Analysis, Article, Failure
from eventscope import parallel
from eventscope.parallel import chunked, parallel_pipe, pipe

SENTENCES = ("Russia attacked Ukraine on Monday.", "Iran praised Syria for its support.",
             "Protesters marched in Paris against the new law.", "The ministers met in Cairo to discuss trade.")


def articles(n: int) -> list[Article | Failure]:
    items: list[Article | Failure] = [
        Article(doc_id=f"a{i}", date=date(2022, 3, 1), text=SENTENCES[i % 4] * (1 + i % 3)) for i in range(n)]
    items[5] = Article(doc_id="blank", date=date(2022, 3, 1), text="   ")
    items[7] = Failure(doc_id="bad", where="bad.txt", code="empty", message="empty file")
    return items


def summary(results) -> list:
    return [(r.doc_id, r.code) if isinstance(r, Failure) else (r.article.doc_id, [e.to_dict() for e in r.events])
            for r in results]


def test_chunked_reads_lazily() -> None:
    pulled = []

    def source():
        for i in range(100):
            pulled.append(i)
            yield i

    first = next(chunked(source(), 8))
    assert first == list(range(8)) and len(pulled) == 8


@pytest.mark.slow
def test_two_workers_give_the_same_results_in_order(pipeline) -> None:
    items = articles(70)
    expected = summary(pipeline.pipe(items))
    results = list(parallel_pipe(items, pipeline.config, workers=2, chunk_size=8))
    assert summary(results) == expected
    assert ("blank", "empty") in expected and ("bad", "empty") in expected
    assert all(r.doc is None for r in results if isinstance(r, Analysis))  # no Doc crosses processes


@pytest.mark.slow
def test_work_in_flight_is_bounded(pipeline) -> None:
    pulled = []

    def source():
        for i, item in enumerate(articles(400)):
            pulled.append(i)
            yield item

    stream = parallel_pipe(source(), pipeline.config, workers=2, chunk_size=4)
    next(stream)
    assert len(pulled) <= 2 * 2 * 4 + 4  # never the whole corpus
    stream.close()


def test_a_short_stream_stays_in_this_process(pipeline, monkeypatch) -> None:
    def no_pool(*args, **kwargs):
        raise AssertionError("started worker processes for a handful of documents")

    monkeypatch.setattr(parallel, "parallel_pipe", no_pool)
    assert summary(pipe(articles(10), pipeline, workers=2)) == summary(pipeline.pipe(articles(10)))


def hanging_chunk(config_blob: bytes, chunk: list) -> list:
    """A stand-in analysis (no model: fast) that hangs in C code on "HANG" and kills its process on "CRASH"."""
    texts = [item.text for item in chunk if isinstance(item, Article)]
    if any("HANG" in t for t in texts):
        time.sleep(3600)  # in C: the budget inside the worker cannot stop this, only the parent's hard limit
    if any("CRASH" in t for t in texts):
        os._exit(3)
    return [item if isinstance(item, Failure) else Failure(item.doc_id, "ok", "ok", "") for item in chunk]


@pytest.mark.slow
def test_a_hung_or_crashed_worker_is_replaced_and_only_its_document_fails(pipeline) -> None:
    config = replace(pipeline.config, budget_floor_seconds=0.5, budget_seconds_per_1000_words=0.0)
    texts = ["fine"] * 3 + ["HANG"] + ["fine"] * 4 + ["CRASH"] + ["fine"] * 3
    items = [Article(doc_id=f"d{i}", date=date(2022, 3, 1), text=t) for i, t in enumerate(texts)]
    started = time.monotonic()
    results = list(parallel_pipe(items, config, workers=2, chunk_size=2, grace=3.0, analyze=hanging_chunk))
    assert [r.doc_id for r in results] == [f"d{i}" for i in range(len(texts))]  # nothing lost, order kept
    codes = {r.doc_id: r.code for r in results}
    assert codes.pop("d3") == "timeout" and codes.pop("d8") == "crash"
    assert set(codes.values()) == {"ok"}
    assert time.monotonic() - started < 60


def parse_ahead_of_worker(config_blob: bytes, chunk: list) -> list:
    """A stand-in analysis that reports, as each document's failure code, the parse-ahead its worker got."""
    import pickle

    depth = pickle.loads(config_blob).parse_ahead
    return [Failure(item.doc_id, "x", str(depth), "") for item in chunk]


@pytest.mark.parametrize(("cores", "expected"), [(2, "0"), (4, "64")])
def test_workers_parse_in_a_second_thread_only_where_a_core_is_left_for_it(pipeline, monkeypatch,
                                                                           cores, expected) -> None:
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: cores)
    items = [Article(doc_id=f"d{i}", date=date(2022, 3, 1), text="fine") for i in range(4)]
    config = replace(pipeline.config, parse_ahead=64)
    results = list(parallel_pipe(items, config, workers=2, chunk_size=2, analyze=parse_ahead_of_worker))
    assert {r.code for r in results} == {expected}
