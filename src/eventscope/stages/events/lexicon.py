"""The trigger lexicon: verb, noun and adjective patterns mapped to PLOVER type, mode and CAMEO code.

The data lives in `data/lexicon/`: `phoenix.triggers.tsv` (generated from the
Phoenix verb dictionary by `scripts/build_lexicon.py`), then the hand rows of
`triggers.tsv`, which win over generated rows with the same pattern (format in
that folder's README.md); analysts add rows in their own files named by
`[data] lexicon`, read last.
Matching is a dict lookup on the head lemma, then a check that the other
words of the pattern sit in the head's syntactic frame.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from functools import cached_property, lru_cache
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.strings import get_string_id

from ...errors import ConfigError
from ...nlp.syntax import children, subject_of
from ...records import PLOVER_TYPES
from ...tables import read_data_toml, table_rows
from ...timex import load_time_lexicon

# `intent`: a verb that reports an event only as an announced intent ("would respond" is a threat,
# "responded" no event); stored as a verb trigger that needs a future auxiliary.
KINDS = ("verb", "noun", "adj", "intent")
# The kind of trigger a token can head, by its part of speech; an adjective only as a predicate.
KIND_OF_POS = {"VERB": "verb", "NOUN": "noun", "ADJ": "adj"}
PREDICATIVE_DEPS = frozenset({"acomp", "ROOT", "xcomp", "conj"})


@lru_cache(maxsize=1)
def future_auxiliaries() -> frozenset[str]:
    """Auxiliaries that put a verb in the future, one list for the events and time stages: the time
    lexicon's `[tense] future_auxiliaries` ("will") and `future_in_past` ("said it would")."""
    lexicon = load_time_lexicon()
    return lexicon.future_auxiliaries | lexicon.future_in_past


@lru_cache(maxsize=1)
def intent_auxiliaries() -> frozenset[str]:
    """Auxiliaries under which an `intent` row is an announced action: the future, and a stated possibility
    ("X could use force" is a threat; `[tense] possibility_auxiliaries` of the time lexicon)."""
    return future_auxiliaries() | load_time_lexicon().possibility_auxiliaries
# Shipped trigger files in reading order: a later row with the same kind and pattern replaces an earlier one.
SHIPPED = ("phoenix.triggers.tsv", "triggers.tsv")
INTENT = "intent.tsv"
NONEVENTS = "nonevents.tsv"
# Children of a verb that can hold the rest of a pattern: particles, prepositions, objects, complements.
# The subject of a passive is its object ("sanctions were imposed", "a statement was released").
# A bare noun phrase of time on the verb is read too ("gave the junta a week to ...": `give week`).
FRAME_DEPS = frozenset({"prt", "prep", "dobj", "obj", "attr", "acomp", "oprd", "dative", "agent", "advmod", "xcomp", "ccomp",
                        "nsubjpass", "npadvmod"})
OBJECT_DEPS = ("dobj", "obj", "nsubjpass")
# Frame children whose modifiers a pattern may use too ("called it a hostile act"), and those whose own
# children (a modifier, a prepositional object, an "of" phrase, an auxiliary) `_verb_frame` reads at all.
NOMINAL_FRAME_DEPS = frozenset({*OBJECT_DEPS, "attr", "oprd"})
FRAME_HOST_DEPS = NOMINAL_FRAME_DEPS | {"prep", "ccomp"}
NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
# Parts of speech of pattern words that name no thing (prepositions, particles, adverbs).
FUNCTION_POS = frozenset({"ADP", "PART", "ADV"})
# A verb-pattern slot written `@a|b` is filled by the verb's subject ("troops arrived"), no other slot is.
SUBJECT_MARK = "@"
SUBJECT = object()  # the frame's stand-in preposition for the subject's words
# Prepositions on a violence trigger whose object can be its cause ("killed in a crash", "destroyed by fire").
CAUSE_PREPS = frozenset({"in", "by", "during", "amid", "after", "from"})
# Subordinators of a clause on the trigger that can give its cause ("killed when an earthquake struck").
CAUSE_MARKS = frozenset({"when", "as", "after", "while"})


@dataclass(frozen=True)
class Trigger:
    """One lexicon row. `type` None marks a blocking pattern (the words are not an event)."""

    kind: str
    head: str
    words: tuple[frozenset[str], ...]
    type: str | None
    mode: str | None
    cameo: str | None
    origin: str
    future_only: bool = False

    @property
    def size(self) -> int:
        return 1 + len(self.words)

    @cached_property
    def reads_subject(self) -> bool:
        return any(SUBJECT_MARK in slot for slot in self.words)


