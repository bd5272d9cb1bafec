"""Hand-built spaCy parses for rule tests: a rule is checked on the tree it is written for, not on
whatever the statistical parser happens to produce for a sentence.

A parse is written one token per line: `word lemma POS TAG dep head [ENT]`, where `head` is the
index of the head token (the root points at itself) and ENT an optional entity label.
"""
from __future__ import annotations

from typing import Any

import spacy
from spacy.tokens import Doc, Span

from eventscope.stages.events.args import verb_roles
from eventscope.stages.events.lexicon import Match, Trigger

VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower_, like_num), no model


def parse(table: str) -> Doc:
    """The Doc of a parse table (see the module docstring)."""
    rows = [line.split() for line in table.strip().splitlines()]
    doc = Doc(VOCAB, words=[r[0] for r in rows], lemmas=[r[1] for r in rows], pos=[r[2] for r in rows],
              tags=[r[3] for r in rows], deps=[r[4] for r in rows], heads=[int(r[5]) for r in rows])
    doc.ents = [Span(doc, i, i + 1, label=r[6]) for i, r in enumerate(rows) if len(r) > 6]
    return doc


def trigger(doc: Doc, i: int, type_: str, kind: str = "verb", *more: int) -> Match:
    """A lexicon match of `type_` headed by token `i` (plus the pattern's other tokens `more`)."""
    head = doc[i]
    trig = Trigger(kind=kind, head=head.lemma_, words=tuple(frozenset({doc[j].lemma_}) for j in more),
                   type=type_, mode=None, cameo=None, origin="test")
    return Match(trig, head, (head, *(doc[j] for j in more)))


def mentions(*words: str) -> Any:
    """A has_mention test that knows the actors named by `words` (as the actors stage would)."""
    return lambda token: token.text in words


def texts(tokens: tuple[Any, ...]) -> list[str]:
    return [t.text for t in tokens]


def roles_of(match: Match, *actors: str) -> tuple[list[str], list[str]]:
    """The texts of the sources and targets `verb_roles` gives `match` when the actors stage knows `actors`."""
    roles = verb_roles(match, mentions(*actors))
    return texts(roles.sources), texts(roles.targets)


def run_events(pipeline: Any, text: str) -> list[Any]:
    """The events of `text` after the actors and events stages only (independent of later stages)."""
    from datetime import date

    from eventscope import Analysis, Article

    analysis = Analysis(article=Article(doc_id="t", date=date(2022, 3, 22), text=text), doc=pipeline.nlp(text))
    for stage in pipeline.stages:
        if stage.name in ("actors", "events"):
            analysis = stage(analysis)
    return list(analysis.events)


def has(evs: list[Any], type_: str, source: str | None = None, target: str | None = None) -> bool:
    """Whether some event has the type, and a source / target whose text, name or country contains the words."""
    def names(actor: Any) -> set[str]:
        return {v.lower() for v in (actor.text, actor.name, actor.country) if v} if actor else set()
    return any(e.type == type_ and (source is None or any(source.lower() in n for n in names(e.source)))
               and (target is None or any(target.lower() in n for n in names(e.target))) for e in evs)


def facts(actor: Any, *fields: str) -> tuple[Any, ...]:
    """The `fields` of `actor`, each None when there is no actor, so that one comparison states a rule:
    `facts(actor, "country") == (None,)` is "no actor, or one of no country"."""
    return tuple(None if actor is None else getattr(actor, field) for field in fields)


def actor_of(analysis: Any, word: str, nth: int = 0) -> Any:
    """The actor `actor_at` gives for the nth token spelled `word` (None when it is no actor's)."""
    from eventscope.stages.actors import actor_at

    tokens = [t for t in analysis.doc if t.text == word]
    return actor_at(analysis, tokens[nth])
