"""The HTTP API over the demo corpus: every route, filter, error and the token rule (FastAPI TestClient)."""
from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import demo_corpus
from eventscope.api import create_app
from eventscope.api.app import is_loopback
from eventscope.cli import build_app


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, pipeline) -> Path:
    return demo_corpus.build(tmp_path_factory.mktemp("api") / "demo.duckdb", pipeline)


@pytest.fixture(scope="module")
def client(demo_db: Path, pipeline):
    with TestClient(create_app(demo_db, pipeline=pipeline)) as c:
        yield c


@pytest.fixture
def fresh_client(tmp_path: Path, pipeline):
    """A client over a store of its own, for the routes that write."""
    with TestClient(create_app(demo_corpus.build(tmp_path / "w.duckdb"), pipeline=pipeline,
                               max_body_bytes=20_000)) as c:
        yield c


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [e["event_id"] for e in response.json()["events"]]


def _names(e: dict) -> str:
    return " ".join(str(v) for a in (e["source"], e["target"]) if a for v in (a["name"], a["text"], a["country"]))


@pytest.mark.parametrize(("params", "expected", "holds"), [
    ({"type": "assault"}, "north:e1", lambda e: e["type"] == "ASSAULT"),
    ({"actor": "borduria"}, "north:e1", lambda e: "borduria" in _names(e).lower()),
    ({"country": "MLI"}, "south:e1", lambda e: "MLI" in (_names(e) + str((e["location"] or {}).get("country")))),
    ({"since": "2023-03-15", "until": "2023-03-16"}, "north:e3",
     lambda e: e["date"]["end"] >= "2023-03-15" and e["date"]["start"] <= "2023-03-16"),
    ({"modality": "speculated"}, "north:e2", lambda e: e["modality"] == "speculated"),
    ({"bbox": "30,45,40,55"}, "north:e1", lambda e: 30 <= e["location"]["lon"] <= 40 and 45 <= e["location"]["lat"] <= 55),
    ({"q": "shelled"}, "north:e1", lambda e: "shelled" in e["evidence"]["sentence"]),
    ({"doc_id": "south"}, "south:e2", lambda e: e["doc_id"] == "south"),
])
def test_event_filters_select_matching_events(client, params, expected, holds) -> None:
    events = client.get("/events", params=params).json()["events"]
    assert expected in [e["event_id"] for e in events]
    assert all(holds(e) for e in events)


def test_filters_narrow_the_result(client) -> None:
    everything = client.get("/events").json()["total"]
    assert client.get("/events", params={"type": "AGREE", "country": "MLI"}).json()["total"] < everything


def test_paging_and_sorting(client) -> None:
    total = client.get("/events").json()["total"]
    first, second = ids(client.get("/events?limit=2&offset=0")), ids(client.get("/events?limit=2&offset=2"))
    assert len(first) == 2 and not set(first) & set(second) and total >= 5
    starts = [e["date"]["start"] for e in client.get("/events?sort=-date&limit=1000").json()["events"] if e["date"]]
    assert starts == sorted(starts, reverse=True)
    conf = [e["confidence"] for e in client.get("/events?sort=confidence&limit=1000").json()["events"]]
    assert conf == sorted(conf)


def test_injection_attempts_are_just_values(client) -> None:
    before = client.get("/events").json()["total"]
    assert ids(client.get("/events", params={"actor": "'; DROP TABLE events; --", "q": "' OR 1=1 --"})) == []
    assert client.get("/events").json()["total"] == before


