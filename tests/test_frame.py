"""Frame: the dateline (place, agency, date) and the lead's day, and what events inherit from them."""
from __future__ import annotations

from datetime import date

import pytest

from eventscope.stages.frame import parse_dateline

DAY = "2024-02-14"  # a Wednesday


@pytest.mark.parametrize("text,places,region,date_text,agency", [
    ("DAKAR, Senegal (AFP) - Police fired tear gas.", ("DAKAR",), "Senegal", None, "AFP"),
    ("NAIROBI (Reuters) - Kenya's president said.", ("NAIROBI",), None, None, "Reuters"),
    ("WASHINGTON, Feb 12 (Reuters) - The Senate voted.", ("WASHINGTON",), None, "Feb 12", "Reuters"),
    ("KYIV/MOSCOW (AP) — Drones struck.", ("KYIV", "MOSCOW"), None, None, "AP"),
    ("LIMA, Peru - Protesters marched.", ("LIMA",), "Peru", None, None),
])
def test_dateline_parts(text: str, places: tuple[str, ...], region: str | None, date_text: str | None,
                        agency: str | None) -> None:
    line = parse_dateline(text)
    assert line is not None
    assert (line.places, line.region, line.date_text, line.agency) == (places, region, date_text, agency)
    assert text[line.end:][0].isupper()  # the story starts right after the dash


@pytest.mark.parametrize("text", [
    "Police fired tear gas in Dakar on Tuesday.",
    "A UN envoy met the president - a rare visit.",
    "NATO allies agreed on Monday to send more air defences.",
])
def test_no_dateline(text: str) -> None:
    assert parse_dateline(text) is None


def test_frame_place_agency_and_lead_day(analyze) -> None:
    a = analyze("DAKAR, Senegal (AFP) - Police fired tear gas at opposition supporters on Tuesday.", DAY)
    assert a.frame is not None
    assert (a.frame.place.name, a.frame.place.country, a.frame.source) == ("Dakar", "SEN", "AFP")
    assert a.frame.date == date(2024, 2, 13)
    assert all(e.frame == a.frame for e in a.events)
    record = a.events[0].to_dict()["frame"]
    assert record["place"]["name"] == "Dakar" and record["date"] == "2024-02-13" and record["source"] == "AFP"


def test_region_picks_the_country_not_a_namesake(analyze) -> None:
    a = analyze("ATHENS, Greece (AP) - Protesters marched on parliament on Monday.", DAY)
    assert a.frame.place.country == "GRC"


def test_dateline_date_beats_the_lead(analyze) -> None:
    a = analyze("NAIROBI, Feb 10 (Reuters) - Kenyan police arrested 12 protesters.", DAY)
    assert a.frame.date == date(2024, 2, 10)


def test_no_dateline_frames_with_the_lead_only(analyze) -> None:
    a = analyze("Rebels attacked an army base near Gao on Monday.", DAY)
    assert a.frame is not None and a.frame.source is None
    assert a.frame.date == date(2024, 2, 12)
    assert a.frame.place is not None and a.frame.place.country == "MLI"  # the lead event's place
    assert all(e.frame == a.frame for e in a.events)


def test_events_after_the_lead_take_its_place_and_day(analyze) -> None:
    text = ("NAIROBI, Kenya (Reuters) - Police fired tear gas at protesters on Tuesday.\n\n"
            "Officers arrested dozens of demonstrators.")
    a = analyze(text, DAY)
    arrest = next(e for e in a.events if e.evidence.trigger.startswith("arrested"))
    assert (arrest.location.name, arrest.location.inferred, arrest.location.basis) == ("Nairobi", True, "dateline")
    assert (arrest.date.start, arrest.date.end, arrest.date.basis) == (date(2024, 2, 13), date(2024, 2, 13), "lead")


def test_a_statement_made_elsewhere_keeps_off_the_dateline(analyze) -> None:
    text = ("NAIROBI, Kenya (Reuters) - Police fired tear gas at protesters on Tuesday.\n\n"
            "France's foreign ministry condemned the violence.")
    a = analyze(text, DAY)
    condemn = next(e for e in a.events if e.evidence.trigger.startswith("condemned"))
    assert condemn.location is None or condemn.location.country != "KEN"


def test_an_event_in_another_country_keeps_off_the_dateline(analyze) -> None:
    text = ("NAIROBI, Kenya (Reuters) - Police fired tear gas at protesters on Tuesday.\n\n"
            "In neighbouring Uganda, soldiers arrested 30 opposition activists in Kampala.")
    a = analyze(text, DAY)
    arrest = next(e for e in a.events if e.evidence.trigger.startswith("arrested"))
    assert arrest.location is not None and arrest.location.country == "UGA"


def test_store_keeps_the_frame_basis_and_casualty_columns(analyze, tmp_path) -> None:
    from eventscope.store.store import Store

    text = ("NAIROBI, Kenya (Reuters) - Police fired tear gas at protesters on Tuesday, injuring 12 people.\n\n"
            "Officers arrested 40 demonstrators.")
    analysis = analyze(text, DAY, doc_id="frame-store")
    with Store(tmp_path / "s.duckdb") as store:
        store.write(analysis)
        rows = store.con.execute(
            "SELECT injured, arrested, date_basis, location_inferred, location_basis, frame_place, frame_date, "
            "frame_source FROM events ORDER BY sentence_start").fetchall()
    assert 12 in [r[0] for r in rows]
    assert rows[-1][1:] == (40, "lead", True, "dateline", "Nairobi", date(2024, 2, 13), "Reuters")
