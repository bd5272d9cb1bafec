"""Issue 16, the target of a denial of "the allegations": with no author of their own, they are the
accusation the story told before, so the target is its accuser ("Police accused X of ... . X's party
dismissed the accusations": police); allegations with an author keep it ("the allegations of fraud by
the police")."""
from __future__ import annotations

from handparse import has, parse

from eventscope.stages.events.args import told_accusation

THE_ACCUSATIONS = parse("""
The the DET DT det 1
party party NOUN NN nsubj 2
dismissed dismiss VERB VBD ROOT 2
the the DET DT det 5
latest late ADJ JJS amod 5
accusations accusation NOUN NNS dobj 2
as as ADP IN prep 5
absurd absurd ADJ JJ amod 6
. . PUNCT . punct 2
""")
THEIR_ACCUSATIONS = parse("""
The the DET DT det 1
party party NOUN NN nsubj 2
dismissed dismiss VERB VBD ROOT 2
their their PRON PRP$ poss 4
accusations accusation NOUN NNS dobj 2
. . PUNCT . punct 2
""")
ACCUSATIONS_BY = parse("""
The the DET DT det 1
party party NOUN NN nsubj 2
denied deny VERB VBD ROOT 2
the the DET DT det 4
accusations accusation NOUN NNS dobj 2
by by ADP IN prep 4
police police NOUN NNS pobj 5
. . PUNCT . punct 2
""")


def test_only_a_definite_authorless_accusation_refers_back():
    assert told_accusation(THE_ACCUSATIONS[5])
    assert not told_accusation(THEIR_ACCUSATIONS[4]) and not told_accusation(ACCUSATIONS_BY[4])


def test_end_to_end_the_accuser_is_the_target(events):
    text = ("Kenyan police on Monday accused the opposition leader of plotting a coup. "
            "His party dismissed the accusations as absurd.")
    assert has(events(text), "REJECT", "party", "police")
    assert has(events("The party denied the allegations of fraud made by the electoral commission."), "REJECT", "party",
               "commission")
    assert not any(e.target is not None for e in events("The party denied the allegations.") if e.type == "REJECT")
