"""Sentences the parser gets wrong in a known way still report their events: a verb hung on the root noun
("Thousands of X protested ...": the verb an acl) is the sentence's verb, and a lead clause hung on a later
verb that lost its subject ("X did Y, Z said, days after W warned") is no content of that verb."""

from handparse import parse, trigger

from eventscope.nlp.syntax import misparsed_predicate
from eventscope.stages.events import _embedded, clause_role
from eventscope.stages.events.args import subject

HUNDREDS_MARCHED = parse("""
Hundreds hundred NOUN NNS ROOT 0
of of ADP IN prep 0
nurses nurse NOUN NNS pobj 1
marched march VERB VBN acl 0
in in ADP IN prep 3
Lima Lima PROPN NNP pobj 4 GPE
. . PUNCT . punct 0
""")

# A real reduced passive on a noun that is not the root: "Forces backed by Russia attacked Y".
FORCES_BACKED = parse("""
Forces force NOUN NNS nsubj 4
backed back VERB VBN acl 0
by by ADP IN agent 1
Russia Russia PROPN NNP pobj 2 GPE
attacked attack VERB VBD ROOT 4
Kherson Kherson PROPN NNP dobj 4 GPE
. . PUNCT . punct 4
""")


def test_a_participle_on_the_root_noun_is_the_sentence_verb():
    assert misparsed_predicate(HUNDREDS_MARCHED[3])
    assert clause_role(trigger(HUNDREDS_MARCHED, 3, "PROTEST")) == "main"
    assert subject(HUNDREDS_MARCHED[3])[0].i == 0


def test_a_participle_on_another_noun_stays_a_description():
    assert not misparsed_predicate(FORCES_BACKED[1])
    assert clause_role(trigger(FORCES_BACKED, 1, "SUPPORT")) == "background"


# "Rebels burned the station, police said, after officials warned.": the parser hung the lead clause on
# "warned", whose subject it lost to "after".
LEAD_ON_A_LATER_VERB = parse("""
Rebels rebel NOUN NNS nsubj 1
burned burn VERB VBD ccomp 10
the the DET DT det 3
station station NOUN NN dobj 1
, , PUNCT , punct 6
police police NOUN NNS nsubj 6
said say VERB VBD parataxis 10
, , PUNCT , punct 6
after after ADP IN prep 10
officials official NOUN NNS pobj 8
warned warn VERB VBD ROOT 10
. . PUNCT . punct 10
""")

# "Rebels would attack, officials warned.": a fronted threat, rightly one THREATEN event.
FRONTED_THREAT = parse("""
Rebels rebel NOUN NNS nsubj 2
would would AUX MD aux 2
attack attack VERB VB ccomp 5
, , PUNCT , punct 5
officials official NOUN NNS nsubj 5
warned warn VERB VBD ROOT 5
. . PUNCT . punct 5
""")


def test_a_lead_clause_hung_on_a_subjectless_later_verb_is_its_own_event():
    burned, warned = trigger(LEAD_ON_A_LATER_VERB, 1, "ASSAULT"), trigger(LEAD_ON_A_LATER_VERB, 10, "THREATEN")
    assert not _embedded(burned, {1: burned, 10: warned})


def test_a_fronted_complement_of_a_verb_with_its_own_subject_stays_its_content():
    attack, warned = trigger(FRONTED_THREAT, 2, "ASSAULT"), trigger(FRONTED_THREAT, 5, "THREATEN")
    assert _embedded(attack, {2: attack, 5: warned})
