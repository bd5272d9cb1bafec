"""Stage 'events': find PLOVER event triggers in each sentence and read their source and target from the parse.

One pass per sentence: look every verb, noun and predicative adjective up in
the lexicon (a dict lookup on the lemma), drop triggers embedded in another
trigger's complement ("threatened to attack" is THREATEN, "condemned the
attack" is ACCUSE), then read arguments from the dependency tree and emit one
Event per source/target pair. Later stages fill date, place and modality.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, NamedTuple

from ...nlp.syntax import ancestors, child, misparsed_predicate, subject_of
from ...tables import read_data_toml
from ...records import QUAD_CLASS, Actor, Analysis, Event, Evidence
from ..actors.mentions import STATELESS_SECTORS
from .resolver import Resolver
from .args import (Roles, called_for, casualty_count, framing_verb, lifted_conjunct, noun_roles, patient_subject,
                   subject, verb_roles, words)
from .lexicon import DocWords, Lexicon, Match, as_intent, future_auxiliaries, load_lexicon

__all__ = ["EventStage", "load_lexicon", "make_stage"]

# Dependencies through which a trigger does NOT take the clause below it as its content.
NOT_EMBEDDING = frozenset({"conj", "cc", "punct", "nsubj", "csubj", "relcl", "advcl", "parataxis", "appos",
                           "npadvmod", "advmod", "mark", "aux", "auxpass", "det"})
# A relative clause on one of these tells what the sentence's actor did ("India, which had summoned X,
# dismissed ..."); on any other noun it describes that noun ("backed a resolution that aims to ...").
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
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
    if lifted_conjunct(tok):  # "ordered Y to leave and dismissed ...": a conjunct of "ordered", not its content
        tok = tok.head.head
    for parent in ancestors(tok):
        if tok.dep_ in NOT_EMBEDDING and tok.dep_ != "conj":
            return False
        if tok.dep_ == "ccomp" and tok.i < parent.i and subject_of(parent) is None:
            return False  # "X blew up Y, Z said, days after W warned": the parser hung the lead on "warned"
        outer = heads.get(parent.i)
        if outer is not None and outer.trigger.type is not None and tok.dep_ != "conj":
            return True
        tok = parent
    return False


def find_triggers(lexicon: Lexicon, sent: Any, tokens: Iterable[Any] | None = None) -> list[Match]:
    """Event triggers of one sentence, most specific pattern per head, embedded ones and blocks removed.
    `tokens`: those of the sentence that may head one, in order (`Lexicon.candidates`); None: all."""
    found: dict[int, Match] = {}
    consumed: set[int] = set()
    for tok in sent if tokens is None else tokens:
        m = lexicon.match(tok)
        if m is not None:
            found[tok.i] = m
            consumed.update(t.i for t in m.tokens[1:])
    kept = [_tensed(lexicon, m) for i, m in found.items() if i not in consumed and m.trigger.type is not None]
    return [m for m in kept if m is not None and not _embedded(m, found) and not _disposition(m)]


def clause_role(match: Match) -> str:
    """Where a trigger sits: "main" (the sentence's own predication, its coordinated, contrastive and
    temporal clauses, "..., while Y criticised Z"; a participial clause, "..., killing two"), "relative" (a
    relative clause on a subject or a participial clause on a noun: "the militia, which had attacked X,
    ..."), "described" (a relative clause on any other noun: "backed a plan that aims to ..."), "side" (a
    purpose or conditional clause, "opened fire to disperse", "unless Baghdad accepts"; a bare past
    participle; a noun inside a prepositional phrase, unless the subject undergoes it: "came under
    attack") or "background" (a bare passive participle describing a noun: "forces backed by X")."""
    tok = match.head.head if match.trigger.kind == "adj" else match.head
    if match.trigger.kind == "noun" and tok.dep_ in NOMINAL_SIDE_DEPS and patient_subject(match) is None \
            and framing_verb(match) is None:  # "told X in a phone call" is the call itself
        return "side"
    role, side = "main", False
    for head in ancestors(tok):
        dep = tok.dep_
        if misparsed_predicate(tok):
            dep = "ROOT"
        if dep == "acl" and _reduced_passive(tok):  # wins over a side clause below it ("opened to allow")
            return "background"
        if dep == "pcomp" or (dep == "advcl" and _background_clause(tok)) or (dep == "relcl" and _time_clause(tok)):
            side = True
        if dep in ("relcl", "acl") and not _where_clause(tok) and not _existential(tok) and role == "main":
            role = "relative" if dep == "acl" or head.dep_ in SUBJECT_DEPS else "described"
        tok = head
    return "side" if side else role


def _reduced_passive(verb: Any) -> bool:
    """A bare past participle on a noun describes it ("forces backed by Russia", "weapons seized last year",
    "the curfew imposed in May"): a state of the noun, not an event the sentence reports. Not so after an
    existential ("there were ten soldiers killed"), nor a past tense the tagger hung on an apposition
    with no agent ("..., a rights group protested")."""
    if verb.tag_ != "VBN" or _existential(verb) or any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass")
                                                       for c in verb.children):
        return False
    return verb.head.dep_ != "appos" or any(c.dep_ == "agent" for c in verb.children)


