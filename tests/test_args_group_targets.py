"""Issue 16, targets that are a group phrase of several countries: "envoys of France and Italy" and
"diplomats from Chile, Peru and Argentina" are one target per country, each keeping that country."""
from __future__ import annotations

from handparse import parse, roles_of, trigger

ENVOYS_OF = parse("""
Moscow Moscow PROPN NNP nsubj 1 GPE
expelled expel VERB VBD ROOT 1
envoys envoy NOUN NNS dobj 1
of of ADP IN prep 2
France France PROPN NNP pobj 3 GPE
and and CCONJ CC cc 4
Italy Italy PROPN NNP conj 4 GPE
. . PUNCT . punct 1
""")


def test_the_proxies_of_coordinated_parties_are_each_party():
    assert roles_of(trigger(ENVOYS_OF, 1, "SANCTION"), "Moscow", "France", "Italy") == (["Moscow"], ["France", "Italy"])


def test_end_to_end_one_target_per_country(events):
    evs = [e for e in events("Caracas expelled diplomats from Chile, Peru and Argentina on Monday.") if e.type == "SANCTION"]
    assert {e.target.country for e in evs} == {"CHL", "PER", "ARG"}
    assert all("diplomats" in e.target.name for e in evs)
    evs = [e for e in events("Moscow expelled envoys of France and Italy on Friday.") if e.type == "SANCTION"]
    assert {e.target.country for e in evs} == {"FRA", "ITA"}
