"""The situation report: default period from real event dates, each event counted once, a three-line summary,
counts by type and country with change and fatalities, attribution as an analyst writes it, figures."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import demo_corpus
from eventscope import Analysis, Article, Attribution, Place, TimeSpan
from eventscope.brief import (build_brief, count_rows, modality_note, render_html, source_phrase, summary_lines,
                             write_brief)
from eventscope.cli import build_app
from eventscope.store import Store

PNG = b"\x89PNG\r\n\x1a\n"
WEEK = (date(2023, 3, 14), date(2023, 3, 20))


@pytest.fixture(scope="module")
def store(tmp_path_factory, pipeline):
    path = demo_corpus.build(tmp_path_factory.mktemp("brief") / "demo.duckdb", pipeline)
    with Store(path, read_only=True) as s:
        yield s


def _span(start: str, end: str | None = None, precision: str = "day") -> TimeSpan:
    return TimeSpan(text="", start=date.fromisoformat(start), end=date.fromisoformat(end or start), precision=precision)


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    """A made-up wire story (dated 2023-04-16): a raid with deaths, a week-long siege across two periods,
    a plan for later in the month, and an older meeting."""
    text = ("Rebels raided a market in Lakeport on Friday, killing nine people, the interior ministry said. "
            "The siege of Hillview lasted all week. "
            "The envoy will visit Lakeport later this month. "
            "Delegates met in Lakeport on April 3.")
    doc = "wire"
    reb = demo_corpus._actor("Rebels", text, "Rebels", "KEN", kind="group", sector="REB")
    mkt = demo_corpus._actor("a market", text, "market", None, kind=None)
    ministry = demo_corpus._actor("the interior ministry", text, "Kenya", "KEN")
    envoy = demo_corpus._actor("The envoy", text, "envoy", "KEN", kind="person", sector="GOV")
    dele = demo_corpus._actor("Delegates", text, "delegates", "KEN", kind="group", sector="GOV")
    lake = Place(text="Lakeport", name="Lakeport", country="KEN", lat=-1.3, lon=36.8)
    raid = demo_corpus._event(doc, 1, text, "raided", "ASSAULT", "190", reb, mkt, date(2023, 4, 14), lake,
                              modality="reported", attribution=Attribution(source=ministry, cue="said"))
    siege = demo_corpus._event(doc, 2, text, "siege", "COERCE", "170", reb, None, date(2023, 4, 6), None)
    plan = demo_corpus._event(doc, 3, text, "visit", "CONSULT", "040", envoy, None, date(2023, 4, 20), lake,
                              modality="intended")
    met = demo_corpus._event(doc, 4, text, "met", "CONSULT", "040", dele, None, date(2023, 4, 3), lake)
    events = (replace(raid, fatalities=9), replace(siege, date=_span("2023-04-06", "2023-04-12", "week")),
              replace(plan, date=_span("2023-04-20", "2023-04-30", "month")), met)
    article = Article(doc_id=doc, date=date(2023, 4, 16), text=text, title="Market raid")
    path = tmp_path_factory.mktemp("dated") / "wire.duckdb"
    with Store(path) as s:
        s.write(Analysis(article=article, actors=(reb, mkt, ministry, envoy, dele), events=events))
    with Store(path, read_only=True) as s:
        yield s


def test_default_period_ends_on_the_latest_event_dated_to_a_day(dated: Store) -> None:
    brief = build_brief(dated, figures=False)
    # the plan "later this month" (month precision, after the article) does not move the period
    assert (brief.since, brief.until) == (date(2023, 4, 8), date(2023, 4, 14))
    assert brief.previous == (date(2023, 4, 1), date(2023, 4, 7))


def test_every_event_is_counted_in_one_period_only(dated: Store) -> None:
    brief = build_brief(dated, figures=False)
    now = {r["event_id"] for r in brief.records}
    before = {r["event_id"] for r in brief.previous_records}
    assert now == {"wire:e1"} and before == {"wire:e2", "wire:e4"} and not now & before
    assert all(brief.since <= date.fromisoformat(d) <= brief.until for d in brief.days)


def test_summary_counts_table_and_fatalities(dated: Store) -> None:
    brief = build_brief(dated, figures=False)
    lines = summary_lines(brief)
    assert len(lines) == 3
    assert lines[0] == "1 event in 1 document; the 7 days before had 2 (-1)."
    assert "9 people reported killed" in lines[1] and "Rebels (1)" in lines[2] and "KEN (1)" in lines[2]
    rows = count_rows(brief)
    assert ("ASSAULT", "KEN", 1, 0, 9) in rows and ("COERCE", "KEN", 0, 1, 0) in rows
    assert "market" not in [a["name"] for a in brief.actors]  # a thing, not an actor


def test_attribution_reads_as_an_analyst_writes_it(dated: Store) -> None:
    brief = build_brief(dated, figures=False)
    raid = brief.records[0]
    assert modality_note(raid) == "according to the interior ministry"
    assert source_phrase({"text": "police", "name": "Police"}) == "the police"
    assert source_phrase({"text": "he", "name": "John Okello"}) == "John Okello"
    assert source_phrase(None) == "an unnamed source"


def test_key_events_by_day_with_modality(store: Store) -> None:
    brief = build_brief(store, *WEEK, figures=False)
    assert list(brief.days) == ["2023-03-14", "2023-03-15", "2023-03-20"]
    shelling = next(r for r in brief.days["2023-03-14"] if r["event_id"] == "north:e1")
    assert modality_note(shelling) == "according to the regional governor"
    troops = next(r for r in brief.days["2023-03-20"] if r["event_id"] == "north:e2")
    assert modality_note(troops) == "speculated"


def test_changes_against_the_previous_period(store: Store) -> None:
    brief = build_brief(store, *WEEK, figures=False)
    assert brief.previous == (date(2023, 3, 7), date(2023, 3, 13))
    assert brief.previous_types == {"AGREE": 1} and brief.types["ASSAULT"] == 1
    assert "Borduria" in brief.new_actors and "Mali" not in brief.new_actors
    assert "AGREE: 1 → 0 (-1)" in render_html(brief)


def test_html_brief_is_self_contained_and_escaped(store: Store, tmp_path: Path) -> None:
    page = write_brief(store, tmp_path / "brief.html", *WEEK).read_text()
    assert page.count("data:image/png;base64,") == 3  # chart, map, network
    assert "&lt;b&gt;forty&lt;/b&gt;" in page and "<b>forty</b>" not in page
    assert "Most active actors" in page and "according to the regional governor" in page
    assert "Counts by type and country" in page and "reported by" not in page


def test_markdown_brief_writes_its_figures_beside_it(store: Store, tmp_path: Path) -> None:
    text = write_brief(store, tmp_path / "brief.md", *WEEK).read_text()
    for name in ("brief-chart.png", "brief-map.png", "brief-network.png"):
        assert f"]({name})" in text and (tmp_path / name).read_bytes().startswith(PNG)
    assert "### 2023-03-14" in text and "_according to the regional governor_" in text
    assert "| Borduria | BDR | 1 | 1 |" in text
    assert "| ASSAULT | UKR | 1 | 0 | +1 | 0 |" in text


def test_brief_command(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(build_app(), ["brief", "--db", store.path, "--since", "2023-03-14",
                                              "--until", "2023-03-20", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Situation report 2023-03-14 to 2023-03-20" in out.read_text()
    bad = CliRunner(env={"COLUMNS": "300"}).invoke(build_app(), ["brief", "--db", store.path, "--out",
                                                             str(tmp_path / "b.pdf")])
    assert bad.exit_code == 2 and "must end in .html or .md" in bad.output
