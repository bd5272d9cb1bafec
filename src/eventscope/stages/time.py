"""Stage 'time': date every event with the interval its text supports.

Time expressions are found and resolved by `eventscope.timex`; each is tied to
the verb whose clause it modifies (its first verb ancestor in the parse), so an
event takes the expression of its own clause, not the nearest one. Where the
event's clause has none, the time carries over from a conjoined verb sharing
its subject, from the clause a "when"/"while" clause hangs on, or from an earlier
event the text names ("during the talks").

An event with no time of its own inherits one, marked `inferred` with the rule
(`basis`) that gave it and that rule's precision: the time of the clause it is
conjoined with or subordinate to ("clause"; "a day after X" is a day before its
clause); the narrative time of its paragraph, the last time stated before it
for a past verb ("paragraph"); the lead's day from the article frame for a past
verb ("lead"; a past event whose sentence names what the lead's "two days after
X" clause names is X, and takes X's day); the article date for a present-tense
statement ("article"), unless a passive present perfect ("three men have been
charged") finds a narrative time in its paragraph. An
intention, plan or threat ("will", "said it would") is dated when it is stated:
the day of the clause that states it, else the article date. Only a past event
with none of these gets a window (the 30 days before the article date, ending
the day before for a past perfect). A partial article date ("2008-08") makes
that month the window and the article's date.
"""
from __future__ import annotations

import bisect
import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from ..records import Analysis, Article, Event, TimeSpan, with_fields
from ..timex import Mention, TimeLexicon, TimeNormalizer, default_normalizer
from ..nlp.parse import trigger_span
from ..nlp.syntax import PARAGRAPH_BREAK, Sentences, ancestors, child, is_root, verb_above

PAST_WINDOW = timedelta(days=30)
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
    tense: str = "present"  # that verb's tense
    nominal: bool = False  # a noun on its path: it reaches its verb through a noun ("talks after her visit")


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


class _Times:
    """One document's located expressions, indexed the ways the dating rules look them up for every
    event (by the verb they modify, the tokens they cover or pass), with the parse facts those rules ask
    for again and again (a verb's tense, a token's sentence, a sentence's nouns), each read once: spaCy
    builds new objects on every access and `token.sent` walks the sentence. Made per document."""

    def __init__(self, doc: Any, lexicon: TimeLexicon) -> None:
        self.doc, self.lexicon = doc, lexicon
        self.located: list[_Located] = []  # in text order; `_referred` may swap one for a re-resolved copy
        self.by_verb: dict[int, list[int]] = {}  # verb index -> positions in `located`, in order
        self.by_path: dict[int, list[int]] = {}  # token index -> positions of the expressions passing it
        self.by_token: dict[int, int] = {}  # token index -> the first expression covering it
        self.durations: list[int] = []  # positions of the "months of unrest" expressions
        self._sentences: Sentences | None = None
        self._tenses: dict[int, str] = {}
        self._kids: dict[int, list[Any]] = {}
        self._nouns: dict[int, frozenset[str]] = {}
        self._nonfinite: list[tuple[int, frozenset[int]]] | None = None

    def add(self, x: _Located) -> None:
        """Take the next expression (in text order) into the list and its lookups."""
        k = len(self.located)
        self.located.append(x)
        self.by_verb.setdefault(x.verb, []).append(k)
        for i in x.path:
            self.by_path.setdefault(i, []).append(k)
        for i in x.tokens:
            self.by_token.setdefault(i, k)
        if x.mention.kind == "duration":
            self.durations.append(k)

    def tense(self, verb: Any) -> str:
        """`tense_of(verb)`, read once per verb."""
        if verb.i not in self._tenses:
            self._tenses[verb.i] = tense_of(verb, self.lexicon)
        return self._tenses[verb.i]

    def kids(self, token: Any) -> list[Any]:
        """`list(token.children)`, read once per token (several rules look at the same verb's)."""
        if token.i not in self._kids:
            self._kids[token.i] = list(token.children)
        return self._kids[token.i]

    def sentence_start(self, i: int) -> int:
        """Where the sentence of token `i` starts (`doc[i].sent.start`)."""
        if self._sentences is None:
            self._sentences = Sentences(self.doc)
        return self._sentences.of(i)[0]

    def sentence_nouns(self, i: int) -> frozenset[str]:
        """The lemmas of the content nouns in the sentence of token `i`."""
        start = self.sentence_start(i)
        if start not in self._nouns:
            end = self._sentences.of(i)[1]  # type: ignore[union-attr]
            self._nouns[start] = frozenset(t.lemma_.lower() for t in self.doc[start:end]
                                           if t.pos_ in ("NOUN", "PROPN") and not t.is_stop)
        return self._nouns[start]

    def nonfinite(self) -> list[tuple[int, frozenset[int]]]:
        """The expressions whose verb heads a non-finite clause hung on another verb ("charged men using
        the names in 2018": "using"), the only ones `_dependent` can take: (position, the verb's heads)."""
        if self._nonfinite is None:
            clauses = {v: frozenset(a.i for a in ancestors(self.doc[v])) for v in self.by_verb
                       if _nonfinite_clause(self.doc[v])}
            self._nonfinite = [(k, clauses[x.verb]) for k, x in enumerate(self.located) if x.verb in clauses]
        return self._nonfinite


