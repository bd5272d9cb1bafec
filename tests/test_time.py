"""Time: the normalizer on a table of expressions, the stage's tying of times to events, the CLI."""
from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventscope.cli import build_app
from eventscope.records import Analysis, Article, Event, Evidence, Frame
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


def _dated(nlp, stage, text: str, triggers: list[str], day: date = ANCHOR, lead: date | None = None,
           precision: str = "day") -> dict[str, object]:
    """Run the time stage on events built by hand at the given trigger words (`lead`: the frame's day)."""
    events = []
    for k, trigger in enumerate(triggers):
        start = text.index(trigger)
        evidence = Evidence(sentence=text, start=0, end=len(text), trigger=trigger,
                            trigger_start=start, trigger_end=start + len(trigger))
        events.append(Event(doc_id="t", event_id=f"t:e{k}", type="CONSULT", mode=None, cameo=None, source=None,
                            target=None, date=None, location=None, modality="asserted", attribution=None,
                            evidence=evidence, confidence=0.5))
    article = Article(doc_id="t", date=day, text=text, date_precision=precision)  # type: ignore[arg-type]
    analysis = Analysis(article=article, doc=nlp(text), events=tuple(events),
                        frame=Frame(date=lead) if lead else None)
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
    # an intention is dated when it is stated: the article date
    assert (future.start, future.end, future.inferred, future.basis) == (ANCHOR, ANCHOR, True, "article")
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
    # not the same parties, but the same paragraph: its narrative time
    assert (got["shelled"].start, got["shelled"].end, got["shelled"].basis) == (date(2022, 3, 3), date(2022, 3, 3),
                                                                              "paragraph")


# --- inheritance: clause, paragraph, lead, article ------------------------------


def test_subordinate_clause_takes_the_time_of_its_clause(nlp, stage) -> None:
    got = _dated(nlp, stage, "The ministry said on Monday that soldiers had repelled an attack.", ["repelled"])
    day = got["repelled"]
    assert (day.start, day.end, day.precision, day.inferred, day.basis) == (
        date(2022, 3, 21), date(2022, 3, 21), "day", True, "clause")


def test_a_day_after_counts_back_from_its_clause(nlp, stage) -> None:
    text = "Police arrested the leaders on Friday, two days after protesters burned a police station."
    got = _dated(nlp, stage, text, ["arrested", "burned"])
    assert got["arrested"].start == date(2022, 3, 18) and not got["arrested"].inferred
    assert (got["burned"].start, got["burned"].end, got["burned"].basis) == (date(2022, 3, 16), date(2022, 3, 16),
                                                                             "clause")


def test_paragraph_time_carries_to_later_past_events(nlp, stage) -> None:
    text = "Protesters marched on the palace on March 2. Riot police fired tear gas at the crowd."
    fired = _dated(nlp, stage, text, ["fired"])["fired"]
    assert (fired.start, fired.end, fired.basis, fired.precision) == (date(2022, 3, 2), date(2022, 3, 2),
                                                                      "paragraph", "day")


def test_paragraph_time_needs_a_past_verb(nlp, stage) -> None:
    text = "Protesters marched on the palace on March 2. The government calls for calm."
    calls = _dated(nlp, stage, text, ["calls"])["calls"]
    assert (calls.start, calls.end, calls.basis) == (ANCHOR, ANCHOR, "article")


def test_lead_time_dates_past_events_of_later_paragraphs(nlp, stage) -> None:
    text = "Rebels attacked the airport on Sunday.\n\nNigeria sent reinforcements to the region."
    got = _dated(nlp, stage, text, ["attacked", "sent"], lead=date(2022, 3, 20))
    assert (got["sent"].start, got["sent"].end, got["sent"].basis) == (date(2022, 3, 20), date(2022, 3, 20), "lead")


def test_a_new_paragraph_does_not_take_the_last_paragraphs_time(nlp, stage) -> None:
    text = "In 2019, rebels seized the town.\n\nThe army sent reinforcements to the region."
    sent = _dated(nlp, stage, text, ["sent"], lead=date(2022, 3, 20))["sent"]
    assert sent.basis == "lead"


def test_present_statements_take_the_article_date(nlp, stage) -> None:
    for text, trigger in [("The opposition calls for new elections.", "calls"),
                          ("The minister has promised an inquiry.", "promised")]:
        day = _dated(nlp, stage, text, [trigger], lead=date(2022, 3, 20))[trigger]
        assert (day.start, day.end, day.precision, day.basis) == (ANCHOR, ANCHOR, "day", "article")


