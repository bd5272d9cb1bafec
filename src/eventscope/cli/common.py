"""Options and helpers every command shares: model/config loading, progress, error printing."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ..config import Config, load_config
from ..errors import EventscopeError

ModelOpt = Annotated[str | None, typer.Option("--model", help="spaCy pipeline to use (installed package or path).")]
ConfigOpt = Annotated[str | None, typer.Option("--config", help="TOML file overriding default_config.toml.")]
DbOpt = Annotated[str | None, typer.Option("--db", help="DuckDB store file [default: eventscope.duckdb].")]
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


@contextmanager
def progress_bar(label: str, total: int | None = None) -> Iterator:
    """A Rich progress bar on stderr when it is a terminal; otherwise a no-op advance function."""
    if not sys.stderr.isatty():
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n=1: bar.advance(task, n)
