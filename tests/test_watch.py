"""`eventscope watch` against a local HTTP server on 127.0.0.1 serving feeds and pages written for these tests."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventscope.cli import build_app
from eventscope.readers.web import Fetcher, Politeness
from eventscope.store import Store
from eventscope.store.sources import list_sources
from eventscope.watch import Watcher

BOILERPLATE = ("<nav><a href='/'>Home</a> | <a href='/world'>World</a> | Subscribe to our newsletter today</nav>"
               "<aside>Most read: Ten recipes for a rainy weekend</aside>")
FOOTER = "<footer>Copyright 2025 Example Wire. All rights reserved. Cookie settings. Privacy policy.</footer>"


def page(title: str, body: str, day: str | None = "2025-04-14") -> bytes:
    meta = f'<meta property="article:published_time" content="{day}T08:00:00Z">' if day else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (f"<html><head><title>{title} | Example Wire</title>{meta}"
            f'<meta name="author" content="Ana Lima"><meta property="og:site_name" content="Example Wire"></head>'
            f"<body>{BOILERPLATE}<article><h1>{title}</h1>{paragraphs}</article>{FOOTER}</body></html>").encode()


STORY_A = ("Government troops attacked rebel positions near the northern border on Sunday, the army said.\n\n"
           "The rebels accused the army of shelling villages and said they would fight back. Aid agencies said "
           "hundreds of families had fled to nearby towns.")
STORY_B = ("The foreign ministers of Norland and Sudmark met in the capital on Monday to discuss a border "
           "agreement.\n\nBoth governments said they would sign the deal next month.")


def rss(items: list[tuple[str, str, str]]) -> bytes:
    body = "".join(f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate></item>" for t, link, d in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>'
            f"<link>http://example/</link><description>news</description>{body}</channel></rss>").encode()


def atom(base: str) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title>'
            f'<id>urn:x</id><updated>2025-04-15T00:00:00Z</updated><entry><title>Ministers meet</title>'
            f'<link href="{base}/b.html"/><id>urn:b</id><updated>2025-04-15T09:00:00Z</updated></entry></feed>').encode()


class Site:
    """The routes the server answers; a test may change them between passes."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.hits: dict[str, int] = {}
        self.base = ""

    def set(self, path: str, body: bytes, *, status: int = 200, ctype: str = "text/html; charset=utf-8") -> None:
        self.routes[path] = (status, ctype, body)


@pytest.fixture()
def site():
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep the test output clean
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            state.hits[self.path] = state.hits.get(self.path, 0) + 1
            if self.path == "/slow.html":
                time.sleep(1.5)
            if self.path not in state.routes:
                self.send_response(404)
                self.end_headers()
                return
            status, ctype, body = state.routes[self.path]
            etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
            if status == 200 and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    state.set("/robots.txt", b"User-agent: *\nDisallow: /private/\n", ctype="text/plain")
    state.set("/a.html", page("Troops attack rebel positions", STORY_A))
    state.set("/b.html", page("Ministers meet on border deal", STORY_B, day=None))
    state.set("/feed.xml", rss([("Troops attack", f"{state.base}/a.html", "Sun, 13 Apr 2025 10:00:00 GMT"),
                                ("Ministers meet", f"{state.base}/b.html", "Mon, 14 Apr 2025 10:00:00 GMT")]),
              ctype="application/rss+xml")
    state.set("/atom.xml", atom(state.base), ctype="application/atom+xml")
    yield state
    server.shutdown()
    server.server_close()


def fast_fetcher(**kw) -> Fetcher:
    return Fetcher(Politeness(timeout=kw.pop("timeout", 5.0), retries=kw.pop("retries", 1), backoff=0.01,
                              host_delay=0.0, **kw))


def docs(store: Store) -> dict[str, tuple]:
    rows = store.con.execute("SELECT url, doc_id, date, title, text FROM documents").fetchall()
    return {r[0]: r[1:] for r in rows}


