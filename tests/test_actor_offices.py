"""Actor facts that the dictionary alone gets wrong (stages/actors/mentions.py, data/actors/agents_extra.tsv):
an international body's title makes its holder an international official with no country; ethnic and rebel
armies are insurgents, not a state's military; a capital named as a place is the country, not its government,
while a capital as a subject is the government; a body the dictionary knows as one country's ("Senate")
qualified by another country is the other's; a bare agent at the start of a sentence names the same agent as
in mid-sentence; nationals are civilians of their country. Sentences written for these tests."""
from __future__ import annotations

import pytest

from handparse import actor_of


@pytest.mark.parametrize(("text", "word"), [
    pytest.param("UN Secretary-General Antonio Guterres urged calm on Monday.", "Guterres", id="title before"),
    pytest.param("Kofi Annan, the UN secretary-general, urged calm on Monday.", "Annan", id="apposition"),
    pytest.param("NATO chief Jens Stoltenberg urged calm on Monday.", "Stoltenberg", id="short title"),
])
def test_an_international_title_makes_an_international_official(analyze, text, word) -> None:
    official = actor_of(analyze(text), word)
    assert (official.country, official.sector) == (None, "IGO")


def test_the_officials_later_surname_is_the_same_international_official(analyze) -> None:
    a = analyze("UN Secretary-General Antonio Guterres arrived on Monday. Guterres urged both sides to talk.")
    assert (actor_of(a, "Guterres", 1).country, actor_of(a, "Guterres", 1).sector) == (None, "IGO")


def test_a_national_title_keeps_the_country(analyze) -> None:
    a = analyze("Foreign Minister Amara Keita of Mali urged calm on Monday.")
    assert actor_of(a, "Keita").country == "MLI"


@pytest.mark.parametrize("text", [
    "The Kachin Independence Army attacked two posts on Monday.",
    "The Northern Democratic Alliance Army attacked two posts on Monday.",
    "Three ethnic armed groups attacked two posts on Monday.",
])
def test_rebel_and_ethnic_armies_are_insurgents(analyze, text) -> None:
    a = analyze(text)
    word = "Army" if "Army" in text else "groups"
    assert actor_of(a, word).sector == "REB"


def test_a_state_army_stays_military(analyze) -> None:
    assert actor_of(analyze("The army attacked two posts on Monday."), "army").sector == "MIL"


def test_a_capital_as_a_place_is_the_country_not_its_government(analyze) -> None:
    a = analyze("Envoys of both sides met in Dakar on Monday.")
    assert (actor_of(a, "Dakar").country, actor_of(a, "Dakar").sector) == ("SEN", None)
    assert "government" not in actor_of(a, "Dakar").name


def test_a_capital_as_a_subject_or_party_is_the_government(analyze) -> None:
    a = analyze("Dakar said the talks with Bamako had failed.")
    assert (actor_of(a, "Dakar").country, actor_of(a, "Dakar").sector) == ("SEN", "GOV")
    assert actor_of(a, "Bamako").country == "MLI"


def test_a_sentence_initial_agent_is_named_as_in_mid_sentence(analyze) -> None:
    a = analyze("Protesters blocked the road on Monday. On Tuesday the protesters marched again.")
    assert actor_of(a, "Protesters").name == actor_of(a, "protesters").name == "protesters"


def test_nationals_are_civilians_of_their_country(analyze) -> None:
    a = analyze("Four Malian nationals were detained by police on Monday.")
    found = actor_of(a, "nationals")
    assert (found.country, found.sector) == ("MLI", "CVL")


def test_the_officials_name_repeated_without_the_title_is_still_international(analyze) -> None:
    a = analyze("UN Secretary-General Antonio Guterres arrived on Monday. Antonio Guterres urged both sides to talk.")
    assert {(actor_of(a, "Guterres", n).country, actor_of(a, "Guterres", n).sector) for n in (0, 1)} == {(None, "IGO")}


@pytest.mark.parametrize(("text", "country"), [
    ("The French Senate approved the bill on Monday. The Senate later adjourned.", "FRA"),
    ("Opponents of Rwanda's Senate protested on Monday. The Senate later adjourned.", "RWA"),
])
def test_a_shared_name_qualified_by_a_country_is_that_countrys_body(analyze, text, country) -> None:
    a = analyze(text)
    assert {actor_of(a, "Senate", n).country for n in (0, 1)} == {country}
    assert "Congress" not in actor_of(a, "Senate").name


def test_the_dictionarys_own_country_keeps_its_body(analyze) -> None:
    assert actor_of(analyze("The US Senate approved the bill on Monday."), "Senate").country == "USA"
