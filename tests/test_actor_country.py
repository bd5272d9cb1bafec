"""Country leakage: an actor's country comes from its own dictionary entry, title or attached modifier,
never from another word of the sentence; international actors have none. Sentences written for these tests."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from eventscope import extract
from eventscope.stages.actors.dictionary import load_actor_dictionary
from handparse import actor_of

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("text", "word"), [
    ("The European Union condemned the shelling of Kharkiv in Ukraine.", "Union"),
    ("UN officials met the interior minister in Kabul on Monday.", "officials"),
    ("Amnesty International accused Egyptian police of torturing detainees in Cairo.", "Amnesty"),
    ("NATO warned Moscow after the drills in Belarus.", "NATO"),
])
def test_international_actors_have_no_country(analyze, text, word) -> None:
    actor = actor_of(analyze(text), word)
    assert actor is not None and actor.country is None


def test_a_place_of_another_phrase_gives_no_country(analyze) -> None:
    a = analyze("The Indian ministry, which had summoned the envoy in Ottawa, accused Prime Minister Ewan Clark "
                "of lying.")
    assert actor_of(a, "Clark").country is None


def test_a_traveller_is_not_from_where_he_goes(analyze) -> None:
    a = analyze("Tomas Brezina, the acting foreign minister, called off a trip to Moscow.")
    assert actor_of(a, "Brezina").country != "RUS"


def test_a_name_part_is_no_country(analyze) -> None:
    a = analyze("President Hassan Ali Warsame said on Sunday the attack was cowardly.")
    actor = actor_of(a, "Warsame")
    assert actor.name == "Hassan Ali Warsame" and actor.country is None
    assert actor_of(a, "Hassan").name == "Hassan Ali Warsame"  # not another person inside the name


def test_demonym_attached_to_the_actor_gives_its_country(analyze) -> None:
    a = analyze("An Iranian spokesman said the talks in Cairo had failed.")
    assert actor_of(a, "spokesman").country == "IRN"


def test_countries_whose_phoenix_entry_changed_codes_are_countries() -> None:
    d = load_actor_dictionary()
    for key, iso in (("macedonia", "MKD"), ("ukraine", "UKR"), ("kazakhstan", "KAZ"), ("moldova", "MDA")):
        entry = d.lookup(key)[0]
        assert (entry.kind, entry.country) == ("country", iso), key


def test_build_script_reads_bare_country_codes() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_actor_data as build
    finally:
        sys.path.pop(0)
    codes = [("YUGMKD", "<910908", ""), ("MKDUNR", "910908", "920115"), ("MKD", ">920115", "")]
    assert build.country_code(codes) == "MKD"
    assert build.country_codes([("KSV", "", "")]) == ["KSV"]  # Kosovo is a country entry, not a person
    assert build.country_code([("IRNGOV", "", "")]) is None


def test_dateline_country_is_the_home_of_unqualified_officials() -> None:
    events = extract("LIMA, Peru (Reuters) - Peru ordered three Chilean diplomats to leave on Monday. "
                     "Foreign Minister Rosa Quispe accused Chile of spying. Quispe said Peru would also "
                     "close its consulate in Santiago.", date="2024-03-04")
    accuse = [e for e in events if e.evidence.trigger.startswith("accused")]
    assert accuse and (accuse[0].source.name, accuse[0].source.country) == ("Rosa Quispe", "PER")
    story = len("LIMA, Peru (Reuters) - ")
    assert all(e.source is None or e.source.start >= story for e in events)  # nothing from the dateline


def test_a_hub_dateline_is_no_home() -> None:
    events = extract("DUBAI (Reuters) - Iran and Oman held talks on Monday. Iranian officials said Oman "
                     "would host another round. Foreign Minister Ali Karimi praised Oman. Iran and Oman "
                     "said the talks were useful.", date="2024-03-04")
    praise = [e for e in events if e.evidence.trigger.startswith("praised")]
    assert praise and praise[0].source.country != "ARE"


def test_a_country_modifying_another_noun_does_not_leak_to_the_source() -> None:
    events = extract("Government forces backed by clan militias and U.S. air strikes retook the town.",
                     date="2024-03-04")
    assert all(e.source is None or e.source.name != "clan militias" or e.source.country is None for e in events)
