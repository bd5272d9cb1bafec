"""Issue 16, events told as a speaker's claim or reaction: an accusation noun with no author of its own
is the reporting speaker's, aimed at whom its content names ("X told reporters that police were
investigating allegations of abuse by the guards": X accuses the guards), unless the speaker answers it
("X said allegations of its role were false"); a common noun identified by a name is the named person;
a thing owned through a compound names its owner ("French consulate staff": France); a speaker's call by
an adjective of necessity is a REQUEST to the act's actor, not the act ("said it was essential for the
army's withdrawal to proceed")."""
from __future__ import annotations

import pytest
from handparse import has, mentions, parse, roles_of, texts, trigger

from eventscope.stages.events.args import called_for, noun_roles, told_accusation

TOLD_ALLEGATIONS = parse("""
The the DET DT det 1
minister minister NOUN NN nsubj 2
told tell VERB VBD ROOT 2
reporters reporter NOUN NNS dobj 2
that that SCONJ IN mark 7
police police NOUN NNS nsubj 7
were be AUX VBD aux 7
investigating investigate VERB VBG ccomp 2
allegations allegation NOUN NNS dobj 7
of of ADP IN prep 8
abuse abuse NOUN NN pobj 9
by by ADP IN prep 10
the the DET DT det 13
guards guard NOUN NNS pobj 11
. . PUNCT . punct 2
""")
ANSWERED_ALLEGATIONS = parse("""
The the DET DT det 1
ministry ministry NOUN NN nsubj 2
said say VERB VBD ROOT 2
allegations allegation NOUN NNS nsubj 7
of of ADP IN prep 3
its its PRON PRP$ poss 6
role role NOUN NN pobj 4
were be AUX VBD ccomp 2
false false ADJ JJ acomp 7
. . PUNCT . punct 2
""")
LINK_ALLEGATIONS = parse("""
The the DET DT det 1
senator senator NOUN NN nsubj 2
reported report VERB VBD ROOT 2
allegations allegation NOUN NNS dobj 2
of of ADP IN prep 3
a a DET DT det 6
link link NOUN NN pobj 4
between between ADP IN prep 6
members member NOUN NNS pobj 7
of of ADP IN prep 8
the the DET DT det 11
army army NOUN NN pobj 9
and and CCONJ CC cc 8
the the DET DT det 14
fire fire NOUN NN conj 8
. . PUNCT . punct 2
""")
MADE_UP = parse("""
The the DET DT det 1
party party NOUN NN nsubj 2
said say VERB VBD ROOT 2
the the DET DT det 4
rebels rebel NOUN NNS nsubj 6
had have AUX VBD aux 6
made make VERB VBN ccomp 2
up up ADP RP prt 6
the the DET DT det 9
accusations accusation NOUN NNS dobj 6
to to PART TO aux 11
win win VERB VB acl 9
votes vote NOUN NNS dobj 11
. . PUNCT . punct 2
""")


@pytest.mark.parametrize("doc, noun, actors, source, target", [
    (TOLD_ALLEGATIONS, 8, ("minister", "guards"), ["minister"], ["guards"]),
    (ANSWERED_ALLEGATIONS, 3, ("ministry", "its"), [], ["its"]),
    (LINK_ALLEGATIONS, 3, ("senator", "army"), ["senator"], ["army"]),
    (MADE_UP, 9, ("party", "rebels"), [], []),
])
def test_an_authorless_accusation_is_its_reporters(doc, noun, actors, source, target):
    roles = noun_roles(trigger(doc, noun, "ACCUSE", "noun"), mentions(*actors))
    assert (texts(roles.sources), texts(roles.targets)) == (source, target)


def test_a_purpose_infinitive_is_no_author_of_an_accusation():
    assert told_accusation(MADE_UP[9])  # "the accusations to win votes" refer back to an earlier accusation


NAMED_WOMAN = parse("""
Police police NOUN NNS nsubj 2
were be AUX VBD aux 2
looking look VERB VBG ROOT 2
for for ADP IN prep 2
a a DET DT det 5
woman woman NOUN NN pobj 3
who who PRON WP nsubj 7
travelled travel VERB VBD relcl 5
under under ADP IN prep 7
the the DET DT det 10
name name NOUN NN pobj 8
of of ADP IN prep 10
Maria Maria PROPN NNP compound 13 PERSON
Lopez Lopez PROPN NNP pobj 11 PERSON
. . PUNCT . punct 2
""")
ATTACKER = parse("""
Police police NOUN NNS nsubj 1
sought seek VERB VBD ROOT 1
a a DET DT det 3
man man NOUN NN dobj 1
who who PRON WP nsubj 6
had have AUX VBD aux 6
attacked attack VERB VBN relcl 3
Lopez Lopez PROPN NNP dobj 6 PERSON
. . PUNCT . punct 1
""")
CONSULATE_STAFF = parse("""
The the DET DT det 1
government government NOUN NN nsubj 2
sent send VERB VBD ROOT 2
home home ADV RB advmod 2
three three NUM CD nummod 7
French french ADJ JJ amod 6 NORP
consulate consulate NOUN NN compound 7
staff staff NOUN NN dobj 2
. . PUNCT . punct 2
""")


