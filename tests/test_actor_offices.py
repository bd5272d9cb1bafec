"""Actor facts that the dictionary alone gets wrong (stages/actors/mentions.py, data/actors/agents_extra.tsv):
an international body's title makes its holder an international official with no country; ethnic and rebel
armies are insurgents, not a state's military; a capital named as a place is the country, not its government,
while a capital as a subject is the government; a body the dictionary knows as one country's ("Senate")
qualified by another country is the other's; a bare agent at the start of a sentence names the same agent as
in mid-sentence; nationals are civilians of their country. Sentences written for these tests."""
from __future__ import annotations

from unittest.mock import ANY

import pytest

from handparse import actor_of, facts

# The official's full name said again without the title.
REPEATED = "UN Secretary-General Antonio Guterres arrived on Monday. Antonio Guterres urged both sides to talk."


# An international body's title makes its holder an international official with no country, also where
# the nth mention of `word` repeats the name without the title.
@pytest.mark.parametrize(("text", "word", "nth"), [
    pytest.param("UN Secretary-General Antonio Guterres urged calm on Monday.", "Guterres", 0, id="title before"),
    pytest.param("Kofi Annan, the UN secretary-general, urged calm on Monday.", "Annan", 0, id="apposition"),
    pytest.param("NATO chief Jens Stoltenberg urged calm on Monday.", "Stoltenberg", 0, id="short title"),
    pytest.param("UN Secretary-General Antonio Guterres arrived on Monday. Guterres urged both sides to talk.",
                 "Guterres", 1, id="the later surname"),
    pytest.param(REPEATED, "Guterres", 0, id="the titled name before its repetition"),
    pytest.param(REPEATED, "Guterres", 1, id="the name repeated without the title"),
])
def test_an_international_title_makes_an_international_official(analyze, text, word, nth) -> None:
    assert facts(actor_of(analyze(text), word, nth), "country", "sector") == (None, "IGO")


# A sentence, a word in it, and the country and sector of its actor (ANY: the rule says nothing of that one).
@pytest.mark.parametrize(("text", "word", "expected"), [
    # ethnic and rebel armies are insurgents, a state's army its military
    ("The Kachin Independence Army attacked two posts on Monday.", "Army", (ANY, "REB")),
    ("The Northern Democratic Alliance Army attacked two posts on Monday.", "Army", (ANY, "REB")),
    ("Three ethnic armed groups attacked two posts on Monday.", "groups", (ANY, "REB")),
    ("The army attacked two posts on Monday.", "army", (ANY, "MIL")),
    # a national title keeps the country; nationals are civilians of their country
    ("Foreign Minister Amara Keita of Mali urged calm on Monday.", "Keita", ("MLI", ANY)),
    ("Four Malian nationals were detained by police on Monday.", "nationals", ("MLI", "CVL")),
])
def test_the_country_and_sector_of_an_actor(analyze, text, word, expected) -> None:
    assert facts(actor_of(analyze(text), word), "country", "sector") == expected


def test_a_capital_as_a_place_is_the_country_not_its_government(analyze) -> None:
    a = analyze("Envoys of both sides met in Dakar on Monday.")
    assert facts(actor_of(a, "Dakar"), "country", "sector") == ("SEN", None)
    assert "government" not in actor_of(a, "Dakar").name


def test_a_capital_as_a_subject_or_party_is_the_government(analyze) -> None:
    a = analyze("Dakar said the talks with Bamako had failed.")
    assert facts(actor_of(a, "Dakar"), "country", "sector") == ("SEN", "GOV")
    assert actor_of(a, "Bamako").country == "MLI"


def test_a_sentence_initial_agent_is_named_as_in_mid_sentence(analyze) -> None:
    a = analyze("Protesters blocked the road on Monday. On Tuesday the protesters marched again.")
    assert actor_of(a, "Protesters").name == actor_of(a, "protesters").name == "protesters"


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
