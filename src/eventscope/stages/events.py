"""Stage 'events': find PLOVER event triggers in each sentence and read their source and target from the parse.

One pass per sentence: look every verb, noun and predicative adjective up in
the lexicon (a dict lookup on the lemma), drop triggers embedded in another
trigger's complement ("threatened to attack" is THREATEN, "condemned the
attack" is ACCUSE), then read arguments from the dependency tree and emit one
Event per source/target pair. Later stages fill date, place and modality.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..records import QUAD_CLASS, Actor, Analysis, Event, Evidence
from .event_actors import Resolver
from .event_args import Roles, noun_roles, verb_roles
from .event_lexicon import FUTURE_AUX, Lexicon, Match, as_intent, load_lexicon

__all__ = ["EventStage", "load_lexicon", "make_stage"]

# Dependencies through which a trigger does NOT take the clause below it as its content.
NOT_EMBEDDING = frozenset({"conj", "cc", "punct", "nsubj", "csubj", "relcl", "advcl", "parataxis", "appos",
                           "npadvmod", "advmod", "mark", "aux", "auxpass", "det"})
SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})
BASE_CONFIDENCE = {"verb": 0.7, "adj": 0.6, "noun": 0.5}


def _embedded(match: Match, heads: dict[int, Match]) -> bool:
    """True when the trigger sits inside the complement of another (non-blocking) trigger."""
    tok = match.head
    while tok.head.i != tok.i:
        parent = tok.head
        if tok.dep_ in NOT_EMBEDDING and tok.dep_ != "conj":
            return False
        outer = heads.get(parent.i)
        if outer is not None and outer.trigger.type is not None and tok.dep_ != "conj":
            return True
        tok = parent
    return False


def find_triggers(lexicon: Lexicon, sent: Any) -> list[Match]:
    """Event triggers of one sentence, most specific pattern per head, embedded ones and blocks removed."""
    found: dict[int, Match] = {}
    consumed: set[int] = set()
    for tok in sent:
        m = lexicon.match(tok)
        if m is not None:
            found[tok.i] = m
            consumed.update(t.i for t in m.tokens[1:])
    kept = [_tensed(lexicon, m) for i, m in found.items() if i not in consumed and m.trigger.type is not None]
    return [m for m in kept if not _embedded(m, found) and not _disposition(m)]


def _tensed(lexicon: Lexicon, match: Match) -> Match:
    """Recode a verb in the future ("will visit") as intent; a negated agreement ("will not accept") as REJECT."""
    if match.trigger.kind == "noun":
        return match
    verb = match.head if match.trigger.kind == "verb" else match.head.head
    deps = {(c.dep_, c.lower_) for c in verb.children}
    if match.trigger.type == "AGREE" and any(d == "neg" for d, _ in deps):
        return replace(match, trigger=replace(match.trigger, type="REJECT", mode=None, cameo="120"))
    if any(d == "aux" and w in FUTURE_AUX for d, w in deps):
        return replace(match, trigger=as_intent(lexicon, match.trigger))
    return match


def _disposition(match: Match) -> bool:
    """A nominal trigger governed by an adjective ("vulnerable to attacks", "open to talks") is no event."""
    head = match.head
    return match.trigger.kind == "noun" and head.dep_ == "pobj" and head.head.head.pos_ == "ADJ"


def _confidence(match: Match, src: Actor | None, tgt: Actor | None, roles: Roles, via_pronoun: bool) -> float:
    """Higher for explicit verb patterns with resolved actors; lower for nouns, inherited or missing sources."""
    score = BASE_CONFIDENCE[match.trigger.kind] + (0.05 if match.trigger.size > 1 else 0.0)
    if src is None:
        score -= 0.25
    else:
        score += 0.12 if src.country else 0.04
    if tgt is not None:
        score += 0.06 if tgt.country else 0.03
    score -= 0.08 * roles.inherited + 0.1 * via_pronoun
    return max(0.05, min(0.95, score))


@dataclass(frozen=True)
class EventStage:
    """The events stage; holds the loaded lexicon, does no I/O when called."""

    lexicon: Lexicon
    name: str = "events"

    def __call__(self, analysis: Analysis) -> Analysis:
        doc = analysis.doc
        if doc is None:
            return analysis
        resolver = Resolver(analysis)
        events: list[Event] = []
        for s_index, sent in enumerate(doc.sents):
            events.extend(self._sentence(analysis, resolver, sent, s_index, len(events)))
        return analysis.with_(events=tuple(events))

    def _sentence(self, analysis: Analysis, resolver: Resolver, sent: Any, s_index: int, offset: int) -> list[Event]:
        seen: set[tuple[str, str, str]] = set()
        out: list[Event] = []
        for match in sorted(find_triggers(self.lexicon, sent), key=lambda m: m.head.i):
            kind = match.trigger.kind
            roles = noun_roles(match, resolver.has_mention) if kind == "noun" else verb_roles(match, resolver.has_mention)
            for src, tgt, via_pronoun in self._pairs(resolver, roles, s_index):
                if src is None and (tgt is None or kind == "noun"):
                    continue
                key = (match.trigger.type or "", _key(src), _key(tgt))
                if key in seen or (src is not None and tgt is not None and _key(src) == _key(tgt) and src.start == tgt.start):
                    continue
                seen.add(key)
                if src is not None and tgt is not None:
                    resolver.remember_pair(s_index, src, tgt)
                out.append(self._event(analysis, sent, s_index, offset + len(out), match, src, tgt,
                                       _confidence(match, src, tgt, roles, via_pronoun)))
            for head in roles.sources:
                actor, _ = resolver.actor(head, s_index)
                if actor is not None:
                    resolver.remember(s_index, head, actor)
        return out

    def _pairs(self, resolver: Resolver, roles: Roles, s_index: int) -> list[tuple[Actor | None, Actor | None, bool]]:
        """One (source, target) per coordinated pair; reciprocal parties each get an event with no target."""
        parties = resolver.parties(roles.sources[0], s_index) if len(roles.sources) == 1 else ()
        sources = [(p, True) for p in parties] or [resolver.actor(t, s_index) for t in roles.sources] or [(None, False)]
        targets = [resolver.actor(t, s_index)[0] for t in roles.targets] or [None]
        if roles.reciprocal or (len(sources) > 1 and targets == [None]):
            return [(s, None, p) for s, p in sources]
        return [(s, t, p) for s, p in sources for t in targets]

    def _event(self, analysis: Analysis, sent: Any, s_index: int, n: int, match: Match,
               src: Actor | None, tgt: Actor | None, confidence: float) -> Event:
        doc_id, trig = analysis.article.doc_id, match.trigger
        text = analysis.article.text
        evidence = Evidence(sentence=sent.text, start=sent.start_char, end=sent.end_char,
                            trigger=text[match.start:match.end], trigger_start=match.start, trigger_end=match.end)
        return Event(doc_id=doc_id, event_id=f"{doc_id}:e{n + 1}", type=trig.type or "", mode=trig.mode, cameo=trig.cameo,
                     source=src, target=tgt, date=None, location=None, modality="asserted", attribution=None,
                     evidence=evidence, confidence=confidence, quad_class=QUAD_CLASS.get(trig.type or ""),
                     sentence_index=s_index)


def _key(actor: Actor | None) -> str:
    return "" if actor is None else (actor.id or actor.name or actor.text).lower()


def make_stage(config: Any, resources: Any) -> EventStage:
    """Build the stage from the shared lexicon (loaded once per Resources)."""
    return EventStage(lexicon=resources.lexicon)
