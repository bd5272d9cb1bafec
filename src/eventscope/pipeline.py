"""The ordered pipeline: parse with spaCy, then small stages, each `Analysis -> Analysis`.

A stage is made by a factory `make_stage(config, resources)` that does all
loading; calling the stage does no I/O. Factories are named in `STAGES` by
import path, so importing this module loads nothing.
"""
from __future__ import annotations

import gc
import importlib
import logging
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from typing import Any, Protocol

from .config import Config
from .errors import ConfigError, EventscopeError, InputError, ProcessingError
from .records import Analysis, Article, Failure, failure_from

log = logging.getLogger(__name__)


class Stage(Protocol):
    """One step of the pipeline. Pure: same Analysis in, same Analysis out."""

    name: str

    def __call__(self, analysis: Analysis) -> Analysis: ...


StageFactory = Callable[[Config, "Resources"], Stage]

# name -> "module:factory"; order of execution comes from Config.stages.
STAGES: dict[str, str] = {
    "actors": "eventscope.stages.actors:make_stage",
    "events": "eventscope.stages.events:make_stage",
    "time": "eventscope.stages.time:make_stage",
    "places": "eventscope.stages.places:make_stage",
    "modality": "eventscope.stages.modality:make_stage",
    "relations": "eventscope.stages.relations:make_stage",
}


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

        return load_nlp(self.config.model)

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
        self.stages: list[Stage] = []
        for name in self.config.stages:
            if name not in STAGES:
                raise ConfigError(f"unknown stage {name!r}; known: {', '.join(STAGES)}")
            self.stages.append(_import(STAGES[name])(self.config, self.resources))
        # The model and data just loaded live as long as the pipeline: move them out of the collector's
        # generations, or every full collection of a long run walks them all (gc.freeze, after a collect).
        gc.collect()
        gc.freeze()

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
                log.exception("stage %s failed on %s", stage.name, analysis.article.doc_id)
                raise ProcessingError(
                    f"stage {stage.name!r} failed: {type(exc).__name__}: {exc}",
                    where=analysis.article.origin or analysis.article.doc_id,
                ) from exc
        return analysis

    def analyze(self, article: Article) -> Analysis:
        """Parse one article and run all stages (raises on bad input)."""
        self._check(article)
        return self.run_stages(Analysis(article=article, doc=self.nlp(article.text)))

    def pipe(self, items: Iterable[Article | Failure]) -> Iterator[Analysis | Failure]:
        """Stream many articles through `nlp.pipe` in batches; failures pass through in order."""
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

        for doc, item in self.nlp.pipe(checked(), as_tuples=True, batch_size=self.config.batch_size):
            if isinstance(item, Failure):
                yield item
                continue
            try:
                yield self.run_stages(Analysis(article=item, doc=doc))
            except EventscopeError as exc:
                yield failure_from(exc, item.doc_id)
