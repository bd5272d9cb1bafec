"""Geoparsing classes that real news needs (issue 17): one test per class, with sentences written for them."""
from __future__ import annotations

import ast
import math
from pathlib import Path

import pytest

import eventscope
from eventscope.gazetteer import Entry
from eventscope.geoparse import Geoparser, _unsure


@pytest.fixture(scope="session")
def places(pipeline):
    """parse(text) -> list of PlaceMention, with the session's model and gazetteer given explicitly."""
    return Geoparser(pipeline.resources.gazetteer, nlp=pipeline.nlp).parse


def km(place, lat: float, lon: float) -> float:
    p = math.pi / 180
    a = 0.5 - math.cos((lat - place.lat) * p) / 2 + math.cos(place.lat * p) * math.cos(lat * p) * (
        1 - math.cos((lon - place.lon) * p)) / 2
    return 12742 * math.asin(math.sqrt(a))


def found(mentions, text):
    return next(m.place for m in mentions if m.text == text)


# -- areas at their own reference point ------------------------------------------------------------
@pytest.mark.parametrize("name,lat,lon", [
    ("the United States", 39.8, -98.6),  # the middle of the contiguous states, not Washington or Indiana
    ("Russia", 60.0, 100.0),  # Siberia, not Moscow
    ("Egypt", 27.0, 30.0),  # the desert middle, not the Nile delta
])
def test_countries_sit_at_the_middle_of_their_area(places, name, lat, lon):
    place = found(places(f"Officials from {name} will attend the summit."), name)
    assert place.precision == "country" and km(place, lat, lon) < 161


def test_first_level_regions_are_areas_with_a_point_inside(places):
    place = found(places("Storms swept across Kansas and Ontario overnight."), "Kansas")
    assert (place.precision, place.country) == ("admin1", "USA") and km(place, 38.5, -98.5) < 161


# -- kinds of place beyond cities -----------------------------------------------------------------
def test_continents_and_counties_are_in_the_gazetteer(places):
    mentions = places("The company sells in Europe and has a plant in Cook County, Illinois.")
    europe, county = found(mentions, "Europe"), found(mentions, "Cook County")
    assert europe.precision == "region" and km(europe, 48.7, 9.1) < 500
    assert (county.precision, county.admin1) == ("admin2", "Illinois") and km(county, 41.8, -87.8) < 50


# -- AP style and datelines ------------------------------------------------------------------------
def test_ap_state_abbreviations_are_the_state_and_its_container(places):
    mentions = places("She moved from Springfield, Ill., to Athens, Ga., and then to Victoria, B.C.")
    assert [found(mentions, a).name for a in ("Ill.", "Ga.", "B.C.")] == ["Illinois", "Georgia", "British Columbia"]
    assert found(mentions, "Springfield").admin1 == "Illinois"
    assert (found(mentions, "Athens").country, found(mentions, "Athens").admin1) == ("USA", "Georgia")
    assert found(mentions, "Victoria").country == "CAN"


def test_all_caps_dateline_keeps_every_word(places):
    mentions = places("SALT LAKE CITY -- The council voted on Tuesday to repave the main road.")
    place = found(mentions, "SALT LAKE CITY")
    assert place.name == "Salt Lake City" and place.admin1 == "Utah"


# -- words that are not places ---------------------------------------------------------------------
def test_stopwords_single_letters_and_generic_words_are_not_places(places):
    mentions = places("A fighter jet crashed on Monday. I saw it. State officials and City crews came.")
    assert [m.text for m in mentions if m.place] == []


def test_the_surname_of_a_person_named_in_full_is_not_a_place(places):
    mentions = places("Mayor Joe Lincoln opened the fair. Lincoln said the rides were safe.")
    assert not [m for m in mentions if m.text == "Lincoln" and m.place]


# -- places inside the names of organizations and facilities ---------------------------------------
def test_a_town_leading_an_organization_name_is_a_mention(places):
    mentions = places("Crews from the Rochester Fire Department and the Laurel County Sheriff's Office helped.")
    assert found(mentions, "Rochester").country == "USA"
    assert found(mentions, "Laurel County").precision == "admin2"


# -- context ---------------------------------------------------------------------------------------
def test_x_province_is_the_region_not_the_city(places):
    place = found(places("Shelling hit villages in Aleppo province on Sunday."), "Aleppo province")
    assert place.precision == "admin1"


def test_the_documents_region_decides_an_ambiguous_town(places):
    text = ("The council of Gainesville approved a new budget. The city is the seat of Cooke County in north "
            "Texas. Two roads in Gainesville will be repaved.")
    assert {found(places(text), "Gainesville").admin1} == {"Texas"}


def test_a_near_tie_between_far_apart_towns_is_unknown():
    def town(name: str, lat: float, lon: float, population: int, admin: str) -> Entry:
        return Entry(1, name, "city", "USA", admin, lat, lon, population, None, "city", f"US.{admin}")

    a, b = town("Midway", 37.0, -84.0, 1600, "KY"), town("Midway", 32.0, -97.0, 1500, "TX")
    assert _unsure([(5.0, a), (4.9, b)], {}, {})
    assert not _unsure([(5.0, a), (4.9, b)], {}, {"US.KY": 1})  # the document names Kentucky elsewhere
    assert not _unsure([(5.0, a), (3.0, b)], {}, {})  # a clear winner


# -- interface -------------------------------------------------------------------------------------
def test_geoparse_does_not_import_the_pipeline():
    tree = ast.parse(Path(eventscope.geoparse.__code__.co_filename).read_text("utf-8"))
    imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not any("pipeline" in m for m in imported)
