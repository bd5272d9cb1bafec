"""Casualties: counts of people killed, wounded and detained, read from many phrasings, on the right event."""
from __future__ import annotations

import pytest

from eventscope.stages.casualties import Counter, load_words

# Every phrasing written for this test, by the count field it fills: (sentence, count).
BY_FIELD = {
    "fatalities": [
        ("Gunmen opened fire on a market in the town, killing 6 civilians.", 6),
        ("At least 25 people were killed when a bomb exploded outside a mosque.", 25),
        ("Two soldiers died when insurgents ambushed their convoy.", 2),
        ("Rebels shelled the city, and the death toll rose to 40.", 40),
        ("Warplanes bombed the camp, leaving three dead.", 3),
        ("Rebels shelled the town overnight but no casualties were reported.", 0),
        ("A roadside bomb killed a soldier on patrol.", 1),
        ("An explosion at the rally killed twenty-five people.", 25),
        ("Jets bombed the district, killing 1,200 people over a week.", 1200),
    ],
    "injured": [
        ("Militants stormed the village and dozens were wounded.", 24),
        ("A suicide bomber attacked a checkpoint, injuring 12 police officers.", 12),
        ("Troops fired on demonstrators, wounding more than two dozen people.", 24),
        ("The attack killed at least 12 people and injured 30 others.", 30),
        ("Insurgents attacked an army post; nobody was hurt.", 0),
    ],
    "arrested": [
        ("Police arrested 40 protesters outside parliament.", 40),
        ("Gunmen abducted 20 students from a boarding school.", 20),
        ("Security forces detained hundreds of opposition supporters.", 200),
        ("Police detained scores of students after the march.", 40),
    ],
}
PHRASINGS = [(text, field, count) for field, rows in BY_FIELD.items() for text, count in rows]


def test_there_are_enough_phrasings() -> None:
    assert len(PHRASINGS) >= 15


@pytest.mark.parametrize("text,field,count", PHRASINGS, ids=[p[0][:40] for p in PHRASINGS])
def test_phrasing(analyze, text: str, field: str, count: int) -> None:
    events = analyze(text, "2024-02-14").events
    assert events, f"no event in {text!r}"
    assert count in [getattr(e, field) for e in events]


def test_counts_stay_null_when_not_given(analyze) -> None:
    events = analyze("Rebels attacked an army base near the border.", "2024-02-14").events
    assert events and all(e.fatalities is None and e.injured is None and e.arrested is None for e in events)


def test_count_goes_to_the_event_of_its_own_clause(analyze) -> None:
    text = "Police arrested 15 protesters, while gunmen in another town killed 4 villagers."
    events = {e.evidence.trigger.split()[0]: e for e in analyze(text, "2024-02-14").events}
    assert events["arrested"].arrested == 15 and events["arrested"].fatalities is None
    assert events["killed"].fatalities == 4 and events["killed"].arrested is None


def test_statements_get_no_counts(analyze) -> None:
    text = "The minister condemned the attack, which killed 9 people."
    for e in analyze(text, "2024-02-14").events:
        if e.type not in ("ASSAULT", "COERCE"):
            assert e.fatalities is None


def test_number_words() -> None:
    words = load_words()
    assert words.vague["dozens"] == 24 and words.vague["hundreds"] == 200
    assert Counter(words).words.numbers["twelve"] == 12


def test_record_carries_the_counts(analyze) -> None:
    record = analyze("Gunmen killed 7 villagers and wounded 11.", "2024-02-14").events[0].to_dict()
    assert record["fatalities"] == 7 and "injured" in record and "arrested" in record
