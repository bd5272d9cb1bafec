"""Stage 'actors': every actor mention of a document, resolved to name, ISO3 country, sector and kind.

Later stages (events, modality, relations) ask `actor_at(analysis, token)`
for the actor of an argument's head token, or `resolve_span` for a phrase.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from ..records import Actor, Analysis
from .actor_dictionary import ActorDictionary, load_actor_dictionary
from .actor_mentions import DocActors

__all__ = ["ActorStage", "actor_at", "load_actor_dictionary", "make_stage", "resolve_span"]


class ActorIndex:
    """A document's actor mentions sorted by start, so the mention covering a token is found by bisection
    (later stages ask this for nearly every argument token; a scan over all mentions cost more than the stage)."""

    def __init__(self, actors: tuple[Actor, ...]) -> None:
        self.actors = actors
        spans = sorted(((a.start, a.end, a) for a in actors if a.start is not None and a.end is not None),
                       key=lambda s: s[0])
        self.starts = [s[0] for s in spans]
        self.spans = spans
        self.longest = max((e - s for s, e, _ in spans), default=0)

    def at(self, offset: int) -> Actor | None:
        """The smallest mention covering `offset`; on a tie, the one that starts first."""
        best: Actor | None = None
        size = 0
        for k in range(bisect_right(self.starts, offset) - 1, -1, -1):
            start, end, actor = self.spans[k]
            if offset - start >= self.longest:
                break
            if offset < end and (best is None or end - start <= size):
                best, size = actor, end - start
        return best


_last_index: list[ActorIndex] = []  # the index of the document analysed last (threads each keep their own local)


def actor_at(analysis: Analysis, token: Any) -> Actor | None:
    """The smallest actor mention of the document whose char span covers `token` (None if none)."""
    index = _last_index[0] if _last_index else None
    if index is None or index.actors is not analysis.actors:  # identity: the index holds the tuple alive
        index = ActorIndex(analysis.actors)
        _last_index[:] = [index]
    return index.at(token.idx)


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
