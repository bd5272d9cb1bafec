"""Issue 16, a command to one's own uniformed personnel that the actor dictionaries leave unresolved
("the mayor ordered officers to withdraw"): the commander's own act, as for troops or police
(`[commands] force_nouns` in arguments.toml), not a request to the officers."""
from __future__ import annotations

from handparse import has


def test_a_command_to_officers_is_the_commanders_act(events):
    evs = events("The governor said she had ordered officers to withdraw from the main square on Friday night.")
    assert has(evs, "RETREAT", "governor") and not has(evs, "REQUEST", "governor")
    # people who are not uniformed personnel are asked, not commanded
    assert not has(events("The governor ordered the protesters to withdraw from the main square."), "RETREAT", "governor")
