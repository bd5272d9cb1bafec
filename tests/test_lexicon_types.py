"""Event type by trigger class: who is expelled, undertakings of a withdrawal or resignation, refused
signatures, prisoner releases, eased curfews, aid let through, arriving forces, joint exercises; and the
lexicon mechanics behind them (passive objects, counted objects, subject slots). Sentences written for
these tests."""
from __future__ import annotations

import pytest

from eventscope.errors import ConfigError
from eventscope.stages.events.lexicon import _parse_row, build_lexicon
from handparse import has, parse


def types(evs) -> list[str]:
    return [e.type for e in evs]


# -- expulsions: diplomats, missions and aid agencies are CAMEO 166x (SANCTION), other people 174 (COERCE)
@pytest.mark.parametrize(("text", "typ"), [
    ("Peru expelled four of Bolivia's diplomats on Tuesday.", "SANCTION"),
    ("The government expelled the consul and two attaches.", "SANCTION"),
    ("Khartoum expelled the aid workers from Darfur.", "SANCTION"),
    ("Ankara sent home 12 Dutch embassy staff.", "SANCTION"),
    ("Quito ordered the Chilean consul to leave the country.", "SANCTION"),
    ("The military government expelled two foreign journalists.", "COERCE"),
    ("The court ordered the businessman to leave the country.", "COERCE"),
    ("The junta forced the UN refugee agency out of the country.", "SANCTION"),
    ("Militiamen forced hundreds of families out of the village.", "COERCE"),
])
def test_an_expulsion_is_coded_by_who_is_expelled(events, text, typ):
    assert typ in types(events(text)), events(text)


# -- an undertaking of an act that keeps its own type when announced (RETREAT, MOBILIZE) codes that act
def test_an_offer_to_resign_is_a_resignation_intended(analyze):
    (e,) = analyze("Interior Minister Tomas Varga offered to resign on Friday.").events
    assert (e.type, e.mode, e.modality) == ("RETREAT", "resign", "intended")


def test_agreeing_to_lift_sanctions_is_the_lifting(events):
    assert has(events("Lima agreed to lift the sanctions on Quito."), "RETREAT", "lima")


def test_an_undertaking_of_a_cooperative_act_stays_agree(events):
    assert types(events("Lima agreed to hold talks with Quito.")) == ["AGREE"]


def test_a_refused_undertaking_stays_a_rejection(events):
    assert "REJECT" in types(events("The rebels did not agree to withdraw from the town."))


def test_a_signature_announced_as_refused_is_a_rejection(events):
    assert types(events("The president said he would not sign the treaty.")) == ["REJECT"]


# -- releases and exchanges of captives are CAMEO 0841 (RETREAT release), not extradition
@pytest.mark.parametrize("text", [
    "Kyiv handed over 50 captured soldiers to Moscow.",
    "Forty prisoners were handed over by the rebels on Sunday.",
    "The two armies exchanged prisoners at the border.",
])
def test_handing_over_captives_is_a_release(events, text):
    assert "RETREAT" in types(events(text)) and "COOPERATE" not in types(events(text))


# -- phrasings that give exactly one event, of the type their trigger class codes
@pytest.mark.parametrize(("text", "typ"), [
    # easing a curfew or a state of emergency is CAMEO 0813/0814, under 081: CONCEDE
    ("The junta lifted the state of emergency in the north.", "CONCEDE"),
    ("The governor eased the nightly curfew in the capital.", "CONCEDE"),
    # arrivals: peacekeepers are their senders' aid (074), troops a deployment (154), officials a visit
    ("A battalion of Fijian peacekeeping troops arrived in Lebanon.", "AID"),
    ("Turkish soldiers arrived in the enclave on Monday.", "MOBILIZE"),
    ("Russian marines began arriving on Thursday.", "MOBILIZE"),
    ("The Turkish foreign minister arrived in Rome on Monday.", "CONSULT"),
    # shows of force and joint exercises
    ("Peru and Chile launched joint naval exercises off the coast.", "COOPERATE"),
    ("The navy held war games near the strait.", "MOBILIZE"),
    ("The air force scrambled jets to track the bombers.", "MOBILIZE"),
    ("The president ordered the army onto the streets of the capital.", "MOBILIZE"),
])
def test_the_one_event_of_a_phrasing_has_its_class_type(events, text, typ):
    assert types(events(text)) == [typ]


