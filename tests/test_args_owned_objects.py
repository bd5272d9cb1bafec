"""Issue 16, the target of an act on something an actor owns or says: a content noun ("rejected the offer
made by the rebels", "dismissed as false Bolivia's claims") and a thing ("set fire to two of the party's
buses", "threw stones at the consulate's windows") give way to their owner; a direction ("waters to its
east") names no owner."""
from __future__ import annotations

import pytest
from handparse import has, parse, roles_of, trigger

OFFER_MADE_BY = parse("""
The the DET DT det 1
ministry ministry NOUN NN nsubj 2
rejected reject VERB VBD ROOT 2
the the DET DT det 4
offer offer NOUN NN dobj 2
made make VERB VBN acl 4
by by ADP IN agent 5
the the DET DT det 8
rebels rebel NOUN NNS pobj 6
. . PUNCT . punct 2
""")
DISMISSED_AS_FALSE = parse("""
The the DET DT det 1
ministry ministry NOUN NN nsubj 2
dismissed dismiss VERB VBD ROOT 2
as as ADP IN prep 2
false false ADJ JJ amod 7
Bolivia Bolivia PROPN NNP poss 7 GPE
's 's PART POS case 5
claims claim NOUN NNS pobj 3
. . PUNCT . punct 2
""")
DENIED_ITS_CLAIMS = parse("""
Quito Quito PROPN NNP nsubj 1 GPE
denied deny VERB VBD ROOT 1
Lima Lima PROPN NNP poss 4 GPE
's 's PART POS case 2
allegations allegation NOUN NNS dobj 1
. . PUNCT . punct 1
""")
SET_FIRE_TO_BUSES = parse("""
Rioters rioter NOUN NNS nsubj 1
set set VERB VBD ROOT 1
fire fire NOUN NN dobj 1
to to ADP IN prep 1
two two NUM CD pobj 3 CARDINAL
of of ADP IN prep 4
the the DET DT det 7
party party NOUN NN poss 9
's 's PART POS case 7
buses bus NOUN NNS pobj 5
. . PUNCT . punct 1
""")
WATERS_TO_ITS_EAST = parse("""
The the DET DT det 1
navy navy NOUN NN nsubj 2 ORG
fired fire VERB VBD ROOT 2
shells shell NOUN NNS dobj 2
into into ADP IN prep 2
waters water NOUN NNS pobj 4
to to ADP IN prep 5
its its PRON PRP$ poss 8
east east NOUN NN pobj 6
. . PUNCT . punct 2
""")


@pytest.mark.parametrize("match, actors, sources, targets", [
    pytest.param(trigger(OFFER_MADE_BY, 2, "REJECT"), ("ministry", "rebels"), ["ministry"], ["rebels"],
                 id="a content noun made by an actor"),
    pytest.param(trigger(DISMISSED_AS_FALSE, 2, "REJECT"), ("ministry", "Bolivia"), ["ministry"], ["Bolivia"],
                 id="an object shifted after its predicate adjective"),
    pytest.param(trigger(DENIED_ITS_CLAIMS, 1, "REJECT"), ("Quito", "Lima"), ["Quito"], ["Lima"],
                 id="a possessed content noun"),
    pytest.param(trigger(SET_FIRE_TO_BUSES, 1, "ASSAULT", "verb", 2), ("party",), ["Rioters"], ["party"],
                 id="a thing after a target preposition gives way to its owner"),
    pytest.param(trigger(WATERS_TO_ITS_EAST, 2, "ASSAULT"), ("navy",), ["navy"], [],
                 id="a direction is no owner"),
])
def test_verb_roles(match, actors, sources, targets):
    assert roles_of(match, *actors) == (sources, targets)


def test_end_to_end_owned_objects(events):
    assert has(events("Opposition supporters set fire to two of the ruling party's buses in Dhaka."), "ASSAULT", None, "party")
    assert has(events("Seoul rejected an offer by Pyongyang to hold talks."), "REJECT", "seoul", "PRK")
    assert has(events("The Kremlin dismissed as absurd Ukraine's allegations."), "REJECT", None, "UKR")
    assert not any(e.target is not None for e in events("The navy fired shells into the waters to its east.") if e.type == "ASSAULT")
