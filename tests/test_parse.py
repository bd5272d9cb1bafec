"""The NLP base: the pinned model is Explosion's en_core_web_sm 3.8.0, with the components we need."""
from __future__ import annotations

import pytest

from eventscope import ModelError
from eventscope.nlp.parse import BOUNDS, load_nlp


def test_default_model_is_explosions_small_english_pipeline(nlp) -> None:
    meta = nlp.meta
    assert meta["version"] == "3.8.0" and meta["author"] == "Explosion"
    assert [n for n in nlp.pipe_names if n != BOUNDS] == ["tok2vec", "tagger", "parser", "attribute_ruler",
                                                           "lemmatizer", "ner"]
    assert nlp.pipe_names.index(BOUNDS) < nlp.pipe_names.index("parser")  # our sentence bounds, before the parse
    assert round(meta["performance"]["ents_f"], 3) == 0.843
    assert round(meta["performance"]["dep_uas"], 3) == 0.918


def test_parses_a_news_sentence(nlp) -> None:
    doc = nlp("Ali Mamlouk paid a rare visit to Tehran on February 27.")
    assert [(e.text, e.label_) for e in doc.ents][:2] == [("Ali Mamlouk", "PERSON"), ("Tehran", "GPE")]
    assert doc[2].lemma_ == "pay" and doc[2].dep_ == "ROOT"


def test_missing_model_names_the_model_and_the_fix() -> None:
    with pytest.raises(ModelError, match="'no_such_model_xyz' is not installed .*pip install"):
        load_nlp("no_such_model_xyz")


def test_model_without_parser_is_refused(tmp_path) -> None:
    import spacy

    spacy.blank("en").to_disk(tmp_path / "blank")
    with pytest.raises(ModelError, match=r"lacks the components \['parser', 'ner'\]"):
        load_nlp(str(tmp_path / "blank"))


class _CountingModel:
    """A stand-in for spaCy's `nlp.pipe` that upper-cases texts, recording the threads it runs in and
    how many inputs it has taken."""

    def __init__(self, fail_at: int | None = None) -> None:
        self.threads: set[str] = set()
        self.taken = 0
        self.fail_at = fail_at

    def pipe(self, pairs, as_tuples, batch_size):
        import threading

        assert as_tuples
        for text, context in pairs:
            self.threads.add(threading.current_thread().name)
            self.taken += 1
            if self.taken == self.fail_at:
                raise ValueError(f"cannot parse {text!r}")
            yield text.upper(), context


def test_parse_ahead_keeps_order_and_runs_the_model_in_one_other_thread() -> None:
    import threading

    from eventscope.nlp.parse import parse_ahead

    model = _CountingModel()
    pairs = [(f"text {i}", i) for i in range(200)]
    assert list(parse_ahead(model, iter(pairs), 8, depth=4)) == [(t.upper(), i) for t, i in pairs]
    assert model.threads == {"eventscope-parse"}
    assert all(t.name != "eventscope-parse" for t in threading.enumerate())  # the thread has ended
    model = _CountingModel()
    assert list(parse_ahead(model, iter(pairs), 8, depth=0)) == [(t.upper(), i) for t, i in pairs]
    assert model.threads == {threading.current_thread().name}  # depth 0: no thread


def test_parse_ahead_raises_a_parse_error_where_it_stands_in_the_stream() -> None:
    from eventscope.nlp.parse import parse_ahead

    got = []
    with pytest.raises(ValueError, match="cannot parse 'text 5'"):
        for doc, i in parse_ahead(_CountingModel(fail_at=6), iter([(f"text {i}", i) for i in range(50)]), 4, 3):
            got.append(i)
    assert got == [0, 1, 2, 3, 4]


def test_parse_ahead_stops_its_thread_when_the_reader_stops_early() -> None:
    import threading

    from eventscope.nlp.parse import parse_ahead

    model = _CountingModel()
    parsed = parse_ahead(model, iter([(f"text {i}", i) for i in range(10_000)]), 4, depth=5)
    assert [i for _, i in (next(parsed) for _ in range(3))] == [0, 1, 2]
    parsed.close()  # returns once the thread has stopped: no second thread may run the model after this
    assert all(t.name != "eventscope-parse" for t in threading.enumerate())
    assert model.taken <= 3 + 5 + 2  # what was read, what waited in the queue, the one being handed over


def test_parse_ahead_lets_a_failing_caller_leave_while_its_input_waits() -> None:
    """Ctrl-C while the input blocks (a terminal's stdin): the caller's error surfaces at once, not when
    another line comes."""
    import threading
    import time

    from eventscope.nlp import parse

    release = threading.Event()

    def slow_input():
        yield "first", 0
        release.wait(30)  # input that does not come
        yield "late", 1

    parsed = parse.parse_ahead(_CountingModel(), slow_input(), 1, depth=2)
    assert next(parsed) == ("FIRST", 0)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        parsed.throw(KeyboardInterrupt)
    assert time.monotonic() - started < parse.ABANDON_SECONDS + 2
    release.set()