def _existential(verb: Any) -> bool:
    """A participle on the noun of "there is/are ..." is that sentence's predication ("there were ten
    soldiers killed")."""
    noun = verb.head
    return noun.dep_ == "attr" and any(c.dep_ == "expl" for c in noun.head.children)


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


def _tensed(lexicon: Lexicon, match: Match) -> Match | None:
    """Recode a verb in the future ("will visit") as intent. Negated, an agreement or an announced
    cooperative act is a refusal, REJECT ("did not agree", "will not accept", "would not sign the
    accord", "would not back down"); an announced hostile act is no threat ("would not attack"): None."""
    if match.trigger.kind == "noun":
        return match
    verb = match.head if match.trigger.kind == "verb" else match.head.head
    negated = future = False
    for c in verb.children:
        dep = c.dep_
        negated = negated or dep == "neg"
        future = future or (dep == "aux" and c.lower_ in future_auxiliaries())
    trigger = match.trigger
    if future:  # first: "would not sign" is a refusal
        trigger = as_intent(lexicon, trigger)
        if negated and trigger.type == "THREATEN" and match.trigger.type != "THREATEN":
            return None
    if negated and trigger.type == "AGREE":
        trigger = replace(trigger, type="REJECT", mode=None, cameo="120")
    return match if trigger == match.trigger else replace(match, trigger=trigger)


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


# A trigger match and, when the stage read them itself (a command), its roles.
Item = tuple[Match, Roles | None]


@dataclass(frozen=True)
class Commands:
    """The `[commands]` and `[claims]` lists of data/lexicon/arguments.toml (reasons are given there)."""

    verbs: frozenset[str]
    force_sectors: frozenset[str]
    force_nouns: frozenset[str]
    fallback: str
    claim_verbs: frozenset[str]
    claim_nouns: frozenset[str]


@lru_cache(maxsize=1)
def _command_words() -> Commands:
    raw = read_data_toml("lexicon", "arguments.toml")
    cmd, claims = raw["commands"], raw["claims"]
    return Commands(frozenset(cmd["verbs"]), frozenset(cmd["force_sectors"]), frozenset(cmd["force_nouns"]), cmd["fallback"],
                    frozenset(claims["verbs"]), frozenset(claims["nouns"]))