@dataclass(frozen=True)
class Match:
    """A trigger found in a sentence: the head token and every token the pattern used."""

    trigger: Trigger
    head: Any  # spacy Token
    tokens: tuple[Any, ...]

    @property
    def start(self) -> int:
        return min(t.idx for t in self.tokens)

    @property
    def end(self) -> int:
        return max(t.idx + len(t.text) for t in self.tokens)


@dataclass(frozen=True)
class NonEvents:
    """Disasters, accidents, animals and apolitical crime (`nonevents.tsv`): a trigger of one of `types`
    whose cause is one of these reports no PLOVER event ("an earthquake killed 20", "killed in a crash")."""

    types: frozenset[str] = frozenset()
    nouns: dict[str, tuple[tuple["Slot", ...], ...]] = field(default_factory=dict)  # head -> modifier slots
    verbs: frozenset[str] = frozenset()

    def cancels(self, trigger: Trigger, token: Any) -> bool:
        """Whether the trigger headed by `token` has a disaster, accident or apolitical cause."""
        if trigger.type not in self.types:
            return False
        if trigger.kind == "noun":
            return any(self._cause(c) for c in token.children if c.dep_ in NOUN_MODIFIER_DEPS) or \
                any(self._cause(p) for c in children(token, "prep") if c.lower_ in CAUSE_PREPS
                    for p in children(c, "pobj"))
        verb = token.head if trigger.kind == "adj" else token
        return any(self._cause(c) for c in _causes(verb)) or any(
            c.lemma_.lower() in self.verbs or any(self._cause(s) for s in _causes(c, clause=True))
            for c in children(verb, "advcl") if any(m.lower_ in CAUSE_MARKS for m in children(c, "mark", "advmod")))

    def _cause(self, noun: Any) -> bool:
        """Whether the noun (or a compound name on it: "Hurricane Ian") is a listed cause."""
        return any(self._listed(t) for t in (noun, *children(noun, "compound")))

    def _listed(self, noun: Any) -> bool:
        """A row matches when a modifier fills each of its slots, and none fills a `!` slot."""
        words = [_words_of(c) for c in noun.children if c.dep_ in NOUN_MODIFIER_DEPS]
        for mods in self.nouns.get(noun.lemma_.lower(), ()) + self.nouns.get(noun.lower_, ()):
            if all(any(not slot.words.isdisjoint(w) for w in words) != slot.negative for slot in mods):
                return True
        return False


class Slot(NamedTuple):
    """A modifier slot of `nonevents.tsv`: one of `words` must modify the noun (`!a|b`: none may)."""

    words: frozenset[str]
    negative: bool


def _causes(verb: Any, clause: bool = False) -> list[Any]:
    """Nouns that can be a verb's cause: its subject (a conjoined verb shares its head's), its passive
    agent, and (on the trigger itself) the objects of `in|by|during|...`."""
    tok = verb
    for _ in range(len(verb.doc)):  # up a chain of conjoined verbs to the one with a subject
        if tok.dep_ != "conj" or subject_of(tok) is not None:
            break
        tok = tok.head
    subj = subject_of(tok)
    out = [subj] if subj is not None else []
    out.extend(p for a in children(verb, "agent") for p in children(a, "pobj"))
    if not clause:
        out.extend(p for c in children(verb, "prep") if c.lower_ in CAUSE_PREPS for p in children(c, "pobj"))
    return out