def test_a_feed_pass_stores_each_article_without_boilerplate_dated_from_its_metadata(site, pipeline, tmp_path) -> None:
    db = tmp_path / "w.duckdb"
    report = Watcher([site.base + "/feed.xml"], db, pipeline, fetcher=fast_fetcher()).run_pass()
    assert report.ok and report.documents == 2
    with Store(db, read_only=True) as store:
        stored = docs(store)
    a = stored[site.base + "/a.html"]
    assert str(a[1]) == "2025-04-14"  # the page's own metadata, before the feed's date (13 April)
    assert a[2] == "Troops attack rebel positions"
    assert "rebels accused the army" in a[3]
    for junk in ("Subscribe", "Most read", "Copyright", "Cookie"):
        assert junk not in a[3]
    assert str(stored[site.base + "/b.html"][1]) == "2025-04-14"  # no page date: the feed entry's


def test_two_passes_keep_one_document_per_url_and_a_changed_page_is_replaced(site, pipeline, tmp_path) -> None:
    url_list = tmp_path / "pages.txt"
    url_list.write_text(f"# pages to follow\n{site.base}/a.html\n{site.base}/b.html\n")
    db = tmp_path / "w.duckdb"
    watcher = Watcher([str(url_list), site.base + "/feed.xml"], db, pipeline, fetcher=fast_fetcher())
    first = watcher.run_pass()
    second = watcher.run_pass()
    assert first.documents == 2 and second.documents == 0
    site.set("/a.html", page("Troops attack rebel positions", STORY_A + "\n\nThe army later withdrew."))
    third = watcher.run_pass()
    assert third.documents == 1
    with Store(db, read_only=True) as store:
        assert store.count("documents") == 2
        assert "later withdrew" in docs(store)[site.base + "/a.html"][3]
        feed_sources = {r["source"]: r for r in list_sources(store)}
        assert feed_sources[site.base + "/feed.xml"]["n_passes"] == 3
    assert site.hits["/feed.xml"] == 3 and site.hits["/b.html"] <= 4  # feed entries fetched once; list pages conditional


def test_atom_feeds_are_read(site, pipeline, tmp_path) -> None:
    db = tmp_path / "w.duckdb"
    report = Watcher([site.base + "/atom.xml"], db, pipeline, fetcher=fast_fetcher()).run_pass()
    assert report.ok and report.documents == 1
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT title FROM documents").fetchone()[0] == "Ministers meet on border deal"


def test_every_failure_is_recorded_with_its_url_and_reason_and_the_other_sources_go_on(site, pipeline, tmp_path) -> None:
    site.set("/broken.html", b"oops", status=500)
    site.set("/bad-feed.xml", b"<?xml version='1.0'?><rss><channel><item>", ctype="application/rss+xml")
    site.set("/big.html", page("Big", "word " * 30_000))
    site.set("/file.bin", b"\x00\x01\x02binary" * 50, ctype="application/octet-stream")
    site.set("/empty.html", b"<html><body><nav>Home</nav></body></html>")
    site.set("/private/x.html", page("Secret", STORY_B))
    site.set("/slow.html", page("Slow", STORY_B))
    urls = ["/broken.html", "/bad-feed.xml", "/big.html", "/file.bin", "/empty.html", "/private/x.html",
            "/slow.html", "/missing.html"]
    sources = [site.base + u for u in urls] + [site.base + "/feed.xml"]
    db = tmp_path / "w.duckdb"
    fetcher = fast_fetcher(timeout=0.5, max_bytes=100_000, retries=0)
    report = Watcher(sources, db, pipeline, fetcher=fetcher).run_pass()
    assert report.documents == 2  # the good feed still went through
    with Store(db, read_only=True) as store:
        codes = {e["location"].rsplit("/", 1)[-1]: e["code"] for e in store.errors()}
    assert codes == {"broken.html": "http_5xx", "bad-feed.xml": "invalid_feed", "big.html": "too_large",
                     "file.bin": "not_html", "empty.html": "no_text", "x.html": "robots", "slow.html": "timeout",
                     "missing.html": "http_4xx"}


