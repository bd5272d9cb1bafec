"""Document-level actor coreference: pronouns, titles, descriptions and surnames point back at the actor
named before (stages/actors/coref.py). Sentences written for these tests."""
from __future__ import annotations

import pickle

import pytest

from eventscope import extract
from eventscope.records import Actor
from eventscope.stages import actors as actors_stage
from eventscope.stages.actors.coref import load_coref_data
from eventscope.stages.actors import DocumentActors
from handparse import actor_of


def test_word_lists_load_with_their_sections() -> None:
    data = load_coref_data()
    assert "he" in data.male and "she" in data.female and "its" in data.singular and "they" in data.plural
    assert data.descriptions["alliance"][0] >= {"IGO"}
    assert "sister" in data.female_words and data.pronoun_window >= 1


def test_no_module_state_keeps_the_last_document() -> None:
    assert not hasattr(actors_stage, "_last_index")
    mentions = DocumentActors([Actor(text="Kenya", name="Kenya", start=0, end=5)])
    assert mentions.index().at(2).name == "Kenya"
    copy = pickle.loads(pickle.dumps(mentions))  # crosses process boundaries without its index
    assert isinstance(copy, DocumentActors) and copy.index().at(0).name == "Kenya"


def test_he_is_the_person_named_before(analyze) -> None:
    a = analyze("President Amara Keita of Mali met the delegation on Monday. He said the talks had been useful.")
    he = actor_of(a, "He")
    assert (he.name, he.country, he.kind) == ("Amara Keita", "MLI", "person")


def test_they_skips_a_single_country_for_a_group(analyze) -> None:
    a = analyze("Rebels of the Liberation Front shelled the airport while Chad protested. They said the airport was a base.")
    they = actor_of(a, "They")
    assert they is not None and they.kind == "group"


def test_a_plain_noun_subject_blocks_an_earlier_actor(analyze) -> None:
    a = analyze("Ghana closed its border. The bloc said it would meet on Friday.")
    assert actor_of(a, "it", 0) is None or actor_of(a, "it", 0).name != "Ghana"


# A word and the actor it points back at: the name of the actor of the nth token spelled so (-1: the
# last), or None where it refers to no actor.
@pytest.mark.parametrize(("text", "word", "nth", "name"), [
    pytest.param("Lina Ortega, the sister of the rebel commander Tomas Ortega, spoke on Friday. "
                 "On Saturday, she rejected the offer.", "she", 0, "Lina Ortega",
                 id="she skips a man the title names"),
    pytest.param("Norway sent a ship to the port. It said the ship carried food for the town.", "It", 0, "Norway",
                 id="it is the subject of the sentence before and not a thing"),
    pytest.param("The ministry met the envoys on Monday. It was difficult to get them to leave, the ministry said.",
                 "It", 0, None, id="expletive it refers to nothing"),
    pytest.param("Amara Keita and Lina Ortega held their first meeting in the capital.", "their", 0, None,
                 id="a coordination is no single antecedent"),
    pytest.param("General Idris Malong was detained on Monday. President Amara Keita flew to the base and met him.",
                 "him", 0, "Idris Malong", id="object pronoun is not the subject of its own verb"),
    pytest.param("President Amara Keita met General Idris Malong, who has declared himself head of state.",
                 "himself", 0, "Idris Malong", id="reflexive binds through who"),
    pytest.param("President Amara Keita of Mali opened the summit. The 61-year-old leader then left the hall.",
                 "leader", 0, "Amara Keita", id="the generic leader is the last person"),
    # a definite description is the last actor of its kind
    pytest.param("The Northern Freedom Alliance attacked two army posts. The alliance said it had captured the town.",
                 "alliance", -1, "Northern Freedom Alliance", id="the alliance"),
    pytest.param("The Red Brigade Front claimed the attack. The group said its fighters had killed six soldiers.",
                 "group", -1, "Red Brigade Front", id="the group"),
    pytest.param("Colombia's government accused the rebels of breaking the truce. The government said it would "
                 "suspend the talks.", "government", -1, "Colombia's government", id="the government"),
    pytest.param("Kenya's foreign ministry summoned the envoy. The foreign ministry said the envoy had insulted Kenya.",
                 "ministry", -1, "Kenya's foreign ministry", id="the foreign ministry"),
])
def test_a_word_points_back_at_the_actor_named_before(analyze, text, word, nth, name) -> None:
    actor = actor_of(analyze(text), word, nth)
    assert (None if actor is None else actor.name) == name


def test_the_president_is_the_last_person_with_that_title(analyze) -> None:
    a = analyze("President Amara Keita of Mali opened the summit. Hours later, the president blamed the rebels.")
    found = actor_of(a, "president")
    assert (found.name, found.country) == ("Amara Keita", "MLI")


def test_surname_after_a_titled_name(analyze) -> None:
    a = analyze("Opposition leader Rosa Delgado criticised the vote. Delgado urged her supporters to stay calm.")
    assert actor_of(a, "Delgado", 1).name == "Rosa Delgado"
    assert actor_of(a, "Delgado", 1).kind == "person" and actor_of(a, "Delgado", 1).sector == "OPP"
    assert actor_of(a, "her").name == "Rosa Delgado"


def test_end_to_end_pronoun_source_in_the_next_sentence() -> None:
    events = extract("Foreign Minister Sanna Koivu of Finland arrived in Oslo on Monday. "
                     "On Tuesday, she condemned the Russian strikes on Kharkiv.", date="2023-03-01")
    condemn = [e for e in events if e.evidence.trigger.startswith("condemned")]
    assert condemn and condemn[0].source.name == "Sanna Koivu" and condemn[0].source.country == "FIN"


def test_end_to_end_reported_speaker_is_not_the_next_sentence_source() -> None:
    events = extract("Nigerian officials said on Monday that the army had killed ten militants. "
                     "The militants attacked a police station on Tuesday.", date="2023-03-01")
    attack = [e for e in events if e.evidence.trigger.startswith("attacked")]
    assert attack and attack[0].source is not None and "officials" not in attack[0].source.name


def test_apposition_and_a_later_description_are_the_named_person(analyze) -> None:
    a = analyze("Amina Odhiambo, the Kenyan-born activist, was detained on Monday. The activist had criticised "
                "the junta.")
    assert {(actor_of(a, "activist", n).name, actor_of(a, "activist", n).country) for n in (0, 1)} == {("Amina Odhiambo", "KEN")}
