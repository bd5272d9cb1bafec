"""Sentences the parser gets wrong in known ways still report their events with the right parties: a verb
hung on the root noun ("Thousands of X protested ...") or on its subject with an object ("Gunmen killed ...")
is that noun's act; a lead clause hung on a later verb that lost its subject ("X did Y, Z said, days after W
warned") is no content of that verb; of two subjects (a dateline word and the real one) the nearest counts;
the victims of a passive are not the agents of its participle ("were killed in shelling")."""

from handparse import parse, trigger

from eventscope.nlp.syntax import misparsed_predicate, subject_of
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


# "LIMA (Reuters) - Police arrested two men.": the dateline word is a second subject of the verb.
DATELINE_SUBJECT = parse("""
LIMA Lima PROPN NNP nsubj 6 GPE
( ( PUNCT -LRB- punct 0
Reuters Reuters PROPN NNP appos 0 ORG
) ) PUNCT -RRB- punct 0
- - PUNCT : punct 0
Police police NOUN NNS nsubj 6
arrested arrest VERB VBD ROOT 6
two two NUM CD nummod 8
men man NOUN NNS dobj 6
. . PUNCT . punct 6
""")

# "Gunmen killed two guards.": the parser hung the verb on its subject as a participle.
PARTICIPLE_WITH_OBJECT = parse("""
Gunmen gunman NOUN NNS nsubj 5
killed kill VERB VBN acl 0
two two NUM CD nummod 3
guards guard NOUN NNS dobj 1
, , PUNCT , punct 5
said say VERB VBD ROOT 5
. . PUNCT . punct 5
""")

# "Four men were killed in shelling.": the participle on a passive names no agent.
SHELLING = parse("""
Four four NUM CD nummod 1
men man NOUN NNS nsubjpass 3
were be AUX VBD auxpass 3
killed kill VERB VBN ROOT 3
in in ADP IN prep 3
shelling shell VERB VBG advcl 3
. . PUNCT . punct 3
""")


def test_of_two_subjects_the_one_next_to_the_verb_is_its_own():
    assert subject_of(DATELINE_SUBJECT[6]).i == 5


def test_a_participle_with_a_direct_object_is_its_nouns_act():
    assert misparsed_predicate(PARTICIPLE_WITH_OBJECT[1])
    assert subject(PARTICIPLE_WITH_OBJECT[1])[0].i == 0


def test_the_victims_of_a_passive_are_not_the_agents_of_its_participle():
    assert subject(SHELLING[5])[0] is None
