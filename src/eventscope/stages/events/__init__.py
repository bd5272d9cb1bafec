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

from ...nlp.syntax import ancestors
from ...records import QUAD_CLASS, Actor, Analysis, Event, Evidence
from ..actors.mentions import STATELESS_SECTORS
from .resolver import Resolver, sentence_countries
from .args import Roles, casualty_count, noun_roles, patient_subject, verb_roles, words
from .lexicon import Lexicon, Match, as_intent, future_auxiliaries, load_lexicon

__all__ = ["EventStage", "load_lexicon", "make_stage"]

# Dependencies through which a trigger does NOT take the clause below it as its content.
NOT_EMBEDDING = frozenset({"conj", "cc", "punct", "nsubj", "csubj", "relcl", "advcl", "parataxis", "appos",
                           "npadvmod", "advmod", "mark", "aux", "auxpass", "det"})
NOMINAL_SIDE_DEPS = frozenset({"pobj", "compound", "amod", "nmod", "poss", "npadvmod"})
BASE_CONFIDENCE = {"verb": 0.7, "adj": 0.6, "noun": 0.5}
# Entity labels of places: one with no country behind it is no target.
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def _embedded(match: Match, heads: dict[int, Match]) -> bool:
    """True when the trigger sits inside the complement of another (non-blocking) trigger, or is a noun
    that is the subject of one ("the deployment of troops arrived": one event, not two)."""
    tok = match.head
    outer = heads.get(tok.head.i)
    if match.trigger.kind == "noun" and tok.dep_ in ("nsubj", "nsubjpass") and outer is not None and outer.trigger.type:
        return True
    for parent in ancestors(tok):
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


def clause_role(match: Match) -> str:
    """Where a trigger sits: "main" (the sentence's own predication, its coordinated, contrastive and
    temporal clauses, "..., while Y criticised Z"; a participial clause, "..., killing two"), "relative" (a
    relative or participial clause on a noun: "the militia, which is funded by Qatar") or "side" (a purpose
    or conditional clause, "opened fire to disperse", "unless Baghdad accepts"; a bare past participle; a
    noun inside a prepositional phrase, unless the subject undergoes it: "came under attack")."""
    tok = match.head.head if match.trigger.kind == "adj" else match.head
    if match.trigger.kind == "noun" and tok.dep_ in NOMINAL_SIDE_DEPS and patient_subject(match) is None:
        return "side"
    role = "main"
    for head in ancestors(tok):
        dep = tok.dep_
        if dep == "pcomp" or (dep == "advcl" and _background_clause(tok)):
            return "side"
        if dep == "relcl" and _time_clause(tok):
            return "side"
        if dep in ("relcl", "acl") and not _where_clause(tok):
            role = "relative"
        tok = head
    return role


def _where_clause(verb: Any) -> bool:
    """A relative clause that narrates what someone did at a place or time ("..., where he met X");
    a passive one is background ("..., where 24 people were killed last year")."""
    deps = {c.dep_ for c in verb.children}
    return "nsubj" in deps and any(c.dep_ == "advmod" and c.lower_ in ("where", "when") for c in verb.children)


def _time_clause(verb: Any) -> bool:
    """A relative clause on a time noun dates another event ("the day a truce took effect")."""
    head = verb.head
    return head.ent_type_ in ("DATE", "TIME") or head.lemma_.lower() in words().time_heads


def _background_clause(verb: Any) -> bool:
    """An adverbial clause that is infinitival, a bare past participle, or opened by a subordinator of
    condition or purpose (`[clauses] background_marks`)."""
    deps = {c.dep_ for c in verb.children}
    if any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return True
    if verb.tag_ == "VBN" and not deps & {"nsubj", "nsubjpass", "aux", "auxpass", "mark"}:
        return True
    return any(c.dep_ == "mark" and c.lower_ in words().background_marks for c in verb.children)


