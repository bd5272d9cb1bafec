"""The web page in a real headless Chromium (Debian's package, driven by Playwright): the demo corpus
loads; the counts chart, map, network, list and evidence render and follow the filters; the basemap never
crosses the dateline; the network shows only actors of shown events; /docs works offline.
Screenshots go to artifacts/. The first tests check the data the page reads, without a browser."""
from __future__ import annotations

import json
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

import demo_corpus
from eventscope.api import create_app
from eventscope.store import EventFilter, Store, reads

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from split_dateline import crosses, split_ring  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
BASEMAP = Path(__file__).resolve().parents[1] / "src/eventscope/ui/vendor/world-atlas/countries-110m.geojson"
in_browser = [pytest.mark.browser, pytest.mark.slow]


def test_no_basemap_ring_crosses_the_dateline() -> None:
    for feature in json.loads(BASEMAP.read_text("utf-8"))["features"]:
        geom = feature["geometry"]
        for polygon in [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]:
            for ring in polygon:
                assert not crosses(ring), feature["properties"]["name"]
                assert all(-180 <= lon <= 180 for lon, _ in ring)


def test_a_ring_across_the_dateline_is_split_in_two() -> None:
    ring = [[170, 0], [-170, 0], [-170, 10], [170, 10], [170, 0]]
    parts = split_ring(ring)
    assert len(parts) == 2 and not any(crosses(p) for p in parts)
    assert sorted(min(x for x, _ in p) for p in parts) == [-180, 170]


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, pipeline):
    path = demo_corpus.build(tmp_path_factory.mktemp("views") / "demo.duckdb", pipeline)
    with Store(path, read_only=True) as store:
        yield store


@pytest.mark.parametrize("bucket", ["day", "week", "month"])
def test_timeline_rows_sum_to_the_filtered_count(demo_store, bucket) -> None:
    for flt in (EventFilter(), EventFilter(type="ASSAULT"), EventFilter(doc_id="north")):
        rows = reads.timeline(demo_store, flt, bucket)
        assert sum(r["n"] for r in rows) == reads.counts(demo_store, flt)["events"]
        assert all(r["fatalities"] >= 0 for r in rows)
    # a guessed window never poses as a dated count
    vague = [e for e in demo_store.events() if e["date"] and e["date"]["precision"] == "unknown"]
    undated = sum(r["n"] for r in reads.timeline(demo_store, EventFilter(), bucket) if r["period"] is None)
    assert undated >= len(vague)


def test_network_nodes_are_actors_of_the_selected_events(demo_store) -> None:
    events = demo_store.events()
    named = {(a or {}).get("name") for e in events for a in (e.get("source"), e.get("target"))}
    net = reads.network(demo_store, EventFilter(), event_actors=True)
    assert net["nodes"] and {n["name"] for n in net["nodes"]} <= named
    assert all(reads.is_actor(n) for n in net["nodes"])
    assert all(e["quad_class"] in (0, 1, 2, 3, 4) for e in net["edges"] if e["kind"] == "event")