@dataclass(frozen=True)
class _Context:
    """What inheritance reads for one document: its anchor, paragraphs and frame day."""

    anchor: date
    window: tuple[date, date] | None  # a partial article date's whole month (or year), else None
    paragraphs: list[int]  # char offsets where paragraphs start
    lead: date | None  # the lead's day from the article frame
    starts: list[int]  # where each located expression starts (they are in text order)
    background: tuple[tuple[TimeSpan, frozenset[str]], ...] = ()  # the lead's "two days after X" clauses: (day, nouns)


@dataclass(frozen=True)
class TimeStage:
    """Fills `analysis.times` and each event's `date`."""

    normalizer: TimeNormalizer
    name: str = "time"
    requires: tuple[str, ...] = ("doc", "events")
    assigns: tuple[str, ...] = ("times", "events.date")

    def __call__(self, analysis: Analysis) -> Analysis:
        doc, anchor = analysis.doc, analysis.article.date
        if doc is None:
            return analysis
        located = self._locate(doc, analysis.article.text, anchor)
        ctx = _Context(anchor, article_window(analysis.article),
                       [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(analysis.article.text)],
                       analysis.frame.date if analysis.frame else None, [x.mention.start for x in located.located])
        ctx = replace(ctx, background=self._lead_background(doc, located, ctx))
        dated = self._date_events(doc, analysis.events, located, ctx)
        return analysis.with_(times=tuple(x.span for x in located.located), events=dated)

    def _lead_background(self, doc: Any, located: _Times, ctx: _Context) -> tuple[
            tuple[TimeSpan, frozenset[str]], ...]:
        """The earlier events the lead dates by an offset ("Senegal said on Tuesday ..., two days after
        rioters attacked its embassy"), with the nouns that tell them: the story often goes on
        to narrate that earlier event ("Rioters smashed the embassy's windows"), which takes its day."""
        if not len(doc):
            return ()
        marks = self.normalizer.lexicon.offset_marks or {}
        out = []
        for tok in doc[0].sent:
            if tok.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children):
                continue
            span = self._offset_clause(tok, located, ctx)
            if span is not None:
                nouns = frozenset(t.lemma_.lower() for t in tok.subtree
                                  if t.pos_ in ("NOUN", "PROPN") and not t.is_stop and t.i > tok.i)
                out.append((span, nouns))
        return tuple(out)

    def _locate(self, doc: Any, text: str, anchor: date) -> _Times:
        """Every expression of the document, resolved with the tense of the verb it modifies."""
        out = _Times(doc, self.normalizer.lexicon)
        reference = None
        for m in self.normalizer.find(text):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            verb, path = verb_above(span.root)
            tense = out.tense(verb)
            resolved = self.normalizer.resolve(m, anchor=anchor, tense=tense, reference=reference)
            if resolved is None:
                continue
            reference = (resolved.start, resolved.end)
            nominal = any(doc[j].pos_ in ("NOUN", "PROPN") for j in path)
            out.add(_Located(m, resolved, frozenset(range(span.start, span.end)), frozenset(path), verb.i, tense,
                             nominal))
        return out

    def _date_events(self, doc: Any, events: tuple[Event, ...], located: _Times,
                     ctx: _Context) -> tuple[Event, ...]:
        """Events dated in text order, so "two weeks earlier" can count from the event before."""
        order = sorted(range(len(events)), key=lambda i: events[i].evidence.trigger_start or events[i].evidence.start)
        dated: dict[int, Event] = {}
        earlier: list[tuple[frozenset[str], TimeSpan]] = []  # (trigger words, date) of events dated from the text
        last_day: tuple[int, TimeSpan] | None = None  # (sentence start, date) of the latest event dated to a day
        for i in order:
            event = events[i]
            trigger = trigger_span(doc, event.evidence)
            root = trigger.root if trigger is not None else None
            span = self._own_date(root, located, earlier, ctx.anchor) if root is not None else None
            if span is None:
                span = self._inherited(root, located, ctx, last_day, earlier)
                counted = span.text or (span.basis == "lead" and span.start != ctx.lead)
                if counted and trigger is not None:  # a day the text counts ("a day after"): later ones refer to it
                    earlier.append((_trigger_words(trigger, located.kids(root)), span))
            elif root is not None:
                earlier.append((_trigger_words(trigger, located.kids(root)), span))
                if span.precision == "day":
                    last_day = (located.sentence_start(root.i), span)
            dated[i] = with_fields(event, date=span)
        return tuple(dated[i] for i in range(len(events)))

    def _inherited(self, root: Any, located: _Times, ctx: _Context, last_day: tuple[int, TimeSpan] | None,
                   earlier: list[tuple[frozenset[str], TimeSpan]]) -> TimeSpan:
        """The time an event with none of its own takes: clause, paragraph, lead, article, else a window."""
        if root is None:
            return self._window(None, ctx)
        verb = _finite(root if root.pos_ in ("VERB", "AUX") else verb_above(root)[0])
        tense = located.tense(verb)
        would = self.normalizer.lexicon.future_in_past
        stated_later = any(c.dep_ == "aux" and c.lower_ in would for c in located.kids(verb))
        if tense == "future" or stated_later:
            # an intention, threat or plan is dated when it is stated: the day of the clause that states
            # it ("said on Monday it would ..."), else the article date
            found = self._clause(verb, located)
            if found is not None and found.span.precision == "day":
                return _inferred_from(found.span, "clause")
            return self._article(ctx)
        offset = self._offset_clause(verb, located, ctx)
        if offset is not None:
            return offset
        found = self._clause(verb, located) or self._dependent(verb, located)
        if found is not None and (span := self._referred(found, located, earlier, ctx.anchor)) is not None:
            return _inferred_from(span, "clause")
        continued = _continued(root, last_day, located)
        if continued is not None:  # "The two sides discussed ...": the episode of the sentence before goes on
            return continued
        if tense == "past" and not _present_perfect(verb):  # "has promised" is told from now: article date
            found = self._narrative(root, located, ctx)
            if found is not None:
                return _inferred_from(found.span, "paragraph")
            background = _background(root, ctx, located)
            if background is not None:
                return background
            if ctx.lead is not None:
                return TimeSpan(text="", start=ctx.lead, end=ctx.lead, precision="day", inferred=True, basis="lead")
            return self._window("past_perfect" if _past_perfect(verb) else "past", ctx)
        if tense == "past" and _passive(verb):  # "three men have been charged": a past act, told in its paragraph
            found = self._narrative(root, located, ctx)
            if found is not None:
                return _inferred_from(found.span, "paragraph")
        return self._article(ctx)

    @staticmethod
    def _article(ctx: _Context) -> TimeSpan:
        """The article date (a partial one's whole period), for statements told from it."""
        start, end = ctx.window or (ctx.anchor, ctx.anchor)
        return TimeSpan(text="", start=start, end=end, precision=_precision_of(start, end), inferred=True,
                        basis="article")

    @staticmethod
    def _window(tense: str | None, ctx: _Context) -> TimeSpan:
        """The unknown past before the article date (a partial article date: that period)."""
        if ctx.window is not None:
            start, end = ctx.window
            return TimeSpan(text="", start=start, end=end, precision=_precision_of(start, end), inferred=True)
        end = ctx.anchor - timedelta(days=1 if tense == "past_perfect" else 0)
        return TimeSpan(text="", start=ctx.anchor - PAST_WINDOW, end=end, precision="unknown", inferred=True)

    def _clause(self, verb: Any, located: _Times) -> _Located | None:
        """The time stated by a clause the event is conjoined with or subordinate to (tense agreeing:
        "X took place in August, and officials have accused ..." does not date the accusing)."""
        below = verb
        for head in ancestors(verb):
            if head.pos_ not in ("VERB", "AUX"):
                continue
            if below.dep_ == "conj" and _present_perfect(below) != _present_perfect(head):
                return None
            found = next((x for x in (located.located[k] for k in located.by_verb.get(head.i, ()))
                          if _states_time(x, self.normalizer.lexicon)), None)
            if found is not None:
                return None if located.tense(head) == "future" else found
            below = head
        return None

    def _dependent(self, verb: Any, located: _Times) -> _Located | None:
        """The time of a non-finite clause inside the event's own ("charged men using the names in 2018")."""
        for k, heads in located.nonfinite():
            x = located.located[k]
            if x.verb != verb.i and verb.i in heads and _states_time(x, self.normalizer.lexicon):
                return x
        return None

    def _offset_clause(self, verb: Any, located: _Times, ctx: _Context) -> TimeSpan | None:
        """ "X, a day after Y": Y is a day before X's time (one week for "a week after")."""
        marks, units = self.normalizer.lexicon.offset_marks or {}, self.normalizer.lexicon.offset_units or {}
        mark = next((c for c in located.kids(verb) if c.dep_ == "mark" and c.lower_ in marks), None)
        if mark is None:
            return None
        unit = child(verb, "npadvmod")
        holder = verb.head
        if unit is None and verb.dep_ in ("relcl", "acl") and verb.head.dep_ == "npadvmod":
            unit, holder = verb.head, verb.head.head
        if unit is None or unit.lemma_.lower() not in units:
            return None
        count_word = child(unit, "nummod", "det")
        word = count_word.lower_ if count_word is not None else ""
        fewest, most = (int(word), int(word)) if word.isdigit() else self.normalizer.lexicon.numbers.get(word, (0, 1))
        if fewest != most:  # "days after": no exact day
            return None
        holder_verb = holder if holder.pos_ in ("VERB", "AUX") else verb_above(holder)[0]
        base = self._tied(holder_verb, holder_verb, located) or self._clause(holder_verb, located)
        if base is not None:
            start, end = base.span.start, base.span.end
        elif ctx.lead is not None and located.tense(holder_verb) == "past":
            start = end = ctx.lead
        else:
            return None
        if start != end:
            return None
        day = start + timedelta(days=marks[mark.lower_] * fewest * units[unit.lemma_.lower()])
        phrase = verb.doc[unit.left_edge.i:mark.i + 1]
        return TimeSpan(text=phrase.text, start=day, end=day, precision="day", inferred=True, basis="clause",
                        char_start=phrase.start_char, char_end=phrase.end_char)

    def _narrative(self, root: Any, located: _Times, ctx: _Context) -> _Located | None:
        """The last time stated for a past verb earlier in the event's paragraph (`located` is in text order)."""
        para = _paragraph(ctx, root.idx)
        for k in range(bisect.bisect_left(ctx.starts, root.idx) - 1, -1, -1):
            x = located.located[k]
            if x.mention.start < para:
                return None
            if x.tense == "past" and _states_time(x, self.normalizer.lexicon):
                return x
        return None

    def _own_date(self, root: Any, located: _Times, earlier: list[tuple[frozenset[str], TimeSpan]],
                  anchor: date) -> TimeSpan | None:
        verb = root if root.pos_ in ("VERB", "AUX") else verb_above(root)[0]
        found = self._tied(root, verb, located) or self._carried(verb, located) \
            or self._tied(root, verb, located, through_noun=True)
        if found is not None:
            return self._referred(found, located, earlier, anchor)
        return _event_anaphor(located.kids(verb), earlier)

    def _referred(self, found: _Located, located: _Times, earlier: list[tuple[frozenset[str], TimeSpan]],
                  anchor: date) -> TimeSpan | None:
        """An expression's time; "the same day", "two weeks earlier" count from the event dated before."""
        if found.mention.kind not in ("shift", "that") or not earlier:
            return found.span
        before = earlier[-1][1]
        span = self.normalizer.resolve(found.mention, anchor=anchor, reference=(before.start, before.end))
        if span is not None:  # the clauses it dates later count from the same event
            k = next(k for k, x in enumerate(located.located) if x is found)
            located.located[k] = replace(found, span=span)
        return span

    def _tied(self, root: Any, verb: Any, located: _Times, through_noun: bool = False) -> _Located | None:
        """The expression of the event's own clause: through the trigger first, then on its verb.

        One that reaches the verb through a noun ("halted talks after her visit earlier this week") is a
        last resort (`through_noun`), after a conjoined clause's time, and never a bound ("the first
        time since 2016")."""
        of_head = None  # the noun a "months of" phrase hangs on, when the trigger is the object of its "of"
        if located.durations:
            head = root.head
            of_head = head.head.i if head.lower_ == "of" else None

        def fits(x: _Located) -> bool:
            if x.mention.kind == "duration":  # "months of unrest" dates the unrest, not the verb beside it
                return of_head is not None and of_head in x.tokens
            if root.i in x.path:
                return True
            if x.verb != verb.i or root.i in x.tokens:
                return False
            return x.nominal and _states_time(x, self.normalizer.lexicon) if through_noun else not x.nominal
        # only these can fit: the expressions passing the trigger, those on the verb, the durations
        candidates = sorted({*located.by_path.get(root.i, ()), *located.by_verb.get(verb.i, ()), *located.durations})
        fitting = [x for x in (located.located[k] for k in candidates) if fits(x)]
        if not fitting:
            return None
        return min(fitting, key=lambda x: (root.i not in x.path, (x.span.end - x.span.start).days,
                                           abs(min(x.tokens) - root.i)))

    def _carried(self, verb: Any, located: _Times) -> _Located | None:
        """A time shared with a conjoined verb (same subject) or with the clause of a "when" clause."""
        kids = located.kids(verb)
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in kids)
        if verb.dep_ == "conj" and not own_subject:
            head = verb.head
            if head.tag_ == "VB" and head.dep_ == "xcomp" and verb.tag_ in ("VBD", "VBN"):
                # "ordered the envoy to leave within three days and rejected ...": a finite verb parsed under the
                # infinitive is coordinated with the verb that governs it, and shares that verb's time
                head = head.head
            return self._tied(head, head, located) or self._carried(head, located)
        if any(c.lower_ in SIMULTANEOUS and c.dep_ in ("advmod", "mark") for c in kids):
            k = located.by_token.get(verb.head.i)
            holder = located.located[k] if k is not None else None
            return holder or self._tied(verb.head, verb_above(verb)[0], located)
        for clause in kids:
            if clause.dep_ == "advcl" and any(c.lower_ in SIMULTANEOUS for c in clause.children):
                found = self._tied(clause, clause, located)
                if found is not None:
                    return found
        return None