def _tensed(lexicon: Lexicon, match: Match) -> Match:
    """Recode a verb in the future ("will visit") as intent; a negated agreement ("will not accept") as REJECT."""
    if match.trigger.kind == "noun":
        return match
    verb = match.head if match.trigger.kind == "verb" else match.head.head
    deps = {(c.dep_, c.lower_) for c in verb.children}
    if match.trigger.type == "AGREE" and any(d == "neg" for d, _ in deps):
        return replace(match, trigger=replace(match.trigger, type="REJECT", mode=None, cameo="120"))
    if any(d == "aux" and w in future_auxiliaries() for d, w in deps):
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
        """The events of the main clauses (coordinated, contrastive, temporal and participial ones included).
        When there are some, a relative clause adds only events of a named actor (on a named target, if
        any), and side clauses (purpose, condition) add none; otherwise every trigger counts. A bare
        casualty count ("100 people were killed") is an event only when the sentence has no other: else
        it is that event's toll."""
        by_role: dict[str, list[Match]] = {"main": [], "relative": [], "side": []}
        for match in sorted(find_triggers(self.lexicon, sent), key=lambda m: m.head.i):
            by_role[clause_role(match)].append(match)
        seen: set[tuple[str, str, str]] = set()
        tolls: set[int] = set()
        out = self._emit(analysis, resolver, sent, s_index, by_role["main"], seen, tolls)
        if not out:
            out = self._emit(analysis, resolver, sent, s_index, by_role["relative"] + by_role["side"], seen, tolls)
        else:
            extra = self._emit(analysis, resolver, sent, s_index, by_role["relative"], seen, tolls)
            out += [e for e in extra if _named(e.source) and (e.target is None or _named(e.target))]
        kept = [e for e in out if e.evidence.trigger_start not in tolls]
        return [replace(e, event_id=f"{analysis.article.doc_id}:e{offset + n + 1}") for n, e in enumerate(kept or out)]

    def _emit(self, analysis: Analysis, resolver: Resolver, sent: Any, s_index: int, matches: list[Match],
              seen: set[tuple[str, str, str]], tolls: set[int]) -> list[Event]:
        """The events of `matches` (numbered later); adds the trigger offsets of bare casualty counts to `tolls`."""
        out: list[Event] = []
        for match in matches:
            kind = match.trigger.kind
            roles = noun_roles(match, resolver.has_mention) if kind == "noun" else verb_roles(match, resolver.has_mention)
            if casualty_count(roles, match.trigger.type or ""):
                tolls.add(match.start)
            for src, tgt, via_pronoun in self._pairs(resolver, roles, s_index, match.trigger.type or ""):
                if src is None and (tgt is None or (kind == "noun" and patient_subject(match) is None)):
                    continue
                if src is not None and tgt is not None and _key(src) == _key(tgt):
                    if src.start == tgt.start:
                        continue
                    tgt = None  # the object points back at the source ("X called off its own meeting")
                key = (match.trigger.type or "", _key(src), _key(tgt))
                if key in seen:
                    continue
                seen.add(key)
                src = _sentence_country(analysis, sent, src, tgt)
                if src is not None and tgt is not None:
                    resolver.remember_pair(s_index, src, tgt)
                out.append(self._event(analysis, sent, s_index, len(out), match, src, tgt,
                                       _confidence(match, src, tgt, roles, via_pronoun)))
            for head in roles.sources:
                actor, _ = resolver.actor(head, s_index)
                if actor is not None:
                    resolver.remember(s_index, head, actor)
        return out

    def _pairs(self, resolver: Resolver, roles: Roles, s_index: int, typ: str) -> list[tuple[Actor | None, Actor | None, bool]]:
        """One (source, target) per coordinated pair. Coordinated parties of a joint act ("A and B agreed",
        "talks between A and B", "A and B signed an accord") are one symmetric event between each party
        and the next; parties acting on each other ("expelled each other's diplomats") one each way; of any
        other act with no target ("A and B protested"), one event each with no target."""
        parties = resolver.parties(roles.sources[0], s_index) if len(roles.sources) == 1 else ()
        sources = [(p, True) for p in parties] or [a for t in roles.sources for a in resolver.actors(t, s_index)] or [(None, False)]
        targets = [a for t in roles.targets for a, _ in resolver.actors(t, s_index) if not _bare_place(t, a)] or [None]
        # one event per actor pair: a coordinate that resolves to no actor (a dateline word the parser
        # joined to the subject) adds no pair beside the ones that resolve
        if any(a is not None for a, _ in sources):
            sources = [(a, p) for a, p in sources if a is not None]
        if any(t is not None for t in targets):
            targets = [t for t in targets if t is not None]
        if roles.crossed and len(sources) > 1:  # "A and B expelled each other's diplomats": both ways
            return [pair for (a, pa), (b, pb) in zip(sources, sources[1:]) if a is not None and b is not None
                    for pair in ((a, b, pa or pb), (b, a, pa or pb))]
        if roles.reciprocal or (len(sources) > 1 and targets == [None]):
            known = [(s, p) for s, p in sources if s is not None]
            named = [(s, p) for s, p in known if _named(s)]
            named = named if len(named) > 1 else known  # a stray phrase ("DUBAI - A and B agreed") is no party
            if (typ in words().symmetric_types or roles.joint) and len(named) > 1:  # each party with the next one
                return [(a, b, pa or pb) for (a, pa), (b, pb) in zip(named, named[1:])]
            return [(s, None, p) for s, p in sources]
        return [(s, t, p) for s, p in sources for t in targets]

    def _event(self, analysis: Analysis, sent: Any, s_index: int, n: int, match: Match,
               src: Actor | None, tgt: Actor | None, confidence: float) -> Event:
        doc_id, trig = analysis.article.doc_id, match.trigger
        text = analysis.article.text
        raw = text[sent.start_char:sent.end_char]
        start = sent.start_char + len(raw) - len(raw.lstrip())
        end = sent.start_char + len(raw.rstrip())  # the sentence without the paragraph break after it
        evidence = Evidence(sentence=text[start:end], start=start, end=end,
                            trigger=text[match.start:match.end], trigger_start=match.start, trigger_end=match.end)
        return Event(doc_id=doc_id, event_id=f"{doc_id}:e{n + 1}", type=trig.type or "", mode=trig.mode, cameo=trig.cameo,
                     source=src, target=tgt, date=None, location=None, modality="asserted", attribution=None,
                     evidence=evidence, confidence=confidence, quad_class=QUAD_CLASS.get(trig.type or ""),
                     sentence_index=s_index)


