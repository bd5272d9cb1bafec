"""The web page in a real headless Chromium (Debian's package, driven by Playwright): the demo corpus
loads, timeline, map and network render, a filter changes them, clicking an event shows its evidence.
Screenshots go to artifacts/."""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

import demo_corpus
from eventscope.api import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]


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


def test_views_render_the_demo_corpus(page) -> None:
    n = counts(page)
    assert n["bars"] >= 5 and n["markers"] >= 3 and n["nodes"] >= 8 and n["events"] >= 5
    assert page.locator("#timeline rect.event-bar").count() == n["bars"]
    assert page.locator(".leaflet-overlay-pane path").count() > 100  # the offline basemap and the markers
    assert page.locator("#network circle.net-node").count() == n["nodes"]
    assert page.locator("#network line.net-edge").count() >= 4
    assert page.locator("#timeline rect.q4").count() >= 3 and page.locator("#timeline rect.q1").count() >= 2
    shot(page, "ui-overview.png")


def test_a_filter_changes_every_view(page) -> None:
    before = counts(page)
    refreshed(page, lambda: page.select_option("select[name=type]", "ASSAULT"))
    after = counts(page)
    assert after["bars"] < before["bars"] and after["markers"] < before["markers"]
    assert after["nodes"] < before["nodes"]
    assert all(t.startswith("ASSAULT") for t in page.locator("#event-list li").all_inner_texts())
    assert page.locator('#timeline rect[data-event-id="north:e1"]').count() == 1
    shot(page, "ui-filtered.png")
    refreshed(page, lambda: page.click("#reset"))
    assert counts(page)["bars"] == before["bars"]


def test_clicking_an_event_shows_its_evidence(page) -> None:
    page.click('#timeline rect[data-event-id="north:e1"]')
    page.wait_for_selector('#evidence[data-event-id="north:e1"]')
    assert page.inner_text("#evidence mark.evidence") == \
        "Borduria's army shelled border villages near Kharkiv on Tuesday, the regional governor said."
    assert page.inner_text("#evidence mark.trigger") == "shelled"
    assert page.inner_text("#evidence-modality") == "reported"
    assert "reported by regional governor (“said”)" in page.inner_text("#evidence dl")
    shot(page, "ui-evidence.png")


def test_map_marker_and_list_open_evidence_and_text_is_never_html(page) -> None:
    page.dispatch_event('path.event-marker[data-event-id="north:e3"]', "click")
    page.wait_for_selector('#evidence[data-event-id="north:e3"]')
    article = page.inner_text("#article-text")
    assert "arrested <b>forty</b> protesters" in article
    assert page.locator("#article-text b").count() == 0
    page.click('#event-list li[data-event-id="south:e1"]')
    page.wait_for_selector('#evidence[data-event-id="south:e1"]')
    assert page.inner_text("#evidence mark.trigger") == "signed"


def test_clicking_a_network_node_filters_by_actor(page) -> None:
    node = page.locator('#network circle[data-actor-id="borduria|BDR"]')
    refreshed(page, lambda: node.click())
    assert page.input_value("input[name=actor]") == "Borduria"
    assert all("Borduria" in t for t in page.locator("#event-list li").all_inner_texts())
