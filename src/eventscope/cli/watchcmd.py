"""watch and sources: keep a store current from feeds, URL lists and folders."""
from __future__ import annotations

import json
import signal
import sys
import threading
from pathlib import Path
from typing import Annotated

import typer

from ..errors import EventscopeError
from .common import ConfigOpt, DbOpt, ModelOpt, fail, load_pipeline, reading_store

FORMATS = ("table", "jsonl")


def watch(
    sources: Annotated[list[str], typer.Argument(help="RSS/Atom feed or page URLs, files of URLs (one a line), "
                                                      "or folders (new and changed files).")],
    db: DbOpt = None,
    interval: Annotated[float, typer.Option("--interval", min=1.0, help="Seconds between two passes.")] = 900.0,
    once: Annotated[bool, typer.Option("--once", help="One pass, then exit: 0 if every input was read, "
                                                      "1 if any failed (for cron).")] = False,
    delay: Annotated[float, typer.Option("--host-delay", min=0.0,
                                         help="Seconds between two requests to one host.")] = 1.0,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds a request may take.")] = 15.0,
    no_robots: Annotated[bool, typer.Option("--ignore-robots", help="Do not honour robots.txt.")] = False,
    model: ModelOpt = None, config: ConfigOpt = None,
) -> None:
    """Read the sources, ingest what is new, and again every --interval seconds until stopped.

    Ctrl-C or SIGTERM stops after the source in hand; nothing stored is lost."""
    from ..readers.web import Fetcher, Politeness
    from ..watch import Watcher

    pipeline = load_pipeline(config, model, db)
    fetcher = Fetcher(Politeness(timeout=timeout, host_delay=delay, robots=not no_robots))
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        watcher = Watcher(sources, pipeline.config.db_path, pipeline, fetcher=fetcher, workers=1)
        report = watcher.run(interval, stop, passes=1 if once else None)
    except EventscopeError as exc:
        raise fail(str(exc)) from None
    finally:
        fetcher.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    for failure in report.failures:
        typer.echo(f"error: {failure}", err=True)
    typer.echo(f"{report.documents} documents stored ({report.events} events), {report.skipped} unchanged skipped, "
               f"{len(report.failures)} failed; store: {Path(pipeline.config.db_path).resolve()}", err=True)
    if not report.ok:
        raise typer.Exit(1)


def sources(
    db: DbOpt = None, config: ConfigOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")] = "table",
) -> None:
    """The sources `watch` has read: last fetch, status, documents stored and errors."""
    from ..store.sources import list_sources

    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}", param_hint="--format")
    with reading_store(config, db) as store:
        rows = list_sources(store)
    if fmt == "jsonl":
        sys.stdout.writelines(json.dumps(r, default=str, ensure_ascii=False) + "\n" for r in rows)
        return
    if not rows:
        typer.echo("no sources yet (run `eventscope watch SOURCE --db ...`)")
        return
    for r in rows:
        error = f"  last error: {r['last_error']}" if r["last_error"] else ""
        typer.echo(f"{r['source']}  [{r['kind']}]  last fetch {r['last_fetch']:%Y-%m-%d %H:%M} UTC, {r['last_status']}, "
                   f"{r['n_passes']} passes, {r['n_documents']} documents, {r['n_errors']} errors{error}")


def register(app: typer.Typer) -> None:
    app.command()(watch)
    app.command()(sources)
