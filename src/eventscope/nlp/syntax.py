"""Bounded parse-tree walks that every stage shares.

spaCy builds a new `Token` object on every access, so `tok.head is tok` is never true: tokens are
compared by `.i` here, and every climb is capped by the sentence length, so no parse (a verbless
fragment, a 200,000-character sentence) can make a walk run forever.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Container, Iterator
from typing import Any, NamedTuple

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, HEAD

# Relative pronouns stand for the noun their clause modifies ("X, which is backed by ...").
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# A blank line ends a paragraph in every input format we read.
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def is_root(token: Any) -> bool:
    """True for the root of its sentence (spaCy's root is its own head)."""
    return token.head.i == token.i


def misparsed_predicate(verb: Any) -> bool:
    """A participle the parser hung on the noun before it, with no agent, is that noun's own verb when the
    noun is the sentence's root ("Thousands of teachers protested in X": root "Thousands", "protested" an
    acl) or the participle has a direct object ("Gunmen killed 14 soldiers"): active, its noun the subject."""
    head = verb.head
    if verb.dep_ != "acl" or any(c.dep_ in ("agent", "auxpass") for c in verb.children):
        return False
    if is_root(head) and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return True
    # a participle with a direct object is active ("Gunmen killed 14 soldiers" hung on "Gunmen")
    return verb.tag_ in ("VBD", "VBN") and head.i < verb.i and any(c.dep_ == "dobj" for c in verb.children)


def same(a: Any, b: Any) -> bool:
    """Whether two tokens (or None) are the same position in the document."""
    if a is None or b is None:
        return a is None and b is None
    return a.i == b.i


def ancestors(token: Any) -> Iterator[Any]:
    """The heads above `token`, nearest first, at most one sentence long."""
    for _ in range(len(token.doc)):
        if is_root(token):
            return
        token = token.head
        yield token


def verb_above(token: Any) -> tuple[Any, list[int]]:
    """The first verb above `token` (or the root when none) and the token indices passed on the way."""
    path: list[int] = []
    for head in ancestors(token):
        if head.pos_ in ("VERB", "AUX"):
            return head, path
        path.append(head.i)
        token = head
    return token, path


def child(token: Any, *deps: str) -> Any | None:
    """The first child of `token` with one of the dependency labels `deps`."""
    return next((c for c in token.children if c.dep_ in deps), None)


def children(token: Any, *deps: str) -> list[Any]:
    """Every child of `token` with one of the dependency labels `deps`."""
    return [c for c in token.children if c.dep_ in deps]



# Quantifiers the parser gives as a second subject ("Chile and Bolivia each expelled ..."): never the subject.
FLOATING_QUANTIFIERS = frozenset({"each", "all", "both"})


def subject_of(verb: Any) -> Any | None:
    """The verb's own subject (active, passive or clausal), without looking at other clauses. Of two
    subjects before the verb (a misparse: "MANILA (Reuters) - Chinese vessels fired ..." gives the dateline
    word one too) the nearest is the verb's."""
    subjects = children(verb, "nsubj", "nsubjpass", "csubj")
    before = [s for s in subjects if s.i < verb.i and s.lower_ not in FLOATING_QUANTIFIERS] or \
        [s for s in subjects if s.i < verb.i]
    return before[-1] if before else (subjects[0] if subjects else None)


class Sentence(NamedTuple):
    """A sentence's token and character bounds (what `tok.sent` gives, without walking the sentence)."""

    start: int
    end: int
    start_char: int
    end_char: int


class Sentences:
    """Bounds of a document's sentences, read once: `token.sent` and `span.sent` walk the sentence on every
    access, so stages that ask for many tokens' sentences ask this instead."""

    def __init__(self, doc: Any) -> None:
        self.sentences = [Sentence(s.start, s.end, s.start_char, s.end_char) for s in doc.sents]
        self.bounds = [(s.start, s.end) for s in self.sentences]
        self._starts = [start for start, _ in self.bounds]

    def sentence(self, i: int) -> Sentence:
        """The sentence holding token `i`."""
        return self.sentences[bisect.bisect_right(self._starts, i) - 1]

    def of(self, i: int) -> tuple[int, int]:
        """(start, end) of the sentence holding token `i`."""
        return self.bounds[bisect.bisect_right(self._starts, i) - 1]


def tokens_in(doc: Any, attr: int, words: Container[str]) -> list[int]:
    """Indices of the tokens whose `attr` (spaCy's LOWER, LEMMA, ...), lower-cased, is one of `words`: one
    array scan and one string lookup per distinct value, where a loop over tokens would build a Token
    and its strings for every word of the document, most of which match nothing."""
    values = doc.to_array(attr)
    strings = doc.vocab.strings
    wanted = [h for h in np.unique(values) if strings[int(h)].lower() in words]
    return np.flatnonzero(np.isin(values, wanted)).tolist() if wanted else []


def head_indices(doc: Any) -> np.ndarray:
    """Every token's head index from one array read (spaCy stores heads as unsigned offsets), for
    per-document indexes that climb the tree without building a Token per step; a root is its own head."""
    offsets = doc.to_array(HEAD).view(np.int64)
    return offsets + np.arange(len(offsets), dtype=np.int64)


def entity_bounds(doc: Any) -> list[tuple[int, int, str]]:
    """(start, end, label) of every span of `doc.ents`, from one array read: `doc.ents` builds a Span and
    Tokens for each entity on every access. By spaCy's rule an entity opens at a B token with a label and
    runs over the I tokens after it; a tagging `doc.ents` would reject (an I token outside) is left to it."""
    iob, types = doc.to_array([ENT_IOB, ENT_TYPE]).T
    others = np.flatnonzero(iob != 1)  # every token that does not continue an entity
    opens = others[(iob[others] == 3) & (types[others] != 0)]
    ends = np.append(others, len(iob))[np.searchsorted(others, opens, side="right")]  # the next of those
    if int((ends - opens).sum()) != len(opens) + len(iob) - len(others):  # an I token outside every entity
        return [(e.start, e.end, e.label_) for e in doc.ents]
    strings = doc.vocab.strings
    return [(s, e, strings[t]) for s, e, t in zip(opens.tolist(), ends.tolist(), types[opens].tolist())]