def test_letting_aid_through_is_access(events):
    evs = events("The army allowed the delivery of food to the besieged town.")
    assert [(e.type, e.mode, e.cameo) for e in evs] == [("RETREAT", "access", "0863")]


def test_the_subject_of_a_subject_row_stays_its_source(events):
    (e,) = events("Turkish soldiers arrived in the enclave on Monday.")
    assert e.source is not None and e.source.country == "TUR" and e.target is None


# -- CAMEO codes that a generic verb reading would miss
@pytest.mark.parametrize(("text", "typ"), [
    ("The rebels violated the ceasefire on Sunday.", "ASSAULT"),  # 196 violate ceasefire
    ("The junta suspended the constitution.", "COERCE"),  # 172 administrative sanctions
    ("The ministry suspended mobile internet services in the north.", "COERCE"),  # 1721 censorship
    ("The prosecutors presented evidence against the former minister.", "ACCUSE"),  # 112
    ("Forty peacekeepers were shipped out of the enclave.", "SANCTION"),  # 1661 withdraw peacekeepers
])
def test_cameo_codes_of_common_phrasings(events, text, typ):
    assert typ in types(events(text)), events(text)


def test_name_calling_on_a_medium_is_criticism_not_an_appeal(events):
    assert types(events("The senator called the strikers thugs on television.")) == ["ACCUSE"]
    assert types(events("The senator called on the strikers to return to work.")) == ["REQUEST"]


def test_defending_oneself_is_no_verbal_support(events):
    assert "SUPPORT" not in types(events("The government said it would defend itself against the rebels."))
    assert types(events("The foreign minister defended the president.")) == ["SUPPORT"]


def test_a_refused_permission_is_a_rejection(events):
    assert "REJECT" in types(events("The minister said he would not give permission to the company to drill."))


# -- lexicon mechanics on hand-built parses
def _lexicon(*rows: str):
    return build_lexicon(t for n, row in enumerate(rows) for t in _parse_row(row.split("\t"), f"test:{n}"))


def test_a_passive_subject_fills_an_object_slot():
    doc = parse("""
        sanctions sanction NOUN NNS nsubjpass 2
        were be AUX VBD auxpass 2
        imposed impose VERB VBN ROOT 2
    """)
    m = _lexicon("verb\timpose sanction\tSANCTION\t\t163").match(doc[2])
    assert m is not None and [t.i for t in m.tokens] == [2, 0]


def test_a_counted_party_fills_an_object_slot_but_a_counted_event_does_not():
    lex = _lexicon("verb\texpel diplomat\tSANCTION\texpel\t166", "verb\tlaunch attack\tASSAULT\t\t190",
                   "noun\tattack\tASSAULT\t\t190")
    expel = parse("""
        Peru Peru PROPN NNP nsubj 1
        expelled expel VERB VBD ROOT 1
        six six NUM CD dobj 1
        of of ADP IN prep 2
        diplomats diplomat NOUN NNS pobj 3
    """)
    launch = parse("""
        Russia Russia PROPN NNP nsubj 1
        launched launch VERB VBD ROOT 1
        one one NUM CD dobj 1
        of of ADP IN prep 2
        attacks attack NOUN NNS pobj 3
    """)
    assert lex.match(expel[1]).trigger.type == "SANCTION"
    assert lex.match(launch[1]) is None


def test_a_subject_slot_selects_the_row_without_taking_the_subject():
    lex = _lexicon("verb\tarrive in\tCONSULT\tvisit\t042", "verb\tarrive in @troops\tMOBILIZE\ttroops\t154")
    doc = parse("""
        troops troops NOUN NNS nsubj 1
        arrived arrive VERB VBD ROOT 1
        in in ADP IN prep 1
        Gao Gao PROPN NNP pobj 2
    """)
    m = lex.match(doc[1])
    assert m.trigger.type == "MOBILIZE" and [t.i for t in m.tokens] == [1, 2]
    other = parse("""
        envoys envoy NOUN NNS nsubj 1
        arrived arrive VERB VBD ROOT 1
        in in ADP IN prep 1
        Gao Gao PROPN NNP pobj 2
    """)
    assert lex.match(other[1]).trigger.type == "CONSULT"


@pytest.mark.parametrize("row", ["noun\t@troops arrival\tMOBILIZE", "verb\t@troops arrive\tMOBILIZE"])
def test_a_subject_slot_must_follow_a_verb(row):
    with pytest.raises(ConfigError):
        _lexicon(row)