def test_the_pattern_object_and_whom_it_names():
    assert roles_of(trigger(NAMED_WOMAN, 2, "ACCUSE", "verb", 3, 5), "Police", "woman", "Lopez") == (["Police"], ["Lopez"])
    # a relative clause that names a victim, not an identity, leaves the man the target
    assert roles_of(trigger(ATTACKER, 1, "ACCUSE", "verb", 3), "Police", "man", "Lopez") == (["Police"], ["man"])
    # a person noun owned through a compound ("French consulate staff") names its owner
    assert roles_of(trigger(CONSULATE_STAFF, 2, "SANCTION", "verb", 3, 7), "government", "French") == (["government"], ["French"])


ESSENTIAL = parse("""
The the DET DT det 1
envoy envoy NOUN NN nsubj 2
said say VERB VBD ROOT 2
it it PRON PRP nsubj 4
was be AUX VBD ccomp 2
essential essential ADJ JJ acomp 4
for for SCONJ IN mark 12
the the DET DT det 8
army army NOUN NN poss 10
's 's PART POS case 8
withdrawal withdrawal NOUN NN nsubj 12
to to PART TO aux 12
proceed proceed VERB VB advcl 4
. . PUNCT . punct 2
""")
UNSAID = parse("""
The the DET DT det 1
withdrawal withdrawal NOUN NN nsubj 3
was be AUX VBD aux 3
essential essential ADJ JJ ROOT 3
. . PUNCT . punct 3
""")


def test_a_necessity_call_is_the_speakers_request():
    call, roles = called_for(trigger(ESSENTIAL, 10, "RETREAT", "noun"), mentions("envoy", "army"))
    assert call.trigger.type == "REQUEST" and (texts(roles.sources), texts(roles.targets)) == (["envoy"], ["army"])
    assert called_for(trigger(UNSAID, 1, "RETREAT", "noun"), mentions()) is None  # no call, no speaker


@pytest.mark.parametrize("text, type_, source, target", [
    ("The Kenyan president told parliament that investigators were examining credible allegations of a link "
     "between agents of the Ugandan government and the bombing.", "ACCUSE", "president", "Uganda"),
    ("In Paris, the French government said it was deeply worried and that it was vital for Ghana's inquiry to "
     "continue.", "REQUEST", "France", "Ghana"),
])
def test_end_to_end_the_speaker_is_the_source(events, text, type_, source, target):
    assert has(events(text), type_, source, target)


def test_end_to_end_an_answered_accusation_is_no_accusation(events):
    evs = events("The Ugandan foreign ministry said allegations of its involvement in the bombing in Kenya were baseless.")
    assert not any(e.type == "ACCUSE" and e.evidence.trigger == "allegations" for e in evs)


QUESTIONED_WHY = parse("""
The the DET DT det 1
opposition opposition NOUN NN nsubj 2
questioned question VERB VBD ROOT 2
why why SCONJ WRB advmod 7
the the DET DT det 5
army army NOUN NN nsubj 7
had have AUX VBD aux 7
closed close VERB VBN ccomp 2
the the DET DT det 9
road road NOUN NN dobj 7
. . PUNCT . punct 2
""")
COMPLAINED_IGNORED = parse("""
The the DET DT det 1
union union NOUN NN nsubj 2
complained complain VERB VBD ROOT 2
that that SCONJ IN mark 7
it it PRON PRP nsubjpass 7
had have AUX VBD aux 7
been be AUX VBN auxpass 7
ignored ignore VERB VBN ccomp 2
. . PUNCT . punct 2
""")


@pytest.mark.parametrize("doc, actors, target", [
    (QUESTIONED_WHY, ("opposition", "army"), ["army"]),  # the accused is the clause's actor
    (COMPLAINED_IGNORED, ("union",), []),  # a pronoun may be the speaker itself: no target
])
def test_an_accusation_told_as_a_clause_blames_its_subject(doc, actors, target):
    assert roles_of(trigger(doc, 2, "ACCUSE"), *actors)[1] == target
