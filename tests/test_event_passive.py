"""Issue 16, events told from the target side: "X was hit by Y", "came under attack from Y", "were
injured in clashes with Y" have source Y and target X."""
from __future__ import annotations

import pytest
from handparse import has, mentions, parse, roles_of, texts, trigger

from eventscope.stages.events.args import noun_roles, patient_subject, subject
from eventscope.stages.events import clause_role

CAME_UNDER = parse("""
The the DET DT det 1
outpost outpost NOUN NN nsubj 2
came come VERB VBD ROOT 2
under under ADP IN prep 2
attack attack NOUN NN pobj 3
from from ADP IN prep 4
insurgents insurgent NOUN NNS pobj 5
. . PUNCT . punct 2
""")
INJURED_IN_CLASHES = parse("""
Six six NUM CD nummod 1 CARDINAL
herders herder NOUN NNS nsubjpass 3
were be AUX VBD auxpass 3
injured injure VERB VBN ROOT 3
in in ADP IN prep 3
clashes clash NOUN NNS pobj 4
with with ADP IN prep 5
militiamen militiaman NOUN NNS pobj 6
. . PUNCT . punct 3
""")
HIT_BY_A_MINE = parse("""
The the DET DT det 1
patrol patrol NOUN NN nsubjpass 3
was be AUX VBD auxpass 3
hit hit VERB VBN ROOT 3
by by ADP IN agent 3
a a DET DT det 6
mine mine NOUN NN pobj 4
laid lay VERB VBN acl 6
by by ADP IN agent 7
rebels rebel NOUN NNS pobj 8
. . PUNCT . punct 3
""")
KILLED_AND_WOUNDED = parse("""
Nine nine NUM CD nummod 1 CARDINAL
civilians civilian NOUN NNS nsubjpass 3
were be AUX VBD auxpass 3
killed kill VERB VBN ROOT 3
and and CCONJ CC cc 3
40 40 NUM CD nsubj 6 CARDINAL
wounded wound VERB VBN conj 3
. . PUNCT . punct 3
""")
RAIDED_KILLING = parse("""
The the DET DT det 1
camp camp NOUN NN nsubjpass 3
was be AUX VBD auxpass 3
raided raid VERB VBN ROOT 3
by by ADP IN agent 3
gunmen gunman NOUN NNS pobj 4
, , PUNCT , punct 3
killing kill VERB VBG advcl 3
ten ten NUM CD nummod 9 CARDINAL
people people NOUN NNS dobj 7
. . PUNCT . punct 3
""")


def test_an_event_noun_the_subject_comes_under_is_told_from_its_target():
    match = trigger(CAME_UNDER, 4, "ASSAULT", "noun")
    assert patient_subject(match) is not None and clause_role(match) == "main"
    roles = noun_roles(match, mentions("insurgents"))
    assert texts(roles.sources) == ["insurgents"] and texts(roles.targets) == ["outpost"]


# A lexicon match on a parse above, the tokens the actors stage would know, and the sources and targets
# verb_roles must give.
@pytest.mark.parametrize("match, actors, sources, targets", [
    pytest.param(trigger(INJURED_IN_CLASHES, 3, "ASSAULT"), ("militiamen",), ["militiamen"], ["herders"],
                 id="the means of an agentless passive names the perpetrator"),
    pytest.param(trigger(HIT_BY_A_MINE, 3, "ASSAULT"), ("rebels",), ["rebels"], ["patrol"],
                 id="a weapon agent gives way to who used it"),
    pytest.param(trigger(KILLED_AND_WOUNDED, 6, "ASSAULT"), (), [], ["40"],
                 id="a bare participle after a passive keeps the passive"),
])
def test_verb_roles(match, actors, sources, targets):
    assert roles_of(match, *actors) == (sources, targets)


def test_a_participle_after_a_passive_is_done_by_its_agent():
    assert subject(RAIDED_KILLING[7])[0].text == "gunmen"


def test_end_to_end_target_side(events):
    assert has(events("The convoy came under attack from Taliban fighters near Kandahar."), "ASSAULT", "taliban", "convoy")
    assert has(events("Two Malian soldiers were injured in clashes with jihadist militants."), "ASSAULT", "militants", "soldiers")
    assert has(events("The patrol was hit by a roadside bomb planted by Shabaab militants."), "ASSAULT", "shabaab", "patrol")
    assert has(events("The Georgian convoy was hit by a Russian missile."), "ASSAULT", "RUS", "convoy")
