"""Places: the offline gazetteer, the geoparser, and where each event happened."""
from __future__ import annotations

import json
import time
from datetime import date

import pytest
from typer.testing import CliRunner

from eventscope.cli import build_app
from eventscope.gazetteer import INDEX_FORMAT, index_path, load_gazetteer, name_key
from eventscope.geoparse import Geoparser, geoparse
from eventscope.records import Actor, Analysis, Article, Event, Evidence
from eventscope.stages.places import make_stage


@pytest.fixture(scope="session")
def gazetteer(pipeline):
    return pipeline.resources.gazetteer


@pytest.fixture(scope="session")
def places(pipeline, gazetteer):
    """parse(text) -> list of PlaceMention, with the session's model and gazetteer."""
    geoparser = Geoparser(gazetteer)
    return lambda text: geoparser(pipeline.nlp(text))


@pytest.fixture(scope="session")
def locate(pipeline):
    """locate(text, trigger, type=..., target=...) -> the location the places stage gives that event."""
    stage = make_stage(pipeline.config, pipeline.resources)

    def run(text: str, trigger: str, type_: str = "CONSULT", target: Actor | None = None):
        start = text.index(trigger)
        evidence = Evidence(sentence=text, start=0, end=len(text), trigger=trigger,
                            trigger_start=start, trigger_end=start + len(trigger))
        event = Event(doc_id="t", event_id="t:e1", type=type_, mode=None, cameo=None, source=None, target=target,
                      date=None, location=None, modality="asserted", attribution=None, evidence=evidence,
                      confidence=0.5)
        article = Article(doc_id="t", date=date(2022, 3, 22), text=text)
        out = stage(Analysis(article=article, doc=pipeline.nlp(text), events=(event,)))
        return out.events[0].location

    return run


def resolved(mentions, text):
    return next(m.place for m in mentions if m.text == text)


# -- gazetteer -------------------------------------------------------------------------------------
def test_name_key_drops_accents_articles_hyphens_and_apostrophes():
    assert name_key("As-Suwayda") == name_key("Suwayda") == "suwayda"
    assert name_key("Türkiye") == name_key("Turkiye")
    assert name_key("Dar‘ā") == name_key("Dara")


@pytest.mark.parametrize("variants,country", [
    (("As-Suwayda", "Sweida", "Suwayda"), "SYR"),
    (("Hodeidah", "Al Hudaydah"), "YEM"),
    (("Izyum", "Izium"), "UKR"),
    (("Kyiv", "Kiev"), "UKR"),
    (("Türkiye", "Turkey"), "TUR"),
])
def test_transliteration_variants_resolve_to_one_place(places, variants, country):
    best = [resolved(places(f"Delegates arrived in {v} on Monday."), v) for v in variants]
    assert {b.country for b in best} == {country}
    assert len({b.geonameid for b in best}) == 1


def test_index_lives_in_the_cache_dir_keyed_by_versions(monkeypatch, tmp_path):
    monkeypatch.setenv("EVENTSCOPE_CACHE", str(tmp_path))
    path = index_path()
    assert path.parent == tmp_path
    assert path.name.startswith(f"gazetteer-f{INDEX_FORMAT}-")
    monkeypatch.setattr("importlib.metadata.version", lambda package: "0.0-other")
    assert index_path().name != path.name  # another version of a source package builds another index


def test_loading_the_built_index_takes_well_under_a_second(gazetteer):
    started = time.perf_counter()
    load_gazetteer(gazetteer.path)
    assert time.perf_counter() - started < 0.5


# -- geoparsing ------------------------------------------------------------------------------------
def test_ambiguous_city_follows_the_countries_the_document_names(places):
    lebanon = places("Clashes in Tripoli left three dead, Lebanese officials in Beirut said.")
    libya = places("Libyan militias fought in Tripoli while Benghazi stayed calm.")
    assert resolved(lebanon, "Tripoli").country == "LBN"
    assert resolved(libya, "Tripoli").country == "LBY"


def test_city_comma_state_picks_the_city_in_that_state(places):
    place = resolved(places("A tornado damaged homes in Paris, Texas, on Monday."), "Paris")
    assert place.country == "USA" and place.admin1 == "Texas"


def test_georgia_is_the_us_state_next_to_atlanta_and_the_country_next_to_tbilisi(places):
    assert resolved(places("Voters in Atlanta waited as Georgia counted ballots."), "Georgia").country == "USA"
    assert resolved(places("The president of Georgia flew from Tbilisi to Brussels."), "Georgia").country == "GEO"


def test_person_named_jordan_is_not_a_place_but_the_kingdom_is(places):
    assert not [m for m in places("Michael Jordan said the team would win.") if m.place]
    assert resolved(places("King Abdullah of Jordan met envoys in Amman."), "Jordan").country == "JOR"


