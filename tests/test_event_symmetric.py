"""Issue 16, bilateral and symmetric events: "A and B agreed" / "A and B held talks" / "talks between A
and B" are one event between the two parties (source A, target B), not two one-sided events."""
from __future__ import annotations

import pytest
from handparse import has, mentions, parse, texts, trigger

from eventscope.stages.events.args import noun_roles, words


def test_joint_types_are_data():
    assert {"CONSULT", "AGREE", "COOPERATE"} <= words().symmetric_types
    assert "ASSAULT" not in words().symmetric_types


def test_between_gives_reciprocal_parties():
    doc = parse("""
    talks talk NOUN NNS nsubj 5
    between between ADP IN prep 0
    Laos Laos PROPN NNP pobj 1 GPE
    and and CCONJ CC cc 2
    Vietnam Vietnam PROPN NNP conj 2 GPE
    resumed resume VERB VBD ROOT 5
    . . PUNCT . punct 5
    """)
    roles = noun_roles(trigger(doc, 0, "CONSULT", "noun"), mentions("Laos", "Vietnam"))
    assert roles.reciprocal and texts(roles.sources) == ["Laos", "Vietnam"]


@pytest.mark.parametrize("text, type_, a, b", [
    ("Kenya and Ethiopia held talks on the border dispute.", "CONSULT", "kenya", "ethiopia"),
    ("The Sudanese army and the RSF agreed to a truce in Jeddah.", "AGREE", "army", "rsf"),
    ("Talks between Armenia and Azerbaijan resumed in Brussels.", "CONSULT", "armenia", "azerbaijan"),
    ("The Kenyan president met the Somali prime minister in Nairobi.", "CONSULT", "KEN", "SOM"),
])
def test_one_event_between_the_two_parties(events, text, type_, a, b):
    evs = [e for e in events(text) if e.type == type_]
    assert len(evs) == 1 and has(evs, type_, a, b), evs


def test_a_summit_place_is_no_party(events):
    evs = [e for e in events("Tsai and Kishida held their first summit at a border village in April.") if e.type == "CONSULT"]
    assert len(evs) == 1 and has(evs, "CONSULT", "tsai", "kishida")


def test_one_sided_acts_stay_one_sided(events):
    evs = [e for e in events("Farmers and students protested in Lima.") if e.type == "PROTEST"]
    assert all(e.target is None for e in evs) and len(evs) == 2


def test_a_joint_act_of_any_type_is_between_its_parties(events):
    evs = events("Greece and Albania signed an accord on Sunday.")
    assert len(evs) == 1 and evs[0].source.country == "GRC" and evs[0].target.country == "ALB"


def test_parties_acting_on_each_other_give_one_event_each_way(events):
    evs = events("Chile and Bolivia each expelled four of the other's diplomats on Monday.")
    pairs = {(e.source.country, e.target.country) for e in evs}
    assert pairs == {("CHL", "BOL"), ("BOL", "CHL")}
