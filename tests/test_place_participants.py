"""A country after a verb whose prepositional object is a participant ("called on X", "turned to X",
"appealed to X") is not where the event happened; a destination ("sent troops to X") still is."""
import pytest


@pytest.mark.parametrize("text, country", [
    ("Chile called on Bolivia on Monday to release the detained truckers.", "BOL"),
    ("The junta expelled the French envoy last month and has turned to Turkey for drones.", "TUR"),
    ("Kenya appealed to Ethiopia to reopen the border crossing.", "ETH"),
])
def test_a_participant_country_is_no_place(analyze, text, country):
    events = analyze(text).events
    assert events, text
    assert all(e.location is None or e.location.country != country or e.location.inferred for e in events), \
        [(e.type, e.location) for e in events]


def test_a_destination_country_is_the_place(analyze):
    events = [e for e in analyze("Rwanda sent 500 troops to Mozambique on Friday.").events if e.type == "MOBILIZE"]
    assert events and events[0].location is not None and events[0].location.country == "MOZ"
