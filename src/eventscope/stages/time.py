"""Stage 'time': date every event with the interval its text supports.

Time expressions are found and resolved by `eventscope.timex`; each is tied to
the verb whose clause it modifies (its first verb ancestor in the parse), so an
event takes the expression of its own clause, not the nearest one. Where the
event's clause has none, the time carries over from a conjoined verb sharing
its subject, from the clause a "when"/"while" clause hangs on, or from an earlier
event the text names ("during the talks"). A simple-past event told of "they" or
"the two sides" just after a dated event continues that episode (inferred=True).
Otherwise the date is inferred from the tense: [anchor - 30 days, anchor], or [anchor, anchor + 90 days] for future.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from ..records import Analysis, Event, TimeSpan
from ..timex import Mention, TimeLexicon, TimeNormalizer
from ..nlp.parse import trigger_span
from ..nlp.syntax import is_root, verb_above

PAST_WINDOW = timedelta(days=30)
FUTURE_WINDOW = timedelta(days=90)
SIMULTANEOUS = frozenset({"when", "while", "as"})  # "X happened when Y ...": X and Y share a time
DEFINITE = frozenset({"the", "both", "these", "those"})  # openers of a subject that points back
NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})  # entity types that name a party
EVENT_ANAPHOR_PREPS = frozenset({"during", "at", "amid"})  # "during the talks": the time of the talks event


@dataclass(frozen=True)
class _Located:
    """A resolved time expression with the tokens that place it in the parse."""

    mention: Mention
    span: TimeSpan
    tokens: frozenset[int]  # token indices inside the expression
    path: frozenset[int]  # token indices between its root and its verb
    verb: int  # index of the verb it modifies (or the sentence root)


def tense_of(verb: Any, lexicon: TimeLexicon) -> str:
    """"past", "present" or "future" for a verb, from its auxiliaries or the verb it complements."""
    for _ in range(4):
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in lexicon.future_auxiliaries for a in auxes):
            return "future"
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return "past"
        if verb.tag_ == "VBN" and (not auxes or any(a.lemma_ == "have" for a in auxes)):
            return "past"
        if verb.dep_ not in ("xcomp", "conj") or is_root(verb):
            return "present"
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lexicon.future_governors:
            return "future"
        verb = verb.head
    return "present"


@dataclass(frozen=True)
class TimeStage:
    """Fills `analysis.times` and each event's `date`."""

    normalizer: TimeNormalizer
    name: str = "time"

    def __call__(self, analysis: Analysis) -> Analysis:
        doc, anchor = analysis.doc, analysis.article.date
        if doc is None:
            return analysis
        located = self._locate(doc, analysis.article.text, anchor)
        dated = self._date_events(doc, analysis.events, located, anchor)
        return analysis.with_(times=tuple(x.span for x in located), events=dated)

    def _locate(self, doc: Any, text: str, anchor: date) -> list[_Located]:
        """Every expression of the document, resolved with the tense of the verb it modifies."""
        out: list[_Located] = []
        reference = None
        for m in self.normalizer.find(text):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            verb, path = verb_above(span.root)
            resolved = self.normalizer.resolve(m, anchor=anchor, tense=tense_of(verb, self.normalizer.lexicon),
                                               reference=reference)
            if resolved is None:
                continue
            reference = (resolved.start, resolved.end)
            out.append(_Located(m, resolved, frozenset(t.i for t in span), frozenset(path), verb.i))
        return out

    def _date_events(self, doc: Any, events: tuple[Event, ...], located: list[_Located],
                     anchor: date) -> tuple[Event, ...]:
        """Events dated in text order, so "two weeks earlier" can count from the event before."""
        order = sorted(range(len(events)), key=lambda i: events[i].evidence.trigger_start or events[i].evidence.start)
        dated: dict[int, Event] = {}
        earlier: list[tuple[frozenset[str], TimeSpan]] = []  # (trigger words, date) of events dated from the text
        last_day: tuple[int, TimeSpan] | None = None  # (sentence start, date) of the latest event dated to a day
        for i in order:
            event = events[i]
            trigger = trigger_span(doc, event.evidence)
            root = trigger.root if trigger is not None else None
            span = self._own_date(root, located, earlier, anchor) if root is not None else None
            if span is None:
                span = _continued(root, last_day) or self._inferred(root, anchor)
            elif root is not None:
                earlier.append((_trigger_words(trigger, root), span))
                if span.precision == "day":
                    last_day = (root.sent.start, span)
            dated[i] = replace(event, date=span)
        return tuple(dated[i] for i in range(len(events)))

    def _own_date(self, root: Any, located: list[_Located], earlier: list[tuple[frozenset[str], TimeSpan]],
                  anchor: date) -> TimeSpan | None:
        verb = root if root.pos_ in ("VERB", "AUX") else verb_above(root)[0]
        found = self._tied(root, verb, located) or self._carried(verb, located)
        if found is not None:
            if not found.mention.anaphoric or not earlier:
                return found.span
            before = earlier[-1][1]
            return self.normalizer.resolve(found.mention, anchor=anchor, reference=(before.start, before.end))
        return _event_anaphor(verb, earlier)

    def _tied(self, root: Any, verb: Any, located: list[_Located]) -> _Located | None:
        """The expression of the event's own clause: through the trigger first, then on its verb."""
        def fits(x: _Located) -> bool:
            if x.mention.kind == "duration":  # "months of unrest" dates the unrest, not the verb beside it
                return root.head.lower_ == "of" and root.head.head.i in x.tokens
            return root.i in x.path or (x.verb == verb.i and root.i not in x.tokens)
        fitting = [x for x in located if fits(x)]
        if not fitting:
            return None
        return min(fitting, key=lambda x: (root.i not in x.path, (x.span.end - x.span.start).days,
                                           abs(min(x.tokens) - root.i)))

    def _carried(self, verb: Any, located: list[_Located]) -> _Located | None:
        """A time shared with a conjoined verb (same subject) or with the clause of a "when" clause."""
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        if verb.dep_ == "conj" and not own_subject:
            return self._tied(verb.head, verb.head, located) or self._carried(verb.head, located)
        if any(c.lower_ in SIMULTANEOUS and c.dep_ in ("advmod", "mark") for c in verb.children):
            holder = next((x for x in located if verb.head.i in x.tokens), None)
            return holder or self._tied(verb.head, verb_above(verb)[0], located)
        for child in verb.children:
            if child.dep_ == "advcl" and any(c.lower_ in SIMULTANEOUS for c in child.children):
                found = self._tied(child, child, located)
                if found is not None:
                    return found
        return None

    def _inferred(self, root: Any, anchor: date) -> TimeSpan:
        verb = None if root is None else (root if root.pos_ in ("VERB", "AUX") else verb_above(root)[0])
        future = verb is not None and tense_of(verb, self.normalizer.lexicon) == "future"
        start, end = (anchor, anchor + FUTURE_WINDOW) if future else (anchor - PAST_WINDOW, anchor)
        return TimeSpan(text="", start=start, end=end, precision="unknown", inferred=True)