def _continued(root: Any, last_day: tuple[int, TimeSpan] | None, located: _Times) -> TimeSpan | None:
    """A simple-past event told of "they" or "the two sides" right after a sentence with a dated event
    continues that episode: it takes that day, marked inferred (no expression of its own)."""
    if root is None or last_day is None:
        return None
    start = located.sentence_start(root.i)
    if start == 0 or located.sentence_start(start - 1) != last_day[0]:
        return None
    verb = root if root.pos_ in ("VERB", "AUX") else verb_above(root)[0]
    simple_past = verb.tag_ == "VBD" or any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in verb.children)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not simple_past or not subjects or not all(_anaphoric(s) for s in subjects):
        return None
    return _inferred_from(last_day[1], "paragraph")


def _background(root: Any, ctx: _Context, located: _Times) -> TimeSpan | None:
    """The day of the lead's earlier event (see `TimeStage._lead_background`) for a past event after the
    lead whose sentence names what that event's clause does ("the embassy")."""
    if root is None or not ctx.background or located.sentence_start(root.i) == 0:
        return None
    words = located.sentence_nouns(root.i)
    for span, nouns in ctx.background:
        if words & nouns:
            return _inferred_from(span, "lead")
    return None


def _anaphoric(subject: Any) -> bool:
    """A pronoun, or a definite description naming no one ("the two sides", "both leaders")."""
    if subject.pos_ == "PRON":
        return subject.lower_ not in ("it", "this", "that")
    words = list(subject.subtree)
    return words[0].lower_ in DEFINITE and not any(t.pos_ == "PROPN" or t.ent_type_ in NAMED for t in words)


