"""Options and helpers every command shares: model/config loading, progress, error printing."""
from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from ..config import Config, load_config
from ..errors import EventscopeError

ModelOpt = Annotated[str | None, typer.Option("--model", help="spaCy pipeline to use (installed package or path).")]
ConfigOpt = Annotated[str | None, typer.Option("--config", help="TOML file overriding default_config.toml.")]
DbOpt = Annotated[str | None, typer.Option(
    "--db", help="DuckDB store file; default: eventscope.duckdb here, or store.db_path of --config.")]
DateOpt = Annotated[str | None, typer.Option("--date", help="Article date YYYY-MM-DD for inputs without one.")]


def read_text_arg(text: str) -> str:
    """The text itself, stdin for "-", or the contents of a file when `text` names one."""
    if text == "-":
        return sys.stdin.read()
    path = Path(text)
    if len(text) < 4096 and "\n" not in text and path.is_file():
        return path.read_text("utf-8")
    return text


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a one-line error to stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def parse_day(value: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option value, or a clear usage error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date YYYY-MM-DD", param_hint=option) from None


def make_config(config: str | None, model: str | None, db: str | None = None, **extra: object) -> Config:
    """Settings from the config file and the command's options."""
    try:
        return load_config(config, model=model, db_path=db, **extra)
    except EventscopeError as exc:
        raise fail(str(exc)) from None


def load_pipeline(config: str | None, model: str | None, db: str | None = None) -> Any:
    """The configured Pipeline, loaded once for this process (a config or model error is a one-line failure)."""
    from ..pipeline import Pipeline, settle_heap

    try:
        pipeline = Pipeline(make_config(config, model, db))
    except EventscopeError as exc:
        raise fail(str(exc)) from None
    settle_heap()  # a CLI process is the pipeline's only user: keep its model out of every collection
    return pipeline


@contextmanager
def reading_store(config: str | None, db: str | None) -> Iterator:
    """The configured store opened read-only; a missing store or a store error is a one-line failure."""
    from ..store import Store

    path = make_config(config, None, db).db_path
    if not Path(path).exists():
        raise fail(f"{path}: no store here (run `eventscope ingest` first or pass --db)")
    try:
        with Store(path, read_only=True) as store:
            yield store
    except (EventscopeError, ValueError) as exc:
        raise fail(str(exc)) from None


def count_inputs(paths: list[str]) -> int | None:
    """How many documents the inputs hold when that is cheap to know (one per text or HTML file), else None."""
    from ..readers.files import HTML_SUFFIXES, TEXT_SUFFIXES, iter_files

    total = 0
    for raw in paths:
        path = Path(raw)
        files = list(iter_files(path)) if path.is_dir() else [path] if path.is_file() else None
        if files is None or any(f.suffix.lower() not in TEXT_SUFFIXES | HTML_SUFFIXES for f in files):
            return None  # stdin, a web address, or a file of many records
        total += len(files)
    return total


class LogProgress:
    """Progress as a log line on stderr every `every` seconds (and at the end), for runs without a terminal."""

    def __init__(self, label: str, total: int | None, every: float = 10.0) -> None:
        self.label, self.total, self.every = label, total, every
        self.done, self.started = 0, time.monotonic()
        self.last = self.started
        self._lock = threading.Lock()  # skipped documents are counted in the parse thread, parsed ones here

    def line(self) -> str:
        """E.g. "ingesting: 120/1000 documents, 4.0/s, about 3m40s left"."""
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        of = f"/{self.total}" if self.total else ""
        left = ""
        if self.total and rate > 0 and self.done < self.total:
            seconds = int((self.total - self.done) / rate)
            left = f", about {seconds // 60}m{seconds % 60:02d}s left"
        return f"{self.label}: {self.done}{of} documents, {rate:.1f}/s{left}"

    def __call__(self, n: int = 1) -> None:
        with self._lock:
            self.done += n
            now = time.monotonic()
            if now - self.last < self.every:
                return
            self.last = now
        typer.echo(self.line(), err=True)


@contextmanager
def progress_bar(label: str, total: int | None = None, *, every: float = 10.0) -> Iterator:
    """Yield an advance(n=1) function: a Rich bar with count, total and time left on a terminal; otherwise
    a log line every `every` seconds and one at the end (so a run under nohup or CI shows it is alive)."""
    if not sys.stderr.isatty():
        log = LogProgress(label, total, every)
        yield log
        if log.done:
            typer.echo(log.line(), err=True)
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
               TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n=1: bar.advance(task, n)
