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
