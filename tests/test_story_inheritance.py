"""Where and when a story's events happened, read across its sentences (issue 21's error classes).

Each test builds the events by hand at given triggers and runs the frame, time and places stages, so
what is tested is the inheritance, not the event extraction. The sentences are written for these tests.
"""
from __future__ import annotations

from datetime import date

import pytest

from eventscope.geoparse import Geoparser
from eventscope.records import Actor, Analysis, Article, Event, Evidence, TimeSpan
from eventscope.stages import frame as frame_stage, places as places_stage, time as time_stage

DAY = date(2022, 3, 22)  # a Tuesday


@pytest.fixture(scope="module")
def story(pipeline):
    """story(text, (trigger, type, source), ...) -> the events after the frame, time and places stages.

    A trigger is the first occurrence of its words after the previous trigger; a source is None, a
    country's ISO3 code (a country actor written as its name) or an Actor."""
    stages = [m.make_stage(pipeline.config, pipeline.resources) for m in (frame_stage, time_stage, places_stage)]

    def run(text: str, *specs: tuple) -> list[Event]:
        doc = pipeline.nlp(text)
        events, at = [], 0
        for n, (trigger, type_, source) in enumerate(specs):
            start = text.index(trigger, at)
            at = start + len(trigger)
            sent = doc.char_span(start, at, alignment_mode="expand")[0].sent
            if isinstance(source, str):
                source = Actor(text=source, name=source, country=source, kind="country")
            evidence = Evidence(sentence=sent.text, start=sent.start_char, end=sent.end_char, trigger=trigger,
                                trigger_start=start, trigger_end=at)
            events.append(Event(doc_id="t", event_id=f"t:e{n}", type=type_, mode=None, cameo=None, source=source,
                                target=None, date=None, location=None, modality="asserted", attribution=None,
                                evidence=evidence, confidence=0.5))
        analysis = Analysis(article=Article(doc_id="t", date=DAY, text=text), doc=doc, events=tuple(events))
        for stage in stages:
            analysis = stage(analysis)
        return list(analysis.events)

    return run


def _day(event: Event) -> tuple[str, str]:
    return event.date.start.isoformat(), event.date.end.isoformat()


# -- places ------------------------------------------------------------------------------------------
def test_the_place_a_force_takes_control_of_is_where_it_acts(story):
    (ev,) = story("Rebel fighters took control of Kherson after the garrison fled.", ("took", "COERCE", None))
    assert ev.location is not None and ev.location.name == "Kherson" and not ev.location.inferred


def test_the_outskirts_of_a_city_place_the_event_there(story):
    (ev,) = story("Shells fell overnight on the outskirts of Donetsk.", ("fell", "ASSAULT", None))
    assert ev.location is not None and ev.location.name == "Donetsk"


def test_a_site_named_after_a_town_places_the_event_in_that_town(story):
    (ev,) = story("The army said tanks had been deployed to the Mariupol industrial zone.",
                  ("deployed", "MOBILIZE", None))
    assert ev.location is not None and ev.location.name == "Mariupol"


def test_a_lead_event_placed_by_its_actor_takes_the_place_the_next_paragraph_gives(story):
    text = ("LONDON (Reuters) - Russia said on Monday it would send more troops to the border, a day after "
            "it blamed saboteurs for a fire.\n\nThe defence ministry said the units would be deployed to "
            "Belgorod and Kursk.\n\nOfficials in Moscow gave no numbers.")
    send, blame = story(text, ("send", "MOBILIZE", "RUS"), ("blamed", "ACCUSE", "RUS"))
    assert send.location.name == "Belgorod" and send.location.inferred and send.location.basis == "paragraph"
    assert blame.location.country == "RUS" and blame.location.inferred


def test_a_lead_event_does_not_take_a_place_of_another_country_from_the_next_paragraph(story):
    text = ("LONDON (Reuters) - Russia said on Monday it would retaliate.\n\n"
            "Missiles struck Kharkiv overnight, officials said.")
    (say,) = story(text, ("retaliate", "THREATEN", "RUS"))
    assert say.location.country == "RUS" and say.location.precision == "country"
    assert say.location.inferred and say.location.basis == "clause"  # its actor's country


def test_an_event_in_a_where_clause_happens_at_the_place_it_describes(story):
    (ev,) = story("It is unclear whether the truce covers Idlib province, where rebels have been shelling army posts.",
                  ("shelling", "ASSAULT", None))
    assert ev.location is not None and ev.location.country == "SYR" and not ev.location.inferred


def test_a_place_in_a_clause_describing_a_noun_is_not_the_events(story):
    text = ("CAIRO (Reuters) - Egypt on Monday recalled its envoy and rejected the claim that its agents "
            "had been behind a bombing in Benghazi.")
    recall, reject = story(text, ("recalled", "SANCTION", "EGY"), ("rejected", "REJECT", "EGY"))
    assert recall.location.name == reject.location.name == "Cairo"
    assert reject.location.basis == "dateline"


