"""Stage 'actors' (placeholder until its issue lands): finds no actor mentions yet."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Actor, Analysis


def actor_at(analysis: Analysis, token: Any) -> Actor | None:
    """The smallest actor mention of the document whose char span covers `token` (None if none)."""
    best: Actor | None = None
    for actor in analysis.actors:
        if actor.start is not None and actor.end is not None and actor.start <= token.idx < actor.end:
            if best is None or (actor.end - actor.start) < (best.end - best.start):  # type: ignore[operator]
                best = actor
    return best


def load_actor_dictionary(extra_files: tuple[str, ...] = ()) -> None:
    """Placeholder: no dictionary yet."""
    return None


@dataclass(frozen=True)
class _PassThrough:
    name: str = "actors"

    def __call__(self, analysis: Analysis) -> Analysis:
        return analysis


def make_stage(config: Any, resources: Any) -> _PassThrough:
    """Build the stage; all loading happens here."""
    return _PassThrough()
