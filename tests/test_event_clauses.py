"""Issue 16, clauses dropped: every clause that reports an event is coded: coordinated, contrastive
("..., while Y criticised Z"), temporal ("after Y expelled ..."), participial ("..., killing five"),
relative ("who attacked ...") and modal or future complements ("is expected to impose sanctions");
conditions and purposes are not events."""
from __future__ import annotations

import pytest
from handparse import has, parse, trigger

from eventscope.stages.events.args import subject
from eventscope.stages.events import clause_role


def _two_clauses(mark: str) -> object:
    return parse(f"""
    Ghana Ghana PROPN NNP nsubj 1 GPE
    urged urge VERB VBD ROOT 1
    calm calm NOUN NN dobj 1
    {mark} {mark} SCONJ IN mark 5
    Togo Togo PROPN NNP nsubj 5 GPE
    condemned condemn VERB VBD advcl 1
    Benin Benin PROPN NNP dobj 5 GPE
    . . PUNCT . punct 1
    """)


@pytest.mark.parametrize("mark", ["while", "whereas", "after", "as", "before", "although"])
def test_contrastive_and_temporal_clauses_are_main_clauses(mark):
    assert clause_role(trigger(_two_clauses(mark), 5, "ACCUSE")) == "main"


@pytest.mark.parametrize("mark", ["if", "unless", "until"])
def test_conditions_are_side_clauses(mark):
    assert clause_role(trigger(_two_clauses(mark), 5, "ACCUSE")) == "side"


SHELLED_KILLING = parse("""
Troops troop NOUN NNS nsubj 1
shelled shell VERB VBD ROOT 1
the the DET DT det 3
garrison garrison NOUN NN dobj 1
, , PUNCT , punct 1
killing kill VERB VBG advcl 1
six six NUM CD dobj 5 CARDINAL
. . PUNCT . punct 1
""")
FIRED_TO_DISPERSE = parse("""
Police police NOUN NNS nsubj 1
fired fire VERB VBD ROOT 1
shots shot NOUN NNS dobj 1
to to PART TO aux 4
disperse disperse VERB VB advcl 1
students student NOUN NNS dobj 4
. . PUNCT . punct 1
""")
RECALLED_AFTER = parse("""
Ghana Ghana PROPN NNP nsubj 1 GPE
recalled recall VERB VBD ROOT 1
envoys envoy NOUN NNS dobj 1
after after SCONJ IN mark 5
Togo Togo PROPN NNP pobj 3 GPE
expelled expel VERB VBD advcl 1
diplomats diplomat NOUN NNS dobj 5
. . PUNCT . punct 1
""")
LANDED_AND_LODGED = parse("""
Tokyo Tokyo PROPN NNP nsubj 1 GPE
said say VERB VBD ROOT 1
missiles missile NOUN NNS nsubj 3
landed land VERB VBD ccomp 1
and and CCONJ CC cc 3
lodged lodge VERB VBD conj 3
a a DET DT det 7
protest protest NOUN NN dobj 5
. . PUNCT . punct 1
""")
ON_THE_DAY_A_TRUCE_BEGAN = parse("""
Rebels rebel NOUN NNS nsubj 1
advanced advance VERB VBD ROOT 1
on on ADP IN prep 1
the the DET DT det 4
day day NOUN NN pobj 2
a a DET DT det 6
truce truce NOUN NN nsubj 7
began begin VERB VBD relcl 4
. . PUNCT . punct 1
""")


# A lexicon match on a parse above and the role its clause must have.
@pytest.mark.parametrize("match, role", [
    pytest.param(trigger(SHELLED_KILLING, 5, "ASSAULT"), "main", id="a participle is coded"),
    pytest.param(trigger(FIRED_TO_DISPERSE, 4, "COERCE"), "side", id="an infinitive of purpose is not"),
    pytest.param(trigger(ON_THE_DAY_A_TRUCE_BEGAN, 6, "RETREAT", "noun"), "side",
                 id="a relative clause on a time noun is background"),
])
def test_clause_role(match, role):
    assert clause_role(match) == role


# A verb on a parse above and the subject it must find.
@pytest.mark.parametrize("doc, verb, text", [
    pytest.param(SHELLED_KILLING, 5, "Troops", id="a participle's subject is the main clause's"),
    pytest.param(RECALLED_AFTER, 5, "Togo", id="a subject hung on the subordinator is the clause subject"),
    pytest.param(LANDED_AND_LODGED, 5, "Tokyo", id="a thing subject of a wrong conjunct is not inherited"),
])
def test_subject(doc, verb, text):
    assert subject(doc[verb])[0].text == text


def test_end_to_end_every_clause(events):
    evs = events("Nepal urged restraint, while India criticised China for the border incursion.")
    assert has(evs, "REQUEST", "nepal") and has(evs, "ACCUSE", "india", "china")
    evs = events("Serbia attacked Kosovo on Monday, and Albania condemned the attack.")
    assert has(evs, "ASSAULT", "serbia", "kosovo") and has(evs, "ACCUSE", "albania")
    assert has(events("Rebels shelled the garrison on Monday, killing five soldiers."), "ASSAULT", "rebels", "soldiers")
    evs = events("Hungary recalled its envoy after Serbia expelled two Hungarian diplomats.")
    assert has(evs, "SANCTION", "serbia", "diplomats")
    evs = events("Police arrested the activist who had criticised the governor.")
    assert has(evs, "COERCE", "police", "activist") and has(evs, "ACCUSE", "activist", "governor")


def test_end_to_end_conditions_are_not_events(events):
    evs = events("Chile will impose sanctions on Peru if Peru attacks Bolivia.")
    assert not has(evs, "ASSAULT", "peru")


def test_end_to_end_modal_and_future_complements(events):
    assert has(events("The EU is expected to impose sanctions on Belarus next week."), "SANCTION", "eu", "belarus")
    assert has(events("Moldova threatened to expel Russian diplomats."), "THREATEN", "moldova", "russian")
    assert has(events("Iran said it would respond to any attack by Israel."), "THREATEN", "iran")
