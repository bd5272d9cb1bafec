"""Stage 'actors': every actor mention of a document, resolved to name, ISO3 country, sector and kind.

Later stages (events, modality, relations) ask `actor_at(analysis, token)`
for the actor of an argument's head token, or `resolve_span` for a phrase.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Actor, Analysis
from .actor_dictionary import ActorDictionary, load_actor_dictionary
from .actor_mentions import DocActors

__all__ = ["ActorStage", "actor_at", "load_actor_dictionary", "make_stage", "resolve_span"]


def actor_at(analysis: Analysis, token: Any) -> Actor | None:
    """The smallest actor mention of the document whose char span covers `token` (None if none)."""
    best: Actor | None = None
    for actor in analysis.actors:
        if actor.start is not None and actor.end is not None and actor.start <= token.idx < actor.end:
            if best is None or (actor.end - actor.start) < (best.end - best.start):  # type: ignore[operator]
                best = actor
    return best


def resolve_span(analysis: Analysis, span: Any) -> Actor | None:
    """The actor of a phrase ("a Pentagon official", "state news agency BelTA"): that of its head token."""
    found = actor_at(analysis, span.root)
    if found is not None:
        return found
    inside = [a for a in analysis.actors if a.start is not None and span.start_char <= a.start < span.end_char]
    return max(inside, key=lambda a: (a.end or 0) - (a.start or 0), default=None)


@dataclass(frozen=True)
class ActorStage:
    """Finds and resolves actor mentions; needs the parse (a Doc) and the loaded dictionary."""

    dictionary: ActorDictionary
    name: str = "actors"

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.doc is None:
            return analysis
        day = analysis.article.date.strftime("%Y%m%d")
        return analysis.with_(actors=tuple(DocActors(analysis.doc, self.dictionary, day).run()))


def make_stage(config: Any, resources: Any) -> ActorStage:
    """Build the stage; the dictionary is loaded once through `resources`."""
    return ActorStage(resources.actor_dictionary)