@dataclass(frozen=True)
class Lexicon:
    """Triggers indexed by (kind, head lemma), and the recoding of future-tense triggers (`intent.tsv`)."""

    index: dict[tuple[str, str], tuple[Trigger, ...]]
    intent: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)  # regular inflection of a verb head -> the head
    nonevents: NonEvents = field(default_factory=NonEvents)

    def __len__(self) -> int:
        return sum(len(v) for v in self.index.values())

    def types(self) -> set[str]:
        """The PLOVER types that at least one trigger codes."""
        return {t.type for ts in self.index.values() for t in ts if t.type}

    def match(self, token: Any) -> Match | None:
        """The most specific trigger headed by `token` (None when nothing matches); a violence trigger
        with a disaster or accident as its cause comes back as a block (`nonevents.tsv`)."""
        kind = _kind_of(token)
        if kind is None:
            return None
        cands = self._by_lemma(kind, token.lemma_.lower()) or self._by_form(kind, token.lower_)
        if not cands:
            return None
        best: Match | None = None
        rank = (0, 0)
        future: bool | None = None  # read on the first row that needs it
        frame: list[tuple[Any, Any, tuple[str, str]]] | None = None  # built for the first row with words
        for trig in cands:
            if trig.future_only:
                if future is None:
                    future = kind == "verb" and any(c.dep_ == "aux" and c.lower_ in intent_auxiliaries()
                                                    for c in token.children)
                if not future:
                    continue
            if frame is None and trig.words:
                frame = self._frame(kind, token, cands)
            used = _fill(trig.words, frame or [])
            # more words win; at equal length, words that name things over prepositions ("called them thugs
            # on TV" is name-calling, not "call on")
            if used is not None and (found := (trig.size, sum(t.pos_ not in FUNCTION_POS for t in used))) > rank:
                rank = found
                # a subject slot only selects the row: the subject stays the event's source, not pattern words
                best = Match(trig, token, (token, *(t for slot, t in zip(trig.words, used) if SUBJECT_MARK not in slot)))
        if best is not None and self.nonevents.cancels(best.trigger, token):
            return replace(best, trigger=replace(best.trigger, type=None, mode=None, cameo=None))
        if best is not None and self._defers(best):
            return None
        return best

    def _frame(self, kind: str, token: Any, cands: tuple[Trigger, ...]) -> list[tuple[Any, Any, tuple[str, str]]]:
        """(token, prep, the token's words) of every token a pattern headed by `token` may use."""
        frame = _noun_frame(token) if kind == "noun" else _verb_frame(token, self._counted)
        if kind == "verb" and any(t.reads_subject for t in cands):
            frame += _subject_frame(token)
        return [(t, prep, _words_of(t)) for t, prep in frame]

    def _by_lemma(self, kind: str, lemma: str) -> tuple[Trigger, ...] | None:
        """The rows headed by a token's lowercased lemma."""
        return self.index.get((kind, lemma))

    def _by_form(self, kind: str, lower: str) -> tuple[Trigger, ...] | None:
        """The rows headed by a token's lowercased form, or (a verb) by the head it regularly inflects, for
        the tagger's wrong lemmas ("staged" -> "stag")."""
        return self.index.get((kind, lower)) or (kind == "verb" and self.index.get((kind, self.forms.get(lower, "")))) or None

    def candidates(self, words: DocWords) -> list[int]:
        """Indices (ascending) of the document's tokens that `match` may find a trigger on: a part of speech of
        a trigger kind, and rows for the lemma or form (`_by_lemma`, `_by_form`). `match` gives None on every
        other token, so a scan of these alone finds the same triggers without building a Token per word."""
        found: set[int] = set()
        for pos, kind in KIND_OF_POS.items():
            rows = words.rows(pos)
            if kind == "verb" and "" in self._heads.get(kind, ()):  # a form no inflection knows looks up ""
                found.update(rows)
                continue
            found.update(words.lemma_in(rows, self._heads.get(kind, ())), words.lower_in(rows, self._form_ids[kind]))
        return sorted(found)

    @cached_property
    def _heads(self) -> dict[str, frozenset[str]]:
        """The head words of each kind's rows."""
        out: dict[str, set[str]] = {}
        for (kind, head), rows in self.index.items():
            if rows:
                out.setdefault(kind, set()).add(head)
        return {kind: frozenset(heads) for kind, heads in out.items()}

    @cached_property
    def _form_ids(self) -> dict[str, frozenset[int]]:
        """By kind, the string ids of the lowercased forms `_by_form` finds rows for: the heads, and for verbs
        the regular inflections of a head."""
        out: dict[str, frozenset[int]] = {}
        for kind in KIND_OF_POS.values():
            heads = self._heads.get(kind, frozenset())
            forms = heads | {form for form, head in self.forms.items() if head in heads} if kind == "verb" else heads
            out[kind] = frozenset(get_string_id(w) for w in forms)
        return out

    def _counted(self, noun: Any) -> bool:
        """Whether a verb pattern may read a number's "of" phrase as its object ("expelled six of the
        diplomats"): the counted noun is a party, not an event ("launched one of its attacks" is a
        trigger on "one", whose count the events stage does not give a target)."""
        return ("noun", noun.lemma_.lower()) not in self.index

    def _defers(self, match: Match) -> bool:
        """An undertaking ("offered to resign", "agreed to lift sanctions", "promised to pull back") whose
        to-infinitive is a trigger of a type that keeps its own type when announced (no `intent.tsv` row:
        RETREAT, MOBILIZE) is no event itself: the complement is coded, with modality `intended`. A
        negated one ("did not agree to withdraw") stays a rejection."""
        if match.trigger.type != "AGREE" or match.trigger.kind != "verb":
            return False
        head = match.head
        if any(c.dep_ == "neg" for c in head.children):
            return False
        for comp in children(head, "xcomp"):
            inner = self.match(comp)
            if inner is not None and inner.trigger.type is not None and inner.trigger.type != "AGREE" \
                    and inner.trigger.type not in self.intent:
                return True
        return False


