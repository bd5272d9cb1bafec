"""The ordered pipeline: parse with spaCy, then small stages, each `Analysis -> Analysis`.

A stage is made by a factory `make_stage(config, resources)` that does all
loading; calling the stage does no I/O. Each stage is declared in `STAGES` by
import path with the `Analysis` fields it requires and assigns (as spaCy's
`Language.factory(requires=..., assigns=...)`), so importing this module loads
nothing and a stage order that reads a field before it is made is refused when
the pipeline is built.
"""
from __future__ import annotations

import gc
import importlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Protocol

from .budget import Budget, deadline
from .config import Config
from .errors import ConfigError, EventscopeError, InputError, ProcessingError
from .nlp.parse import parse_ahead
from .records import Analysis, Article, Failure, failure_from

log = logging.getLogger(__name__)


class Stage(Protocol):
    """One step of the pipeline. Pure: same Analysis in, same Analysis out."""

    name: str

    def __call__(self, analysis: Analysis) -> Analysis: ...


StageFactory = Callable[[Config, "Resources"], Stage]


@dataclass(frozen=True)
class StageSpec:
    """What a stage is (`module:factory`) and which `Analysis` fields it reads and writes.

    `events.date` style names say a stage fills one field of the events another stage made."""

    factory: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


# What the parse gives every stage before the first one runs.
PARSED: tuple[str, ...] = ("article", "doc")

# name -> spec; the order of execution comes from Config.stages and is checked by `check_order`.
STAGES: dict[str, StageSpec] = {
    "actors": StageSpec("eventscope.stages.actors:make_stage", ("doc",), ("actors",)),
    "events": StageSpec("eventscope.stages.events:make_stage", ("doc", "actors"), ("events",)),
    "frame": StageSpec("eventscope.stages.frame:make_stage", ("doc", "events"), ("frame", "events.frame")),
    "time": StageSpec("eventscope.stages.time:make_stage", ("doc", "events"), ("times", "events.date")),
    "places": StageSpec("eventscope.stages.places:make_stage", ("doc", "events"),
                        ("places", "events.location", "frame")),  # the lead's place when no dateline names one
    "casualties": StageSpec("eventscope.stages.casualties:make_stage", ("doc", "events"),
                            ("events.fatalities", "events.injured", "events.arrested")),
    "modality": StageSpec("eventscope.stages.modality:make_stage", ("doc", "events", "actors"),
                          ("events.modality", "events.attribution")),
    "relations": StageSpec("eventscope.stages.relations:make_stage", ("doc", "actors"), ("relations",)),
}


def check_order(names: Iterable[str]) -> list[StageSpec]:
    """The specs of `names` in order; an unknown stage, or one run before what it requires, is an error."""
    made = set(PARSED)
    specs = []
    for name in names:
        spec = STAGES.get(name)
        if spec is None:
            raise ConfigError(f"unknown stage {name!r}; known: {', '.join(STAGES)}")
        missing = [f for f in spec.requires if f not in made]
        if missing:
            makers = sorted(n for n, s in STAGES.items() if set(missing) & set(s.assigns))
            raise ConfigError(f"stage {name!r} requires {', '.join(missing)}, made by "
                              f"{', '.join(makers) or 'no stage'}: list it after them in [pipeline] stages")
        made.update(spec.assigns)
        made.update(a.partition(".")[0] for a in spec.assigns)
        specs.append(spec)
    return specs


# Allocations (net of frees) between two young-generation collections in a process that runs the
# pipeline (the default is 700). A document's records are acyclic and die by reference counting, so at
# 700 the collector ran every few hundred records and mostly re-walked the analyses still in flight to
# the store (3-7% of an ingest's CPU, measured); the rare cycle now waits a little longer.
YOUNG_COLLECTION_EVERY = 20_000


