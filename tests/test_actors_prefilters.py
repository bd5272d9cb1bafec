"""The actors stage reads token attributes from arrays instead of Tokens: those reads must give what the
Token and Span properties give (`doc.ents`, `tok.lower_`, `tok.dep_`), or the stage's output would change."""
from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, LOWER, ORTH, POS
from spacy.tokens import Doc

from eventscope.nlp.syntax import entity_bounds
from eventscope.stages.actors import load_actor_dictionary
from eventscope.stages.actors.mentions import DocActors

from handparse import parse

VOCAB = spacy.blank("en").vocab


def spans(doc: Doc) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.label_) for e in doc.ents]


@pytest.mark.parametrize("ents", [
    ["O", "O", "O", "O", "O"],
    ["B-ORG", "I-ORG", "O", "B-PERSON", "O"],
    ["B-ORG", "B-ORG", "I-ORG", "I-ORG", "I-ORG"],  # two entities side by side, the second to the end
    ["O", "B-GPE", "I-GPE", "B-NORP", "I-NORP"],
    ["B-PERSON", "O", "B-GPE", "O", "B-GPE"],
])
def test_entity_bounds_are_the_doc_entities(ents: list[str]) -> None:
    doc = Doc(VOCAB, words=["The", "Union", "and", "Kenyan", "troops"], ents=ents)
    assert entity_bounds(doc) == spans(doc)


def test_entity_bounds_of_a_document_without_entities() -> None:
    assert entity_bounds(Doc(VOCAB, words=[])) == []
    assert entity_bounds(Doc(VOCAB, words=["Calm", "returned"])) == []


@pytest.fixture(scope="module")
def found() -> DocActors:
    doc = parse("""
        The the DET DT det 1
        rebels rebel NOUN NNS nsubj 2
        met meet VERB VBD ROOT 2
        THE the DET DT det 4
        envoy envoy NOUN NN dobj 2
        and and CCONJ CC cc 4
        officials official NOUN NNS conj 4
        in in ADP IN prep 2
        " " PUNCT `` punct 2
        Kenya Kenya PROPN NNP pobj 7 GPE
    """)
    return DocActors(doc, load_actor_dictionary(), "20230101")


@pytest.mark.parametrize("attr, name, values", [
    (LOWER, "lower_", ("the",)),
    (LOWER, "lower_", ("he", "the", "kenya")),
    (ORTH, "text", ('"', "THE")),
    (DEP, "dep_", ("prep",)),
    (DEP, "dep_", ("det", "conj")),
    (POS, "pos_", ("NOUN",)),
])
def test_where_finds_the_tokens_the_properties_name(found: DocActors, attr: int, name: str,
                                                    values: tuple[str, ...]) -> None:
    expected = [t.i for t in found.doc if getattr(t, name) in values]
    assert expected and found.where(attr, *values) == expected