def _trigger_words(trigger: Any, kids: list[Any]) -> frozenset[str]:
    """Lemmas an anaphor may use for this event: its trigger words and the object of a light verb (among
    `kids`, the children of the trigger's root)."""
    words = {t.lemma_.lower() for t in trigger if t.pos_ in ("NOUN", "VERB")}
    words.update(c.lemma_.lower() for c in kids if c.dep_ in ("dobj", "attr") and c.pos_ == "NOUN")
    return frozenset(words)


def _event_anaphor(kids: list[Any], earlier: list[tuple[frozenset[str], TimeSpan]]) -> TimeSpan | None:
    """ "during the talks": the date of the latest earlier event whose trigger is that noun (`kids`: the
    children of the event's verb)."""
    for prep in kids:
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


def _precision_of(start: date, end: date) -> str:
    """The precision of the article date's period: a day, a month or a year."""
    days = (end - start).days
    return "day" if days == 0 else "month" if days < 31 else "year"


def _paragraph(ctx: _Context, char: int) -> int:
    """Where the paragraph holding this character starts."""
    return ctx.paragraphs[bisect.bisect_right(ctx.paragraphs, char) - 1]


def _states_time(x: _Located, lexicon: TimeLexicon) -> bool:
    """An expression that states when something happened (not "since 2016", "for months")."""
    return x.mention.kind != "duration" and (x.mention.get("prep") or "").lower() not in lexicon.bounding_prepositions


