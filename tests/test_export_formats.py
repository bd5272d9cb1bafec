"""GDELT and ACLED exports an analyst can load beside the real data, and CSV that round-trips (issue 18).

Hand-built stores (sentences written for these tests) fix what each column must hold; the ACLED sub-event
types are also checked end to end, through the pipeline, from one sentence each.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest
from typer.testing import CliRunner

from eventscope import Actor, Analysis, Article, Attribution, Event, Evidence, Place, PlaceMention, TimeSpan
from eventscope.cli import build_app
from eventscope.export import ExportOptions, export_events
from eventscope.export.acled import ACLED_COLUMNS, OWN_COLUMNS, acled_category
from eventscope.export.codes import acled_categories, goldstein, goldstein_scale, quad_class
from eventscope.export.gdelt import (GDELT_COLUMNS, actor_code, actor_place, global_event_id, place_geo,
                                     split_actor_code)
from eventscope.export.records import FLAT_COLUMNS, CsvStyle, flatten, unescape
from eventscope.store import EventFilter, Store

# GDELT 2.0 event table as GDELT publishes it ("Column Labels Header Row, Sep 2016": name and BigQuery type).
_GEO_TYPES = ("INTEGER", "STRING", "STRING", "STRING", "STRING", "FLOAT", "FLOAT", "STRING")
_ACTOR_TYPES = ("STRING",) * 10
GDELT_PUBLISHED: tuple[tuple[str, str], ...] = tuple(zip(GDELT_COLUMNS, (
    "INTEGER", "INTEGER", "INTEGER", "INTEGER", "FLOAT", *_ACTOR_TYPES, *_ACTOR_TYPES,
    "INTEGER", "STRING", "STRING", "STRING", "INTEGER", "FLOAT", "INTEGER", "INTEGER", "INTEGER", "FLOAT",
    *_GEO_TYPES, *_GEO_TYPES, *_GEO_TYPES, "INTEGER", "STRING")))
_ARROW = {"INTEGER": pa.int64(), "FLOAT": pa.float64(), "STRING": pa.string()}

GAZA = Place(text="Gaza", name="Gaza", country="PSE", admin1="Gaza Strip", lat=31.5, lon=34.47, geonameid=281133)
MENAKA = Place(text="Ménaka", name="Ménaka", country="MLI", admin1="Menaka", lat=15.92, lon=2.4, geonameid=2453348)
DOC_A = ("Soldiers of Borduria fired on a crowd in Gaza on Monday; no one was hurt, medics said. "
         "Syldavia did not cooperate with the inquiry. The council urged\ncalm in Ménaka.")
DOC_B = "Borduria's soldiers fired on a crowd in Gaza on Monday, witnesses said."


def _actor(doc: str, text: str, name: str, **kw) -> Actor:
    start = doc.index(text)
    return Actor(text=text, name=name, start=start, end=start + len(text), **kw)


def _event(doc_id: str, doc: str, n: int, sentence: str, trigger: str, type_: str, cameo: str, source: Actor,
           target: Actor | None, place: Place | None, **kw) -> Event:
    start = doc.index(sentence)
    t = doc.index(trigger, start)
    day = date(2024, 3, 4)
    return Event(doc_id=doc_id, event_id=f"{doc_id}:e{n}", type=type_, mode=kw.pop("mode", None), cameo=cameo,
                 source=source, target=target, date=TimeSpan(text="Monday", start=day, end=day), location=place,
                 modality=kw.pop("modality", "asserted"), attribution=kw.pop("attribution", None),
                 evidence=Evidence(sentence=sentence, start=start, end=start + len(sentence), trigger=trigger,
                                   trigger_start=t, trigger_end=t + len(trigger)),
                 confidence=0.8, sentence_index=n - 1, **kw)


def _mentions(doc: str, *places: Place) -> tuple[PlaceMention, ...]:
    return tuple(PlaceMention(text=p.text, start=doc.index(p.text), end=doc.index(p.text) + len(p.text), place=p)
                 for p in places)


def _docs() -> list[Analysis]:
    a1 = DOC_A[:DOC_A.index("; no one") + len("; no one was hurt, medics said.")]
    bdr = _actor(DOC_A, "Soldiers of Borduria", "Borduria army", country="BDR", sector="MIL", kind="group")
    crowd = _actor(DOC_A, "a crowd", "crowd", country="PSE", sector="CVL", kind="group")
    syl = _actor(DOC_A, "Syldavia", "Syldavia", id="SYL", country="SYL", kind="country")
    council = _actor(DOC_A, "The council", "UN Security Council", id="IGOUNO", country="MLI", sector="IGO",
                     kind="organization")
    medics = _actor(DOC_A, "medics", "medics", sector="HLH", kind="group")
    a = Analysis(article=Article(doc_id="a", date=date(2024, 3, 5), text=DOC_A, url="https://example.org/a",
                                 source="Example Wire"), places=_mentions(DOC_A, GAZA, MENAKA), events=(
        _event("a", DOC_A, 1, a1, "fired", "ASSAULT", "190", bdr, crowd, GAZA, mode="firearms", fatalities=0,
               modality="reported", attribution=Attribution(source=medics, cue="said")),
        _event("a", DOC_A, 2, "Syldavia did not cooperate with the inquiry.", "cooperate", "COOPERATE", "060",
               syl, None, None, modality="negated"),
        _event("a", DOC_A, 3, "The council urged\ncalm in Ménaka.", "urged", "REQUEST", "1041", council, None,
               MENAKA),
    ))
    b_src = _actor(DOC_B, "Borduria's soldiers", "Borduria army", country="BDR", sector="MIL", kind="group")
    b_tgt = _actor(DOC_B, "a crowd", "crowd", country="PSE", sector="CVL", kind="group")
    b = Analysis(article=Article(doc_id="b", date=date(2024, 3, 5), text=DOC_B, source="Other Daily"),
                 places=_mentions(DOC_B, GAZA), events=(
        _event("b", DOC_B, 1, DOC_B, "fired", "ASSAULT", "190", b_src, b_tgt, GAZA, mode="firearms"),))
    return [a, b]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    path = tmp_path_factory.mktemp("formats") / "formats.duckdb"
    with Store(path) as s:
        for analysis in _docs():
            s.write(analysis)
    with Store(path, read_only=True) as s:
        yield s


def export(store: Store, fmt: str, flt: EventFilter | None = None, **kw) -> str:
    buffer = io.BytesIO()
    export_events(store, fmt, buffer, flt, **kw)
    return buffer.getvalue().decode("utf-8")


# -- GDELT ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("code", "quad"), [
    ("010", 1), ("020", 1), ("036", 1), ("042", 1), ("057", 1), ("061", 2), ("071", 2), ("084", 2), ("090", 2),
    ("100", 3), ("112", 3), ("120", 3), ("130", 3), ("141", 3), ("150", 4), ("163", 4), ("173", 4), ("183", 4),
    ("190", 4), ("200", 4)])
def test_quad_class_follows_the_cameo_root(code: str, quad: int) -> None:
    assert quad_class(code) == quad


def test_goldstein_from_gdelts_lookup_with_parent_fallback() -> None:
    assert goldstein("0874") == 10.0 and goldstein("087") == 9.0  # a 4-digit code has its own score
    assert "1839" not in goldstein_scale() and goldstein("1839") == goldstein("183") == -10.0  # parent, not root
    assert goldstein(None) is None and len(goldstein_scale()) == 311


def test_gdelt_file_reads_with_gdelts_column_list_and_types(store: Store) -> None:
    text = export(store, "gdelt", options=ExportOptions(modalities=None))
    table = pacsv.read_csv(io.BytesIO(text.encode()), read_options=pacsv.ReadOptions(
        column_names=[c for c, _ in GDELT_PUBLISHED]), parse_options=pacsv.ParseOptions(delimiter="\t"),
        convert_options=pacsv.ConvertOptions(column_types={c: _ARROW[t] for c, t in GDELT_PUBLISHED},
                                             strings_can_be_null=True))
    assert table.num_rows == 4 and table.num_columns == 61
    for column, kind in GDELT_PUBLISHED:
        assert table.schema.field(column).type == _ARROW[kind], column
    rows = {r["GLOBALEVENTID"]: r for r in table.to_pylist()}
    assert all(r["GoldsteinScale"] is not None for r in rows.values() if r["EventCode"])
    assert all(-100 <= r["AvgTone"] <= 100 for r in rows.values())


def _gdelt(store: Store, **kw) -> dict[int, dict[str, str]]:
    lines = export(store, "gdelt", **kw).splitlines()
    assert all(len(line.split("\t")) == 61 for line in lines)
    return {int(r["GLOBALEVENTID"]): r for r in (dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in lines)}


def test_gdelt_counts_come_from_the_cluster_and_geo_is_filled(store: Store) -> None:
    rows = _gdelt(store)
    shot = rows[global_event_id("a:e1")]
    assert (shot["NumMentions"], shot["NumArticles"], shot["NumSources"]) == ("2", "2", "2")
    assert (shot["QuadClass"], shot["GoldsteinScale"], shot["EventRootCode"]) == ("4", "-10.0", "19")
    assert (shot["ActionGeo_Type"], shot["ActionGeo_CountryCode"], shot["ActionGeo_ADM1Code"]) == ("4", "GZ", "GZ")
    assert shot["ActionGeo_FullName"] == "Gaza, Gaza Strip, Palestinian Territory"
    assert shot["ActionGeo_FeatureID"] == "281133" and float(shot["ActionGeo_Lat"]) == 31.5
    assert (shot["Actor1Code"], shot["Actor1CountryCode"], shot["Actor1Type1Code"]) == ("BDRMIL", "BDR", "MIL")
    assert (shot["Actor2Geo_Type"], shot["Actor2Geo_CountryCode"]) == ("4", "GZ")  # the crowd is PSE: Gaza
    assert shot["Actor1Geo_Type"] == ""  # Borduria is no country GDELT knows
    assert float(shot["AvgTone"]) < 0 and shot["SOURCEURL"] == "https://example.org/a"
    assert len(shot["DATEADDED"]) == 14


@pytest.mark.parametrize(("actor", "code", "parts"), [
    ({"id": "IGOUNO", "country": "SOM", "sector": "IGO"}, "IGOUNO",
     {"CountryCode": "", "KnownGroupCode": "UNO", "Type1Code": "IGO"}),
    ({"id": "IGOEUREEC", "country": "UKR", "sector": "IGO"}, "IGOEUREEC",
     {"CountryCode": "EUR", "KnownGroupCode": "EEC", "Type1Code": "IGO"}),
    ({"id": "IGOUNODEVWBK", "sector": "IGO"}, "IGOUNODEVWBK",
     {"KnownGroupCode": "UNO", "Type1Code": "IGO", "Type2Code": "DEV"}),
    ({"id": None, "country": "TCD", "sector": "GOV", "kind": "person"}, "TCDGOV",
     {"CountryCode": "TCD", "Type1Code": "GOV"}),
    ({"id": "ROU", "country": "ROU", "sector": "GOV"}, "ROMGOV", {"CountryCode": "ROM", "Type1Code": "GOV"}),
    ({"id": None, "country": "UKR", "sector": "IGO"}, "IGO", {"CountryCode": "", "Type1Code": "IGO"}),
    ({"id": None, "country": "USA", "sector": "NGO"}, "NGOUSA", {"CountryCode": "USA", "Type1Code": "NGO"}),
    ({"id": "IMGMUSALQ", "sector": "REB"}, "IMGMUSALQ",
     {"Religion1Code": "MUS", "KnownGroupCode": "ALQ", "Type1Code": "IMG"}),
])
def test_gdelt_actor_codes_keep_the_dictionary_code(actor: dict, code: str, parts: dict) -> None:
    assert actor_code(actor) == code
    split = split_actor_code(code)
    assert {k: split[k] for k in parts} == parts


def test_actor_place_rules() -> None:
    record = {"evidence": {"start": 0, "end": 60}}
    kyiv = {"start_char": 0, "end_char": 4, "name": "Kyiv", "country": "UKR", "precision": "city"}
    lviv = {"start_char": 40, "end_char": 44, "name": "Lviv", "country": "UKR", "precision": "city"}
    metonym = {"name": "Ukraine government", "country": "UKR", "sector": "GOV", "start": 0, "end": 4}
    police = {"name": "police", "country": "UKR", "sector": "COP", "start": 20, "end": 26}
    assert actor_place(metonym, record, [kyiv, lviv]) is kyiv  # its own words name the place
    assert actor_place(police, record, [kyiv, lviv]) is lviv  # nearest place of its country
    assert actor_place({**police, "country": "POL"}, record, [kyiv, lviv])["precision"] == "country"


@pytest.mark.parametrize(("place", "expected"), [
    ({"name": "Ramallah", "country": "PSE", "admin1": "West Bank", "precision": "city", "geonameid": 282239},
     (4, "WE", "WE", "282239")),
    ({"name": "Kharkiv", "country": "UKR", "admin1": "Kharkiv", "precision": "city", "geonameid": 706483},
     (4, "UP", "UP07", "706483")),
    ({"name": "Houston", "country": "USA", "admin1": "Texas", "precision": "city", "geonameid": 4699066},
     (3, "US", "USTX", "4699066")),
    ({"name": "Texas", "country": "USA", "admin1": "Texas", "precision": "admin1"}, (2, "US", "USTX", "USTX")),
    ({"name": "Ukraine", "country": "UKR", "precision": "country"}, (1, "UP", "UP", "UP")),
])
def test_gdelt_geo_uses_fips_codes(place: dict, expected: tuple) -> None:
    geo = place_geo(place)
    assert (geo[0], geo[2], geo[3], str(geo[7])) == expected


# -- modality --------------------------------------------------------------------------------------
def test_negated_event_only_with_modality_negated(store: Store, tmp_path: Path) -> None:
    default = [json.loads(line)["event_id"] for line in export(store, "jsonl").splitlines()]
    assert "a:e2" not in default and {"a:e1", "b:e1"} <= set(default)
    assert global_event_id("a:e2") not in _gdelt(store)
    runner = CliRunner()
    for args, present in (([], False), (["--modality", "negated"], True), (["--modality", "all"], True)):
        out = tmp_path / f"neg{len(args)}.export.tsv"
        result = runner.invoke(build_app(), ["export", "--db", store.path, "-f", "gdelt", "-o", str(out), *args])
        assert result.exit_code == 0, result.output
        ids = {int(line.split("\t")[0]) for line in out.read_text().splitlines()}
        assert (global_event_id("a:e2") in ids) is present
    bad = runner.invoke(build_app(), ["export", "--db", store.path, "--modality", "maybe"])
    assert bad.exit_code == 2


# -- CSV -----------------------------------------------------------------------------------------
def _as_text(value: object) -> str:
    return "" if value is None else str(value)


@pytest.mark.parametrize("excel", [False, True])
def test_csv_round_trips_with_csv_and_pandas(store: Store, excel: bool) -> None:
    raw = export(store, "csv", options=ExportOptions(modalities=None, csv=CsvStyle(excel=excel)))
    records = [json.loads(line) for line in export(store, "jsonl", options=ExportOptions(modalities=None)).splitlines()]
    expected = [{c: _as_text(v) for c, v in flatten(r).items()} for r in records]
    assert raw.startswith("\ufeff") is excel and ("\r\n" in raw) is excel
    body = raw.lstrip("\ufeff")
    assert len(body.splitlines()) == len(records) + 1  # no raw line break inside a cell
    names = [c.replace(".", "_") if excel else c for c in FLAT_COLUMNS]
    rows = list(csv.DictReader(io.StringIO(body, newline="")))
    assert list(rows[0]) == names
    assert [{c: unescape(r[n]) for c, n in zip(FLAT_COLUMNS, names)} for r in rows] == expected
    assert any("\n" in e["evidence.sentence"] for e in expected) and any("Ménaka" in e["location.name"]
                                                                         for e in expected)
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(io.BytesIO(raw.encode("utf-8")), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(frame.columns) == names
    assert [{c: unescape(r[n]) for c, n in zip(FLAT_COLUMNS, names)} for r in frame.to_dict("records")] == expected


def test_failed_export_leaves_no_file(store: Store, tmp_path: Path, monkeypatch) -> None:
    from eventscope.cli import exportcmd

    def broken(store, fmt, stream, *args, **kw) -> int:
        stream.write(b"half a row")
        raise RuntimeError("disk full")

    monkeypatch.setattr(exportcmd, "export_events", broken)
    out = tmp_path / "x" / "events.csv"
    result = CliRunner().invoke(build_app(), ["export", "--db", store.path, "-f", "csv", "-o", str(out)])
    assert result.exit_code != 0 and not out.exists() and list(out.parent.iterdir()) == []


# -- ACLED ---------------------------------------------------------------------------------------
def _acled(store: Store, **kw) -> dict[str, dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(export(store, "acled", **kw))))
    return {r["event_id"]: r for r in rows}


def test_acled_has_its_31_columns_in_order_then_ours(store: Store) -> None:
    header = export(store, "acled").splitlines()[0].split(",")
    assert len(ACLED_COLUMNS) == 31 and header == [*ACLED_COLUMNS, *OWN_COLUMNS]
    assert header[:3] == ["event_id_cnty", "event_date", "year"] and header[30] == "timestamp"
    excel = export(store, "acled", options=ExportOptions(csv=CsvStyle(excel=True)))
    assert excel.startswith("\ufeffevent_id_cnty,") and excel.endswith("\r\n")


def test_acled_row_fields(store: Store) -> None:
    rows = _acled(store)
    shot = rows["a:e1"]
    assert (shot["event_type"], shot["sub_event_type"], shot["disorder_type"]) == \
        ("Violence against civilians", "Attack", "Political violence")
    assert (shot["inter1"], shot["inter2"], shot["interaction"]) == ("8", "7", "78")  # foreign forces, civilians
    assert shot["civilian_targeting"] == "Civilian targeting" and shot["fatalities"] == "0"
    assert (shot["region"], shot["country"], shot["iso"], shot["admin1"]) == \
        ("Middle East", "Palestinian Territory", "275", "Gaza Strip")
    assert shot["event_id_cnty"] == f"PSE{global_event_id('a:e1')}" and shot["timestamp"].isdigit()
    assert shot["modality"] == "reported" and shot["notes"].startswith("[reported by medics]")
    assert rows["b:e1"]["fatalities"] == ""  # the text does not say


def test_acled_leaves_out_statements_unless_all(store: Store) -> None:
    assert "a:e3" not in _acled(store)
    everything = _acled(store, options=ExportOptions(modalities=None, acled_all=True))
    assert everything["a:e3"]["event_type"] == "" and everything["a:e3"]["plover_type"] == "REQUEST"
    assert everything["a:e3"]["region"] == "Western Africa" and all("fatalities" in r for r in everything.values())


# One sentence per ACLED sub-event type, written for this test; each goes through the whole pipeline.
SUB_EVENT_SENTENCES = {
    "Armed clash": "Government troops clashed with rebels of the Northern Front near Goma on Monday.",
    "Government regains territory": "Government forces seized control of Kidal from the rebels on Tuesday.",
    "Non-state actor overtakes territory": "Rebels captured the town of Bunia after fighting with soldiers on Monday.",
    "Chemical weapon": "Government forces attacked the village of Douma with chlorine gas on Saturday.",
    "Air/drone strike": "Warplanes bombed a market in Saada on Monday, killing 12 people.",
    "Suicide bomb": "A suicide bomber attacked a police checkpoint in Kabul on Friday, killing three officers.",
    "Shelling/artillery/missile attack": "Russian forces shelled residential areas of Kharkiv on Tuesday.",
    "Remote explosive/landmine/IED": "A roadside bomb killed four soldiers near Gao on Sunday.",
    "Grenade": "Gunmen threw a grenade at a bar in Bujumbura on Saturday, wounding five people.",
    "Peaceful protest": "Thousands of teachers protested in Nairobi on Monday against pay cuts.",
    "Protest with intervention": "Police dispersed protesters with tear gas in Lagos on Monday.",
    "Excessive force against protesters": "Police shot dead three protesters in Khartoum on Thursday.",
    "Violent demonstration": "Rioters torched cars and looted shops in Dakar on Friday.",
    "Mob violence": "A mob attacked two men accused of theft in Kampala on Sunday.",
    "Agreement": "The government and the rebels agreed to a ceasefire on Wednesday.",
    "Arrests": "Police arrested the opposition leader in Harare on Tuesday.",
    "Change to group/activity": "The army deployed troops to the northern border on Monday.",
    "Disrupted weapons use": "Air defences shot down two drones over Kyiv on Monday.",
    "Headquarters or base established": "The militia deployed fighters and set up a base in the village of Tora on Sunday.",
    "Looting/property destruction": "Soldiers destroyed houses in the village of Kalma on Friday.",
    "Non-violent transfer of territory": "The army withdrew from the town of Tessalit on Saturday.",
    "Other": "The government imposed a curfew in Bamako on Monday.",
    "Sexual violence": "Soldiers raped women in the village of Minova on Sunday.",
    "Attack": "Gunmen killed five villagers in Zamfara on Sunday.",
    "Abduction/forced disappearance": "Gunmen abducted 20 students from a school in Kaduna on Thursday.",
}


def test_the_sentences_cover_all_25_sub_event_types() -> None:
    assert set(SUB_EVENT_SENTENCES) == {sub for _, sub in acled_categories()} and len(acled_categories()) == 25


@pytest.mark.parametrize("sub_event", list(SUB_EVENT_SENTENCES))
def test_acled_sub_event_type_end_to_end(analyze, sub_event: str) -> None:
    events = analyze(SUB_EVENT_SENTENCES[sub_event], "2024-03-06").events
    found = {acled_category(e.to_dict()).sub_event_type for e in events}
    assert sub_event in found, (SUB_EVENT_SENTENCES[sub_event], [(e.type, e.mode) for e in events])


def _record(type_: str, sentence: str, source: dict | None, target: dict | None = None, mode: str | None = None,
            place: str | None = None) -> dict:
    return {"type": type_, "mode": mode, "source": source, "target": target, "evidence": {"sentence": sentence},
            "location": {"country": place} if place else None}


MIL = {"name": "army", "country": "NGA", "sector": "MIL", "kind": "group"}
REB = {"name": "rebels", "country": "NGA", "sector": "REB", "kind": "group"}
CVL = {"name": "villagers", "country": "NGA", "sector": "CVL", "kind": "group"}
PROTESTERS = {"name": "protesters", "country": "NGA", "sector": "OPP", "kind": "group"}
# The same 25 categories from constructed records, so the mapping is tested whatever the NLP stages find.
CONSTRUCTED = {
    "Armed clash": _record("ASSAULT", "The army fought rebels.", MIL, REB),
    "Government regains territory": _record("ASSAULT", "The army recaptured the town.", MIL, REB),
    "Non-state actor overtakes territory": _record("ASSAULT", "Rebels overran the base.", REB, MIL),
    "Chemical weapon": _record("ASSAULT", "The army attacked the town.", MIL, CVL, mode="unconventional"),
    "Air/drone strike": _record("ASSAULT", "Jets hit the town.", MIL, CVL, mode="aerial"),
    "Suicide bomb": _record("ASSAULT", "A bomber struck.", REB, MIL, mode="suicide-attack"),
    "Shelling/artillery/missile attack": _record("ASSAULT", "The army hit the town.", MIL, REB, mode="heavy-weapons"),
    "Remote explosive/landmine/IED": _record("ASSAULT", "A landmine hit a truck.", None, MIL),
    "Grenade": _record("ASSAULT", "Rebels threw a grenade at soldiers.", REB, MIL),
    "Peaceful protest": _record("PROTEST", "Workers marched.", PROTESTERS, mode="demo"),
    "Protest with intervention": _record("COERCE", "Police broke up the march.", MIL, PROTESTERS),
    "Excessive force against protesters": _record("ASSAULT", "Soldiers fired on the march.", MIL, PROTESTERS),
    "Violent demonstration": _record("PROTEST", "Crowds burned tyres.", PROTESTERS, mode="riot"),
    "Mob violence": _record("ASSAULT", "A mob beat a man.", {"name": "mob", "kind": "group"}, CVL),
    "Agreement": _record("AGREE", "The sides agreed to talks.", MIL, REB),
    "Arrests": _record("COERCE", "Soldiers held a suspect.", MIL, CVL, mode="arrest"),
    "Change to group/activity": _record("MOBILIZE", "The army moved troops north.", MIL, mode="troops"),
    "Disrupted weapons use": _record("COERCE", "Soldiers defused a device.", MIL),
    "Headquarters or base established": _record("MOBILIZE", "Rebels set up a base in the hills.", REB),
    "Looting/property destruction": _record("ASSAULT", "Rebels burned houses.", REB, mode="destroy"),
    "Non-violent transfer of territory": _record("RETREAT", "The army left the town.", MIL, mode="withdraw"),
    "Other": _record("COERCE", "The army closed the roads.", MIL, mode="restrict"),
    "Sexual violence": _record("ASSAULT", "Soldiers assaulted women.", MIL, CVL, mode="sexual"),
    "Attack": _record("ASSAULT", "Gunmen killed farmers.", {"name": "gunmen", "kind": "group"}, CVL),
    "Abduction/forced disappearance": _record("ASSAULT", "Rebels took pupils.", REB, CVL, mode="abduct"),
}


@pytest.mark.parametrize("sub_event", list(CONSTRUCTED))
def test_acled_mapping_on_constructed_records(sub_event: str) -> None:
    assert acled_category(CONSTRUCTED[sub_event]).sub_event_type == sub_event


def test_acled_does_not_code_statements_or_meetings() -> None:
    for type_ in ("ACCUSE", "REQUEST", "CONSULT", "SUPPORT", "THREATEN", "SANCTION"):
        category = acled_category(_record(type_, "The minister condemned the attack.", MIL))
        assert not category.coded and category.event_type == ""
    assert acled_category(_record("ASSAULT", "Troops shelled the town.", MIL, CVL, place="CMR")).coded
    foreign = acled_category(_record("ASSAULT", "Troops fought.", MIL, REB, place="CMR"))
    assert foreign.sub_event_type == "Armed clash"
