"""Issue 16, wrong arguments: a target is an actor, never a weapon, vehicle, object or bare place.

Rules are checked on hand-built parses (tests/handparse.py); a few sentences of our own go through
the pipeline end to end.
"""
from __future__ import annotations

from handparse import has, mentions, parse, texts, trigger

from eventscope.stages.events.args import is_thing, verb_roles

FIRED_GAS = parse("""
Police police PROPN NNP nsubj 1
fired fire VERB VBD ROOT 1
tear tear NOUN NN compound 3
gas gas NOUN NN dobj 1
at at ADP IN prep 1
marchers marcher NOUN NNS pobj 4
. . PUNCT . punct 1
""")


def test_an_instrument_object_gives_way_to_the_target_preposition():
    roles = verb_roles(trigger(FIRED_GAS, 1, "ASSAULT"), mentions("Police", "marchers"))
    assert texts(roles.sources) == ["Police"] and texts(roles.targets) == ["marchers"]
    # the pattern's own preposition takes any victim noun, named or not
    roles = verb_roles(trigger(FIRED_GAS, 1, "ASSAULT", "verb", 3, 4), mentions("Police"))
    assert texts(roles.targets) == ["marchers"]


def test_coordinated_objects_give_way_to_their_owner_once():
    doc = parse("""
    Troops troop NOUN NNS nsubj 1
    seized seize VERB VBD ROOT 1
    his his PRON PRP$ poss 3
    laptop laptop NOUN NN dobj 1
    and and CCONJ CC cc 3
    phones phone NOUN NNS conj 3
    . . PUNCT . punct 1
    """)
    assert texts(verb_roles(trigger(doc, 1, "COERCE"), mentions()).targets) == ["his"]


def test_a_vehicle_or_a_place_is_no_target():
    doc = parse("""
    The the DET DT det 1
    navy navy NOUN NN nsubj 2
    deployed deploy VERB VBD ROOT 2
    frigates frigate NOUN NNS dobj 2
    near near ADP IN prep 2
    the the DET DT det 6
    strait strait NOUN NN pobj 4
    . . PUNCT . punct 2
    """)
    for type_ in ("MOBILIZE", "ASSAULT"):
        assert verb_roles(trigger(doc, 2, type_), mentions("navy")).targets == ()


def test_the_force_put_to_use_is_no_target():
    doc = parse("""
    Ankara Ankara PROPN NNP nsubj 1 GPE
    sent send VERB VBD ROOT 1
    soldiers soldier NOUN NNS dobj 1
    . . PUNCT . punct 1
    """)
    assert verb_roles(trigger(doc, 1, "MOBILIZE"), mentions("Ankara", "soldiers")).targets == ()


def test_a_thing_names_the_actor_it_concerns():
    doc = parse("""
    Ministers minister NOUN NNS nsubj 1
    suspended suspend VERB VBD ROOT 1
    payments payment NOUN NNS dobj 1
    and and CCONJ CC cc 2
    flights flight NOUN NNS conj 2
    to to ADP IN prep 4
    Chad Chad PROPN NNP pobj 5 GPE
    . . PUNCT . punct 1
    """)
    assert texts(verb_roles(trigger(doc, 1, "SANCTION"), mentions("Chad")).targets) == ["Chad"]
    doc = parse("""
    Officials official NOUN NNS nsubj 1
    froze freeze VERB VBD ROOT 1
    Belarusian belarusian ADJ JJ amod 3 NORP
    assets asset NOUN NNS dobj 1
    . . PUNCT . punct 1
    """)
    assert texts(verb_roles(trigger(doc, 1, "SANCTION"), mentions("Belarusian")).targets) == ["Belarusian"]


def test_a_rejected_message_names_its_author():
    doc = parse("""
    Quito Quito PROPN NNP nsubj 1 GPE
    rejected reject VERB VBD ROOT 1
    a a DET DT det 3
    proposal proposal NOUN NN dobj 1
    by by ADP IN prep 3
    Lima Lima PROPN NNP pobj 4 GPE
    . . PUNCT . punct 1
    """)
    assert texts(verb_roles(trigger(doc, 1, "REJECT"), mentions("Quito", "Lima")).targets) == ["Lima"]


