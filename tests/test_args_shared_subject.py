"""Issue 16, coordinated verbs share their subject: a conjunct the parser hung on a reported clause whose
own subject cannot act ("X said two of the rockets had struck ... and filed a complaint") is done by the
speaker, and a finite verb coordinated with a to-infinitive ("X ordered Y to leave and dismissed ...") is
done by the governor's subject, not by Y."""
from __future__ import annotations

import pytest
from handparse import has, parse, roles_of, trigger

from eventscope.stages.events import find_triggers
from eventscope.stages.events.args import lifted_conjunct, subject

FILED_A_COMPLAINT = parse("""
Seoul Seoul PROPN NNP nsubj 1 GPE
said say VERB VBD ROOT 1
two two NUM CD nsubj 7 CARDINAL
of of ADP IN prep 2
the the DET DT det 5
rockets rocket NOUN NNS pobj 3
had have AUX VBD aux 7
struck strike VERB VBN ccomp 1
its its PRON PRP$ poss 9
territory territory NOUN NN dobj 7
and and CCONJ CC cc 7
filed file VERB VBD conj 7
a a DET DT det 13
complaint complaint NOUN NN dobj 11
with with ADP IN prep 11
Pyongyang Pyongyang PROPN NNP pobj 14 GPE
. . PUNCT . punct 1
""")
THANKED_BOTH_SIDES = parse("""
The the DET DT det 1
agency agency NOUN NN nsubj 2
said say VERB VBD ROOT 2
its its PRON PRP$ poss 4
mediation mediation NOUN NN nsubj 6
had have AUX VBD aux 6
succeeded succeed VERB VBN ccomp 2
and and CCONJ CC cc 6
thanked thank VERB VBD conj 6
both both DET DT det 10
sides side NOUN NNS dobj 8
. . PUNCT . punct 2
""")
CROWD_STONED = parse("""
Officials official NOUN NNS nsubj 1
said say VERB VBD ROOT 1
the the DET DT det 3
crowd crowd NOUN NN nsubj 5
had have AUX VBD aux 5
gathered gather VERB VBN ccomp 1
outside outside ADV RB advmod 5
and and CCONJ CC cc 5
stoned stone VERB VBD conj 5
the the DET DT det 10
police police NOUN NNS dobj 8
. . PUNCT . punct 1
""")
ORDERED_AND_DISMISSED = parse("""
Peru Peru PROPN NNP nsubj 1 GPE
ordered order VERB VBD ROOT 1
a a DET DT det 4
Bolivian bolivian ADJ JJ amod 4 NORP
envoy envoy NOUN NN dobj 1
to to PART TO aux 6
leave leave VERB VB xcomp 1
and and CCONJ CC cc 6
dismissed dismiss VERB VBN conj 6
as as ADP IN prep 8
false false ADJ JJ amod 13
Bolivia Bolivia PROPN NNP poss 13 GPE
's 's PART POS case 11
claims claim NOUN NNS pobj 9
. . PUNCT . punct 1
""")
TO_LEAVE_AND_STAY = parse("""
Peru Peru PROPN NNP nsubj 1 GPE
told tell VERB VBD ROOT 1
the the DET DT det 3
envoy envoy NOUN NN dobj 1
to to PART TO aux 5
leave leave VERB VB xcomp 1
and and CCONJ CC cc 5
stay stay VERB VB conj 5
away away ADV RB advmod 7
. . PUNCT . punct 1
""")


@pytest.mark.parametrize("doc, verb, actors, expected", [
    pytest.param(FILED_A_COMPLAINT, 11, ("Seoul", "Pyongyang"), "Seoul", id="a thing subject: the speaker acts"),
    pytest.param(THANKED_BOTH_SIDES, 8, ("agency",), "agency", id="an abstract subject: the speaker acts"),
    pytest.param(CROWD_STONED, 8, (), "crowd", id="a group subject keeps its conjunct"),
    pytest.param(ORDERED_AND_DISMISSED, 8, ("Peru", "Bolivia"), "Peru", id="a finite conjunct of an infinitive"),
    pytest.param(TO_LEAVE_AND_STAY, 7, ("Peru",), "envoy", id="an infinitive conjunct shares the controller"),
])
def test_subject_of_a_conjunct(doc, verb, actors, expected):
    assert subject(doc[verb], has_mention=lambda t: t.text in actors)[0].text == expected


def test_only_a_finite_conjunct_of_an_infinitive_is_lifted():
    assert lifted_conjunct(ORDERED_AND_DISMISSED[8])
    assert not lifted_conjunct(TO_LEAVE_AND_STAY[7]) and not lifted_conjunct(CROWD_STONED[8])


def test_the_lifted_conjunct_has_its_own_source_and_target():
    assert roles_of(trigger(FILED_A_COMPLAINT, 11, "ACCUSE", "verb", 13), "Seoul", "Pyongyang") == (["Seoul"], ["Pyongyang"])
    assert roles_of(trigger(ORDERED_AND_DISMISSED, 8, "REJECT"), "Peru", "Bolivia") == (["Peru"], ["Bolivia"])


def test_the_lifted_conjunct_is_not_embedded_in_the_governor(pipeline):
    lexicon = pipeline.resources.lexicon
    doc = pipeline.nlp("Peru on Monday ordered a Bolivian envoy to leave the country and dismissed as false Bolivia's claims.")
    heads = {m.head.lemma_ for m in find_triggers(lexicon, next(iter(doc.sents)))}
    assert "dismiss" in heads


def test_end_to_end_shared_subjects(events):
    assert has(events("Seoul said on Friday that two of the rockets had struck its territory and filed a complaint with "
                      "Pyongyang."), "ACCUSE", "seoul", "PRK")
    assert has(events("Peru on Monday ordered a Bolivian envoy to leave the country and dismissed as false Bolivia's "
                      "claims of interference."), "REJECT", "peru", "bolivia")
