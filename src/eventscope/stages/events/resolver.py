"""Turn an argument token into an Actor: the actors stage's mention when there is one, else the phrase itself.

Pronouns ("it", "they") take the actor the actors stage's coreference gave them; one it left
unresolved falls back to the nearest earlier compatible event source of the sentence or the sentence
before; an unresolved pronoun is dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from ...nlp.syntax import is_root
from ...records import Actor, Analysis
from ..actors import actor_at
from ..frame import parse_dateline
from .args import coordinated, told_accusation, words

# Subtrees that describe an argument rather than name it; left out of its text.
TRIM_DEPS = frozenset({"relcl", "appos", "punct", "conj", "cc", "acl", "advcl", "parataxis", "case"})
PRONOUNS: dict[str, frozenset[str | None]] = {
    "it": frozenset({"organization", "country", "group", None}), "its": frozenset({"organization", "country", "group", None}),
    # plural pronouns point at groups, not at one person ("militants loyal to X said they ...")
    "they": frozenset({"organization", "country", "group", None}),
    "them": frozenset({"organization", "country", "group", None}),
    "their": frozenset({"organization", "country", "group", None}),
    "he": frozenset({"person", None}), "him": frozenset({"person", None}), "his": frozenset({"person", None}),
    "she": frozenset({"person", None}), "her": frozenset({"person", None}),
}
# Dependencies of a word that modifies a noun rather than names a party ("Russian" in "Russian flags").
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})
LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)
# Prepositions of a party's origin ("diplomats from Chile and Peru", "envoys of France and Italy").
ORIGIN_PREPS = frozenset({"from", "of"})
# "the two sides", "both countries": a plural noun that points back at the parties of the last event.
PARTY_NOUNS = frozenset({"side", "party", "country", "nation", "leader", "government", "delegation", "minister", "state"})


@dataclass
class Resolver:
    """Per-document actor lookup; remembers recent event sources so pronouns can point back to them."""

    analysis: Analysis
    recent: list[tuple[int, int, Actor]] = field(default_factory=list)  # (sentence index, char, actor)
    last_pair: tuple[int, tuple[Actor, ...]] | None = None  # parties of the latest dyadic event
    accuser: Actor | None = None  # the named source of the document's latest accusation
    story_start: int = field(init=False)  # char offset after the dateline, whose words are no party
    # the actors stage's mention at each char offset asked about, and each sentence's countries (by start):
    # the stage asks about the same tokens and sentences many times
    mentions: dict[int, Actor | None] = field(default_factory=dict, repr=False)
    countries: dict[int, frozenset[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        dateline = parse_dateline(self.analysis.article.text)
        self.story_start = 0 if dateline is None else dateline.end

    def remember_pair(self, sent_index: int, source: Actor, target: Actor) -> None:
        self.last_pair = (sent_index, (source, target))

    def remember_event(self, type_: str, source: Actor | None) -> None:
        """Keep the author of an accusation: "the allegations" of a later sentence are theirs."""
        if source is not None and source.kind is not None and type_ in words().accuse_types:
            self.accuser = source

    def parties(self, token: Any, sent_index: int) -> tuple[Actor, ...]:
        """The parties a "the two sides" / "both countries" phrase refers to (empty when it is not one)."""
        if token.lemma_.lower() not in PARTY_NOUNS or token.tag_ not in ("NNS", "NNPS") or self.last_pair is None:
            return ()
        marked = any(c.lower_ in ("two", "both") for c in token.children if c.dep_ in ("nummod", "det", "predet"))
        return self.last_pair[1] if marked and self.last_pair[0] >= sent_index - 1 else ()

    def has_mention(self, token: Any) -> bool:
        return self.mention(token) is not None

    def mention(self, token: Any) -> Actor | None:
        """The actors stage's mention covering `token` (`actor_at`), looked up once per token."""
        idx = token.idx
        if idx not in self.mentions:
            self.mentions[idx] = actor_at(self.analysis, token)
        return self.mentions[idx]

    def sentence_countries(self, sent: Any) -> set[str]:
        """`sentence_countries` of `sent`, read once per sentence (a new set each call: callers change it)."""
        if sent.start not in self.countries:
            self.countries[sent.start] = frozenset(sentence_countries(self.analysis, sent))
        return set(self.countries[sent.start])

    def remember(self, sent_index: int, token: Any, actor: Actor) -> None:
        self.recent.append((sent_index, token.idx, actor))

    def actor(self, token: Any, sent_index: int) -> tuple[Actor | None, bool]:
        """The actor for an argument head, and whether it came from pronoun resolution."""
        if token.idx < self.story_start:  # the parser hung the story's subject on the dateline's place
            siblings = [c for c in token.head.children if c.dep_ == token.dep_ and c.i != token.i]
            inside = (t for t in (*token.subtree, *siblings) if t.idx >= self.story_start and t.dep_ not in MODIFIER_DEPS)
            found = next((a for t in inside if (a := self.mention(t)) is not None), None)
            return found, False
        if token.pos_ == "PRON" or token.tag_ in ("PRP", "PRP$"):
            return self.mention(token) or self._pronoun(token, sent_index), True
        found = self.mention(token)
        if found is not None:
            return found, False
        if told_accusation(token):  # "denied the allegations": whoever made them
            return self.accuser, False
        appos = next((c for c in token.children if c.dep_ == "appos"), None)
        if appos is not None and (found := self.mention(appos)) is not None:
            return found, False
        return self._phrase(token), False

    def actors(self, token: Any, sent_index: int) -> list[tuple[Actor | None, bool]]:
        """Like `actor`, but a phrase with coordinated national modifiers or origins is one actor per
        country ("Hungarian and Romanian officials" -> Hungarian officials, Romanian officials; "diplomats
        from Chile and Peru" -> diplomats from Chile, diplomats from Peru)."""
        actor, via_pronoun = self.actor(token, sent_index)
        if actor is None or via_pronoun:
            return [(actor, via_pronoun)]
        kids = list(token.children)
        origins = [o for p in kids if p.dep_ == "prep" and p.lower_ in ORIGIN_PREPS for o in p.children if o.dep_ == "pobj"]
        for mod in (*(m for m in kids if m.dep_ in ("amod", "compound", "nmod")), *origins):
            conjoined = coordinated(mod)
            if not conjoined:
                continue
            parts = [(t, self.mention(t)) for t in (mod, *conjoined)]
            if all(a is not None and a.kind == "country" and a.country for _, a in parts):
                named = (lambda t: f"{t.text} {token.text}") if mod.i < token.i else (lambda t: f"{token.text} {mod.head.text} {t.text}")
                return [(replace(actor, name=named(t), country=a.country, id=None), False)  # type: ignore[union-attr]
                        for t, a in parts]
        return [(actor, False)]

    def _phrase(self, token: Any) -> Actor:
        """The argument phrase; resolved through the closest mention inside it when there is one."""
        toks = sorted(_kept(token), key=lambda t: t.i)
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        text = self.analysis.article.text[start:end]
        inner = self._inner_mention(token, start, end)
        if inner is not None:
            return replace(inner, text=text, start=start, end=end)
        return Actor(text=text, name=LEADING.sub("", text), start=start, end=end)

    def _inner_mention(self, token: Any, start: int, end: int) -> Actor | None:
        best: tuple[int, Actor] | None = None
        for tok in _kept(token):
            if tok.pos_ == "PRON":
                continue  # "his counterpart" is not him (an owned thing's owner is event_args' to find)
            if start <= tok.idx < end and (found := self.mention(tok)) is not None:
                depth = sum(1 for _ in _path(tok, token))
                if best is None or depth < best[0]:
                    best = (depth, found)
        return best[1] if best else None

    def _pronoun(self, token: Any, sent_index: int) -> Actor | None:
        kinds = PRONOUNS.get(token.lower_)
        if kinds is None:
            return None
        for s, idx, actor in reversed(self.recent):
            if s in (sent_index, sent_index - 1) and (s < sent_index or idx < token.idx) and actor.kind in kinds:
                return actor
        floor = token.sent.start_char - 400  # `token.sent` walks the sentence: read once, not per actor
        earlier = [a for a in self.analysis.actors if a.start is not None and a.start < token.idx
                   and a.start >= floor and a.kind in kinds]
        return earlier[-1] if earlier else None


def sentence_countries(analysis: Analysis, sent: Any) -> set[str]:
    """Countries of the actors a sentence names as parties in their own right: not those that only modify
    another noun ("U.S. air strikes", "a Russian-led alliance", "Ecuador's prisons" say whose the strikes,
    the alliance and the prisons are, not whose a source is)."""
    found: set[str] = set()
    for tok in sent:
        actor = actor_at(analysis, tok)
        if actor is None or not actor.country or actor.start is None or actor.end is None:
            continue
        if tok.head.i != tok.i and actor.start <= tok.head.idx < actor.end:
            continue  # not the head of its mention
        if tok.dep_ in MODIFIER_DEPS and tok.head.i != tok.i:
            continue
        found.add(actor.country)
    return found


def _kept(token: Any) -> list[Any]:
    out = [token]
    for child in token.children:
        if child.dep_ not in TRIM_DEPS:
            out.extend(_kept(child))
    return out


def _path(tok: Any, top: Any) -> Any:
    for _ in range(len(tok.doc)):
        if tok.i == top.i or is_root(tok):
            return
        yield tok
        tok = tok.head