def test_a_quantity_stands_for_the_people_it_counts():
    doc = parse("""
    Oslo Oslo PROPN NNP nsubj 1 GPE
    expelled expel VERB VBD ROOT 1
    four four NUM CD dobj 1 CARDINAL
    of of ADP IN prep 2
    the the DET DT det 5
    envoys envoy NOUN NNS pobj 3
    . . PUNCT . punct 1
    """)
    assert texts(verb_roles(trigger(doc, 1, "SANCTION"), mentions("Oslo", "envoys")).targets) == ["envoys"]


def test_a_pattern_object_that_is_an_actor_is_the_target():
    doc = parse("""
    Rome Rome PROPN NNP nsubj 1 GPE
    summoned summon VERB VBD ROOT 1
    the the DET DT det 3
    envoy envoy NOUN NN dobj 1
    . . PUNCT . punct 1
    """)
    assert texts(verb_roles(trigger(doc, 1, "ACCUSE", "verb", 3), mentions("Rome", "envoy")).targets) == ["envoy"]


def test_a_vehicle_subject_stays_the_source():
    doc = parse("""
    Jordanian jordanian ADJ JJ amod 1 NORP
    jets jet NOUN NNS nsubj 2
    struck strike VERB VBD ROOT 2
    militant militant NOUN NN compound 4
    hideouts hideout NOUN NNS dobj 2
    . . PUNCT . punct 2
    """)
    roles = verb_roles(trigger(doc, 2, "ASSAULT"), mentions("Jordanian"))
    assert texts(roles.sources) == ["jets"] and texts(roles.targets) == ["hideouts"]


def test_an_unresolved_facility_is_a_thing_a_resolved_one_an_actor():
    doc = parse("""
    Rebels rebel NOUN NNS nsubj 1
    shelled shell VERB VBD ROOT 1
    Kharbour Kharbour PROPN NNP dobj 1 FAC
    . . PUNCT . punct 1
    """)
    assert is_thing(doc[2], mentions()) and not is_thing(doc[2], mentions("Kharbour"))
    assert verb_roles(trigger(doc, 1, "ASSAULT"), mentions()).targets == ()


def test_end_to_end_no_thing_targets(events):
    for text in ("Riot police used water cannon against the marchers in Tbilisi.",
                 "Soldiers seized his laptop and phones at the border.",
                 "The Chinese navy deployed warships near the strait on Monday.",
                 "Rebels fired rockets at the town overnight."):
        for e in events(text):
            assert e.target is None or not {"cannon", "laptop", "phones", "warships", "rockets", "town"} & set(
                e.target.text.lower().split()), (text, e.target)
    seized = [e for e in events("Soldiers seized his laptop and phones at the border.") if e.type == "COERCE"]
    assert len(seized) == 1


def test_end_to_end_owner_and_quantity_targets(events):
    assert has(events("Peru suspended financial transactions with Bolivia."), "SANCTION", "peru", "bolivia")
    assert has(events("Canada expelled six of the Indian diplomats."), None or "COERCE", "canada", "diplomats") or \
        has(events("Canada expelled six of the Indian diplomats."), "SANCTION", "canada", "diplomats")


def test_a_proxy_stands_for_the_group_it_acts_for():
    doc = parse("""
    Representatives representative NOUN NNS nsubj 4
    of of ADP IN prep 0
    the the DET DT det 3
    junta junta NOUN NN pobj 1
    met meet VERB VBD ROOT 4
    mediators mediator NOUN NNS dobj 4
    . . PUNCT . punct 4
    """)
    roles = verb_roles(trigger(doc, 4, "CONSULT"), mentions("junta", "mediators"))
    assert texts(roles.sources) == ["junta"] and texts(roles.targets) == ["mediators"]


def test_a_bare_casualty_count_is_the_toll_of_another_event(events):
    evs = events("Rebels shelled the market on Monday, and at least 20 people were killed.")
    assert has(evs, "ASSAULT", "rebels") and all(e.source is not None for e in evs)
    alone = events("At least 25 people were killed when a bomb exploded outside a mosque.")
    assert alone  # with no other event in the sentence the count stays an event (its casualties are read)


def test_a_coordinate_that_is_no_actor_adds_no_sourceless_twin(analyze):
    evs = analyze("KORVA, Norland (AFP) - Gunmen attacked a military convoy near the town of Vesk on Monday, "
                  "killing at least 11 soldiers, the army said in a statement.").events
    assaults = [e for e in evs if e.type == "ASSAULT"]
    assert assaults and all(e.source is not None for e in assaults)