def test_demonyms_are_adjectival_mentions_of_their_country_and_name_territory(places):
    mentions = places("Iraqi officials said the drones came from Iraqi territory.")
    assert [(m.text, m.place.country, m.place.precision) for m in mentions] == [
        ("Iraqi", "IRQ", "country"), ("Iraqi territory", "IRQ", "country")]


def test_directional_regions_get_region_precision_and_a_point_inside(places):
    place = resolved(places("Fighting flared in northern Syria."), "northern Syria")
    assert (place.country, place.precision) == ("SYR", "region")
    assert place.lat > 35.5  # north of Homs


def test_the_republic_is_the_country_the_document_is_about(places):
    text = "Syrian forces moved south. Militias grew active in the southern provinces of the republic."
    place = resolved(places(text), "southern provinces of the republic")
    assert (place.country, place.precision) == ("SYR", "region")
    assert place.lat < 34.0


def test_named_seas_resolve_to_curated_regions(places):
    place = resolved(places("Houthi boats attacked a tanker in the Red Sea."), "the Red Sea")
    assert place.precision == "region" and place.name == "Red Sea"


def test_names_the_small_model_misses_are_found_after_place_words(places):
    mentions = places("Shelling hit villages near Daraa and As-Suwayda.")
    assert {m.place.name for m in mentions if m.place} >= {"Dar‘ā", "As-Suwayda"}


def test_geoparse_returns_offsets_into_the_text(pipeline):
    text = "Envoys met in Khartoum."
    (mention,) = geoparse(text, resources=pipeline.resources)
    assert text[mention.start:mention.end] == "Khartoum"
    assert mention.to_dict()["country"] == "SDN" and mention.to_dict()["precision"] == "city"


# -- event locations -------------------------------------------------------------------------------
@pytest.mark.parametrize("text,trigger,name", [
    ("The two envoys met in Khartoum on Monday.", "met", "Khartoum"),
    ("Rebels attacked a convoy near Hodeidah.", "attacked", "Al Ḩudaydah"),
    ("The minister paid a visit to Tehran and held talks with officials.", "held talks", "Tehran"),
    ("The minister paid a visit to Tehran and held talks with officials.", "visit", "Tehran"),
    ("Militias hit areas close to the US bases in Erbil with missiles.", "hit", "Erbil"),
    ("The envoy of Qatar visited Damascus last week.", "visited", "Damascus"),
])
def test_event_location_comes_from_the_triggers_own_modifiers(locate, text, trigger, name):
    assert locate(text, trigger).name == name


def test_places_naming_actors_are_not_locations(locate):
    assert locate("Tehran said it would support the Iraqi government.", "support") is None
    assert locate("The head of Iran's council criticised the deal.", "criticised") is None


def test_a_clause_about_another_event_does_not_place_the_main_one(locate):
    text = "Soon after Russia attacked Ukraine, Iran and Syria increased their cooperation."
    assert locate(text, "increased") is None
    assert locate(text, "attacked").name == "Ukraine"


def test_destination_beats_origin(locate):
    place = locate("Tehran moved weapons from Iraqi territory into Syria.", "moved")
    assert place.country == "SYR"


def test_most_specific_place_of_the_phrase_wins(locate):
    text = "Syrian militias became more active in the southern provinces of the republic, Daraa and As-Suwayda."
    assert locate(text, "active").precision == "city"


def test_paragraph_gives_the_location_when_the_sentence_has_none(locate):
    text = "Protesters gathered in Khartoum on Friday. Police fired tear gas at them."
    assert locate(text, "fired").name == "Khartoum"


def test_definite_area_noun_points_back_to_the_last_place(locate):
    text = "Fighting spread in northern Syria.\n\nTurkey wants to deploy troops in the areas held by the militia."
    assert locate(text, "deploy").name == "northern Syria"


def test_assault_on_a_country_with_no_place_happens_in_that_country(locate):
    target = Actor(text="Ukraine", name="Ukraine", country="UKR", kind="country")
    assert locate("The army launched an assault.", "assault", "ASSAULT", target).country == "UKR"


def test_no_place_anywhere_gives_none(locate):
    assert locate("The two sides agreed to talk again.", "agreed") is None


def test_pipeline_stores_every_place_mention(analyze):
    analysis = analyze("Envoys met in Khartoum, then flew to Cairo.")
    assert [(p.text, p.place.country) for p in analysis.places] == [("Khartoum", "SDN"), ("Cairo", "EGY")]


# -- command ---------------------------------------------------------------------------------------
def test_places_command_prints_json_and_reads_stdin(pipeline):
    result = CliRunner().invoke(build_app(), ["places", "-", "--format", "json"], input="Talks in Kiev ended.")
    assert result.exit_code == 0, result.output
    (mention,) = json.loads(result.output)
    assert (mention["text"], mention["name"], mention["country"]) == ("Kiev", "Kyiv", "UKR")