def _kind_of(token: Any) -> str | None:
    kind = KIND_OF_POS.get(token.pos_)
    return None if kind == "adj" and token.dep_ not in PREDICATIVE_DEPS else kind


class DocWords:
    """A document's part of speech, lemma and lowercased form of every token, read once as id arrays
    (`doc.to_array`): a scan for the few tokens a word list can match then builds no Token for the others
    (spaCy makes a new one on every access), and turns each distinct lemma into its string once."""

    def __init__(self, doc: Any) -> None:
        table = doc.to_array([POS, LEMMA, LOWER])
        self._pos_ids = table[:, 0]
        self._lemma_ids: list[int] = table[:, 1].tolist()
        self._lower_ids: list[int] = table[:, 2].tolist()
        self._strings = doc.vocab.strings
        self._lemmas: dict[int, str] = {}  # lowercased lemma by id, for the ids asked about
        self._rows: dict[str, list[int]] = {}

    def rows(self, pos: str) -> list[int]:
        """Indices (ascending) of the tokens of part of speech `pos`."""
        if pos not in self._rows:
            self._rows[pos] = np.flatnonzero(self._pos_ids == get_string_id(pos)).tolist()
        return self._rows[pos]

    def lemma_in(self, rows: list[int], words: Collection[str]) -> list[int]:
        """Those of the tokens `rows` whose lowercased lemma is in `words`."""
        ids, lemmas = self._lemma_ids, self._lemmas
        for key in {ids[i] for i in rows} - lemmas.keys():
            lemmas[key] = self._strings[key].lower()
        return [i for i in rows if lemmas[ids[i]] in words]

    def lower_in(self, rows: list[int], ids: Collection[int]) -> list[int]:
        """Those of the tokens `rows` whose lowercased form has a string id (`get_string_id`) in `ids`."""
        lower = self._lower_ids
        return [i for i in rows if lower[i] in ids]


def _words_of(token: Any) -> tuple[str, str]:
    return token.lemma_.lower(), token.lower_


def _verb_frame(verb: Any, counted: Callable[[Any], bool]) -> list[tuple[Any, Any]]:
    """(token, prep) pairs a verb pattern may use; a prepositional object counts only after its preposition,
    and the "of" phrase of a number object ("six of the diplomats") when `counted` accepts its noun."""
    out: list[tuple[Any, Any]] = []
    for child in verb.children:
        dep = child.dep_
        if dep not in FRAME_DEPS:
            continue
        out.append((child, None))
        if dep not in FRAME_HOST_DEPS:
            continue
        for grand in child.children:
            below = grand.dep_
            if dep == "prep" and below in ("pobj", "pcomp"):
                out.append((grand, child))
                out.extend((g, child) for g in grand.children if g.dep_ in NOUN_MODIFIER_DEPS)
            elif dep in NOMINAL_FRAME_DEPS and below in NOUN_MODIFIER_DEPS:  # "called it a hostile act"
                out.append((grand, None))
            elif dep in OBJECT_DEPS and below == "prep" and grand.lower_ == "of" and (
                    _quantity(child) or _measure(child)):
                for noun in children(grand, "pobj"):  # "expelled six of the diplomats": the diplomats
                    if not (_measure(child) or counted(noun)):  # "held rounds of talks": the talks
                        continue
                    out.append((noun, None))
                    out.extend((g, None) for g in noun.children if g.dep_ in NOUN_MODIFIER_DEPS)
            elif dep == "ccomp" and below == "aux":  # "said that Sudan must return ..."
                out.append((grand, None))
    return out


