"""Definite descriptions with no name of their own refer back to the actor they shorten
(stages/actors/coref.py, data/actors/coreference.toml): "the North" / "the South" to the country named
"North ..." / "South ...", "the kingdom" to the last monarchy named, "the alliance" to the alliance rather
than a member whose name contains the word, "the alliance" to a body named as a modifier ("NATO chief X").
Sentences written for these tests."""
from __future__ import annotations

import pytest
from actorparse import actors_on, named
from handparse import actor_of, facts

# "North Korea fired missiles. The North denied it."
NORTH = """
North North PROPN NNP compound 1 GPE
Korea Korea PROPN NNP nsubj 2 GPE
fired fire VERB VBD ROOT 2
missiles missile NOUN NNS dobj 2
. . PUNCT . punct 2
The the DET DT det 6
North North PROPN NNP nsubj 7
denied deny VERB VBD ROOT 7
it it PRON PRP dobj 7
. . PUNCT . punct 7
"""

# "Chad fired missiles. The North denied it.": no country named "North ..." before.
NO_NORTH = NORTH.replace("North North PROPN NNP compound 1 GPE\nKorea Korea PROPN NNP nsubj 2 GPE",
                         "Mali Mali PROPN NNP compound 1 GPE\nChad Chad PROPN NNP nsubj 2 GPE")

# "South Sudan accused the North Atlantic Council."
ATLANTIC = """
South South PROPN NNP compound 1 GPE
Sudan Sudan PROPN NNP nsubj 2 GPE
accused accuse VERB VBD ROOT 2
the the DET DT det 4
North North PROPN NNP compound 6
Atlantic Atlantic PROPN NNP compound 6
Council Council PROPN NNP dobj 2
. . PUNCT . punct 2
"""


@pytest.mark.parametrize(("table", "country"), [
    pytest.param(NORTH, "PRK", id="the country named North ... before"),
    pytest.param(NO_NORTH, None, id="without such a country no actor of one"),
])
def test_the_north_is_the_country_named_north_before(pipeline, table, country) -> None:
    assert facts(named(actors_on(pipeline, table), 6), "country") == (country,)


def test_north_in_a_longer_name_is_not_the_country(pipeline) -> None:
    north = named(actors_on(pipeline, ATLANTIC.replace("South South", "North North")), 4)
    assert facts(north, "country") != ("PRK",)


def test_the_south_after_both_halves_are_named(analyze) -> None:
    a = analyze("North Korea fired two missiles on Monday, and South Korea condemned the launch. "
                "The North said the South had provoked it.")
    assert (actor_of(a, "North", 1).country, actor_of(a, "South", 1).country) == ("PRK", "KOR")


def test_the_kingdom_is_the_last_monarchy_named(analyze) -> None:
    a = analyze("Jordan recalled its envoy from Tehran on Monday. Iran said the kingdom had insulted it.")
    assert actor_of(a, "kingdom").country == "JOR"


def test_the_kingdom_is_no_republic(analyze) -> None:
    a = analyze("Peru recalled its envoy on Monday. The kingdom said nothing.")
    kingdom = actor_of(a, "kingdom")
    assert kingdom is None or kingdom.country != "PER"


def test_the_alliance_is_the_alliance_not_a_member_named_after_it(analyze) -> None:
    a = analyze("The Northern Brotherhood Alliance, made up of the Kachin Democratic Alliance Army and the "
                "Shan Freedom Front, attacked army posts. Analysts said Beijing had pressed the alliance to halt "
                "its advance.")
    assert actor_of(a, "alliance", 0).name == "Northern Brotherhood Alliance"
    assert actor_of(a, "its").name == "Northern Brotherhood Alliance"


def test_a_body_named_as_a_modifier_is_the_antecedent_of_a_description(analyze) -> None:
    a = analyze("NATO chief Jens Stoltenberg said the alliance would respond.")
    assert actor_of(a, "alliance").name == "NATO"


def test_the_junta_is_the_state_not_other_states_leaders_or_a_city(analyze) -> None:
    a = analyze("Soldiers seized power in Niger on Wednesday. West African leaders meeting in Abuja gave the "
                "junta a week to step down. The junta rejected the demand.")
    assert {actor_of(a, "junta", n).country for n in (0, 1)} == {"NER"}
    assert actor_of(a, "Niger").sector is None  # the country named as itself takes no sector of the junta