def test_places_command_rejects_unknown_format():
    result = CliRunner().invoke(build_app(), ["places", "Kyiv", "--format", "xml"])
    assert result.exit_code != 0 and "xml" in result.output


# -- inherited event locations (clause, paragraph, dateline, lead) ------------------------------------
@pytest.fixture(scope="session")
def locate_in_story(pipeline):
    """locate_in_story(text, trigger, frame=Place|None, source=Actor|None) -> the event's location."""
    from eventscope.records import Frame

    stage = make_stage(pipeline.config, pipeline.resources)

    def run(text: str, trigger: str, frame=None, source: Actor | None = None, lead: str | None = None):
        events = []
        for k, word in enumerate([lead, trigger] if lead else [trigger]):
            start = text.index(word)
            evidence = Evidence(sentence=text, start=0, end=len(text), trigger=word,
                                trigger_start=start, trigger_end=start + len(word))
            events.append(Event(doc_id="t", event_id=f"t:e{k}", type="COERCE", mode=None, cameo=None,
                                source=source, target=None, date=None, location=None, modality="asserted",
                                attribution=None, evidence=evidence, confidence=0.5))
        analysis = Analysis(article=Article(doc_id="t", date=date(2022, 3, 22), text=text),
                            doc=pipeline.nlp(text), events=tuple(events), frame=Frame(place=frame) if frame else None)
        return stage(analysis).events[-1].location

    return run


def _city(gazetteer, name: str, country: str):
    from eventscope.records import Place

    e = next(e for e in gazetteer.lookup(name) if e.country == country and e.kind == "city")
    return Place(text=name, name=e.name, country=e.country, lat=e.lat, lon=e.lon, precision="city")


def test_inherited_places_say_which_rule_gave_them(locate_in_story):
    para = locate_in_story("Protesters gathered in Khartoum on Friday. Police fired tear gas at them.", "fired")
    assert (para.name, para.inferred, para.basis) == ("Khartoum", True, "paragraph")
    own = locate_in_story("The two envoys met in Khartoum on Monday.", "met")
    assert (own.inferred, own.basis) == (False, None)


def test_the_dateline_places_an_event_with_no_place_of_its_own(locate_in_story, gazetteer):
    nairobi = _city(gazetteer, "Nairobi", "KEN")
    got = locate_in_story("Police arrested dozens of opposition supporters.", "arrested", frame=nairobi)
    assert (got.name, got.inferred, got.basis) == ("Nairobi", True, "dateline")


def test_a_statement_by_another_countrys_actor_keeps_off_the_dateline(locate_in_story, gazetteer):
    nairobi = _city(gazetteer, "Nairobi", "KEN")
    ministry = Actor(text="France's foreign ministry", name="France", country="FRA", kind="organization")
    assert locate_in_story("France's foreign ministry condemned the arrests.", "condemned", frame=nairobi,
                           source=ministry) is None
    france = Actor(text="France", name="France", country="FRA", kind="country")
    got = locate_in_story("France condemned the arrests.", "condemned", frame=nairobi, source=france)
    assert (got.country, got.precision) == ("FRA", "country")


def test_a_bare_title_does_not_move_an_event_off_the_dateline(locate_in_story, gazetteer):
    nairobi = _city(gazetteer, "Nairobi", "KEN")
    guessed = Actor(text="the president", name="Some President", country="FRA", kind="person")
    got = locate_in_story("The president condemned the arrests.", "condemned", frame=nairobi, source=guessed)
    assert got is not None and got.basis == "dateline"


def test_an_event_the_sentence_puts_in_another_country_never_takes_the_dateline(locate_in_story, gazetteer):
    nairobi = _city(gazetteer, "Nairobi", "KEN")
    got = locate_in_story("Across the border in Uganda's capital Kampala, police arrested 30 activists.",
                          "arrested", frame=nairobi)
    assert got is not None and got.country == "UGA"


def test_without_a_dateline_the_lead_event_frames_the_story(locate_in_story):
    text = "Soldiers clashed with rebels in Goma on Monday.\n\nTroops later arrested 14 fighters."
    got = locate_in_story(text, "arrested", lead="clashed")
    assert (got.name, got.basis) == ("Goma", "lead")


def test_the_capital_is_the_capital_city(locate_in_story, gazetteer):
    got = locate_in_story("Protesters stormed the embassy in the Iranian capital.", "stormed")
    assert (got.name, got.country) == ("Tehran", "IRN")
    kabul = locate_in_story("Police detained reporters in the capital.", "detained",
                            frame=_city(gazetteer, "Kandahar", "AFG"))
    assert kabul.name == "Kabul" and not kabul.inferred
