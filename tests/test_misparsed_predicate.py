"""A sentence whose only verb the parser hung on its root noun ("Thousands of X protested ...": root
"Thousands", the verb an acl) still reports its event, with the noun as the actor."""
from handparse import parse, trigger

from eventscope.nlp.syntax import misparsed_predicate
from eventscope.stages.events import clause_role
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