def _continued(root: Any, last_day: tuple[int, TimeSpan] | None) -> TimeSpan | None:
    """A simple-past event told of "they" or "the two sides" right after a sentence with a dated event
    continues that episode: it takes that day, marked inferred (no expression of its own)."""
    if root is None or last_day is None or root.sent.start == 0:
        return None
    if root.doc[root.sent.start - 1].sent.start != last_day[0]:
        return None
    verb = root if root.pos_ in ("VERB", "AUX") else verb_above(root)[0]
    simple_past = verb.tag_ == "VBD" or any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in verb.children)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not simple_past or not subjects or not all(_anaphoric(s) for s in subjects):
        return None
    return replace(last_day[1], text="", char_start=None, char_end=None, inferred=True)


def _anaphoric(subject: Any) -> bool:
    """A pronoun, or a definite description naming no one ("the two sides", "both leaders")."""
    if subject.pos_ == "PRON":
        return subject.lower_ not in ("it", "this", "that")
    words = list(subject.subtree)
    return words[0].lower_ in DEFINITE and not any(t.pos_ == "PROPN" or t.ent_type_ in NAMED for t in words)


def _trigger_words(trigger: Any, root: Any) -> frozenset[str]:
    """Lemmas an anaphor may use for this event: its trigger words and the object of a light verb."""
    words = {t.lemma_.lower() for t in trigger if t.pos_ in ("NOUN", "VERB")}
    words.update(c.lemma_.lower() for c in root.children if c.dep_ in ("dobj", "attr") and c.pos_ == "NOUN")
    return frozenset(words)


def _event_anaphor(verb: Any, earlier: list[tuple[frozenset[str], TimeSpan]]) -> TimeSpan | None:
    """ "during the talks": the date of the latest earlier event whose trigger is that noun."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in EVENT_ANAPHOR_PREPS:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            for words, span in reversed(earlier):
                if noun.lemma_.lower() in words:
                    phrase = noun.doc[prep.i:noun.i + 1]
                    return replace(span, text=phrase.text, char_start=phrase.start_char, char_end=phrase.end_char)
    return None


def make_stage(config: Any, resources: Any) -> TimeStage:
    """Build the stage: compile the patterns and warm dateparser once."""
    return TimeStage(TimeNormalizer())
