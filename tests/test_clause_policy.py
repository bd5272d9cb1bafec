"""Issue 16, which triggers become events: a clause that describes a noun is no second event (a bare
past participle on it, a relative clause on an object with no named target), while a relative clause
on the sentence's actor still reports what that actor did; a bare casualty count with no perpetrator
is the toll of the document's attack, an event of its own only when the document names none.
Every sentence here was written for these tests."""
from __future__ import annotations

from handparse import parse, trigger

from eventscope.stages.events import clause_role


def test_a_bare_past_participle_on_a_noun_describes_it():
    doc = parse("""
    Rebels rebel NOUN NNS nsubj 4
    backed back VERB VBN acl 0
    by by ADP IN agent 1
    Norland Norland PROPN NNP pobj 2 GPE
    seized seize VERB VBD ROOT 4
    the the DET DT det 6
    port port NOUN NN dobj 4
    . . PUNCT . punct 4
    """)
    assert clause_role(trigger(doc, 1, "SUPPORT")) == "background"
    assert clause_role(trigger(doc, 4, "COERCE")) == "main"


def test_a_participle_after_an_existential_is_the_predication():
    doc = parse("""
    There there PRON EX expl 1
    were be VERB VBD ROOT 1
    nine nine NUM CD nummod 3 CARDINAL
    soldiers soldier NOUN NNS attr 1
    killed kill VERB VBN acl 3
    . . PUNCT . punct 1
    """)
    assert clause_role(trigger(doc, 4, "ASSAULT")) == "main"


def test_a_past_tense_hung_on_an_apposition_is_no_description():
    doc = parse("""
    Talks talk NOUN NNS nsubj 1
    failed fail VERB VBD ROOT 1
    , , PUNCT , punct 1
    a a DET DT det 5
    union union NOUN NN compound 5
    group group NOUN NN appos 0
    protested protest VERB VBN acl 5
    . . PUNCT . punct 1
    """)
    assert clause_role(trigger(doc, 6, "PROTEST")) != "background"


def _relative(subject_dep: str) -> object:
    # "Mali, which expelled Togo's envoy, rejected the plan" / "Ghana rejected the plan, which Togo backed"
    if subject_dep == "nsubj":
        return parse("""
        Mali Mali PROPN NNP nsubj 7 GPE
        , , PUNCT , punct 0
        which which PRON WDT nsubj 3
        expelled expel VERB VBD relcl 0
        Togo Togo PROPN NNP poss 6 GPE
        's 's PART POS case 4
        envoy envoy NOUN NN dobj 3
        rejected reject VERB VBD ROOT 7
        the the DET DT det 9
        plan plan NOUN NN dobj 7
        . . PUNCT . punct 7
        """)
    return parse("""
    Ghana Ghana PROPN NNP nsubj 1 GPE
    rejected reject VERB VBD ROOT 1
    the the DET DT det 3
    plan plan NOUN NN dobj 1
    , , PUNCT , punct 3
    which which PRON WDT dobj 7
    Togo Togo PROPN NNP nsubj 7 GPE
    backed back VERB VBD relcl 3
    . . PUNCT . punct 1
    """)


def test_a_relative_clause_on_the_subject_tells_the_actors_own_act():
    assert clause_role(trigger(_relative("nsubj"), 3, "SANCTION")) == "relative"


def test_a_relative_clause_on_an_object_describes_the_object():
    assert clause_role(trigger(_relative("dobj"), 7, "SUPPORT")) == "described"


def test_an_object_relative_adds_no_event_without_a_named_target(events):
    evs = events("Ghana rejected the plan, which Togo backed.")
    assert [e.type for e in evs] == ["REJECT"]
    # with a named target the relative clause still reports a second event
    evs = events("The rebels freed Anna Kovac, a nurse who was kidnapped by the Norland Liberation Front.")
    assert any(e.type == "ASSAULT" for e in evs)


def test_a_description_by_participle_gives_no_event(events):
    evs = events("Militias backed by Turkey shelled the town of Ras Nadir on Monday.")
    assert [e.type for e in evs] == ["ASSAULT"]


def test_a_bare_count_is_the_toll_of_the_documents_attack(analyze):
    text = ("Rebels of the Norland Liberation Front attacked an army post near Vesk on Monday. "
            "At least 14 people were killed, local officials said.")
    evs = analyze(text).events
    assert evs and all(e.source is not None for e in evs)


def test_a_bare_count_alone_stays_an_event(analyze):
    evs = analyze("At least 14 people were killed when a car bomb exploded outside the ministry.").events
    assert evs and evs[0].type == "ASSAULT"


def test_a_command_to_ones_own_forces_is_the_commanders_act(events):
    evs = events("President Anna Kovac ordered the army to attack the rebels in the north.")
    assert [e.type for e in evs] == ["ASSAULT"]
    assert "Kovac" in evs[0].source.name and evs[0].target is not None and "rebels" in evs[0].target.name


def test_an_authorised_act_has_both_the_commander_and_the_forces(events):
    evs = events("The Norland government authorised police to open fire on the protesters.")
    sources = sorted(e.source.name for e in evs if e.type == "ASSAULT")
    assert len(sources) == 2 and any("olice" in s for s in sources)


def test_a_command_whose_act_is_no_trigger_is_a_deployment(events):
    evs = events("President Anna Kovac ordered the army to neutralise the gangs.")
    assert [e.type for e in evs] == ["MOBILIZE"] and "Kovac" in evs[0].source.name


def test_an_appeal_to_foreign_forces_stays_a_request(events):
    evs = events("Ghana urged Togolese troops to leave the border area.")
    assert [e.type for e in evs] == ["REQUEST"]


def test_a_negated_announced_cooperation_is_a_refusal(events):
    assert [e.type for e in events("Ghana said it would not sign the accord with Togo.")] == ["REJECT"]
    assert [e.type for e in events("Benin said it would not back down.")] == ["REJECT"]


def test_a_negated_announced_attack_is_no_threat(events):
    evs = events("Togo said it would not attack Benin.")
    assert not [e for e in evs if e.type in ("THREATEN", "ASSAULT")]


def test_a_claimed_attack_is_the_claimers_act(events):
    evs = events("The Norland Liberation Front claimed responsibility for the bombing of an army convoy.")
    assert [e.type for e in evs] == ["ASSAULT"] and "Norland Liberation Front" in evs[0].source.name


def test_an_order_to_another_states_troops_is_no_command_of_ones_own(events):
    evs = events("The junta ordered French troops to leave the country.")
    assert not any(e.source is not None and "junta" in e.source.name and e.type == "RETREAT" for e in evs)


def test_a_purpose_clause_inside_a_description_is_background_too():
    doc = parse("""
    The the DET DT det 1
    office office NOUN NN nsubj 7
    , , PUNCT , punct 1
    opened open VERB VBN acl 1
    to to PART TO aux 5
    allow allow VERB VB advcl 3
    talks talk NOUN NNS dobj 5
    stood stand VERB VBD ROOT 7
    empty empty ADJ JJ acomp 7
    . . PUNCT . punct 7
    """)
    assert clause_role(trigger(doc, 5, "CONCEDE")) == "background"
