"""Stage 'casualties': how many people an event killed, wounded or detained, as the text counts them.

A cue word ("killed", "dead", "wounded", "death toll", "arrested", "abducted"; data/casualties/) is
read with the count the parse ties to it: a number on its object or subject ("killing 6 civilians",
"two soldiers died", "arrested 40 protesters"), on the cue itself ("left three dead", "300 wounded"),
or after "of"/"to" ("a death toll of 40", "the toll rose to 40"). "at least"/"more than" give the
lower bound; "no one was hurt" gives 0; vague plurals follow the documented convention. The count
goes to the event whose trigger is the cue, or governs or hangs on it, else the nearest event of a
fitting type in the same sentence (an attack for the dead, coercion for the detained).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any, NamedTuple

from spacy.attrs import LEMMA

from ..records import Analysis, Event, with_fields
from ..nlp.parse import trigger_span
from ..nlp.syntax import Sentences, ancestors, tokens_in

KINDS = ("fatalities", "injured", "arrested")
_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")


@dataclass(frozen=True)
class CasualtyWords:
    """The words of data/casualties/casualties.toml (see its README)."""

    cues: dict[str, str]  # lemma -> kind ("both" for "casualty")
    attach: dict[str, tuple[str, ...]]
    none: frozenset[str]
    none_preps: frozenset[str]
    numbers: dict[str, int]
    multipliers: dict[str, int]
    vague: dict[str, int]


def load_words() -> CasualtyWords:
    """Read the shipped word lists."""
    d = tomllib.loads(resources.files("eventscope").joinpath("data/casualties/casualties.toml").read_text("utf-8"))
    cues = {lemma: kind for kind, lemmas in d["cues"].items() for lemma in lemmas}
    return CasualtyWords(
        cues=cues, attach={k: tuple(v) for k, v in d["attach"].items()},
        none=frozenset(d["none"]["determiners"]) | frozenset(d["none"]["pronouns"]),
        none_preps=frozenset(d["none"]["prepositions"]), numbers=dict(d["numbers"]),
        multipliers=dict(d["multipliers"]), vague=dict(d["vague"]),
    )


class Counter:
    """Reads the count a cue token carries, from the parse around it."""

    def __init__(self, words: CasualtyWords) -> None:
        self.words = words

    def value(self, tok: Any) -> int | None:
        """The number a token states: "6", "1,200", "twenty-five", "two hundred", "dozens", "a dozen"."""
        low = tok.lower_
        if low in self.words.vague:
            return self.words.vague[low]
        if _NUMBER.match(low):
            base = int(low.replace(",", ""))
        elif low in self.words.numbers:
            base = self.words.numbers[low]
        elif "-" in low and all(p in self.words.numbers for p in low.split("-")):
            base = sum(self.words.numbers[p] for p in low.split("-"))
        else:
            return None
        for c in tok.children:  # "two dozen": "dozen" hangs on "two" or "two" on "dozen"
            if c.dep_ in ("quantmod", "compound", "nummod") and c.lower_ in self.words.multipliers:
                base *= self.words.multipliers[c.lower_]
            elif c.dep_ == "compound" and self.words.numbers.get(c.lower_, 0) >= 20 > base:
                base += self.words.numbers[c.lower_]  # "twenty-five" split in three tokens
        if tok.dep_ in ("quantmod", "compound", "nummod") and tok.head.lower_ in self.words.multipliers:
            base *= self.words.multipliers[tok.head.lower_]
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ in self.words.multipliers and nxt.head.i != tok.i and tok.head.i != nxt.i:
            base *= self.words.multipliers[nxt.lower_]
        return base

    def of_phrase(self, noun: Any) -> int | None:
        """The count of a noun phrase: the noun itself ("300", "dozens"), its number, or "a/an" (one)."""
        if self._is_none(noun):
            return 0
        own = self.value(noun)
        if own is not None:
            return own
        for c in noun.children:
            if c.dep_ in ("nummod", "quantmod", "amod") or (c.dep_ == "compound" and c.pos_ == "NUM"):
                got = self.value(c)
                if got is not None:
                    return got
        if noun.pos_ == "NOUN" and noun.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in ("a", "an")
                                                              for c in noun.children):
            return 1
        return None

    def _is_none(self, noun: Any) -> bool:
        if noun.lower_ in self.words.none:
            return True
        if noun.lower_ == "one" and any(c.lower_ in self.words.none for c in noun.children):
            return True
        return any(c.dep_ == "det" and c.lower_ in self.words.none for c in noun.children) or \
            (noun.dep_ == "pobj" and noun.head.lower_ in self.words.none_preps)

    def count(self, cue: Any) -> int | None:
        """The count tied to one cue token, or None."""
        for c in cue.children:  # "left three dead", "300 wounded" (the number parsed on the cue)
            if c.dep_ in ("nummod", "nsubj", "nsubjpass", "npadvmod") and (got := self.value(c)) is not None:
                return got
        # the victims: the object or passive subject; the subject only of a verb without one ("two died")
        args = [c for c in cue.children if c.dep_ in ("dobj", "nsubjpass")] or \
            [c for c in cue.children if c.dep_ in ("nsubj", "attr")]
        if cue.pos_ == "NOUN":  # "a death toll of 40", "the toll rose to 40", "no casualties"
            if self._is_none(cue):
                return 0
            args += [g for p in cue.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                     if g.dep_ == "pobj"]
            if cue.dep_ in ("nsubj", "nsubjpass") and cue.head.pos_ in ("VERB", "AUX"):
                args += [g for p in cue.head.children if p.dep_ == "prep" and p.lower_ in ("to", "at")
                         for g in p.children if g.dep_ == "pobj"]
        if cue.pos_ == "VERB" and cue.dep_ in ("acl", "amod") and cue.head.pos_ in ("NOUN", "NUM", "PRON"):
            args.append(cue.head)  # "dozens wounded", "40 protesters arrested"
        if cue.pos_ == "ADJ" and cue.dep_ in ("amod", "acomp", "oprd"):
            args += [cue.head] if cue.dep_ == "amod" else [c for c in cue.head.children if c.dep_ == "dobj"]
            if cue.dep_ == "acomp":
                args += [c for c in cue.head.children if c.dep_ == "nsubj"]
        for arg in args:
            got = self.of_phrase(arg)
            if got is not None:
                return got
        return None


class Site(NamedTuple):
    """Where an event's trigger is, as token indices (spaCy rebuilds `span.root` and `.sent` per access)."""

    start: int
    end: int
    root: int
    sent_start: int
    sent_end: int


