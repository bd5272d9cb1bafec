"""The `eventscope` command: thin commands over the library, one module per group.

Each module in `COMMAND_MODULES` has `register(app)`; registration happens in
`build_app()`, not at import time.
"""
from __future__ import annotations

import importlib
import logging

import typer

COMMAND_MODULES: tuple[str, ...] = (
    "core",
    "relationscmd",
    "timecmd",
    "servecmd",
    "exportcmd",
    "briefcmd",
    "placescmd",
    "watchcmd",
)


def build_app() -> typer.Typer:
    """The Typer app with every command group registered."""
    app = typer.Typer(
        help="eventscope: structured, evidence-backed event data from dated news articles.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(app)
    return app


def main() -> None:
    """Console-script entry point: library warnings go to stderr as one line each."""
    logging.basicConfig(level=logging.WARNING, format="warning: %(message)s")
    build_app()()
