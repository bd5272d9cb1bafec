"""Stage 'time' (placeholder until its issue lands): passes the Analysis through unchanged."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Analysis


@dataclass(frozen=True)
class _PassThrough:
    name: str = "time"

    def __call__(self, analysis: Analysis) -> Analysis:
        return analysis


def make_stage(config: Any, resources: Any) -> _PassThrough:
    """Build the stage; all loading happens here."""
    return _PassThrough()
