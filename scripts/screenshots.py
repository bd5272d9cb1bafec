"""Make docs/screenshot.png (the web page) and docs/brief.png (the default brief) from the demo data.

The demo data is what `bash scripts/demo.sh` stores: samples/ through the default pipeline. This script
ingests samples/ into a temporary store (or uses --db), serves it on a free loopback port, and takes
both pictures with Debian's Chromium (scripts/install-browser.sh) driven by Playwright.

Usage: .venv/bin/python scripts/screenshots.py [--db eventscope.duckdb] [--out docs]
"""
from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def demo_store(path: Path) -> Path:
    """samples/ ingested into a new store at `path` (what `eventscope demo` does)."""
    from eventscope.pipeline import Pipeline
    from eventscope.runner import ingest_items, read
    from eventscope.store import Store

    pipeline = Pipeline()
    with Store(path) as store:
        ingest_items(read([str(ROOT / "samples")], pipeline), store, pipeline)
    return path


def serve(db: Path) -> tuple[str, object]:
    """uvicorn in a thread on a free loopback port; returns (url, server)."""
    import uvicorn

    from eventscope.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise SystemExit("the server did not start")
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}/", server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: samples/ ingested afresh)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from eventscope.brief import write_brief
    from eventscope.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or demo_store(Path(tmp) / "demo.duckdb")
        with Store(db, read_only=True) as store:
            brief = write_brief(store, Path(tmp) / "brief.html")
        url, server = serve(db)
        args.out.mkdir(parents=True, exist_ok=True)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(url)
                page.wait_for_selector("body[data-ready]")
                page.wait_for_timeout(300)
                page.screenshot(path=str(args.out / "screenshot.png"), full_page=True)
                page = browser.new_page(viewport={"width": 1000, "height": 1200})
                page.goto(brief.as_uri())
                page.screenshot(path=str(args.out / "brief.png"), full_page=True)
                browser.close()
        finally:
            server.should_exit = True  # type: ignore[attr-defined]
    print(f"wrote {args.out / 'screenshot.png'} and {args.out / 'brief.png'}")


if __name__ == "__main__":
    main()
