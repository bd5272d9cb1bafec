"""Issue 16, object-control complements: "called on X to do" is a request to X, and X does the
complement; "ordered X to leave" is an expulsion of X; "ordered the army onto the streets" is the
subject's mobilization (the army is the force it uses, no target)."""
from __future__ import annotations

from handparse import has, parse, roles_of, trigger

from eventscope.stages.events.args import subject

# "The bishops called on their followers": the head of a request, with or without its complement.
CALLED_ON = """
The the DET DT det 1
bishops bishop NOUN NNS nsubj 2
called call VERB VBD ROOT 2
on on ADP IN prep 2
their their PRON PRP$ poss 5
followers follower NOUN NNS pobj 3
"""
CALLED_ON_TO = parse(CALLED_ON + """to to PART TO aux 7
march march VERB VB xcomp 2
. . PUNCT . punct 2
""")
CALLED_ON_NO_COMPLEMENT = parse(CALLED_ON + ". . PUNCT . punct 2")


def test_whoever_is_called_on_is_the_target_and_does_the_complement():
    assert roles_of(trigger(CALLED_ON_TO, 2, "REQUEST", "verb", 3), "bishops") == (["bishops"], ["followers"])
    assert subject(CALLED_ON_TO[7])[0].text == "followers"


def test_without_a_complement_a_plain_noun_is_no_addressee():
    assert roles_of(trigger(CALLED_ON_NO_COMPLEMENT, 2, "REQUEST", "verb", 3), "bishops") == (["bishops"], [])


def test_end_to_end_object_control(events):
    assert has(events("Opposition leaders called on their supporters to gather outside parliament."), "REQUEST", None, "supporters")
    assert has(events("Lithuania ordered a Russian diplomat to leave the country."), "SANCTION", "lithuania", "diplomat")
    evs = events("The Bolivian government ordered the army onto the streets of La Paz on Friday.")
    assert has(evs, "MOBILIZE", "bolivia") and all(e.target is None for e in evs if e.type == "MOBILIZE")