def _claimer(match: Match) -> Any | None:
    """The subject of "claimed responsibility for <the act>": the source of a nominal trigger so claimed."""
    noun = match.head
    if match.trigger.kind != "noun" or noun.dep_ != "pobj" or noun.head.lower_ != "for":
        return None
    claim = noun.head.head
    verb = claim.head
    words_ = _command_words()
    if claim.lemma_.lower() not in words_.claim_nouns or claim.dep_ != "dobj" or verb.lemma_.lower() not in words_.claim_verbs:
        return None
    return subject(verb)[0]


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
        table = DocWords(doc)
        heads = self.lexicon.candidates(table)
        verbs = table.lemma_in(table.rows("VERB"), _command_words().verbs)
        events: list[Found] = []
        tolls: list[Found] = []
        for s_index, sent in enumerate(doc.sents):
            found, counts = self._sentence(resolver, sent, s_index, _within(heads, sent), _within(verbs, sent))
            events.extend(found)
            tolls.extend(counts)
        if not any(e.source is not None and e.type in words().violent_types for e in events):
            events.extend(tolls)  # no perpetrator's act anywhere: the count stands for the violence itself
        events.sort(key=lambda e: e.sentence_index)  # stable: a sentence's events keep their order
        return analysis.with_(events=tuple(_event(analysis, found, n) for n, found in enumerate(events)))

    def _sentence(self, resolver: Resolver, sent: Any, s_index: int, heads: list[Any],
                  verbs: list[Any]) -> tuple[list[Found], list[Found]]:
        """The events of the main clauses (coordinated, contrastive, temporal and participial ones included),
        and apart from them the bare casualty counts ("100 people were killed"). When there are main events,
        a relative clause adds only events of a named actor (on a named target, if any), and side clauses
        (purpose, condition) add none; otherwise every trigger counts. A count is the toll of another event
        of its sentence, else of the document's violent act by a named perpetrator: it is an event of its
        own only when the document has no such act (the caller decides). `heads`: the sentence's tokens that
        may head a trigger; `verbs`: its command verbs."""
        by_role: dict[str, list[Item]] = {"main": [], "relative": [], "described": [], "side": [], "background": []}
        matches = sorted(find_triggers(self.lexicon, sent, heads), key=lambda m: m.head.i)
        commands = self._commands(resolver, verbs, s_index)
        for match in matches:
            claimer = _claimer(match)
            call = called_for(match, resolver.has_mention) if claimer is None else None
            if claimer is not None:  # the claim is the sentence's report of the act
                roles = noun_roles(match, resolver.has_mention)
                by_role["main"].append((match, replace(roles, sources=(claimer,), inherited=False)))
            elif call is not None:  # "X said it was vital for Y's inquiry to go on": X's call, not the inquiry
                by_role["main"].append(call)
            elif match.head.i not in commands:
                by_role[clause_role(match)].append((match, None))
        for verb_i, items in commands.items():
            by_role[clause_role(Match(items[0][0].trigger, sent.doc[verb_i], (sent.doc[verb_i],)))].extend(items)
        seen: set[tuple[str, str, str]] = set()
        tolls: set[int] = set()
        out = self._emit(resolver, sent, s_index, by_role["main"], seen, tolls)
        if not out:
            out = self._emit(resolver, sent, s_index, by_role["relative"] + by_role["described"] + by_role["side"],
                             seen, tolls)
        else:
            extra = self._emit(resolver, sent, s_index, by_role["relative"], seen, tolls)
            out += [e for e in extra if _named(e.source) and (e.target is None or _named(e.target))]
            extra = self._emit(resolver, sent, s_index, by_role["described"], seen, tolls)
            out += [e for e in extra if _named(e.source) and _named(e.target)]
        kept = [e for e in out if e.match.start not in tolls]
        return (kept, []) if kept else ([], out)

    def _commands(self, resolver: Resolver, verbs: list[Any], s_index: int) -> dict[int, list[Item]]:
        """Commands to one's own forces, by the command verb's index: "X ordered / authorised its troops to
        do Y" is X's act Y on Y's target (the infinitive's trigger, else a deployment: "ordered the army to
        neutralise the gangs"), not a request from X to its forces. The forces' own act, when the
        infinitive is coded on its own ("authorised police to open fire": police opened fire), stays.
        `verbs`: the sentence's verbs of `[commands] verbs`."""
        cmd = _command_words()
        out: dict[int, list[Item]] = {}
        for verb in verbs:
            obj, comp = child(verb, "dobj"), child(verb, "xcomp")
            if obj is None or comp is None:
                continue
            commander, _ = subject(verb, has_mention=resolver.has_mention)
            force, _ = resolver.actor(obj, s_index)
            boss, _ = resolver.actor(commander, s_index) if commander is not None else (None, False)
            own = force is not None and force.kind is None and obj.lemma_.lower() in cmd.force_nouns  # "ordered officers"
            if boss is None or force is None or (force.sector not in cmd.force_sectors and not own) \
                    or (force.country and force.country != boss.country):  # another state's forces
                continue
            act = self.lexicon.match(comp)
            if act is not None and act.trigger.type is not None:
                targets = verb_roles(act, resolver.has_mention).targets
            else:
                act = self._deployment(verb)
                targets = tuple(t for t in (child(comp, "dobj"),) if t is not None)
            if act is not None:
                out[verb.i] = [(act, Roles(sources=(commander,), targets=targets))]
        return out

    def _deployment(self, verb: Any) -> Match | None:
        """The lexicon's bare row of the command fallback verb, as a match on the command verb."""
        rows = self.lexicon.index.get(("verb", _command_words().fallback), ())
        row = next((t for t in rows if not t.words and t.type), None)
        return Match(row, verb, (verb,)) if row is not None else None

    def _emit(self, resolver: Resolver, sent: Any, s_index: int, items: list[Item],
              seen: set[tuple[str, str, str]], tolls: set[int]) -> list[Found]:
        """The events of `items` (a match and, for a command, its given roles; numbered later); adds the
        trigger offsets of bare casualty counts to `tolls`."""
        out: list[Found] = []
        for match, given in items:
            kind = match.trigger.kind
            roles = given or (noun_roles(match, resolver.has_mention) if kind == "noun"
                              else verb_roles(match, resolver.has_mention))
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
                src = _sentence_country(resolver, sent, src, tgt)
                if src is not None and tgt is not None:
                    resolver.remember_pair(s_index, src, tgt)
                resolver.remember_event(match.trigger.type or "", src)
                out.append(Found(match, src, tgt, _confidence(match, src, tgt, roles, via_pronoun), sent, s_index))
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


