"""The command line: every command documented, records on stdout, one-line errors, exit codes."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventscope.cli import build_app
from eventscope.readers import parse_seed

from conftest import EXAMPLE, ROOT, SAMPLES, needs_shared

RECORD_KEYS = {"doc_id", "event_id", "type", "mode", "cameo", "source", "target", "date", "location", "modality",
               "attribution", "evidence", "confidence"}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.fixture(scope="module")
def app():
    return build_app()


def run(app, *args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def command_names(app) -> list[str]:
    import typer.main

    return sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_every_command_has_help_and_is_in_the_readme(app) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in command_names(app):
        result = run(app, name, "--help")
        assert result.exit_code == 0, name
        assert "Usage" in result.output
        assert f"eventscope {name}" in readme, f"README does not document `eventscope {name}`"


def test_extract_example_prints_full_records_with_offsets(app) -> None:
    example = needs_shared(EXAMPLE)
    result = run(app, "extract", str(example), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert records, "no events on the example article"
    text = parse_seed(example.read_text(encoding="utf-8"), doc_id="x", where="x").text
    for r in records:
        assert RECORD_KEYS <= set(r)
        assert r["type"] in PLOVER and r["doc_id"] == "000_80df060fc5a6c81c"
        ev = r["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["sentence"] == ev["sentence"].strip()


def test_extract_reports_bad_inputs_and_exits_1(app, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("no date line", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("date 2022-01-01 Russia attacked Ukraine.", encoding="utf-8")
    result = run(app, "extract", str(bad), str(good))
    assert result.exit_code == 1
    assert f"error: {bad}: first line must be `date YYYY-MM-DD`" in result.stderr


def test_extract_from_stdin_with_date_option(app) -> None:
    result = run(app, "extract", "-", "--date", "2022-01-01", "--format", "json", input="Russia attacked Ukraine.")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)


def test_bad_option_values_are_usage_errors(app) -> None:
    assert run(app, "extract", "x.txt", "--format", "xml").exit_code == 2
    assert run(app, "extract", "x.txt", "--date", "yesterday").exit_code == 2


def test_unknown_model_is_a_clear_error(app, tmp_path: Path) -> None:
    result = run(app, "extract", str(tmp_path), "--model", "no_such_pipeline_xyz")
    assert result.exit_code == 2
    assert "spaCy pipeline 'no_such_pipeline_xyz' is not installed" in result.stderr


def test_ingest_then_query_then_reingest_skips(app, tmp_path: Path) -> None:
    db = str(tmp_path / "e.duckdb")
    result = run(app, "ingest", str(SAMPLES), "--db", db)
    assert result.exit_code == 0, result.output
    assert "6 documents stored" in result.stderr
    again = run(app, "ingest", str(SAMPLES), "--db", db)
    assert "0 documents stored" in again.stderr and "6 unchanged skipped" in again.stderr
    listed = run(app, "events", "--db", db, "--format", "jsonl")
    assert listed.exit_code == 0
    assert all(json.loads(line)["doc_id"].startswith("2023-") for line in listed.stdout.splitlines())


def test_ingest_records_failures_and_keeps_going(app, tmp_path: Path) -> None:
    db = str(tmp_path / "e.duckdb")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("date 2022-01-01 Russia attacked Ukraine.", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_bytes(b"")
    result = run(app, "ingest", str(tmp_path / "in"), "--db", db)
    assert result.exit_code == 1
    assert "1 documents stored" in result.stderr and "1 failed" in result.stderr
    errors = run(app, "errors", "--db", db)
    assert "b.txt: empty file [empty]" in errors.stdout


def test_events_without_store_is_a_clear_error(app, tmp_path: Path) -> None:
    result = run(app, "events", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 2 and "no store here" in result.stderr


def test_demo_prints_summary_and_store_path(app, tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    result = run(app, "demo", str(SAMPLES), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "Events per type:" in result.stdout and f"Store: {db}" in result.stdout


def test_relations_are_stored_and_queryable_by_actor(app, tmp_path: Path) -> None:
    db = str(tmp_path / "r.duckdb")
    doc = tmp_path / "rel.txt"
    doc.write_text("date 2023-04-02 Karim Nassar, the leader of the Northern Brigade, visited Cairo on Monday.",
                   encoding="utf-8")
    assert run(app, "ingest", str(doc), "--db", db).exit_code == 0
    found = run(app, "relations", "--db", db, "--actor", "nassar", "--format", "jsonl")
    records = [json.loads(line) for line in found.stdout.splitlines()]
    assert ("Karim Nassar", "leads", "Northern Brigade") in {
        (r["subject"]["name"], r["relation"], r["object"]["name"]) for r in records}
    assert run(app, "relations", "--db", db, "--actor", "nobody-here", "--format", "jsonl").stdout == ""
    assert run(app, "relations", "--db", db, "--relation", "hates").exit_code == 2


@pytest.fixture(scope="module")
def sample_db(app, tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("cli") / "s.duckdb")
    assert run(app, "ingest", str(SAMPLES), "--db", db).exit_code == 0
    return db


def wide(app, *args: str):
    return CliRunner(env={"COLUMNS": "300"}).invoke(app, list(args))


@pytest.mark.parametrize(("option", "value", "listed"), [
    ("--type", "FOO", "choose one of AGREE, CONSULT"),
    ("--modality", "guess", "asserted, reported, believed, speculated"),
    ("--country", "XX", "is not an ISO3 country code"),
])
def test_unknown_filter_values_are_one_clear_usage_error(app, sample_db, option, value, listed) -> None:
    for command in ("events", "export"):
        result = wide(app, command, "--db", sample_db, option, value)
        assert result.exit_code == 2, command
        assert listed in result.output and result.output.count(f"'{value}'") == 1


def test_filter_values_are_accepted_in_any_case(app, sample_db) -> None:
    result = run(app, "events", "--db", sample_db, "--type", "assault", "--country", "mli", "-f", "jsonl")
    assert result.exit_code == 0 and result.stdout
    assert all(json.loads(line)["type"] == "ASSAULT" for line in result.stdout.splitlines())


def test_no_match_is_one_line_not_an_empty_table(app, sample_db) -> None:
    result = run(app, "events", "--db", sample_db, "--text", "words no article has", "-f", "table")
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr.strip() == "0 events match the filters."
    as_json = run(app, "events", "--db", sample_db, "--text", "words no article has", "-f", "json")
    assert json.loads(as_json.stdout) == []


def test_help_shows_real_defaults_and_valid_values(app) -> None:
    for command in ("events", "brief", "errors", "relations"):
        text = " ".join(wide(app, command, "--help").output.split())
        assert "default: eventscope.duckdb" in text and "file ." not in text
    text = " ".join(wide(app, "events", "--help").output.split())
    assert "ASSAULT" in text and "speculated" in text


def test_time_and_places_take_dash_f(app) -> None:
    result = run(app, "time", "They met on 3 May 2023.", "--date", "2023-05-09", "-f", "table")
    assert result.exit_code == 0 and "2023-05-03" in result.stdout
    assert run(app, "time", "x", "--date", "2023-05-09", "-f", "xml").exit_code == 2
    assert run(app, "places", "x", "-f", "xml").exit_code == 2


def test_inputs_are_counted_for_the_progress_total(tmp_path: Path) -> None:
    from eventscope.cli.common import count_inputs

    assert count_inputs([str(SAMPLES)]) == len(list(SAMPLES.glob("*.txt")))
    (tmp_path / "many.jsonl").write_text("{}\n", encoding="utf-8")
    assert count_inputs([str(tmp_path)]) is None and count_inputs(["-"]) is None


def test_progress_without_a_terminal_logs_lines(capsys) -> None:
    from eventscope.cli.common import LogProgress, progress_bar

    with progress_bar("ingesting", 4, every=0.0) as advance:
        assert isinstance(advance, LogProgress)
        advance(1)
        advance(1)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("ingesting: 1/4 documents") and "left" in lines[0]
    assert lines[-1].startswith("ingesting: 2/4 documents")