@dataclass(frozen=True)
class CasualtiesStage:
    """Fills `fatalities`, `injured` and `arrested` of the events a count belongs to."""

    counter: Counter
    name: str = "casualties"
    requires: tuple[str, ...] = ("doc", "events")
    assigns: tuple[str, ...] = ("events.fatalities", "events.injured", "events.arrested")

    def __call__(self, analysis: Analysis) -> Analysis:
        doc = analysis.doc
        if doc is None or not analysis.events:
            return analysis
        sites: dict[int, Site] = {}
        sentences = Sentences(doc)
        for i, event in enumerate(analysis.events):
            span = trigger_span(doc, event.evidence)
            if span is not None:
                root = span.root.i
                sites[i] = Site(span.start, span.end, root, *sentences.of(root))
        counts: dict[int, dict[str, int]] = {}
        wanted = {(site.sent_start, site.sent_end) for site in sites.values()}
        for i, kind, sent_start in self._cue_tokens(doc, sentences, wanted):
            tok = doc[i]
            n = self.counter.count(tok)
            if n is None or (kind == "both" and n != 0):
                continue
            for k in (("fatalities", "injured") if kind == "both" else (kind,)):
                target = self._event_for(tok, sent_start, k, analysis.events, sites)
                if target is not None:
                    got = counts.setdefault(target, {})
                    got[k] = max(got.get(k, n), n)
        if not counts:
            return analysis
        events = tuple(with_fields(e, **counts[i]) if i in counts else e for i, e in enumerate(analysis.events))
        return analysis.with_(events=events)

    def _cue_tokens(self, doc: Any, sentences: Sentences, wanted: set[tuple[int, int]]) -> list[tuple[int, str, int]]:
        """(token index, cue kind, sentence start) of every cue word in the sentences `wanted` (the event
        sentences), found by one lemma-array scan: most tokens are no cue."""
        cues = self.counter.words.cues
        return [(i, cues[doc[i].lemma_.lower()], bounds[0]) for i in tokens_in(doc, LEMMA, cues)
                if (bounds := sentences.of(i)) in wanted]

    def _event_for(self, cue: Any, sent_start: int, kind: str, events: tuple[Event, ...],
                   sites: dict[int, Site]) -> int | None:
        """The event a count belongs to: the cue's own, one above or below it, else the nearest fitting one."""
        types = self.counter.words.attach[kind]
        near = [i for i, site in sites.items() if site.sent_start == sent_start and events[i].type in types]
        if not near:
            return None
        own = next((i for i in near if sites[i].start <= cue.i < sites[i].end), None)
        if own is not None:
            return own
        above = {a.i for a in ancestors(cue)}
        for i in near:  # the cue hangs on the event ("opened fire, killing 6")
            if sites[i].root in above:
                return i
        doc = cue.doc
        for i in near:  # the event hangs on the cue ("the attack killed 12": "attack" under "killed")
            if any(a.i == cue.i for a in ancestors(doc[sites[i].root])):
                return i
        return min(near, key=lambda i: (types.index(events[i].type), abs(sites[i].root - cue.i)))


def make_stage(config: Any, resources: Any) -> CasualtiesStage:
    """Build the stage: read the word lists once."""
    return CasualtiesStage(Counter(load_words()))
