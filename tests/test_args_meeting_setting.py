"""Issue 16, both parties of a meeting told through its setting: "X told Y in a phone call that ..." and
"X said during talks with Y ..." are a consultation between X and Y (a main event, not a side phrase);
an attack noun after "in" stays a side phrase of its passive ("was wounded in an attack")."""
from __future__ import annotations

from handparse import has, mentions, parse, texts, trigger

from eventscope.stages.events import clause_role
from eventscope.stages.events.args import framing_verb, noun_roles

IN_A_PHONE_CALL = parse("""
Modi Modi PROPN NNP nsubj 1 PERSON
told tell VERB VBD ROOT 1
the the DET DT det 4
Kenyan kenyan ADJ JJ amod 4 NORP
president president NOUN NN dobj 1
in in ADP IN prep 1
a a DET DT det 8
phone phone NOUN NN compound 8
call call NOUN NN pobj 5
that that SCONJ IN mark 12
trade trade NOUN NN nsubj 12
would would AUX MD aux 12
grow grow VERB VB ccomp 1
. . PUNCT . punct 1
""")
IN_AN_ATTACK = parse("""
He he PRON PRP nsubjpass 2
was be AUX VBD auxpass 2
wounded wound VERB VBN ROOT 2
in in ADP IN prep 2
an an DET DT det 5
attack attack NOUN NN pobj 3
on on ADP IN prep 5
the the DET DT det 8
base base NOUN NN pobj 6
. . PUNCT . punct 2
""")


def test_a_call_that_sets_a_verb_is_a_main_event_between_its_parties():
    match = trigger(IN_A_PHONE_CALL, 8, "CONSULT", "noun", 7)
    assert framing_verb(match) is not None and clause_role(match) == "main"
    roles = noun_roles(match, mentions("Modi", "president"))
    assert texts(roles.sources) == ["Modi"] and texts(roles.targets) == ["president"]


def test_an_attack_noun_after_in_is_no_setting():
    match = trigger(IN_AN_ATTACK, 5, "ASSAULT", "noun")
    assert framing_verb(match) is None and clause_role(match) == "side"


def test_end_to_end_meeting_settings(events):
    assert has(events("Erdogan said during talks with Putin on Friday that Turkey wanted peace."), "CONSULT", "erdogan", "putin")
    assert has(events("Ruto told the Ethiopian prime minister in a phone call that Kenya backed the talks."), "CONSULT", "ruto", "ETH")


INVOLVED_IN_TALKS = parse("""
Oman Oman PROPN NNP nsubjpass 2 GPE
was be AUX VBD auxpass 2
involved involve VERB VBN ROOT 2
in in ADP IN prep 2
the the DET DT det 5
talks talk NOUN NNS pobj 3
. . PUNCT . punct 2
""")


def test_a_passive_state_is_no_setting():
    assert framing_verb(trigger(INVOLVED_IN_TALKS, 5, "CONSULT", "noun")) is None


FRONTED_SUMMIT = parse("""
At at ADP IN prep 5
the the DET DT det 2
summit summit NOUN NN pobj 0
, , PUNCT , punct 5
Ruto Ruto PROPN NNP nsubj 5 PERSON
raised raise VERB VBD ROOT 5
concerns concern NOUN NNS dobj 5
. . PUNCT . punct 5
""")


def test_a_fronted_scene_is_no_setting():
    assert framing_verb(trigger(FRONTED_SUMMIT, 2, "CONSULT", "noun")) is None
