"""One document's tokens and dependency tree as plain lists, made once per document.

spaCy builds a new `Token` on every `doc[i]`, `tok.head`, `tok.children` and `span.root` (and a Span on
every `doc[a:b]`), and those builds cost the actors stage more than its own work. `DocTree` answers the same
questions from the token list made once (`tokens[i]` is the same object each time), with the same bounds as
the shared walks in `nlp.syntax`.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy

from ...nlp.syntax import head_indices


class DocTree:
    """The tokens of a Doc with each one's head index and children, so walks make no new Tokens."""

    def __init__(self, doc: Any) -> None:
        self.tokens: list[Any] = list(doc)
        n = len(self.tokens)
        heads = head_indices(doc)
        self.heads: list[int] = heads.tolist()
        # Every token's children, grouped by head in text order: token i's are _by_head[_bounds[i]:_bounds[i + 1]]
        # (a root is its own head but no one's child: it goes after all groups).
        parents = numpy.where(heads == numpy.arange(n), n, heads)
        order = numpy.argsort(parents, kind="stable")
        self._by_head: list[Any] = list(map(self.tokens.__getitem__, order.tolist()))
        self._bounds: list[int] = numpy.searchsorted(parents[order], numpy.arange(n + 1)).tolist()

    def head(self, tok: Any) -> Any:
        """`tok.head`."""
        return self.tokens[self.heads[tok.i]]

    def children(self, tok: Any) -> list[Any]:
        """`tok.children`, as a list."""
        return self._by_head[self._bounds[tok.i]:self._bounds[tok.i + 1]]

    def rights(self, tok: Any) -> list[Any]:
        """`tok.rights`: the children after the token."""
        return [c for c in self.children(tok) if c.i > tok.i]

    def ancestors(self, tok: Any) -> Iterator[Any]:
        """`nlp.syntax.ancestors`: the heads above `tok`, nearest first, bounded by the document."""
        i = tok.i
        for _ in range(len(self.heads)):
            head = self.heads[i]
            if head == i:
                return
            i = head
            yield self.tokens[i]

    def verb_above(self, tok: Any) -> Any:
        """The token of `nlp.syntax.verb_above`: the first verb above `tok`, else the root reached."""
        for head in self.ancestors(tok):
            if head.pos_ in ("VERB", "AUX"):
                return head
            tok = head
        return tok

    def root(self, start: int, end: int) -> int:
        """The index of `doc[start:end].root` without making the Span, by spaCy's rule: a sentence root in
        the span, else of the tokens whose head is outside it the one with the fewest steps to the root
        (a childless space or punctuation counts as the farthest; ties go to the first)."""
        if end - start == 1:
            return start  # the rule's answer for any one token
        for i in range(start, end):
            if self.heads[i] == i:
                return i
        best, root = len(self.heads), -1
        for i in range(start, end):
            if start <= self.heads[i] < end:
                continue
            steps = self._steps_to_root(i)
            if steps < best:
                best, root = steps, i
        return start if root == -1 else root

    def _steps_to_root(self, i: int) -> int:
        tok = self.tokens[i]
        if self._bounds[i] == self._bounds[i + 1] and (tok.is_space or tok.is_punct):  # no children
            return len(self.heads) - 1
        steps = 0
        while self.heads[i] != i and steps < len(self.heads):
            i = self.heads[i]
            steps += 1
        return steps

