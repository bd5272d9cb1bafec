"""Actor mentions: dictionary names, composed noun phrases, titles, appositives, acronyms, short names."""
from __future__ import annotations

import pytest

from eventscope.stages.actors.dictionary import load_actor_dictionary
from eventscope.stages.actors import resolve_span
from handparse import actor_of


def test_dictionary_knows_aliases() -> None:
    d = load_actor_dictionary()
    assert d.lookup("ypg")[0].name == "People's Protection Units"
    assert d.lookup("hashd al shaabi")[0].country == "IRQ"
    assert d.agent_sector("officials") == "GOV"
    assert d.agent_sector("troops") == "MIL"


@pytest.mark.parametrize(("text", "word", "country", "sector"), [
    ("Syrian officials criticised the plan on Monday.", "officials", "SYR", "GOV"),
    ("Russian troops crossed the river at dawn.", "troops", "RUS", "MIL"),
    ("Officials of the Islamic Republic rejected the offer.", "Officials", "IRN", "GOV"),
    ("The Kremlin dismissed the report.", "Kremlin", "RUS", "GOV"),
    ("Washington imposed new tariffs.", "Washington", "USA", "GOV"),
    ("The U.S. sent a delegation.", "U.S.", "USA", None),
    ("Brussels warned Budapest about the budget.", "Brussels", None, "IGO"),
    ("Kyiv asked for more air defence.", "Kyiv", "UKR", "GOV"),
    ("Türkiye closed the strait to warships.", "Türkiye", "TUR", None),
    ("The Syrian regime shelled the town.", "regime", "SYR", "GOV"),
    ("Police in Nigeria arrested twelve protesters.", "Police", "NGA", "COP"),  # CAMEO codes "X in Y" as Y's
    ("Iranian judges sentenced the journalists.", "judges", "IRN", "JUD"),
])
def test_countries_metonyms_and_agents(analyze, text, word, country, sector) -> None:
    actor = actor_of(analyze(text), word)
    assert actor is not None
    assert (actor.country, actor.sector) == (country, sector)


def test_places_inside_a_country_resolve_to_it_but_are_not_its_aliases() -> None:
    d = load_actor_dictionary()
    russia = d.lookup("grozny")[0]
    assert russia.country == "RUS" and russia.kind == "country"
    assert "Russia" in russia.aliases and "Grozny" not in russia.aliases and "Grozny" in russia.places


def test_title_gives_person_and_sector(analyze) -> None:
    a = analyze("Iranian President Hamid Karimzadeh received the delegation in the capital.")
    actor = actor_of(a, "Karimzadeh")
    assert (actor.name, actor.kind, actor.country, actor.sector) == ("Hamid Karimzadeh", "person", "IRN", "GOV")
    assert actor.text == "President Hamid Karimzadeh"


def test_appositive_and_possessive_give_country(analyze) -> None:
    a = analyze("The talks included the head of Egypt's General Intelligence Directorate, Samir Fawzi Haddad.")
    actor = actor_of(a, "Haddad")
    assert (actor.kind, actor.country) == ("person", "EGY")
    assert actor_of(a, "Directorate").country == "EGY"


# The countries phrases around mentions give their actors (None: the phrase gives none), by word.
@pytest.mark.parametrize(("text", "countries"), [
    pytest.param("Vladimir Putin's trusted aide Oleg Varnavin flew to Ankara.", {"Varnavin": "RUS"},
                 id="possessor gives country to aide"),
    pytest.param("The Jordan-based research group Al Mirsad published the figures.", {"Mirsad": "JOR"},
                 id="based modifier gives country"),
    pytest.param("A newspaper based in Beirut criticised the ministry.", {"newspaper": "LBN", "ministry": None},
                 id="based in phrase gives country only to its noun"),
    pytest.param("The envoy paid a visit to Hanoi, where he held talks with President Tran Minh Duc.",
                 {"Duc": "VNM", "envoy": None},  # the visitor is not from where they go
                 id="office holder takes the host country of a visit"),
    pytest.param("Leaders of the opposition coalition postponed the march in Baku.", {"Leaders": "AZE"},
                 id="agent takes the country of the place it acts in"),
])
def test_a_phrase_gives_the_country(analyze, text, countries) -> None:
    a = analyze(text)
    assert {word: actor_of(a, word).country for word in countries} == countries


def test_acronym_defined_in_text(analyze) -> None:
    a = analyze("The Northern Valley Defence Front (NVDF) attacked a convoy. Later the NVDF denied it.")
    first, later = actor_of(a, "Front"), actor_of(a, "NVDF", 1)
    assert later is not None and later.name == first.name == "Northern Valley Defence Front"


def test_acronym_of_known_group(analyze) -> None:
    a = analyze("Fighters of the IRGC and the YPG were seen near the border.")
    irgc = actor_of(a, "IRGC")
    assert (irgc.country, irgc.sector) == ("IRN", "MIL")
    assert actor_of(a, "YPG").name == "People's Protection Units"


def test_short_name_links_to_full_name(analyze) -> None:
    a = analyze("Egyptian envoy Karim Abdelrahman arrived on Sunday. Abdelrahman met the minister.")
    later = actor_of(a, "Abdelrahman", 1)
    assert later.name == "Karim Abdelrahman" and later.country == "EGY"


def test_unknown_organization_still_an_actor(analyze) -> None:
    a = analyze("The Coastal Fishermen Cooperative of Nador protested the quotas.")
    actor = actor_of(a, "Cooperative")
    assert actor is not None and actor.kind == "organization"


def test_smallest_mention_wins_and_offsets_slice_text(analyze) -> None:
    text = "Iranian officials met Hezbollah commanders in Beirut."
    a = analyze(text)
    assert all(text[x.start:x.end] == x.text for x in a.actors)
    assert actor_of(a, "Iranian").kind == "country"
    assert actor_of(a, "officials").sector == "GOV"
    assert actor_of(a, "Hezbollah").country == "LBN"


def test_resolve_span_for_attribution_source(analyze) -> None:
    a = analyze("A Pentagon official said the drills would continue.")
    span = a.doc[0:3]
    actor = resolve_span(a, span)
    assert actor is not None and actor.country == "USA" and actor.sector == "GOV"


def test_dated_role_is_chosen_by_article_date(analyze) -> None:
    before = actor_of(analyze("Ahmadinejad addressed the crowd.", day="2009-06-01"), "Ahmadinejad")
    assert (before.country, before.sector) == ("IRN", "GOV")
