"""The one reader of our data files: tab-separated tables (lexicons, cues, dictionaries, gazetteer, codes)
and the TOML word lists.

Every table skips blank lines and `#` comments, checks its column count, and reports a bad line
as `file:line`, so an analyst who edits a data file is told exactly where it went wrong.
"""
from __future__ import annotations

import tomllib
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from .errors import ConfigError


class Row(NamedTuple):
    """One data line: its stripped columns and where it came from (`file:line`)."""

    cols: list[str]
    where: str


def data_file(*parts: str) -> Any:
    """A file shipped in the package's data/ folder (a Traversable)."""
    return resources.files("eventscope").joinpath("data", *parts)


@lru_cache(maxsize=None)
def read_data_toml(*parts: str) -> dict[str, Any]:
    """A TOML file of data/, parsed once per process (callers must not mutate it), or a ConfigError naming it."""
    where = "data/" + "/".join(parts)
    try:
        return tomllib.loads(read_text(data_file(*parts), where))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", where=where) from None


def read_text(path: Any, where: str) -> str:
    """A data file's text, or a ConfigError naming it."""
    try:
        return path.read_text("utf-8")
    except FileNotFoundError:
        raise ConfigError("data file not found", where=where) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"data file cannot be read: {exc}", where=where) from None


def table_rows(text: str, where: str, *, min_cols: int = 1, max_cols: int | None = None,
               strip: bool = True) -> Iterator[Row]:
    """The rows of a TSV text; a row with too few or too many columns is an error at `where:line`."""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if strip:
            cols = [c.strip() for c in cols]
        if len(cols) < min_cols or (max_cols is not None and len(cols) > max_cols):
            want = (f"at least {min_cols}" if max_cols is None else f"{min_cols}" if max_cols == min_cols
                    else f"{min_cols} to {max_cols}")
            raise ConfigError(f"expected {want} tab-separated columns, got {len(cols)}", where=f"{where}:{n}")
        yield Row(cols, f"{where}:{n}")


def read_table(path: str | Path | Any, *, where: str | None = None, min_cols: int = 1,
               max_cols: int | None = None, strip: bool = True) -> list[Row]:
    """Read a whole TSV file (a path or a packaged Traversable) into rows."""
    label = where or str(path)
    source = Path(path) if isinstance(path, str) else path
    return list(table_rows(read_text(source, label), label, min_cols=min_cols, max_cols=max_cols, strip=strip))


def read_data_table(*parts: str, min_cols: int = 1, max_cols: int | None = None, strip: bool = True) -> list[Row]:
    """Read a TSV shipped under data/ (`read_data_table("cues", "said.tsv")`)."""
    return read_table(data_file(*parts), where="data/" + "/".join(parts), min_cols=min_cols,
                      max_cols=max_cols, strip=strip)
