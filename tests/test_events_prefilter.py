"""The events stage's per-document prefilter (`DocWords`, `Lexicon.candidates`) picks exactly the tokens the
lexicon can match, so scanning them alone finds the same triggers as scanning every token."""
from __future__ import annotations

from eventscope.stages.events import find_triggers
from eventscope.stages.events.args import coordinated
from eventscope.stages.events.lexicon import DocWords, build_lexicon, _rows
from handparse import parse

TEXTS = (
    "The army shelled two villages near the border on Tuesday, and the rebels said they would retaliate.",
    "Ministers from both countries met in Geneva and agreed to resume talks about the disputed dam.",
    "Police arrested forty protesters after a march turned violent; the interior ministry staged a briefing.",
    "The president ordered troops to secure the capital, while the opposition condemned the crackdown.",
)


def _key(match):
    return None if match is None else (match.trigger, match.head.i, tuple(t.i for t in match.tokens))


def test_candidates_are_exactly_the_tokens_the_lexicon_can_match(pipeline):
    lexicon = pipeline.resources.lexicon
    for doc in pipeline.nlp.pipe(TEXTS):
        picked = lexicon.candidates(DocWords(doc))
        assert picked == sorted(picked)
        assert all(lexicon.match(tok) is None for tok in doc if tok.i not in picked)
        assert any(lexicon.match(doc[i]) is not None for i in picked)


def test_scanning_the_candidates_finds_the_same_triggers(pipeline):
    lexicon = pipeline.resources.lexicon
    for doc in pipeline.nlp.pipe(TEXTS):
        picked = lexicon.candidates(DocWords(doc))
        for sent in doc.sents:
            mine = [doc[i] for i in picked if sent.start <= i < sent.end]
            assert [_key(m) for m in find_triggers(lexicon, sent, mine)] == [_key(m) for m in find_triggers(lexicon, sent)]


def test_a_regular_inflection_the_lemmatizer_missed_is_a_candidate():
    # "staged" lemmatized as "stag": only the form finds the verb row
    lexicon = build_lexicon(_rows("verb\tstage\tPROTEST\t\t140\n", "t"))
    doc = parse("""
        Workers worker NOUN NNS nsubj 1
        staged stag VERB VBD ROOT 1
        strikes strike NOUN NNS dobj 1
    """)
    assert lexicon.candidates(DocWords(doc)) == [1]
    assert lexicon.match(doc[1]).trigger.type == "PROTEST"


def test_lemma_and_part_of_speech_select_tokens():
    doc = parse("""
        They they PRON PRP nsubj 1
        Ordered Order VERB VBD ROOT 1
        an an DET DT det 3
        order order NOUN NN dobj 1
    """)
    table = DocWords(doc)
    assert table.rows("VERB") == [1] and table.rows("NOUN") == [3] and table.rows("INTJ") == []
    assert table.lemma_in(table.rows("VERB"), {"order"}) == [1]  # the lemma is compared lowercased
    assert table.lemma_in(table.rows("NOUN"), {"send"}) == []


COORDINATED = (
    "Hungarian and Romanian officials met envoys from Chile, Peru and Bolivia, then the ministers left.",
    "The rebels seized the town and burned the market, but the army and the police did not respond.",
)


def test_the_coordination_shortcut_gives_spacys_conjuncts_on_every_token(pipeline):
    # `coordinated` skips spaCy's walk only for a token that is no conjunct and has no right child
    for doc in pipeline.nlp.pipe(COORDINATED):
        assert any(tok.conjuncts for tok in doc)
        assert all([c.i for c in coordinated(tok)] == [c.i for c in tok.conjuncts] for tok in doc)