def _subject_frame(verb: Any) -> list[tuple[Any, Any]]:
    """The subject's words for `@` slots: the subject (or controller: "troops began arriving"), its
    modifiers, and the noun of its "of" phrase ("a contingent of peacekeeping troops arrived")."""
    subj, tok = None, verb
    for _ in range(4):  # up a short chain of complements and conjuncts to the verb with a subject
        subj = subject_of(tok)
        if subj is not None or tok.dep_ not in ("xcomp", "conj"):
            break
        tok = tok.head
    if subj is None:
        return []
    nouns = [subj, *(p for prep in children(subj, "prep") if prep.lower_ == "of" for p in children(prep, "pobj"))]
    return [(t, SUBJECT) for n in nouns for t in (n, *(c for c in n.children if c.dep_ in NOUN_MODIFIER_DEPS))]


@lru_cache(maxsize=1)
def _count_heads() -> tuple[frozenset[str], frozenset[str]]:
    """`[arguments] quantity_heads` with `collective_heads`, and `measure_heads` of arguments.toml: the heads
    whose "of" noun a verb pattern reads as its object."""
    table = read_data_toml("lexicon", "arguments.toml")["arguments"]
    return frozenset(table["quantity_heads"]) | frozenset(table["collective_heads"]), frozenset(table["measure_heads"])


def _measure(noun: Any) -> bool:
    """A measure of a run of events ("rounds of talks", `measure_heads`): its "of" noun is the event, so an
    event noun there fills a verb pattern's object."""
    return noun.lemma_.lower() in _count_heads()[1]


def _quantity(noun: Any) -> bool:
    """A number, quantity or group word that stands for what its "of" phrase names ("six of the diplomats",
    "a team of inspectors")."""
    return noun.pos_ == "NUM" or noun.lemma_.lower() in _count_heads()[0]


def _noun_frame(noun: Any) -> list[tuple[Any, Any]]:
    return [(c, None) for c in noun.children if c.dep_ in NOUN_MODIFIER_DEPS]


def _fill(words: tuple[frozenset[str], ...], frame: list[tuple[Any, Any, tuple[str, str]]]) -> list[Any] | None:
    """Tokens of `frame` (token, preposition, the token's words) that fill every slot of `words` in order
    (each used once), or None."""
    used: list[Any] = []
    for slot in words:
        subject = SUBJECT_MARK in slot
        hit = next((t for t, prep, said in frame if t not in used and ((prep is SUBJECT) if subject else prep is None or (
                    prep is not SUBJECT and prep in used)) and not slot.isdisjoint(said)), None)
        if hit is None:
            return None
        used.append(hit)
    return used


def _parse_row(fields: list[str], where: str) -> Iterator[Trigger]:
    if len(fields) < 3:
        raise ConfigError("a lexicon row needs at least kind, pattern and type (tab-separated)", where=where)
    kind, pattern, typ = (f.strip() for f in fields[:3])
    mode = fields[3].strip() if len(fields) > 3 else ""
    cameo = fields[4].strip() if len(fields) > 4 else ""
    if kind not in KINDS:
        raise ConfigError(f"kind {kind!r} is not one of {', '.join(KINDS)}", where=where)
    if typ != "-" and typ not in PLOVER_TYPES:
        raise ConfigError(f"type {typ!r} is not a PLOVER type (or '-' to block)", where=where)
    slots = [frozenset(w.removeprefix(SUBJECT_MARK).lower().split("|")) | ({SUBJECT_MARK} if w.startswith(SUBJECT_MARK) else set())
             for w in pattern.split()]
    if not slots:
        raise ConfigError("empty pattern", where=where)
    if any(SUBJECT_MARK in slot for slot in slots) and (kind not in ("verb", "intent") or SUBJECT_MARK in slots[0]):
        raise ConfigError(f"a subject slot ({SUBJECT_MARK}...) belongs after the verb of a verb pattern", where=where)
    # verb phrases are head-first ("call for"), noun compounds head-last ("air strike")
    head_slot, rest = (slots[-1], slots[:-1]) if kind == "noun" else (slots[0], slots[1:])
    for head in sorted(head_slot):
        yield Trigger("verb" if kind == "intent" else kind, head, tuple(rest), None if typ == "-" else typ,
                      mode or None, cameo or None, where, future_only=kind == "intent")


def _rows(text: str, name: str) -> Iterator[Trigger]:
    for row in table_rows(text, name, strip=False):
        yield from _parse_row(row.cols, row.where)