def test_things_and_places_are_not_actors() -> None:
    assert not reads.is_actor({"name": "live ammunition", "kind": None})
    assert not reads.is_actor({"name": "Gao", "kind": "person", "country": None, "sector": None})
    assert reads.is_actor({"name": "Police", "kind": "group", "country": None, "sector": "COP"})
    assert reads.is_actor({"name": "Mali", "kind": "country", "country": "MLI", "sector": None})


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipeline):
    """uvicorn on 127.0.0.1 (free port, in a thread) over the demo corpus."""
    uvicorn = pytest.importorskip("uvicorn")
    app = create_app(demo_corpus.build(tmp_path_factory.mktemp("ui") / "demo.duckdb", pipeline))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{srv.config.port}/"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("no Chromium at /usr/bin/chromium: run scripts/install-browser.sh (Debian chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed "
                                   "(scripts/install-browser.sh installs the pinned version)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server)
    page.wait_for_selector("body[data-ready]")
    yield page
    page.close()
    assert not errors, errors


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def counts(page) -> dict[str, int]:
    data = page.evaluate("({...document.body.dataset})")
    return {k: int(v) for k, v in data.items()}


def refreshed(page, action) -> None:
    """Run an action that changes the filters and wait until every view has redrawn."""
    before = page.evaluate("document.body.dataset.ready")
    action()
    page.wait_for_function("(b) => document.body.dataset.ready !== b", arg=before)


def bar_total(page) -> int:
    return page.evaluate("[...document.querySelectorAll('#timeline rect.count-bar')]"
                         ".reduce((a, r) => a + Number(r.dataset.n), 0)")


def shown_actor_names(page) -> set[str]:
    """Names of the sources and targets of the events the page shows (read from the API as the page does)."""
    events = page.evaluate("""async () => {
        const f = Object.fromEntries([...new FormData(document.getElementById('filters'))].filter(([, v]) => v));
        const r = await fetch('events?' + new URLSearchParams({...f, limit: 5000}));
        return (await r.json()).events; }""")
    return {a["name"] for e in events for a in (e.get("source"), e.get("target")) if a}


@pytest.mark.browser
@pytest.mark.slow
def test_views_render_the_demo_corpus(page) -> None:
    n = counts(page)
    assert n["events"] >= 5 and n["markers"] >= 3 and n["nodes"] >= 8
    assert bar_total(page) == n["bars"] == n["events"]
    assert page.locator(".leaflet-overlay-pane path").count() > 100  # the offline basemap and the markers
    assert page.locator("#network circle.net-node").count() == n["nodes"]
    assert page.locator("#network line.net-edge[marker-end]").count() >= 4
    assert page.locator("#timeline rect.q4").count() >= 1 and page.locator("#timeline rect.q1").count() >= 1
    assert page.locator(".leaflet-marker-pane .place-label").count() >= 2
    assert n["documents"] >= 2 and "documents" in page.inner_text("#status")
    shot(page, "ui-overview.png")


@pytest.mark.browser
@pytest.mark.slow
def test_the_basemap_has_no_polygon_across_the_dateline(page) -> None:
    assert page.evaluate("document.body.dataset.datelineCrossings") == "0"


@pytest.mark.browser
@pytest.mark.slow
def test_network_nodes_are_actors_of_shown_events(page) -> None:
    for step in range(2):
        if step:
            refreshed(page, lambda: page.select_option("select[name=type]", "ASSAULT"))
        names = set(page.locator("#network circle.net-node").evaluate_all("ns => ns.map((n) => n.dataset.name)"))
        assert names and names <= shown_actor_names(page)


@pytest.mark.browser
@pytest.mark.slow
def test_a_filter_changes_every_view(page) -> None:
    page.click('#event-list li[data-event-id="south:e1"]')
    page.wait_for_selector('#evidence[data-event-id="south:e1"]')
    before = counts(page)
    refreshed(page, lambda: page.select_option("select[name=type]", "ASSAULT"))
    after = counts(page)
    assert after["events"] < before["events"] and bar_total(page) == after["events"]
    assert after["markers"] < before["markers"] and after["nodes"] < before["nodes"]
    assert after["documents"] < before["documents"]
    assert all(t.startswith("ASSAULT") for t in page.locator("#event-list li").all_inner_texts())
    assert page.locator("#evidence[data-event-id]").count() == 0  # south:e1 is not an assault
    assert "outside the current filters" in page.inner_text("#evidence")
    shot(page, "ui-filtered.png")
    refreshed(page, lambda: page.fill("input[name=q]", "no such words anywhere"))
    assert counts(page)["events"] == 0 and bar_total(page) == 0
    assert page.is_visible(".map-empty") and "0 events match" in page.inner_text("#event-list")
    assert "No actors match" in page.text_content("#network")
    refreshed(page, lambda: page.click("#reset"))
    assert counts(page)["events"] == before["events"]


@pytest.mark.browser
@pytest.mark.slow
def test_clicking_an_event_shows_its_evidence(page) -> None:
    page.click('#event-list li[data-event-id="north:e1"]')
    page.wait_for_selector('#evidence[data-event-id="north:e1"]')
    assert page.inner_text("#evidence mark.evidence") == \
        "Borduria's army shelled border villages near Kharkiv on Tuesday, the regional governor said."
    assert page.inner_text("#evidence mark.trigger") == "shelled"
    assert page.inner_text("#evidence-modality") == "reported"
    assert "according to the regional governor (“said”)" in page.inner_text("#evidence dl")
    shot(page, "ui-evidence.png")


@pytest.mark.browser
@pytest.mark.slow
def test_map_marker_and_list_open_evidence_and_text_is_never_html(page) -> None:
    refreshed(page, lambda: page.fill("input[name=country]", "UKR"))
    page.dispatch_event('path.event-marker[data-event-id="north:e3"]', "click")
    page.wait_for_selector('#evidence[data-event-id="north:e3"]')
    article = page.inner_text("#article-text")
    assert "arrested <b>forty</b> protesters" in article
    assert page.locator("#article-text b").count() == 0
    refreshed(page, lambda: page.click("#reset"))
    page.click('#event-list li[data-event-id="south:e1"]')
    page.wait_for_selector('#evidence[data-event-id="south:e1"]')
    assert page.inner_text("#evidence mark.trigger") == "signed"


@pytest.mark.browser
@pytest.mark.slow
def test_map_clusters_show_their_counts(page) -> None:
    counts_shown = page.locator("#map [data-count]").evaluate_all(
        "ms => ms.reduce((a, m) => a + Number(m.dataset.count), 0)")
    assert counts_shown == counts(page)["markers"]


@pytest.mark.browser
@pytest.mark.slow
def test_clicking_a_network_node_filters_by_actor(page) -> None:
    node = page.locator('#network circle[data-actor-id="borduria|BDR"]')
    refreshed(page, lambda: node.click())
    assert page.input_value("input[name=actor]") == "Borduria"
    assert all("Borduria" in t for t in page.locator("#event-list li").all_inner_texts())


@pytest.mark.browser
@pytest.mark.slow
def test_api_docs_render_with_the_network_disabled(browser, server) -> None:
    for path, selector in (("docs", ".swagger-ui .opblock"), ("redoc", "h1, [role=navigation]")):
        page = browser.new_page()
        outside: list[str] = []
        def only_local(route, outside=outside):
            if route.request.url.startswith(server):
                return route.continue_()
            outside.append(route.request.url)
            return route.abort()
        page.route("**/*", only_local)
        page.goto(server + path)
        page.wait_for_selector(selector, timeout=20000)
        assert not outside, outside
        if path == "docs":
            assert page.locator(".swagger-ui .opblock").count() >= 8
        page.close()
