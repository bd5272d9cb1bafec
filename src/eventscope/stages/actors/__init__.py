"""Stage 'actors': every actor mention of a document, resolved to name, ISO3 country, sector and kind.

Later stages (events, modality, relations) ask `actor_at(analysis, token)`
for the actor of an argument's head token, or `resolve_span` for a phrase.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ...gazetteer import Gazetteer
from ...records import Actor, Analysis
from .coref import CorefData, Coreference, load_coref_data
from .dictionary import ActorDictionary, load_actor_dictionary
from .mentions import DocActors
from ..frame import parse_dateline, resolve_place

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


class DocumentActors(tuple):  # type: ignore[type-arg]
    """The actors stage's output: a tuple of the document's actors that carries its own `ActorIndex`,
    built on first use, so every later lookup of the same document reuses it without module state."""

    _index: ActorIndex | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        return DocumentActors, (tuple(self),)  # the index is rebuilt on demand, never shipped

    def index(self) -> ActorIndex:
        if self._index is None:
            self._index = ActorIndex(tuple(self))
        return self._index


def index_of(actors: tuple[Actor, ...]) -> ActorIndex:
    """The index of a document's actors: the stage's own, or a new one for a tuple built elsewhere."""
    return actors.index() if isinstance(actors, DocumentActors) else ActorIndex(actors)


def actor_at(analysis: Analysis, token: Any) -> Actor | None:
    """The smallest actor mention of the document whose char span covers `token` (None if none)."""
    return index_of(analysis.actors).at(token.idx)


def resolve_span(analysis: Analysis, span: Any) -> Actor | None:
    """The actor of a phrase ("a Pentagon official", "state news agency BelTA"): that of its head token."""
    found = actor_at(analysis, span.root)
    if found is not None:
        return found
    inside = [a for a in analysis.actors if a.start is not None and span.start_char <= a.start < span.end_char]
    return max(inside, key=lambda a: (a.end or 0) - (a.start or 0), default=None)


@dataclass(frozen=True)
class ActorStage:
    """Finds and resolves actor mentions, then the references back to them; needs the parse (a Doc),
    the loaded dictionary and the coreference word lists."""

    dictionary: ActorDictionary
    coref: CorefData
    gazetteer: Gazetteer | None = None  # for the dateline's country (none: no home country)
    name: str = "actors"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("actors",)

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.doc is None:
            return analysis
        day = analysis.article.date.strftime("%Y%m%d")
        found = DocActors(analysis.doc, self.dictionary, day)
        found.resolve()
        coref = Coreference(found, self.coref)
        coref.resolve()
        home, shared = self._home(found, analysis.article.text)
        if home is not None:
            found.home_pass(home, self.coref.home_sectors, people_only=shared)
            coref.share()  # references made before now carry the home country too
        return analysis.with_(actors=DocumentActors(found.actors()))

    def _home(self, found: DocActors, text: str) -> tuple[str | None, bool]:
        """The story's home country and whether another is named as often: the dateline's country
        ("CARACAS, Venezuela (Reuters) -") when the dateline names one and the story names no other more
        often (a "BEIRUT" dateline on a Syria story, a "DUBAI" one on Saudi-Iran talks, gives none)."""
        dateline = parse_dateline(text)
        if dateline is None or self.gazetteer is None:
            return None, False
        places = [resolve_place(self.gazetteer, name, dateline.region) for name in dateline.places]
        countries = {p.country for p in places if p is not None and p.country}
        if len(countries) != 1:
            return None, False
        home = countries.pop()
        counts = Counter(m.country for m in found.mentions if m.kind == "country" and m.country)
        mine, other = counts.pop(home, 0), max(counts.values(), default=0)
        return (home, mine == other) if mine >= other else (None, False)


def make_stage(config: Any, resources: Any) -> ActorStage:
    """Build the stage; the dictionary is loaded once through `resources`, the word lists here."""
    return ActorStage(resources.actor_dictionary, load_coref_data(), resources.gazetteer)