# Precisions from finest to coarsest, with the longest interval (days) each may stand for.
_SPANS = (("day", 1), ("week", 7), ("month", 31), ("season", 92), ("year", 366))


def _inferred_from(span: TimeSpan, basis: str) -> TimeSpan:
    """An inherited copy of another clause's time: same interval, no text of its own, and a precision no
    finer than the interval ("since Monday night", two days, is inherited as a week, not a day)."""
    days = (span.end - span.start).days + 1 if span.start and span.end else None
    ranks = [name for name, _ in _SPANS]
    precision = span.precision
    if days is not None and precision in ranks:
        fits = next((name for name, most in _SPANS if days <= most), "unknown")
        precision = fits if fits == "unknown" or ranks.index(fits) > ranks.index(precision) else precision
    return TimeSpan(text="", start=span.start, end=span.end, precision=precision,  # type: ignore[arg-type]
                    inferred=True, basis=basis)  # type: ignore[arg-type]


def _finite(verb: Any) -> Any:
    """The finite verb a participle clause hangs on ("fired on the crowd, injuring 12": "fired"), whose
    tense and time the participle shares."""
    for head in ancestors(verb):
        if not _nonfinite_clause(verb):
            return verb
        if head.pos_ not in ("VERB", "AUX"):
            return verb
        verb = head
    return verb


def _nonfinite_clause(verb: Any) -> bool:
    """A participle heading a clause of its own verb's ("injuring 12", "using the names"), with no
    auxiliary, subject or conjunction of its own."""
    return verb.tag_ in ("VBG", "VBN") and verb.dep_ in ("advcl", "acl", "xcomp") \
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "mark") for c in verb.children)


def _present_perfect(verb: Any) -> bool:
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve", "'s")
                                      for c in verb.children)


def _passive(verb: Any) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def _past_perfect(verb: Any) -> bool:
    return verb.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in verb.children)


def article_window(article: Article) -> tuple[date, date] | None:
    """The period a partial article date stands for ("2008-08": all of August 2008), else None."""
    precision, d = article.date_precision, article.date
    if precision == "month":
        return d.replace(day=1), d.replace(day=calendar.monthrange(d.year, d.month)[1])
    if precision == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    return None


def make_stage(config: Any, resources: Any) -> TimeStage:
    """Build the stage on the shared normalizer (patterns compiled, dateparser warmed once)."""
    return TimeStage(default_normalizer())
