"""Time: the normalizer on a table of expressions, the stage's tying of times to events, the CLI."""
from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventscope.cli import build_app
from eventscope.records import Analysis, Article, Event, Evidence
from eventscope.stages.time import make_stage
from eventscope.timex import normalize_time

from conftest import EXAMPLE, needs_shared

TABLE = Path(__file__).parent / "data" / "time_expressions.tsv"
ANCHOR = date(2022, 3, 22)  # a Tuesday


def _table() -> list[list[str]]:
    with TABLE.open(encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t") if r and not r[0].startswith("#")]
    return rows[1:]


def test_table_is_big_enough() -> None:
    rows = _table()
    assert len(rows) >= 80
    assert {r[0] for r in rows} >= {"2024-03-01", "2024-01-02", "2023-12-31", "2020-02-29"}


@pytest.mark.parametrize("anchor,tense,text,start,end,precision", _table(), ids=lambda v: str(v)[:40])
def test_expression_table(anchor: str, tense: str, text: str, start: str, end: str, precision: str) -> None:
    spans = normalize_time(text, anchor=date.fromisoformat(anchor), tense=None if tense == "-" else tense)
    assert spans, f"no time expression found in {text!r}"
    last = spans[-1]
    assert (last.start.isoformat(), last.end.isoformat(), last.precision) == (start, end, precision)


@pytest.mark.parametrize("text", [
    "Officials may meet again.", "the fall of Kabul", "2019 people were hurt", "March organisers said",
    "the Arab Spring", "a month-long",
])
def test_words_that_are_not_times(text: str) -> None:
    assert normalize_time(text, anchor=ANCHOR) == []


def test_offsets_slice_the_text() -> None:
    text = "Talks began on March 2 and resumed last week; a deal is expected next month."
    spans = normalize_time(text, anchor=ANCHOR)
    assert [s.text for s in spans] == ["on March 2", "last week", "next month"]
    assert all(text[s.char_start:s.char_end] == s.text and not s.inferred for s in spans)


# --- the stage ---------------------------------------------------------------


@pytest.fixture(scope="module")
def stage():
    return make_stage(None, None)


def _dated(nlp, stage, text: str, triggers: list[str], day: date = ANCHOR) -> dict[str, object]:
    """Run the time stage on events built by hand at the given trigger words."""
    events = []
    for k, trigger in enumerate(triggers):
        start = text.index(trigger)
        evidence = Evidence(sentence=text, start=0, end=len(text), trigger=trigger,
                            trigger_start=start, trigger_end=start + len(trigger))
        events.append(Event(doc_id="t", event_id=f"t:e{k}", type="CONSULT", mode=None, cameo=None, source=None,
                            target=None, date=None, location=None, modality="asserted", attribution=None,
                            evidence=evidence, confidence=0.5))
    analysis = Analysis(article=Article(doc_id="t", date=day, text=text), doc=nlp(text), events=tuple(events))
    out = stage(analysis)
    return {e.evidence.trigger: e.date for e in out.events} | {"_times": out.times}


def test_each_event_takes_the_time_of_its_own_clause(nlp, stage) -> None:
    got = _dated(nlp, stage, "Rebels, who had seized the town on March 3, attacked the airport on Monday.",
                 ["seized", "attacked"])
    assert (got["seized"].start, got["seized"].text) == (date(2022, 3, 3), "on March 3")
    assert got["attacked"].start == got["attacked"].end == date(2022, 3, 21)


def test_conjoined_verb_shares_the_time(nlp, stage) -> None:
    got = _dated(nlp, stage, "The minister visited Kabul on February 27 and met the president.", ["visited", "met"])
    assert got["met"].start == got["met"].end == date(2022, 2, 27)
    assert got["met"].inferred is False


def test_when_clause_shares_the_time(nlp, stage) -> None:
    got = _dated(nlp, stage, "The issue was raised on March 2 when the envoy visited Damascus.", ["visited"])
    assert got["visited"].start == date(2022, 3, 2)


def test_year_less_date_follows_the_tense(nlp, stage) -> None:
    past = _dated(nlp, stage, "Troops entered the city on April 5.", ["entered"])
    future = _dated(nlp, stage, "Troops will enter the city on April 5.", ["enter"])
    assert past["entered"].start == date(2021, 4, 5)
    assert future["enter"].start == date(2022, 4, 5)


def test_weekday_in_the_past_is_the_latest_one(nlp, stage) -> None:
    got = _dated(nlp, stage, "Police arrested the leaders on Saturday.", ["arrested"])
    assert got["arrested"].start == date(2022, 3, 19)


def test_no_time_infers_an_interval_from_the_tense(nlp, stage) -> None:
    past = _dated(nlp, stage, "The army shelled the village.", ["shelled"])["shelled"]
    future = _dated(nlp, stage, "The government will deliver food aid.", ["deliver"])["deliver"]
    plan = _dated(nlp, stage, "The government plans to deliver food aid.", ["deliver"])["deliver"]
    assert (past.start, past.end, past.inferred) == (ANCHOR - timedelta(days=30), ANCHOR, True)
    assert (future.start, future.end, future.inferred) == (ANCHOR, ANCHOR + timedelta(days=90), True)
    assert (plan.start, plan.end) == (future.start, future.end)


def test_relative_time_counts_from_the_earlier_event(nlp, stage) -> None:
    text = "Protesters marched in the capital on March 2. Two weeks earlier, police had arrested their leaders."
    got = _dated(nlp, stage, text, ["marched", "arrested"])
    assert (got["arrested"].start, got["arrested"].end) == (date(2022, 2, 14), date(2022, 2, 20))


def test_during_the_event_takes_that_events_date(nlp, stage) -> None:
    text = "The envoy held talks with the minister on March 3. During the talks, the minister demanded more aid."
    got = _dated(nlp, stage, text, ["held talks", "demanded"])
    assert got["demanded"].start == date(2022, 3, 3) and got["demanded"].inferred is False


def test_analysis_times_has_every_expression(nlp, stage) -> None:
    text = "Fighting broke out yesterday. Since January, thousands have fled."
    times = _dated(nlp, stage, text, [])["_times"]
    assert [(t.text, t.start, t.end) for t in times] == [
        ("yesterday", date(2022, 3, 21), date(2022, 3, 21)),
        ("Since January", date(2022, 1, 1), ANCHOR),
    ]
    assert all(text[t.char_start:t.char_end] == t.text for t in times)


def test_example_article_times(analyze) -> None:
    _, day, text = needs_shared(EXAMPLE).read_text("utf-8").split(None, 2)  # "date YYYY-MM-DD text..."
    analysis = analyze(text, day)
    found = {t.text: (t.start.isoformat(), t.end.isoformat()) for t in analysis.times}
    assert found["in late February"] == ("2022-02-21", "2022-02-28")
    assert found["on February 27"] == ("2022-02-27", "2022-02-27")
    assert all(e.date is not None for e in analysis.events)


# --- the command -------------------------------------------------------------


def test_cli_json(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(build_app(), ["time", "They met on Tuesday.", "--date", "2022-03-22"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["start"] == "2022-03-22"
    path = tmp_path / "a.txt"
    path.write_text("Clashes erupted overnight.", encoding="utf-8")
    result = runner.invoke(build_app(), ["time", str(path), "--date", "2022-03-22", "--format", "table"])
    assert result.exit_code == 0 and "overnight\t2022-03-21\t2022-03-22\tday" in result.output
    result = runner.invoke(build_app(), ["time", "-", "--date", "2024-03-01"], input="It happened yesterday.")
    assert json.loads(result.output)[0]["end"] == "2024-02-29"


def test_cli_bad_date() -> None:
    result = CliRunner().invoke(build_app(), ["time", "today", "--date", "22/03/2022"])
    assert result.exit_code == 2
    assert "not a date in YYYY-MM-DD form" in result.output


def test_next_sentence_about_the_same_parties_continues_the_episode(nlp, stage) -> None:
    text = ("The envoy met the president on March 3. The two sides discussed trade. "
            "Rebels shelled the border town.")
    got = _dated(nlp, stage, text, ["met", "discussed", "shelled"])
    assert (got["discussed"].start, got["discussed"].inferred) == (date(2022, 3, 3), True)
    assert got["shelled"].start == ANCHOR - timedelta(days=30)
