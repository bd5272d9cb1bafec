"""A state's armed forces known by their own name are that state's military, not a rebel army that
the generic "liberation army" agent word (or a Phoenix alias of another group) would make of them."""
import pytest


@pytest.mark.parametrize("text, name, country", [
    ("The People's Liberation Army held live-fire drills near Taiwan on Friday.", "People's Liberation Army", "CHN"),
    ("The Korean People's Army said it would send troops to the border.", "Korean People's Army", "PRK"),
    ("The Tatmadaw launched air strikes on villages in Sagaing.", "Tatmadaw", "MMR"),
])
def test_named_state_armies_are_their_states_military(analyze, text, name, country):
    actors = {a.name: a for a in analyze(text).actors}
    assert name in actors, sorted(actors)
    assert (actors[name].country, actors[name].sector) == (country, "MIL")
