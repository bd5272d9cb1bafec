"""Issue 16, a target named through a free relative ("opened fire on what officials called looters": the
looters, not the officials) or hung by the parser on a bare gerund adjunct ("opened fire without warning
on the marchers": the marchers)."""
from __future__ import annotations

import pytest
from handparse import has, parse, roles_of, trigger

WHAT_THEY_CALLED = parse("""
Troops troop NOUN NNS nsubj 1
opened open VERB VBD ROOT 1
fire fire NOUN NN dobj 1
on on ADP IN prep 1
what what PRON WP dobj 6
officials official NOUN NNS nsubj 6
called call VERB VBD pcomp 3
looters looter NOUN NNS oprd 6
. . PUNCT . punct 1
""")
DESCRIBED_AS = parse("""
Jets jet NOUN NNS nsubj 1
struck strike VERB VBD ROOT 1
at at ADP IN prep 1
what what PRON WP dobj 5
it it PRON PRP nsubj 5
described describe VERB VBD pcomp 2
as as ADP IN prep 5
militants militant NOUN NNS pobj 6
. . PUNCT . punct 1
""")
WITHOUT_WARNING_ON = parse("""
Police Police NOUN NNS nsubj 1
opened open VERB VBD ROOT 1
fire fire NOUN NN dobj 1
without without ADP IN prep 1
warning warn VERB VBG pcomp 3
on on ADP IN prep 4
the the DET DT det 7
marchers marcher NOUN NNS pobj 5
. . PUNCT . punct 1
""")


@pytest.mark.parametrize("match, actors, sources, targets", [
    pytest.param(trigger(WHAT_THEY_CALLED, 1, "ASSAULT", "verb", 2), ("Troops", "officials", "looters"),
                 ["Troops"], ["looters"], id="what officials called X"),
    pytest.param(trigger(DESCRIBED_AS, 1, "ASSAULT"), ("militants",), ["Jets"], ["militants"],
                 id="what it described as X"),
    pytest.param(trigger(WITHOUT_WARNING_ON, 1, "ASSAULT", "verb", 2), ("Police", "marchers"),
                 ["Police"], ["marchers"], id="a target phrase hung on a gerund adjunct"),
])
def test_verb_roles(match, actors, sources, targets):
    assert roles_of(match, *actors) == (sources, targets)


def test_end_to_end_free_relative(events):
    assert has(events("Soldiers opened fire on what the army called armed looters in the capital."), "ASSAULT", "soldiers", "looters")
