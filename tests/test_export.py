"""Every export format from the demo corpus: round trips and schemas (GDELT 61 columns, ACLED, GeoJSON, ...)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import demo_corpus
from eventscope.cli import build_app
from eventscope.export import EXPORT_FORMATS, ExportOptions, export_events
from eventscope.export.acled import ACLED_COLUMNS
from eventscope.export.codes import load_countries
from eventscope.export.gdelt import GDELT_COLUMNS, global_event_id
from eventscope.export.records import FLAT_COLUMNS
from eventscope.store import EventFilter, Store

ISSUE_ACLED = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location",
               "latitude", "longitude", "geo_precision", "time_precision", "source", "notes")


@pytest.fixture(scope="module")
def store(tmp_path_factory, pipeline):
    path = demo_corpus.build(tmp_path_factory.mktemp("export") / "demo.duckdb", pipeline)
    with Store(path, read_only=True) as s:
        yield s


ALL = ExportOptions(modalities=None)  # every modality, to compare with store.events()


def export(store: Store, fmt: str, flt: EventFilter | None = None, **kw) -> bytes:
    buffer = io.BytesIO()
    export_events(store, fmt, buffer, flt, **kw)
    return buffer.getvalue()


def test_jsonl_round_trips_the_records(store: Store) -> None:
    lines = export(store, "jsonl", options=ALL).decode().splitlines()
    assert [json.loads(line) for line in lines] == store.events()


def test_parquet_round_trips_with_stable_types(store: Store) -> None:
    table = pq.read_table(io.BytesIO(export(store, "parquet", options=ALL)))
    assert table.column_names == [*FLAT_COLUMNS, "record"]
    assert table.schema.field("date.start").type == pa.date32()
    assert table.schema.field("location.lat").type == pa.float64()
    assert [json.loads(r) for r in table.column("record").to_pylist()] == store.events()
    row = next(r for r in table.to_pylist() if r["event_id"] == "north:e1")
    assert (row["cameo"], str(row["date.start"]), row["source.name"]) == ("195", "2023-03-14", "Borduria")


def test_empty_parquet_still_has_the_schema(store: Store) -> None:
    table = pq.read_table(io.BytesIO(export(store, "parquet", EventFilter(type="CONCEDE", doc_id="none"))))
    assert table.num_rows == 0 and "evidence.sentence" in table.column_names


def test_csv_has_the_flat_columns(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(export(store, "csv", EventFilter(doc_id="north"), options=ALL).decode())))
    assert list(rows[0]) == list(FLAT_COLUMNS) and [r["event_id"] for r in rows] == ["north:e1", "north:e3", "north:e2"]


def gdelt_rows(store: Store, flt: EventFilter | None = None) -> dict[int, dict[str, str]]:
    lines = export(store, "gdelt", flt, options=ALL).decode().splitlines()
    assert all(len(line.split("\t")) == 61 for line in lines)
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in lines]
    return {int(r["GLOBALEVENTID"]): r for r in rows}


def test_gdelt_has_61_columns_and_cameo_strings(store: Store) -> None:
    assert len(GDELT_COLUMNS) == 61 and GDELT_COLUMNS[26] == "EventCode" and GDELT_COLUMNS[60] == "SOURCEURL"
    rows = gdelt_rows(store)
    shelling, agreement = rows[global_event_id("north:e1")], rows[global_event_id("south:e1")]
    assert (shelling["SQLDATE"], shelling["MonthYear"], shelling["Year"]) == ("20230314", "202303", "2023")
    assert (shelling["EventCode"], shelling["EventBaseCode"], shelling["EventRootCode"]) == ("195", "195", "19")
    assert (agreement["EventCode"], agreement["EventRootCode"]) == ("057", "05")  # leading zero kept
    assert (shelling["Actor1Code"], shelling["Actor1CountryCode"], shelling["Actor1Type1Code"]) == \
        ("BDRMIL", "BDR", "MIL")
    assert shelling["QuadClass"] == "4" and agreement["QuadClass"] == "1"
    assert (shelling["ActionGeo_CountryCode"], shelling["ActionGeo_Type"]) == ("UP", "4")  # FIPS, world city
    assert shelling["ActionGeo_FullName"] == "Kharkiv, Ukraine" and shelling["ActionGeo_Lat"] == "49.99"
    assert shelling["IsRootEvent"] == "1" and shelling["SOURCEURL"] == "https://example.org/north"
    assert len(shelling["DATEADDED"]) == 14 and shelling["DATEADDED"].isdigit()  # when it was stored


def test_gdelt_leaves_unlocated_events_without_geo(store: Store) -> None:
    row = gdelt_rows(store, EventFilter(doc_id="north"))[global_event_id("north:e2")]
    assert row["ActionGeo_Type"] == "" and row["ActionGeo_CountryCode"] == ""


@pytest.mark.parametrize(("iso3", "fips"), [("UKR", "UP"), ("DEU", "GM"), ("GBR", "UK"), ("MLI", "ML"),
                                            ("NER", "NG"), ("NGA", "NI"), ("ESP", "SP")])
def test_fips_codes_are_the_ones_gdelt_uses(iso3: str, fips: str) -> None:
    assert load_countries()[iso3].fips == fips


def test_acled_columns_and_categories(store: Store) -> None:
    rows = {r["event_id"]: r for r in csv.DictReader(io.StringIO(export(store, "acled").decode()))}
    assert set(ISSUE_ACLED) <= set(ACLED_COLUMNS) and list(next(iter(rows.values())))[:31] == list(ACLED_COLUMNS)
    shelling = rows["north:e1"]
    assert (shelling["event_type"], shelling["sub_event_type"]) == \
        ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert shelling["civilian_targeting"] == "Civilian targeting" and shelling["event_id_cnty"].startswith("UKR")
    assert (shelling["country"], shelling["iso"], shelling["admin1"], shelling["location"]) == \
        ("Ukraine", "804", "Kharkiv", "Kharkiv")
    assert (shelling["geo_precision"], shelling["time_precision"], shelling["source"]) == \
        ("1", "1", "Shelling near Kharkiv")
    assert shelling["notes"].startswith("[reported by regional governor] Borduria's army shelled")
    assert rows["south:e1"]["sub_event_type"] == "Agreement"
    assert rows["north:e3"]["sub_event_type"] == "Protest with intervention"  # police arresting protesters
    assert "south:e2" not in rows and "north:e2" not in rows  # praise is not an ACLED event; speculation not fact


def test_every_plover_type_has_an_acled_rule() -> None:
    from eventscope.export.acled import acled_category
    from eventscope.records import PLOVER_TYPES

    coded = {t for t in PLOVER_TYPES if acled_category({"type": t, "evidence": {"sentence": ""}}).coded}
    assert coded == {"AGREE", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT", "RETREAT"}


def test_geojson_points_match_the_locations(store: Store) -> None:
    collection = json.loads(export(store, "geojson", options=ALL))
    located = {e["event_id"]: e["location"] for e in store.events() if e["location"] and e["location"]["lat"]}
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == len(located)
    for feature in collection["features"]:
        loc = located[feature["id"]]
        assert feature["geometry"] == {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}
    assert {f["id"] for f in collection["features"]} >= {"north:e1", "north:e3", "south:e1"}


def test_graphml_is_read_back_by_networkx(store: Store) -> None:
    graph = nx.read_graphml(io.BytesIO(export(store, "graphml")), force_multigraph=True)
    assert graph.nodes["mali|MLI"]["name"] == "Mali"
    edges = {(s, t, k): d for s, t, k, d in graph.edges(keys=True, data=True)}
    assert edges[("mali|MLI", "united nations|", "event")]["types"] == "AGREE:1"
    assert edges[("niger minister|NER", "niger|NER", "relation")]["weight"] == 1


def test_clusters_export_carries_counts(store: Store) -> None:
    records = [json.loads(line) for line in export(store, "jsonl", clusters=True).decode().splitlines()]
    assert records and all(r["n_mentions"] >= 1 and "cluster_id" in r for r in records)


def test_export_command_writes_each_format_with_filters(store: Store, tmp_path: Path) -> None:
    runner = CliRunner()
    for fmt in EXPORT_FORMATS:
        out = tmp_path / f"events{EXPORT_FORMATS[fmt].suffix}"
        result = runner.invoke(build_app(), ["export", "--db", store.path, "--format", fmt, "--out", str(out),
                                             "--type", "ASSAULT"])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    rows = (tmp_path / "events.export.tsv").read_text().splitlines()
    assert rows and all(r.split("\t")[26].startswith("1") for r in rows)  # ASSAULT is CAMEO 18-20


def test_export_command_errors(store: Store, tmp_path: Path) -> None:
    runner = CliRunner()
    bad = CliRunner(env={"COLUMNS": "300"}).invoke(build_app(), ["export", "--db", store.path, "--format", "xlsx"])
    assert bad.exit_code == 2 and "'xlsx' is not one of" in bad.output
    missing = runner.invoke(build_app(), ["export", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no store here" in missing.output


def test_an_event_near_a_town_is_acled_precision_2(analyze) -> None:
    from eventscope.export.acled import acled_row

    events = analyze("Gunmen attacked an army convoy near Gao on Monday, killing four soldiers.").events
    near = [e.to_dict() for e in events if e.location is not None and e.location.precision == "admin2"]
    assert near and str(acled_row(near[0])["geo_precision"]) == "2"
