"""Worker processes: same results as one process, input order kept, failures passed on, input read lazily."""
from __future__ import annotations

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