def _read(path: str) -> str:
    try:
        return Path(path).read_text("utf-8")
    except FileNotFoundError:
        raise ConfigError("lexicon file not found", where=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"lexicon file cannot be read: {exc}", where=path) from None


def _intent_rows(text: str, name: str) -> dict[str, tuple[str, str | None, str | None]]:
    out: dict[str, tuple[str, str | None, str | None]] = {}
    for row in table_rows(text, name):
        fields = row.cols + ["", ""]
        if fields[0] not in PLOVER_TYPES or fields[1] not in PLOVER_TYPES:
            raise ConfigError("intent rows need two PLOVER types", where=row.where)
        out[fields[0]] = (fields[1], fields[2] or None, fields[3] or None)
    return out


def _nonevent_rows(text: str, name: str) -> NonEvents:
    """Parse `nonevents.tsv` (format in its header)."""
    types: set[str] = set()
    nouns: dict[str, list[tuple[Slot, ...]]] = {}
    verbs: set[str] = set()
    for row in table_rows(text, name):
        fields = row.cols
        if len(fields) < 2 or fields[0] not in ("types", "noun", "verb"):
            raise ConfigError("a non-event row is `types|noun|verb<TAB>words`", where=row.where)
        role, words = fields[0], fields[1]
        if role == "types":
            types.update(words.split())
        elif role == "verb":
            verbs.update(words.lower().split("|"))
        else:
            *mods, heads = words.lower().split()
            for head in heads.split("|"):
                nouns.setdefault(head, []).append(tuple(Slot(frozenset(m.lstrip("!").split("|")), m.startswith("!"))
                                                        for m in mods))
    unknown = types - set(PLOVER_TYPES)
    if unknown:
        raise ConfigError(f"not PLOVER types: {', '.join(sorted(unknown))}", where=name)
    return NonEvents(frozenset(types), {k: tuple(v) for k, v in nouns.items()}, frozenset(verbs))


def as_intent(lexicon: Lexicon, trigger: Trigger) -> Trigger:
    """The trigger recoded for a future-tense use ("will visit" is AGREE, "will attack" THREATEN)."""
    if trigger.type not in lexicon.intent:
        return trigger
    typ, mode, cameo = lexicon.intent[trigger.type]
    return replace(trigger, type=typ, mode=mode, cameo=cameo)


def inflections(verb: str) -> set[str]:
    """Regular inflected forms of a verb ("stage" -> stages, staged, staging), a fallback for tokens the
    tagger's lemmatizer gets wrong ("staged" -> "stag")."""
    if " " in verb or len(verb) < 3:
        return set()
    if verb.endswith("e"):
        return {verb + "s", verb + "d", verb[:-1] + "ing"}
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    ending = "es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s"
    return {verb + ending, verb + "ed", verb + "ing"}


def build_lexicon(triggers: Iterable[Trigger], intent: dict[str, tuple[str, str | None, str | None]] | None = None,
                  nonevents: NonEvents | None = None) -> Lexicon:
    """Index triggers; a later row with the same kind and pattern replaces an earlier one."""
    rows: dict[tuple[str, str, tuple[frozenset[str], ...]], Trigger] = {}
    for trig in triggers:
        rows[(trig.kind, trig.head, trig.words)] = trig
    index: dict[tuple[str, str], list[Trigger]] = {}
    for trig in rows.values():
        index.setdefault((trig.kind, trig.head), []).append(trig)
    forms = {form: head for kind, head in index if kind == "verb" for form in inflections(head)
             if ("verb", form) not in index}
    return Lexicon({k: tuple(v) for k, v in index.items()}, intent or {}, forms, nonevents or NonEvents())


def load_lexicon(extra_files: tuple[str, ...] = ()) -> Lexicon:
    """The shipped lexicon (generated rows, then hand rows) plus the analyst's files (config
    `[data] lexicon = [...]`), later rows winning."""
    folder = resources.files("eventscope").joinpath("data", "lexicon")
    triggers = [t for name in SHIPPED for t in _rows(folder.joinpath(name).read_text("utf-8"), name)]
    for path in extra_files:
        triggers.extend(_rows(_read(path), path))
    return build_lexicon(triggers, _intent_rows(folder.joinpath(INTENT).read_text("utf-8"), INTENT),
                         _nonevent_rows(folder.joinpath(NONEVENTS).read_text("utf-8"), NONEVENTS))