@pytest.mark.parametrize(("url", "status", "fragment"), [
    ("/events?type=BOMBING", 422, "not a PLOVER type"),
    ("/events?limit=0", 422, "query.limit"),
    ("/events?since=yesterday", 422, "query.since"),
    ("/events?bbox=1,2,3", 422, "min_lon,min_lat,max_lon,max_lat"),
    ("/events?modality=rumoured", 422, "query.modality"),
    ("/events?sort=random", 422, "query.sort"),
    ("/events/no-such-event", 404, "no event 'no-such-event'"),
    ("/actors/nobody%7CXXX", 404, "no actor 'nobody|XXX'"),
    ("/documents/missing", 404, "no document 'missing'"),
    ("/export?format=xlsx", 422, "query.format"),
    ("/nowhere", 404, "Not Found"),
])
def test_errors_are_json_with_a_message(client, url, status, fragment) -> None:
    response = client.get(url)
    assert response.status_code == status
    body = response.json()
    assert set(body) >= {"error", "message"} and fragment in body["message"]


def test_event_detail_has_evidence_mentions_and_actors(client) -> None:
    detail = client.get("/events/north:e1").json()
    event = detail["event"]
    text = client.get("/documents/north").json()["text"]
    assert text[event["evidence"]["start"]:event["evidence"]["end"]] == event["evidence"]["sentence"]
    assert detail["mentions"][0]["trigger"] == "shelled"
    assert {a["role"]: a["name"] for a in detail["actors"]} == {"source": "Borduria", "target": "villagers"}
    assert event["attribution"]["source"]["name"] == "regional governor"
    assert detail["document"]["title"] == "Shelling near Kharkiv"


def test_actors_list_counts_and_filters(client) -> None:
    actors = client.get("/actors", params={"limit": 1000}).json()["actors"]
    assert {"Borduria", "Mali", "Niger"} <= {a["name"] for a in actors}
    mali = client.get("/actors", params={"country": "MLI"}).json()["actors"]
    assert mali and all(a["n_events"] > 0 for a in mali)
    assert [a["name"] for a in client.get("/actors", params={"name": "syldavia p"}).json()["actors"]] == \
        ["Syldavia police"]


def test_actor_detail_has_events_and_relations(client) -> None:
    niger = client.get("/actors/niger%7CNER").json()
    assert [(e["event_id"], e["role"]) for e in niger["events"]] == [("south:e2", "source")]
    assert niger["relations"][0]["relation"] == "leads" and niger["relations"][0]["subject"] == "Niger minister"


def test_document_has_text_and_spans_to_highlight(client) -> None:
    doc = client.get("/documents/north").json()
    sentences = {s["event_id"]: s for s in doc["spans"] if s["kind"] == "sentence"}
    s = sentences["north:e1"]
    assert doc["text"][s["start"]:s["end"]].startswith("Borduria's army shelled")
    triggers = [doc["text"][t["start"]:t["end"]] for t in doc["spans"] if t["kind"] == "trigger"]
    assert "shelled" in triggers and "arrested" in triggers
    assert [e["event_id"] for e in doc["events"]] == ["north:e1", "north:e2", "north:e3"]


def test_timeline_network_and_facets(client) -> None:
    weeks = client.get("/timeline", params={"bucket": "week", "doc_id": "north"}).json()
    assert sum(w["n"] for w in weeks) == 3 and {w["quad_class"] for w in weeks} == {4}
    net = client.get("/network", params={"doc_id": "south"}).json()
    edges = {(e["source"], e["target"], e["kind"]): e for e in net["edges"]}
    assert edges[("mali|MLI", "united nations|", "event")]["types"] == {"AGREE": 1}
    assert ("niger minister|NER", "niger|NER", "relation") in edges
    facets = client.get("/facets").json()
    assert facets["types"]["ASSAULT"] >= 1 and facets["documents"] >= 2


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "parquet", "gdelt", "acled", "geojson", "graphml"])
def test_export_route_serves_every_format(client, fmt) -> None:
    response = client.get("/export", params={"format": fmt, "doc_id": "north"})
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment; filename=\"events.")
    if fmt == "gdelt":
        rows = response.text.splitlines()
        # exports hold asserted and reported events by default: north:e2 (speculated) is left out
        assert len(rows) == 2 and all(len(r.split("\t")) == 61 for r in rows)


