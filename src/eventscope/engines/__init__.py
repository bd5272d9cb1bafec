"""Execution engines for `ingest`: `local` (this machine, `runner.py`) and `ray` (Ray Data, a cluster).

Ray is an optional extra (`pip install "eventscope[ray]"`): nothing here imports
it until the Ray engine is asked for, so `import eventscope` stays light.
"""
from __future__ import annotations

from types import ModuleType

from ..errors import ConfigError

ENGINES = ("local", "ray")


def load_ray() -> ModuleType:
    """The Ray engine module, or a ConfigError that says how to install Ray."""
    try:
        from . import ray_engine as module
    except ImportError as exc:
        raise ConfigError(f"the ray engine needs Ray ({exc}): pip install \"eventscope[ray]\"") from None
    return module
