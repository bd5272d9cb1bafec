"""Plural and object pronouns resolve to the right party (stages/actors/coref.py): a coordination is the
antecedent of "they", an object pronoun is not its own clause's subject under another name, a plural object
after a plain plural noun is that noun, and a possessive in an infinitive clause is its controller's.
Sentences written for these tests."""
from __future__ import annotations

import pytest
from actorparse import actors_on, named
from handparse import actor_of, facts

# "Keita and two aides were detained. They were freed."
COORDINATED = """
Keita Keita PROPN NNP nsubjpass 5 PERSON
and and CCONJ CC cc 0
two two NUM CD nummod 3
aides aide NOUN NNS conj 0
were be AUX VBD auxpass 5
detained detain VERB VBN ROOT 5
. . PUNCT . punct 5
They they PRON PRP nsubjpass 9
were be AUX VBD auxpass 9
freed free VERB VBN ROOT 9
. . PUNCT . punct 9
"""

# "Rebels attacked Gao. The mission condemned the {noun}, and Chad called them cowardly."
CALLED = """
Rebels rebel NOUN NNS nsubj 1
attacked attack VERB VBD ROOT 1
Gao Gao PROPN NNP dobj 1 GPE
. . PUNCT . punct 1
The the DET DT det 5
mission mission NOUN NN nsubj 6
condemned condemn VERB VBD ROOT 6
the the DET DT det 8
{noun} {lemma} NOUN NNS dobj 6
, , PUNCT , punct 6
and and CCONJ CC cc 6
Chad Chad PROPN NNP nsubj 12 GPE
called call VERB VBD conj 6
them they PRON PRP dobj 12
cowardly cowardly ADJ JJ oprd 12
. . PUNCT . punct 6
"""

# "Chad urged Niger to halt its advance."
URGED = """
Chad Chad PROPN NNP nsubj 1 GPE
urged urge VERB VBD ROOT 1
Niger Niger PROPN NNP dobj 1 GPE
to to PART TO aux 4
halt halt VERB VB xcomp 1
its its PRON PRP$ poss 6
advance advance NOUN NN dobj 4
. . PUNCT . punct 1
"""

# "Chad halted its advance."
HALTED = """
Chad Chad PROPN NNP nsubj 1 GPE
halted halt VERB VBD ROOT 1
its its PRON PRP$ poss 3
advance advance NOUN NN dobj 1
. . PUNCT . punct 1
"""


# A hand parse above, a token of it, and the name or sector of the actor that token refers to.
@pytest.mark.parametrize(("table", "i", "field", "value"), [
    pytest.param(COORDINATED, 7, "name", "Keita", id="they after a coordination is its first party"),
    pytest.param(CALLED.format(noun="rebels", lemma="rebel"), 13, "sector", "REB",
                 id="a plural object after an actor object is that actor"),
    pytest.param(URGED, 5, "name", "Niger", id="a possessive in an infinitive is the object that controls it"),
    pytest.param(HALTED, 2, "name", "Chad", id="a possessive in a finite clause is its subject"),
])
def test_a_pronoun_is_the_party_it_refers_to(pipeline, table, i, field, value) -> None:
    assert facts(named(actors_on(pipeline, table), i), field) == (value,)


def test_a_plural_object_after_a_plain_plural_noun_is_no_actor(pipeline) -> None:
    assert named(actors_on(pipeline, CALLED.format(noun="killings", lemma="killing")), 13) is None


def test_an_object_pronoun_is_not_its_subject_under_an_earlier_name(analyze) -> None:
    a = analyze("Kenyan police fired tear gas in Nakuru. Police said forty people were arrested. "
                "The police later released them.")
    them = actor_of(a, "them")
    assert them is not None and them.sector == "CVL"


def test_they_after_a_resolved_their_is_the_same_state(analyze) -> None:
    a = analyze("Chad expelled two envoys on Monday. Chad had asked Niger to waive their immunity. "
                "Unfortunately, they refused.")
    assert actor_of(a, "their").name == "Niger" and actor_of(a, "they").name == "Niger"

