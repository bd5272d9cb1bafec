"""Bounded parse-tree walks that every stage shares.

spaCy builds a new `Token` object on every access, so `tok.head is tok` is never true: tokens are
compared by `.i` here, and every climb is capped by the sentence length, so no parse (a verbless
fragment, a 200,000-character sentence) can make a walk run forever.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# Relative pronouns stand for the noun their clause modifies ("X, which is backed by ...").
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# A blank line ends a paragraph in every input format we read.
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def is_root(token: Any) -> bool:
    """True for the root of its sentence (spaCy's root is its own head)."""
    return token.head.i == token.i


def misparsed_predicate(verb: Any) -> bool:
    """A participle the parser hung on the sentence's root noun, with no agent, is the sentence's own
    verb ("Thousands of teachers protested in X": root "Thousands", "protested" an acl): active, its
    noun the subject."""
    head = verb.head
    return (verb.dep_ == "acl" and is_root(head) and head.pos_ in ("NOUN", "PROPN", "PRON")
            and not any(c.dep_ == "agent" for c in verb.children))


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



def subject_of(verb: Any) -> Any | None:
    """The verb's own subject (active, passive or clausal), without looking at other clauses."""
    return child(verb, "nsubj", "nsubjpass", "csubj")
