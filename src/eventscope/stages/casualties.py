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
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

import numpy as np

from ..records import Analysis, Event
from ..nlp.parse import trigger_span
from ..nlp.syntax import ancestors

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
        roots: dict[int, Any] = {}
        for i, event in enumerate(analysis.events):
            span = trigger_span(doc, event.evidence)
            if span is not None:
                roots[i] = span
        counts: dict[int, dict[str, int]] = {}
        for i, kind in self._cue_tokens(doc, {(span.root.sent.start, span.root.sent.end) for span in roots.values()}):
            tok = doc[i]
            n = self.counter.count(tok)
            if n is None or (kind == "both" and n != 0):
                continue
            for k in (("fatalities", "injured") if kind == "both" else (kind,)):
                target = self._event_for(tok, k, analysis.events, roots)
                if target is not None:
                    got = counts.setdefault(target, {})
                    got[k] = max(got.get(k, n), n)
        if not counts:
            return analysis
        events = tuple(replace(e, **counts[i]) if i in counts else e for i, e in enumerate(analysis.events))
        return analysis.with_(events=events)

    def _cue_tokens(self, doc: Any, sentences: set[tuple[int, int]]) -> list[tuple[int, str]]:
        """(token index, cue kind) of every cue word in the event sentences. The lemmas are compared once
        per distinct lemma of the document (an array scan), not once per token: most tokens are no cue."""
        from spacy.attrs import LEMMA

        lemmas = doc.to_array(LEMMA)
        cues, strings = self.counter.words.cues, doc.vocab.strings
        kinds = {int(h): k for h in np.unique(lemmas) if (k := cues.get(strings[int(h)].lower())) is not None}
        if not kinds:
            return []
        wanted = np.fromiter(kinds, dtype=lemmas.dtype, count=len(kinds))
        return [(int(i), kinds[int(lemmas[i])]) for start, end in sorted(sentences)
                for i in np.flatnonzero(np.isin(lemmas[start:end], wanted)) + start]

    def _event_for(self, cue: Any, kind: str, events: tuple[Event, ...], roots: dict[int, Any]) -> int | None:
        """The event a count belongs to: the cue's own, one above or below it, else the nearest fitting one."""
        types = self.counter.words.attach[kind]
        near = [i for i, span in roots.items() if span.root.sent.start == cue.sent.start and events[i].type in types]
        if not near:
            return None
        own = next((i for i in near if roots[i].start <= cue.i < roots[i].end), None)
        if own is not None:
            return own
        above = {a.i for a in ancestors(cue)}
        for i in near:  # the cue hangs on the event ("opened fire, killing 6")
            if roots[i].root.i in above:
                return i
        for i in near:  # the event hangs on the cue ("the attack killed 12": "attack" under "killed")
            if any(a.i == cue.i for a in ancestors(roots[i].root)):
                return i
        return min(near, key=lambda i: (types.index(events[i].type), abs(roots[i].root.i - cue.i)))


def make_stage(config: Any, resources: Any) -> CasualtiesStage:
    """Build the stage: read the word lists once."""
    return CasualtiesStage(Counter(load_words()))
