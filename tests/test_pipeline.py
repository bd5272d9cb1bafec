"""The pipeline: stages run in configured order, bad documents become Failures, the batch goes on."""
from __future__ import annotations

from datetime import date

import pytest

from eventscope import Article, ConfigError, Failure, Pipeline
from eventscope.config import load_config
from eventscope.pipeline import STAGES, Resources


def art(doc_id: str, text: str) -> Article:
    return Article(doc_id=doc_id, date=date(2022, 3, 22), text=text)


def test_default_stage_order() -> None:
    assert load_config().stages == ("actors", "events", "frame", "time", "places", "casualties", "modality",
                                    "relations")
    assert set(load_config().stages) <= set(STAGES)


def test_unknown_stage_is_a_config_error(pipeline) -> None:
    with pytest.raises(ConfigError, match="unknown stage 'sentiment'"):
        Pipeline(load_config(stages=("sentiment",)), resources=pipeline.resources)


def test_config_file_overrides(tmp_path) -> None:
    f = tmp_path / "c.toml"
    f.write_text('[nlp]\nbatch_size = 8\n[store]\npath = "x.duckdb"\n', encoding="utf-8")
    cfg = load_config(f, model="other_model")
    assert (cfg.batch_size, cfg.db_path, cfg.model) == (8, "x.duckdb", "other_model")
    bad = tmp_path / "bad.toml"
    bad.write_text("[nlp\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "none.toml")


def test_pipe_keeps_order_and_turns_bad_documents_into_failures(pipeline) -> None:
    small = Pipeline(load_config(max_chars=200), resources=pipeline.resources)
    items = [art("a", "Iran praised Syria."), art("b", "   "), art("c", "x" * 300),
             Failure(doc_id="d", where="d.txt", code="empty", message="empty file"), art("e", "Talks began.")]
    out = list(small.pipe(items))
    assert [getattr(o, "doc_id", None) or o.article.doc_id for o in out] == ["a", "b", "c", "d", "e"]
    assert [type(o).__name__ for o in out] == ["Analysis", "Failure", "Failure", "Failure", "Analysis"]
    assert "more than the limit of 200" in out[2].message and out[1].code == "empty"


def test_a_crashing_stage_fails_only_its_document(pipeline) -> None:
    class Boom:
        name = "boom"

        def __call__(self, analysis):
            if "boom" in analysis.article.text:
                raise RuntimeError("kaput")
            return analysis

    p = Pipeline(load_config(stages=()), resources=pipeline.resources)
    p.stages.append(Boom())
    out = list(p.pipe([art("a", "boom here"), art("b", "fine")]))
    assert isinstance(out[0], Failure) and "stage 'boom' failed: RuntimeError: kaput" in out[0].message
    assert out[1].article.doc_id == "b"


def test_resources_are_shared_and_loaded_once(pipeline) -> None:
    assert isinstance(pipeline.resources, Resources)
    assert pipeline.resources.nlp is pipeline.nlp


def test_settle_heap_is_for_entry_points_only(pipeline) -> None:
    """A process entry point freezes its loaded model and collects the young generation less often; a
    library user's pipeline (building one, analysing with it) leaves the host's collector alone."""
    import gc

    from eventscope.pipeline import YOUNG_COLLECTION_EVERY, settle_heap

    before = gc.get_threshold()
    pipeline.analyze(Article(doc_id="gc", date=date(2024, 3, 4), text="Police arrested ten protesters."))
    assert gc.get_threshold() == before
    try:
        settle_heap()
        assert gc.get_threshold() == (YOUNG_COLLECTION_EVERY, *before[1:])
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_an_analysis_frees_its_parse_without_the_cycle_collector(pipeline) -> None:
    """No stage leaves a reference cycle through the spaCy Doc (a per-document index holding Tokens that
    point back at it): the Doc, with its arrays, is freed as soon as the analysis is dropped, which the
    entry points' rarer young collections (`settle_heap`) rely on to keep a long ingest's memory flat."""
    import gc
    import weakref

    text = ("Rebels attacked a police station in the north on Monday, killing three officers, the army said. "
            "The government vowed to respond and said talks would resume next week.")
    enabled = gc.isenabled()
    gc.disable()
    try:
        analysis = pipeline.analyze(Article(doc_id="cycle", date=date(2024, 3, 4), text=text))
        assert analysis.events
        parse = weakref.ref(analysis.doc)
        del analysis
        assert parse() is None
    finally:
        if enabled:
            gc.enable()