def _sentence_country(analysis: Analysis, sent: Any, src: Actor | None, tgt: Actor | None) -> Actor | None:
    """A named source with no country ("President X", "the Homeland Union") takes the one country the rest
    of its sentence names besides the target's ("conceded to demands from UNITA" -> Angola); none when the
    sentence names several, or only the target's ("X welcomed the South African leader")."""
    if src is None or src.country or src.kind is None or src.sector in STATELESS_SECTORS:
        return src
    found = sentence_countries(analysis, sent)
    found.discard(tgt.country if tgt is not None else None)
    return replace(src, country=found.pop()) if len(found) == 1 else src


def _bare_place(token: Any, actor: Actor | None) -> bool:
    """A toponym no actor stands behind (a town, a region, a building: "took control of Laukkai"); a capital
    or country resolved to its state keeps its country and stays a target."""
    return actor is not None and not actor.country and token.ent_type_ in PLACE_ENTS


def _named(actor: Actor | None) -> bool:
    """An actor resolved to a mention (a country, organization, group or person), not just a phrase."""
    return actor is not None and actor.kind is not None


def _key(actor: Actor | None) -> str:
    return "" if actor is None else (actor.id or actor.name or actor.text).lower()


def make_stage(config: Any, resources: Any) -> EventStage:
    """Build the stage from the shared lexicon (loaded once per Resources)."""
    return EventStage(lexicon=resources.lexicon)
