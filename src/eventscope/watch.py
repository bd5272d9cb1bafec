"""`eventscope watch`: keep a store current from feeds, URL lists and folders.

One pass reads every source once: a feed's new (or changed) entries are fetched and ingested, a page
URL is fetched with a conditional GET, a folder's new and changed files are ingested (unchanged ones
are skipped by the store's content-hash rule, as in `ingest`). Each source is ingested on its own, so
one bad source never stops the others; every failure lands in `ingest_errors` with its URL and reason.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from .errors import InputError
from .pipeline import Pipeline
from .readers import read_inputs
from .readers.web import (FeedEntry, Fetched, Fetcher, FetchError, fetch_failure, is_url, looks_like_feed,
                          parse_feed, read_page)
from .records import Article, Failure, failure_from
from .runner import IngestReport, Progress, ingest_items
from .store import Store
from .store.sources import UrlFetch, UrlState, remember, url_states

log = logging.getLogger(__name__)

MAX_ENTRIES = 500  # feed entries read per pass: a feed lists its newest few dozen; more is a broken feed


def source_kind(source: str) -> str:
    """"url" (a feed or a page, told apart when fetched), "list" (a file of URLs) or "folder"."""
    if is_url(source):
        return "url"
    path = Path(source)
    if path.is_dir():
        return "folder"
    if path.is_file():
        return "list"
    raise InputError("not a URL, a file of URLs or a folder", where=source, code="unknown_source")


def read_url_list(path: Path) -> list[str]:
    """The URLs of a text file, one a line (blank lines and # comments skipped)."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the URL list: {exc}", where=str(path), code="unreadable") from None
    urls = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    bad = [u for u in urls if not is_url(u)]
    if bad:
        raise InputError(f"not a URL: {bad[0]!r}", where=str(path), code="bad_url")
    return urls


class _Collector:
    """Reads the URLs of one source into Articles and Failures, and notes each fetch for the store."""

    def __init__(self, fetcher: Fetcher, store: Store, source: str) -> None:
        self.fetcher, self.store, self.source = fetcher, store, source
        self.fetches: list[UrlFetch] = []

    def _note(self, url: str, status: str, fetched: Fetched | None = None, *, doc_id: str | None = None,
              updated: str | None = None) -> None:
        self.fetches.append(UrlFetch(url, self.source, doc_id, status, fetched.etag if fetched else None,
                                     fetched.last_modified if fetched else None, updated))

    def _fetch(self, url: str, seen: UrlState | None, updated: str | None) -> Fetched | Failure | None:
        """The page, a Failure, or None when the server says it has not changed since the last fetch."""
        try:
            fetched = self.fetcher.fetch(url, etag=seen.etag if seen else None,
                                         last_modified=seen.last_modified if seen else None)
        except FetchError as exc:
            self._note(url, f"failed: {exc.code}", updated=updated)
            return fetch_failure(exc, url)
        if fetched.status == 304:
            self._note(url, "unchanged", fetched, doc_id=seen.doc_id if seen else None, updated=updated)
            return None
        return fetched

    def items(self, url: str) -> Iterator[Article | Failure]:
        """A feed's new entries, or the page itself, told apart by what the server sends."""
        got = self._fetch(url, url_states(self.store, [url]).get(url), None)
        if not isinstance(got, Fetched):
            yield from ([got] if got is not None else [])
            return
        if not looks_like_feed(got):
            yield from self._page(got, None)
            return
        try:
            entries = parse_feed(got)[:MAX_ENTRIES]
        except InputError as exc:
            self._note(url, f"failed: {exc.code}")
            yield fetch_failure(exc, url)
            return
        self._note(url, "feed", got)
        known = url_states(self.store, [e.url for e in entries])
        for entry in entries:
            seen = known.get(entry.url)
            if seen is not None and seen.entry_updated == entry.updated and not seen.status.startswith("failed"):
                continue  # each entry once; again only when the feed says it changed
            page = self._fetch(entry.url, seen, entry.updated)
            if isinstance(page, Fetched):
                yield from self._page(page, entry)
            elif page is not None:
                yield page

    def _page(self, fetched: Fetched, entry: FeedEntry | None) -> Iterator[Article | Failure]:
        updated = entry.updated if entry else None
        try:
            article, meta = read_page(fetched, feed_date=entry.published if entry else None)
        except InputError as exc:
            self._note(fetched.url, f"failed: {exc.code}", fetched, updated=updated)
            yield fetch_failure(exc, fetched.url)
            return
        if entry is not None and entry.title and not article.title:
            article = replace(article, title=entry.title)
        self.fetches.append(UrlFetch(fetched.url, self.source, article.doc_id, "stored", fetched.etag,
                                     fetched.last_modified, updated, article.title, meta.author, meta.site,
                                     meta.date_basis))
        yield article


class Watcher:
    """Passes over a fixed set of sources into one store, with one pipeline loaded once.

    The store is opened for each pass and closed after it, so between passes other commands (`events`,
    `serve`, `export`) can read it: DuckDB lets one process at a time hold a file open for writing."""

    def __init__(self, sources: Iterable[str], db: str | Path, pipeline: Pipeline, *,
                 fetcher: Fetcher | None = None, workers: int = 1, progress: Progress | None = None) -> None:
        self.sources = list(sources)
        self.db, self.pipeline = str(db), pipeline
        self.fetcher = fetcher or Fetcher()
        self.workers, self.progress = workers, progress

    def run_pass(self, stop: threading.Event | None = None) -> IngestReport:
        """Read every source once (stopping early, between sources, when `stop` is set)."""
        report = IngestReport()
        with Store(self.db) as store:
            for source in self.sources:
                if stop is not None and stop.is_set():
                    break
                report.add(self._one(store, source))
        return report

    def run(self, interval: float, stop: threading.Event, *, passes: int | None = None) -> IngestReport:
        """Pass after pass, `interval` seconds apart, until `stop` is set (or `passes` are done)."""
        total = IngestReport()
        done = 0
        while not stop.is_set() and (passes is None or done < passes):
            result = self.run_pass(stop)
            total.add(result)
            done += 1
            log.info("pass %d: %d documents stored, %d unchanged, %d failed", done, result.documents,
                     result.skipped, len(result.failures))
            if passes is None or done < passes:
                stop.wait(interval)
        return total

    def _one(self, store: Store, source: str) -> IngestReport:
        collector = _Collector(self.fetcher, store, source)
        try:
            kind = source_kind(source)
            if kind == "folder":
                items: Iterable[Article | Failure] = read_inputs([source], max_bytes=self.pipeline.config.max_chars * 4)
            else:
                urls = read_url_list(Path(source)) if kind == "list" else [source]
                items = (item for url in urls for item in collector.items(url))
        except InputError as exc:
            return ingest_items([failure_from(exc)], store, self.pipeline)
        report = ingest_items(items, store, self.pipeline, progress=self.progress, workers=self.workers)
        remember(store, source, kind, collector.fetches, status="ok" if report.ok else "errors",
                 documents=report.documents, errors=len(report.failures),
                 last_error=str(report.failures[-1]) if report.failures else None)
        return report