def test_a_place_the_parser_glued_to_a_title_is_still_where_the_speaker_was(story):
    text = ("The premier won a vote in parliament on Saturday, while in Tirana President Meta said "
            "he would veto the bill.")
    (ev,) = story(text, ("veto", "REJECT", None))
    assert ev.location is not None and ev.location.name == "Tirana"


def test_a_village_the_gazetteer_lacks_is_placed_in_the_country_its_demonym_names(story):
    text = "After lunch the two leaders drove to the Albanian village of Zvezdeni for a ceremony."
    (ev,) = story(text, ("drove", "CONSULT", None))
    assert ev.location is not None and ev.location.country == "ALB" and ev.location.precision == "country"


@pytest.mark.parametrize("text,town", [
    ("Gunmen attacked the village of Tamalat near Gao on Sunday.", "Gao"),
    ("Gunmen attacked Bourkou village, about 30 km from Kaya, on Sunday.", "Kaya"),
])
def test_a_village_near_a_known_town_takes_the_towns_area(story, text, town):
    (ev,) = story(text, ("attacked", "ASSAULT", None))
    assert ev.location is not None and ev.location.name == town and ev.location.precision == "admin2"


def test_a_village_in_a_named_province_takes_the_province(story):
    (ev,) = story("Gunmen attacked the village of Bourkou in Sanmatenga province on Sunday.",
                  ("attacked", "ASSAULT", None))
    assert ev.location is not None and ev.location.name == "Sanmatenga" and ev.location.precision == "admin2"


def test_foreign_troops_arriving_arrive_where_the_story_is(story):
    text = ("NAIROBI (Reuters) - The government asked for help on Monday.\n\n"
            "Ugandan soldiers began arriving on Tuesday, officials said.")
    (ev,) = story(text, ("arriving", "MOBILIZE", Actor(text="Ugandan soldiers", name="Uganda", country="UGA",
                                                     kind="group", start=text.index("Ugandan"),
                                                     end=text.index("Ugandan") + len("Ugandan soldiers"))))
    assert ev.location.name == "Nairobi" and ev.location.basis == "dateline"


def test_a_bare_direction_word_is_not_a_far_away_region(pipeline):
    geoparser = Geoparser(pipeline.resources.gazetteer, nlp=pipeline.nlp)
    found = geoparser.parse("Seoul offered to send envoys to the North, and Pyongyang refused the offer.")
    assert not [m for m in found if m.text == "North" and m.place is not None]


# -- time --------------------------------------------------------------------------------------------
def test_a_verb_coordinated_under_an_infinitive_shares_the_main_verbs_day(story):
    text = "Ankara on Monday ordered the envoy to leave the country within three days and rejected the claims."
    order, reject = story(text, ("ordered", "SANCTION", "TUR"), ("rejected", "REJECT", "TUR"))
    assert _day(order) == _day(reject) == ("2022-03-21", "2022-03-21")


def test_a_passive_present_perfect_takes_its_paragraphs_time(story):
    text = ("The feud began in June 2021 after a journalist was shot in Lyon. Three men have been charged "
            "with the killing. The ministry has denied any role.")
    charged, denied = story(text, ("charged", "ACCUSE", None), ("denied", "REJECT", None))
    assert _day(charged) == ("2021-06-01", "2021-06-30") and charged.date.basis == "paragraph"
    assert _day(denied) == ("2022-03-22", "2022-03-22") and denied.date.basis == "article"


def test_a_story_retelling_the_leads_earlier_event_takes_that_events_day(story):
    text = ("DAKAR (AFP) - Senegal said on Tuesday it would recall its ambassador, two days after rioters "
            "attacked its embassy in Bamako.\n\nRioters smashed the embassy's windows before police dispersed "
            "them. The president chaired a security meeting.\n\nOn the same day, regional ministers met in Accra.")
    smash, disperse, chair, met = story(text, ("smashed", "ASSAULT", None), ("dispersed", "COERCE", None),
                                        ("chaired", "CONSULT", None), ("met", "CONSULT", None))
    assert _day(smash) == _day(disperse) == ("2022-03-20", "2022-03-20")
    assert smash.date.inferred and smash.date.basis == "lead"
    assert _day(chair) == ("2022-03-22", "2022-03-22")  # names nothing of the earlier event: the lead's day
    assert _day(met) == ("2022-03-20", "2022-03-20")  # "the same day" as the event told before it


def test_an_inherited_span_of_two_days_is_no_day():
    from eventscope.stages.time import _inferred_from

    span = TimeSpan(text="since Monday night", start=date(2024, 1, 8), end=date(2024, 1, 9), precision="day")
    inherited = _inferred_from(span, "clause")
    assert (inherited.precision, inherited.basis, inherited.inferred, inherited.text) == ("week", "clause", True, "")
    day = _inferred_from(TimeSpan(text="on Monday", start=date(2024, 1, 8), end=date(2024, 1, 8)), "clause")
    assert day.precision == "day"