def settle_heap() -> None:
    """Move everything alive now out of the garbage collector's generations (`gc.freeze`), and collect
    the young generation less often (`YOUNG_COLLECTION_EVERY`).

    For process entry points (the CLI, a worker) once their pipeline is loaded: the model and data
    live as long as the process, and every full collection of a long run would walk them all. A
    library call (`eventscope.extract`) never does this to its host application."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, *gc.get_threshold()[1:])


def _import(path: str) -> Any:
    module, _, attr = path.partition(":")
    return getattr(importlib.import_module(module), attr)


class Resources:
    """Loaded-once shared things (model, dictionaries, gazetteer) that several stages use."""

    def __init__(self, config: Config) -> None:
        self.config = config

    @cached_property
    def nlp(self) -> Any:
        from .nlp.parse import load_nlp

        nlp = load_nlp(self.config.model)
        nlp.max_length = max(nlp.max_length, self.config.max_chars)  # our limit (nlp.max_chars) is the one that refuses
        return nlp

    @cached_property
    def actor_dictionary(self) -> Any:
        from .stages.actors import load_actor_dictionary

        return load_actor_dictionary(self.config.actor_files)

    @cached_property
    def lexicon(self) -> Any:
        from .stages.events import load_lexicon

        return load_lexicon(self.config.lexicon_files)

    @cached_property
    def gazetteer(self) -> Any:
        from .stages.places import load_gazetteer

        return load_gazetteer()


class Pipeline:
    """Parse and analyse articles. Build once (loads everything), call many times."""

    def __init__(self, config: Config | None = None, *, resources: Resources | None = None) -> None:
        from .config import load_config

        self.config = config or load_config()
        self.resources = resources or Resources(self.config)
        self.nlp = self.resources.nlp
        self.budget = Budget.from_config(self.config)  # per document: over it, a `timeout` failure
        self.stages: list[Stage] = [_import(spec.factory)(self.config, self.resources)
                                    for spec in check_order(self.config.stages)]

    def _check(self, article: Article) -> None:
        if not article.text.strip():
            raise InputError("document has no text", where=article.origin or article.doc_id, code="empty")
        if len(article.text) > self.config.max_chars:
            raise InputError(
                f"document has {len(article.text):,} characters, more than the limit of "
                f"{self.config.max_chars:,} (set nlp.max_chars to raise it)",
                where=article.origin or article.doc_id, code="too_large",
            )

    def run_stages(self, analysis: Analysis) -> Analysis:
        """Run every post-parse stage on a parsed Analysis."""
        for stage in self.stages:
            try:
                analysis = stage(analysis)
            except EventscopeError:
                raise
            except Exception as exc:  # a bug in one stage must not kill a batch
                # The failure names the error and is printed once; the traceback only in debug logs.
                log.debug("stage %s failed on %s", stage.name, analysis.article.doc_id, exc_info=True)
                raise ProcessingError(
                    f"stage {stage.name!r} failed: {type(exc).__name__}: {exc}",
                    where=analysis.article.origin or analysis.article.doc_id,
                ) from exc
        return analysis

    def analyze(self, article: Article) -> Analysis:
        """Parse one article and run all stages (raises on bad input)."""
        self._check(article)
        with deadline(self.budget.seconds(article.text), article.origin or article.doc_id):
            return self.run_stages(Analysis(article=article, doc=self.nlp(article.text)))

    def pipe(self, items: Iterable[Article | Failure]) -> Iterator[Analysis | Failure]:
        """Stream many articles through `nlp.pipe` in batches, parsed in a thread beside the stages
        (`nlp.parse_ahead`); failures pass through in order."""
        def checked() -> Iterator[tuple[str, Article | Failure]]:
            for item in items:
                if isinstance(item, Failure):
                    yield "", item
                    continue
                try:
                    self._check(item)
                except InputError as exc:
                    yield "", failure_from(exc, item.doc_id)
                    continue
                yield item.text, item

        parsed = parse_ahead(self.nlp, checked(), self.config.batch_size, self.config.parse_ahead)
        for doc, item in parsed:
            if isinstance(item, Failure):
                yield item
                continue
            try:  # the budget covers the stages; the parse ran batched, linear in the text
                with deadline(self.budget.seconds(item.text), item.origin or item.doc_id):
                    analysis = self.run_stages(Analysis(article=item, doc=doc))
            except EventscopeError as exc:
                yield failure_from(exc, item.doc_id)
                continue
            yield analysis