def test_a_folder_source_picks_up_a_file_added_between_two_passes(pipeline, tmp_path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "one.txt").write_text("date 2025-04-14\nTroops attacked rebel positions near the border on Sunday.\n")
    db = tmp_path / "w.duckdb"
    watcher = Watcher([str(folder)], db, pipeline, fetcher=fast_fetcher())
    assert watcher.run_pass().documents == 1
    (folder / "two.txt").write_text("date 2025-04-15\nPolice arrested dozens of protesters in the capital.\n")
    second = watcher.run_pass()
    assert second.documents == 1 and second.skipped == 1
    with Store(db, read_only=True) as store:
        assert store.count("documents") == 2


def test_watch_once_exit_codes_and_sources_listing(site, tmp_path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "w.duckdb")
    ok = runner.invoke(build_app(), ["watch", site.base + "/feed.xml", "--db", db, "--once", "--host-delay", "0"])
    assert ok.exit_code == 0, ok.output
    assert "2 documents stored" in ok.output
    site.set("/broken.html", b"oops", status=500)
    bad = runner.invoke(build_app(), ["watch", site.base + "/broken.html", "--db", db, "--once", "--host-delay", "0"])
    assert bad.exit_code == 1 and "HTTP 500" in bad.output
    listed = runner.invoke(build_app(), ["sources", "--db", db])
    assert listed.exit_code == 0 and "/feed.xml" in listed.output and "/broken.html" in listed.output


def test_ingest_takes_a_page_url(site, tmp_path) -> None:
    db = str(tmp_path / "w.duckdb")
    result = CliRunner().invoke(build_app(), ["ingest", site.base + "/a.html", "--db", db])
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as store:
        assert list(docs(store)) == [site.base + "/a.html"]


def test_an_unknown_source_is_one_clear_error(pipeline, tmp_path) -> None:
    report = Watcher([str(tmp_path / "nowhere")], tmp_path / "w.duckdb", pipeline, fetcher=fast_fetcher()).run_pass()
    assert [f.code for f in report.failures] == ["unknown_source"]


def test_stop_ends_the_loop_between_passes(site, pipeline, tmp_path) -> None:
    stop = threading.Event()
    watcher = Watcher([site.base + "/feed.xml"], tmp_path / "w.duckdb", pipeline, fetcher=fast_fetcher())
    threading.Timer(0.2, stop.set).start()
    started = time.monotonic()
    report = watcher.run(3600, stop)
    assert time.monotonic() - started < 60 and report.documents == 2


def test_the_api_lists_the_sources(site, pipeline, tmp_path) -> None:
    from fastapi.testclient import TestClient

    from eventscope.api import create_app

    db = tmp_path / "w.duckdb"
    Watcher([site.base + "/feed.xml"], db, pipeline, fetcher=fast_fetcher()).run_pass()
    with TestClient(create_app(db, pipeline=pipeline)) as client:
        rows = client.get("/sources").json()
    assert [(r["source"], r["n_documents"], r["n_errors"]) for r in rows] == [(site.base + "/feed.xml", 2, 0)]


@pytest.mark.slow
def test_sigterm_stops_a_running_watch_cleanly(tmp_path) -> None:
    import os
    import signal
    import subprocess
    import sys

    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "one.txt").write_text("date 2025-04-14\nTroops attacked rebel positions near the border on Sunday.\n")
    db = tmp_path / "w.duckdb"
    exe = Path(sys.executable).with_name("eventscope")
    proc = subprocess.Popen([str(exe), "watch", str(folder), "--db", str(db), "--interval", "3600"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.5)
            out = subprocess.run([str(exe), "sources", "--db", str(db)], capture_output=True, text=True)
            if "1 documents" in out.stdout:
                break
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
    assert proc.returncode == 0, err
    assert "1 documents stored" in err