def test_background_history_keeps_its_own_date(nlp, stage) -> None:
    text = "Troops clashed with rebels on Monday. The two countries fought a war in 1998."
    got = _dated(nlp, stage, text, ["clashed", "fought"], lead=date(2022, 3, 21))
    assert (got["fought"].start, got["fought"].end, got["fought"].inferred) == (date(1998, 1, 1), date(1998, 12, 31),
                                                                                False)


def test_unknown_past_gets_a_window_and_a_past_perfect_ends_before_the_article(nlp, stage) -> None:
    simple = _dated(nlp, stage, "Rebels seized the town.", ["seized"])["seized"]
    perfect = _dated(nlp, stage, "Rebels had seized the town.", ["seized"])["seized"]
    assert (simple.end, simple.basis, simple.precision) == (ANCHOR, None, "unknown")
    assert perfect.end == ANCHOR - timedelta(days=1)


def test_an_intention_is_dated_by_its_saying(nlp, stage) -> None:
    got = _dated(nlp, stage, "The president said on Monday that he would sign the law.", ["sign"])["sign"]
    assert (got.start, got.end, got.basis) == (date(2022, 3, 21), date(2022, 3, 21), "clause")
    vague = _dated(nlp, stage, "The president said earlier this week that he would sign the law.", ["sign"])["sign"]
    assert (vague.start, vague.end, vague.basis) == (ANCHOR, ANCHOR, "article")


def test_a_time_through_another_noun_yields_to_the_conjoined_clause(nlp, stage) -> None:
    text = "China imposed sanctions on Friday and halted talks after her visit earlier this week."
    got = _dated(nlp, stage, text, ["imposed", "halted"])
    assert got["halted"].start == got["halted"].end == date(2022, 3, 18)


def test_the_first_time_since_is_not_the_events_date(nlp, stage) -> None:
    text = "Jets struck the city on Monday. They struck the airport for the first time since 2016."
    got = _dated(nlp, stage, text, ["struck the city", "struck the airport"])
    assert got["struck the airport"].start.year == 2022


def test_in_april_that_year_takes_the_earlier_year(nlp, stage) -> None:
    text = "The office opened in September 2018, months after the leaders met in April that year."
    assert _dated(nlp, stage, text, ["met"])["met"].start == date(2018, 4, 1)


def test_partial_article_date_makes_that_month_the_window(nlp, stage) -> None:
    day = _dated(nlp, stage, "Rebels seized the town.", ["seized"], day=date(2008, 8, 1), precision="month")["seized"]
    assert (day.start, day.end) == (date(2008, 8, 1), date(2008, 8, 31))


def test_partial_date_is_read_from_the_file(tmp_path: Path) -> None:
    from eventscope.readers.files import parse_seed

    article = parse_seed("date 2008-08 Rebels seized the town.", doc_id="x", where="x")
    assert (article.date, article.date_precision) == (date(2008, 8, 1), "month")


DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "articles"


def test_dev_articles_inherited_dates_stay_within_their_basis(pipeline) -> None:
    """Over the dev articles: an inherited date is no longer than its basis's precision, and every event
    of a story whose lead is dated has its own expression or an inferred date."""
    from eventscope.readers.files import parse_seed

    articles = sorted(needs_shared(DEV).glob("*.txt"))
    # days an interval of each precision may span beyond its first ("overnight", "hours later": two days)
    longest = {"day": 1, "week": 6, "month": 30, "season": 91, "year": 365}
    for path in articles:
        analysis = pipeline.analyze(parse_seed(path.read_text("utf-8"), doc_id=path.stem, where=str(path)))
        for e in analysis.events:
            d = e.date
            assert d is not None, (path.name, e.evidence.trigger)
            if d.basis is not None:
                assert d.inferred and (d.end - d.start).days <= longest[d.precision], (path.name, e.to_dict()["date"])
            if analysis.frame and analysis.frame.date and not d.text:  # no expression of its own
                assert d.inferred, (path.name, e.evidence.trigger, e.to_dict()["date"])


def test_the_same_day_after_an_offset_clause_is_that_clauses_day(nlp, stage) -> None:
    text = ("Police arrested the leaders on Friday, two days after protesters burned a police station. "
            "On the same day, rioters looted shops.")
    got = _dated(nlp, stage, text, ["arrested", "burned", "looted"])
    assert got["looted"].start == got["burned"].start == date(2022, 3, 16)
