"""Trigger coverage, second wave: phrasing families that had no trigger (passive detention, cut contact,
questioning and concern, deadlines, calling up forces, abandoned posts, continued exercises, forced
cordons, restraint on the body, negotiators going back to talks, postponed missions), the matcher's
reading of time phrases, predicate nominals and measures of a run of events, and the blocks that keep
the new rows from firing on look-alikes. Sentences written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from eventscope.stages.events.lexicon import load_lexicon
from handparse import has


def _cases() -> list:
    """(sentence, type, source, target) rows of tests/data/lexicon_wave2.tsv, each named by its class."""
    lines = (Path(__file__).parent / "data" / "lexicon_wave2.tsv").read_text("utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return [pytest.param(text, typ, None if src == "-" else src, None if tgt == "-" else tgt, id=f"{why}: {text}")
            for why, text, typ, src, tgt in rows]


@pytest.mark.parametrize("text,type_,source,target", _cases())
def test_phrasing_families_are_coded(events, text, type_, source, target):
    evs = events(text)
    assert has(evs, type_, source, target), [(e.type, e.source and e.source.text, e.target and e.target.text)
                                             for e in evs]


def test_held_meetings_ceremonies_and_posts_are_no_detention(events):
    for text in ("A memorial service was held by the families on Sunday.",
                 "The talks were held by the two delegations in Oslo.",
                 "The seat had been held by the ruling party since 1990.",
                 "The record is held by a Kenyan runner."):
        assert not has(events(text), "COERCE"), text


def test_air_defence_defended_places_and_carried_people_are_not_coded_as_attacks_support_or_visits(events):
    assert not has(events("The air force said it had shot down 40 of the rockets."), "ASSAULT")
    assert has(events("Iran shot down an American drone over the strait."), "ASSAULT", "Iran")
    assert not has(events("Kurdish fighters defended the town for weeks."), "SUPPORT")
    assert not has(events("The released prisoners were flown to Kyiv on Friday."), "CONSULT")


def test_pressing_on_is_no_demand_and_a_measure_is_no_target(events):
    evs = events("The rebels pressed on with their advance towards the capital.")
    assert not has(evs, "REQUEST")
    evs = events("The militia launched a wave of attacks on the villagers.")
    assert not any(e.target is not None and "wave" in e.target.text.lower() for e in evs)


def test_announced_exercises_and_leaving_office_keep_their_codes(events):
    # resigning a post is no military retreat; "gave birth" and time phrases without "give" are no ultimatum
    assert not has(events("The minister left his post on Friday."), "RETREAT")
    assert not has(events("The talks lasted two weeks."), "THREATEN")


def test_new_rows_carry_their_cameo_codes():
    lex = load_lexicon()

    def code(kind: str, head: str, *words: str) -> tuple[str | None, str | None]:
        want = tuple(words)
        for trig in lex.index[(kind, head)]:
            if all(w in slot for w, slot in zip(want, trig.words)) and len(trig.words) == len(want):
                return trig.type, trig.cameo
        raise AssertionError((kind, head, words))

    assert code("verb", "hold", "by") == ("COERCE", "173")
    assert code("verb", "cut", "hotline") == ("SANCTION", "161")
    assert code("verb", "question") == ("ACCUSE", "111")
    assert code("verb", "give", "deadline") == ("THREATEN", "139")
    assert code("verb", "activate", "guard") == ("MOBILIZE", "154")
    assert code("verb", "abandon", "station") == ("RETREAT", "0874")
    assert code("verb", "postpone", "mission") == ("SANCTION", "164")
    # "call off" and "postpone" are separate rows (one row had put "postpone" in the particle slot of "call")
    assert code("verb", "call", "off", "mission") == ("SANCTION", "164")
