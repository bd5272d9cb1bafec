"""Errors with stable codes and messages a user can act on.

Every error names the document (or file and line) it is about, so a batch can
record it in `ingest_errors` and go on.
"""
from __future__ import annotations


class EventscopeError(Exception):
    """Base class: `code` is stable (tests and the store use it), `where` names the input."""

    code = "error"

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class InputError(EventscopeError):
    """A document could not be read: empty, no date line, bad encoding, binary, too large..."""

    code = "input"

    def __init__(self, message: str, *, where: str | None = None, code: str = "input") -> None:
        super().__init__(message, where=where)
        self.code = code


class ConfigError(EventscopeError):
    """A setting is wrong: unknown model, bad config file, unknown stage."""

    code = "config"


class ModelError(EventscopeError):
    """The spaCy pipeline could not be loaded."""

    code = "model"


class StoreError(EventscopeError):
    """The DuckDB store could not be opened or written."""

    code = "store"


class ProcessingError(EventscopeError):
    """A stage failed on one document; the batch goes on."""

    code = "processing"


class DocumentTimeout(ProcessingError):
    """A document ran over its time budget (see `budget.py`) and was stopped; the batch goes on."""

    code = "timeout"
