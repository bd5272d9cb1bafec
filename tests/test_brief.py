"""The situation report from the demo corpus: key events with modality marked, actors, figures, changes."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import demo_corpus
from eventscope.brief import build_brief, modality_note, render_html, write_brief
from eventscope.cli import build_app
from eventscope.store import Store

PNG = b"\x89PNG\r\n\x1a\n"
WEEK = (date(2023, 3, 14), date(2023, 3, 20))


@pytest.fixture(scope="module")
def store(tmp_path_factory, pipeline):
    path = demo_corpus.build(tmp_path_factory.mktemp("brief") / "demo.duckdb", pipeline)
    with Store(path, read_only=True) as s:
        yield s


def test_key_events_by_day_with_modality(store: Store) -> None:
    brief = build_brief(store, *WEEK, figures=False)
    assert list(brief.days) == ["2023-03-14", "2023-03-15", "2023-03-20"]
    shelling = next(r for r in brief.days["2023-03-14"] if r["event_id"] == "north:e1")
    assert modality_note(shelling) == "reported by regional governor (said)"
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
    assert page.count("data:image/png;base64,") == 2
    assert "&lt;b&gt;forty&lt;/b&gt;" in page and "<b>forty</b>" not in page
    assert "Most active actors" in page and "reported by regional governor (said)" in page


def test_markdown_brief_writes_its_figures_beside_it(store: Store, tmp_path: Path) -> None:
    text = write_brief(store, tmp_path / "brief.md", *WEEK).read_text()
    for name in ("brief-map.png", "brief-network.png"):
        assert f"]({name})" in text and (tmp_path / name).read_bytes().startswith(PNG)
    assert "### 2023-03-14" in text and "_reported by regional governor (said)_" in text
    assert "| Borduria | BDR | 1 | 1 |" in text


def test_brief_command(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(build_app(), ["brief", "--db", store.path, "--since", "2023-03-14",
                                              "--until", "2023-03-20", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Situation report 2023-03-14 to 2023-03-20" in out.read_text()
    bad = CliRunner(env={"COLUMNS": "300"}).invoke(build_app(), ["brief", "--db", store.path, "--out",
                                                             str(tmp_path / "b.pdf")])
    assert bad.exit_code == 2 and "must end in .html or .md" in bad.output