class Found(NamedTuple):
    """An event of the document before it is numbered (an Event is built once, with its final id)."""

    match: Match
    source: Actor | None
    target: Actor | None
    confidence: float
    sent: Any
    sentence_index: int

    @property
    def type(self) -> str:
        return self.match.trigger.type or ""


def _event(analysis: Analysis, found: Found, n: int) -> Event:
    """The document's `n`-th event (from 0)."""
    doc_id, match, sent = analysis.article.doc_id, found.match, found.sent
    trig = match.trigger
    text = analysis.article.text
    raw = text[sent.start_char:sent.end_char]
    start = sent.start_char + len(raw) - len(raw.lstrip())
    end = sent.start_char + len(raw.rstrip())  # the sentence without the paragraph break after it
    first, last = match.start, match.end
    evidence = Evidence(sentence=text[start:end], start=start, end=end,
                        trigger=text[first:last], trigger_start=first, trigger_end=last)
    return Event(doc_id=doc_id, event_id=f"{doc_id}:e{n + 1}", type=trig.type or "", mode=trig.mode, cameo=trig.cameo,
                 source=found.source, target=found.target, date=None, location=None, modality="asserted",
                 attribution=None, evidence=evidence, confidence=found.confidence,
                 quad_class=QUAD_CLASS.get(trig.type or ""), sentence_index=found.sentence_index)


def _within(indices: list[int], sent: Any) -> list[Any]:
    """The tokens of `sent` among the document's token `indices` (ascending), in order."""
    doc = sent.doc
    return [doc[i] for i in indices[bisect_left(indices, sent.start):bisect_left(indices, sent.end)]]


def _sentence_country(resolver: Resolver, sent: Any, src: Actor | None, tgt: Actor | None) -> Actor | None:
    """A named source with no country ("President X", "the Homeland Union") takes the one country the rest
    of its sentence names besides the target's ("conceded to demands from UNITA" -> Angola); none when the
    sentence names several, or only the target's ("X welcomed the South African leader")."""
    if src is None or src.country or src.kind is None or src.sector in STATELESS_SECTORS:
        return src
    found = resolver.sentence_countries(sent)
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
