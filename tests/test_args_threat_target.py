"""Issue 16, the target of a threat with no object: the actor of the condition it sets ("would respond if
Pyongyang took further steps") or of the fate it foretells ("warned that Washington would pay a heavy
price"); a foretold thing ("any attack would be met with force") is no target, nor the speaker itself."""
from __future__ import annotations

import pytest
from handparse import has, parse, roles_of, trigger

RESPOND_IF = parse("""
Seoul Seoul PROPN NNP nsubj 1 GPE
said say VERB VBD ROOT 1
it it PRON PRP nsubj 4
would would AUX MD aux 4
respond respond VERB VB ccomp 1
if if SCONJ IN mark 7
Pyongyang Pyongyang PROPN NNP nsubj 7 GPE
took take VERB VBD advcl 4
further further ADJ JJ amod 9
steps step NOUN NNS dobj 7
. . PUNCT . punct 1
""")
WOULD_PAY = parse("""
Tehran Tehran PROPN NNP nsubj 1 GPE
warned warn VERB VBD ROOT 1
that that SCONJ IN mark 5
Washington Washington PROPN NNP nsubj 5 GPE
would would AUX MD aux 5
pay pay VERB VB ccomp 1
a a DET DT det 8
heavy heavy ADJ JJ amod 8
price price NOUN NN dobj 5
. . PUNCT . punct 1
""")
ANY_ATTACK = parse("""
The the DET DT det 1
army army NOUN NN nsubj 2
warned warn VERB VBD ROOT 2
that that SCONJ IN mark 8
any any DET DT det 5
attack attack NOUN NN nsubjpass 8
would would AUX MD aux 8
be be AUX VB auxpass 8
met meet VERB VBN ccomp 2
with with ADP IN prep 8
force force NOUN NN pobj 9
. . PUNCT . punct 2
""")


@pytest.mark.parametrize("match, actors, sources, targets", [
    pytest.param(trigger(RESPOND_IF, 4, "THREATEN"), ("Seoul", "Pyongyang"), ["it"], ["Pyongyang"],
                 id="the actor of the condition"),
    pytest.param(trigger(WOULD_PAY, 1, "THREATEN"), ("Tehran", "Washington"), ["Tehran"], ["Washington"],
                 id="the actor of the foretold fate"),
    pytest.param(trigger(ANY_ATTACK, 2, "THREATEN"), ("army",), ["army"], [], id="a foretold thing is no target"),
    pytest.param(trigger(WOULD_PAY, 1, "ACCUSE"), ("Tehran", "Washington"), ["Tehran"], [],
                 id="only threats take the target of their clause"),
])
def test_verb_roles(match, actors, sources, targets):
    assert roles_of(match, *actors) == (sources, targets)


def test_end_to_end_threat_targets(events):
    assert has(events("Iran threatened to retaliate if Israel struck its nuclear sites."), "THREATEN", "iran", "israel")
    assert has(events("Tehran warned on Sunday that Washington would pay a heavy price."), "THREATEN", "IRN", "USA")