def test_export_of_clusters_is_refused_for_graphml(client) -> None:
    response = client.get("/export", params={"format": "graphml", "clusters": "true"})
    assert response.status_code == 400 and "not graphml" in response.json()["message"]


def test_extract_returns_records_without_storing(fresh_client) -> None:
    before = fresh_client.get("/facets").json()["documents"]
    body = {"text": "Police arrested two journalists in Minsk on Friday.", "date": "2023-05-05", "doc_id": "x1"}
    response = fresh_client.post("/extract", json=body)
    assert response.status_code == 200
    assert response.json()["doc_id"] == "x1" and isinstance(response.json()["events"], list)
    assert all(e["doc_id"] == "x1" for e in response.json()["events"])
    assert fresh_client.get("/facets").json()["documents"] == before
    assert fresh_client.get("/documents/x1").status_code == 404


def test_extract_rejects_bad_bodies(fresh_client) -> None:
    assert fresh_client.post("/extract", json={"text": "", "date": "2023-05-05"}).status_code == 422
    bad_date = fresh_client.post("/extract", json={"text": "Hello.", "date": "5 May"})
    assert bad_date.status_code == 422 and "body.date" in bad_date.json()["message"]
    blank = fresh_client.post("/extract", json={"text": "   ", "date": "2023-05-05"})
    assert blank.status_code == 422 and "no text" in blank.json()["message"]


def test_post_document_stores_it_once(fresh_client) -> None:
    body = {"text": "Protesters marched in Nairobi on Monday.", "date": "2023-07-03", "doc_id": "nairobi",
            "title": "March"}
    first = fresh_client.post("/documents", json=body)
    assert first.status_code == 201 and first.json()["stored"] is True
    assert fresh_client.get("/documents/nairobi").json()["title"] == "March"
    again = fresh_client.post("/documents", json=body)
    assert again.json() == {"doc_id": "nairobi", "stored": False, "unchanged": True, "events": 0}
    assert fresh_client.post("/documents", json={**body, "doc_id": None}).json()["doc_id"].startswith("doc-")


def test_bodies_over_the_limit_are_refused(fresh_client) -> None:
    response = fresh_client.post("/documents", json={"text": "x" * 30_000, "date": "2023-07-03"})
    assert response.status_code == 413
    assert response.json() == {"error": "too_large", "message": "request body is larger than the limit of 20,000 bytes"}


def test_openapi_docs_list_every_route(client) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/events", "/events/{event_id}", "/actors", "/actors/{actor_id}", "/documents/{doc_id}", "/extract",
            "/documents", "/export", "/timeline", "/network", "/facets"} <= set(paths)


def test_page_and_assets_are_served_with_a_strict_policy(client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/ui/app.js").status_code == 200
    assert client.get("/ui/vendor/leaflet/leaflet.js").status_code == 200


def test_token_is_checked_on_every_route(demo_db: Path, tmp_path: Path) -> None:
    with TestClient(create_app(demo_corpus.build(tmp_path / "t.duckdb"), token="s3cret")) as c:
        for url in ("/events", "/actors", "/docs", "/openapi.json", "/", "/ui/app.js", "/export?format=csv"):
            response = c.get(url)
            assert response.status_code == 401 and response.json()["error"] == "unauthorized", url
        assert c.get("/events", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/events", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        assert c.get("/events?token=s3cret").status_code == 200
        assert c.post("/extract", json={"text": "x", "date": "2023-01-01"}).status_code == 401
        page = c.get("/?token=s3cret")  # the page sets a cookie so its scripts and styles load
        assert page.status_code == 200 and c.get("/ui/app.js").status_code == 200


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                                ("127.8.0.1", True), ("0.0.0.0", False), ("192.0.2.1", False),
                                                ("example.org", False)])
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serve_refuses_a_public_host_without_a_token(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("EVENTSCOPE_TOKEN", raising=False)
    result = CliRunner().invoke(build_app(), ["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 2 and "without a token: set EVENTSCOPE_TOKEN" in result.output
