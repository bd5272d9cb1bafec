"""The shared tree walks on hand-built parses, and a scan of src/ for identity tests on spaCy objects."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from eventscope.nlp.syntax import (PARAGRAPH_BREAK, Sentences, ancestors, child, children, head_indices, is_root, same, tokens_in,
                                   verb_above)

SRC = Path(__file__).resolve().parents[1] / "src" / "eventscope"


def make_doc(words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos)


@pytest.fixture
def fragment() -> Doc:
    """A verbless headline: "Clashes on Monday ." (root: the noun)."""
    return make_doc(["Clashes", "on", "Monday", "."], [0, 0, 1, 0], ["ROOT", "prep", "pobj", "punct"],
                    ["NOUN", "ADP", "PROPN", "PUNCT"])


@pytest.fixture
def clause() -> Doc:
    """ "Police said troops fired on protesters ." """
    words = ["Police", "said", "troops", "fired", "on", "protesters", "."]
    heads = [1, 1, 3, 1, 3, 4, 1]
    deps = ["nsubj", "ROOT", "nsubj", "ccomp", "prep", "pobj", "punct"]
    pos = ["NOUN", "VERB", "NOUN", "VERB", "ADP", "NOUN", "PUNCT"]
    return make_doc(words, heads, deps, pos)


def test_sentences_give_each_token_its_sentence_bounds() -> None:
    """Two sentences, "Clashes erupted . Police fired .": token 4 is in the second, (3, 6)."""
    doc = make_doc(["Clashes", "erupted", ".", "Police", "fired", "."], [1, 1, 1, 4, 4, 4],
                   ["nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct"], ["NOUN", "VERB", "PUNCT"] * 2)
    sentences = Sentences(doc)
    assert sentences.bounds == [(0, 3), (3, 6)]
    assert [sentences.of(i) for i in (0, 2, 3, 5)] == [(0, 3), (0, 3), (3, 6), (3, 6)]
    second = sentences.sentence(4)
    assert (second.start, second.end) == (3, 6) and doc.text[second.start_char:second.end_char] == "Police fired ."


def test_is_root_compares_indices(fragment: Doc) -> None:
    assert is_root(fragment[0])
    assert not is_root(fragment[2])
    assert fragment[0].head is not fragment[0]  # why identity can never work: a new Token per access


def test_same(fragment: Doc) -> None:
    assert same(fragment[1], fragment[2].head)
    assert not same(fragment[1], fragment[2])
    assert same(None, None) and not same(fragment[0], None) and not same(None, fragment[0])


def test_ancestors_end_at_a_verbless_root(fragment: Doc) -> None:
    assert [t.i for t in ancestors(fragment[2])] == [1, 0]
    assert list(ancestors(fragment[0])) == []


def test_ancestors_bounded_by_the_document(clause: Doc) -> None:
    assert [t.i for t in ancestors(clause[5])] == [4, 3, 1]
    long = make_doc(["w"] * 500, [max(i - 1, 0) for i in range(500)], ["dep"] * 499 + ["dep"],
                    ["NOUN"] * 500)
    assert len(list(ancestors(long[499]))) == 499


def test_verb_above(clause: Doc, fragment: Doc) -> None:
    verb, path = verb_above(clause[5])
    assert verb.i == 3 and path == [4]
    root, path = verb_above(fragment[2])  # no verb: the root, after every token passed
    assert root.i == 0 and path == [1, 0]


def test_child_and_children(clause: Doc) -> None:
    assert child(clause[1], "nsubj").i == 0
    assert child(clause[1], "dobj") is None
    assert [c.i for c in children(clause[1], "nsubj", "ccomp")] == [0, 3]


def test_paragraph_break() -> None:
    assert PARAGRAPH_BREAK.split("Title\n\nLead.\n \nMore.") == ["Title", "Lead.", "More."]
    assert PARAGRAPH_BREAK.search("one\nline") is None


# -- no identity tests on spaCy objects ------------------------------------------------------------------
# Names and attributes that hold spaCy Tokens/Spans/Docs in this code base; `x is y` on any of them is a bug.
SPACY_NAMES = frozenset({"tok", "token", "head", "root", "child", "parent", "span", "sent", "doc", "word",
                         "verb", "subj", "obj", "trigger"})  # no one-letter names: too many other things
SPACY_ATTRS = frozenset({"head", "root", "sent", "doc", "left_edge", "right_edge", "children", "lefts",
                         "rights", "ancestors", "subtree", "conjuncts"})


def _spacy_like(node: ast.expr) -> bool:
    if isinstance(node, ast.Name):
        return node.id in SPACY_NAMES or node.id.endswith(("_tok", "_token", "_head", "_span"))
    if isinstance(node, ast.Attribute):
        return node.attr in SPACY_ATTRS or _spacy_like(node.value) and node.attr in SPACY_NAMES
    if isinstance(node, ast.Subscript):  # doc[i], sent[0]
        return _spacy_like(node.value)
    return False


def identity_comparisons(source: str) -> list[tuple[int, str]]:
    """`is`/`is not` comparisons where neither side is a literal (None, True, ...) and one looks like spaCy."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare):
            continue
        left = node.left
        for op, right in zip(node.ops, node.comparators):
            if isinstance(op, (ast.Is, ast.IsNot)) and not any(isinstance(x, ast.Constant) for x in (left, right)) \
                    and (_spacy_like(left) or _spacy_like(right)):
                found.append((node.lineno, ast.unparse(node)))
            left = right
    return found


def test_the_scan_finds_the_bug_shapes() -> None:
    bad = "while token.head is not token: pass\nif tok is root: pass\nx = a.head is b\ny = doc[0] is sent[0]\n"
    assert len(identity_comparisons(bad)) == 4
    fine = ("if tok is None: pass\nif m is not full: pass\nif flag is True: pass\nif x is SENTINEL: pass\n"
            "if c is not top: pass\n")
    assert identity_comparisons(fine) == []


def test_no_identity_comparison_of_spacy_objects_in_src() -> None:
    problems = [f"{path.relative_to(SRC)}:{line}: {text}" for path in sorted(SRC.rglob("*.py"))
                for line, text in identity_comparisons(path.read_text(encoding="utf-8"))]
    assert not problems, "compare spaCy tokens by .i (nlp.syntax.same/is_root):\n" + "\n".join(problems)


def test_no_unbounded_climb_in_src() -> None:
    """A `while` loop that climbs `.head` (`tok = tok.head`) must be a bounded walk instead."""
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.While):
                test = ast.unparse(node.test)
                climbs = any(isinstance(n, ast.Assign) and isinstance(n.value, ast.Attribute)
                             and n.value.attr == "head" for s in node.body for n in ast.walk(s))  # tok = tok.head
                if climbs:
                    problems.append(f"{path.relative_to(SRC)}:{node.lineno}: while {test}")
    assert not problems, "use nlp.syntax.ancestors or `for _ in range(len(doc))`:\n" + "\n".join(problems)


def test_head_indices_are_absolute_and_a_root_is_its_own_head(clause: Doc) -> None:
    """ "Police said troops fired on protesters .": every head as an index, from one array read."""
    assert head_indices(clause).tolist() == [1, 1, 3, 1, 3, 4, 1]


def test_tokens_in_finds_words_in_any_case_by_one_array_scan(clause: Doc) -> None:
    from spacy.attrs import ORTH

    assert tokens_in(clause, ORTH, {"police", "protesters"}) == [0, 5]  # "Police" too
    assert tokens_in(clause, ORTH, {"army"}) == []
