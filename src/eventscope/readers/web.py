"""Web input: fetch pages and feeds politely, and read an article's main text and metadata from HTML.

- HTTP with httpx: timeouts, a few retries with backoff on network errors and 5xx/429, a delay
  between requests to one host, conditional GET (ETag / Last-Modified), a size limit enforced while
  streaming, a User-Agent naming eventscope, and robots.txt honoured unless told otherwise.
- Feeds (RSS 0.9x/1.0/2.0, Atom) with feedparser; pages with trafilatura, which keeps the article
  and drops menus, captions, cookie banners and footers (see README, "Monitor the news").

This module reads; it never touches the store. The watcher (`eventscope.watch`) keeps the state.
"""
from __future__ import annotations

import hashlib
import re
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from ..errors import EventscopeError, InputError
from ..records import Article, Failure, failure_from

def is_url(text: str) -> bool:
    """Whether an input names a web address rather than a path."""
    return text.lower().startswith(("http://", "https://"))


def fetch_failure(exc: EventscopeError, url: str) -> Failure:
    """The Failure recorded for a URL that could not be fetched or read."""
    return failure_from(exc) if exc.where else Failure(None, url, exc.code, exc.message)


USER_AGENT = "eventscope/0.1 (+offline event coder; respects robots.txt)"
# Less text than this is a menu or a teaser, not an article (a one-sentence news brief has about 150).
MIN_ARTICLE_CHARS = 80
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/feed+json")


@dataclass(frozen=True)
class Politeness:
    """How eventscope behaves towards a site. Defaults suit news sites polled every few minutes."""

    timeout: float = 15.0  # seconds for connect and for each read: a slow site fails, it does not stall a pass
    retries: int = 2  # extra tries after a network error, 429 or 5xx
    backoff: float = 1.0  # seconds before the first retry, doubled for each further one
    host_delay: float = 1.0  # seconds between two requests to the same host
    max_bytes: int = 5_000_000  # a page or feed larger than this is refused (a news article is < 1 MB)
    robots: bool = True  # honour robots.txt (Disallow rules for our User-Agent or *)


@dataclass(frozen=True)
class Fetched:
    """One HTTP answer: `status` 304 means unchanged since the validators we sent.

    `url` is the URL asked for (redirects followed), so a page keeps one document id."""

    url: str
    status: int
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    fetched_at: datetime


class FetchError(InputError):
    """A URL could not be fetched; `code` says why (dns, timeout, http_4xx, http_5xx, too_large, ...)."""

    def __init__(self, message: str, *, where: str, code: str) -> None:
        super().__init__(message, where=where, code=code)


@dataclass
class Fetcher:
    """An HTTP client with eventscope's politeness rules; one per watch run (it keeps connections)."""

    politeness: Politeness = field(default_factory=Politeness)
    sleep: Callable[[float], None] = time.sleep
    _client: Any = None
    _last_hit: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        import httpx

        p = self.politeness
        self._client = httpx.Client(timeout=httpx.Timeout(p.timeout), follow_redirects=True, max_redirects=5,
                                    headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"})

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def _wait_for_host(self, host: str) -> None:
        with self._lock:
            due = self._last_hit.get(host, 0.0) + self.politeness.host_delay
            now = time.monotonic()
            self._last_hit[host] = max(now, due)
        if due > now:
            self.sleep(due - now)

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets eventscope fetch `url` (True when robots are not honoured or absent)."""
        if not self.politeness.robots:
            return True
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            parser: urllib.robotparser.RobotFileParser | None = None
            try:
                answer = self._get(root + "/robots.txt", {})
                if answer.status == 200:
                    parser = urllib.robotparser.RobotFileParser()
                    parser.parse(answer.content.decode("utf-8", "replace").splitlines())
            except FetchError:
                parser = None  # no robots.txt we can read: nothing is disallowed
            self._robots[root] = parser
        parser = self._robots[root]
        return parser is None or parser.can_fetch(USER_AGENT, url)

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET `url` (conditional when validators are given), honouring robots.txt; raises FetchError."""
        if not self.allowed(url):
            raise FetchError("robots.txt disallows fetching this URL", where=url, code="robots")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers)

    def _get(self, url: str, headers: dict[str, str]) -> Fetched:
        import httpx

        p = self.politeness
        host = urlsplit(url).netloc
        for attempt in range(p.retries + 1):
            self._wait_for_host(host)
            last = attempt == p.retries
            try:
                return self._stream(url, headers)
            except FetchError as exc:
                if last or exc.code not in ("http_5xx", "http_429", "timeout", "network"):
                    raise
            except httpx.HTTPError as exc:  # an error httpx raised outside the ones _stream names
                if last:
                    raise FetchError(f"request failed: {exc}", where=url, code="network") from None
            self.sleep(p.backoff * 2 ** attempt)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _stream(self, url: str, headers: dict[str, str]) -> Fetched:
        import httpx

        limit = self.politeness.max_bytes
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status >= 400:
                    kind = "http_429" if status == 429 else "http_5xx" if status >= 500 else "http_4xx"
                    raise FetchError(f"HTTP {status} {response.reason_phrase}", where=url, code=kind)
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise FetchError(f"page is {int(declared):,} bytes, more than the limit of {limit:,}",
                                     where=url, code="too_large")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise FetchError(f"page is more than the limit of {limit:,} bytes", where=url,
                                         code="too_large")
                    chunks.append(chunk)
                return Fetched(url, status, b"".join(chunks),
                               response.headers.get("content-type", "").split(";")[0].strip().lower(),
                               response.headers.get("etag"), response.headers.get("last-modified"),
                               datetime.now(timezone.utc))
        except httpx.TimeoutException:
            raise FetchError(f"no answer within {self.politeness.timeout:g} s", where=url, code="timeout") from None
        except httpx.ConnectError as exc:
            code = "dns" if "name" in str(exc).lower() or "resolve" in str(exc).lower() else "network"
            raise FetchError(f"cannot connect: {exc}", where=url, code=code) from None
        except (httpx.TransportError, httpx.TooManyRedirects, httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError(f"request failed: {exc}", where=url, code="network") from None


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: the page it links to, its title and its date (None when the feed gives none)."""

    url: str
    title: str | None
    published: date | None
    updated: str | None  # the entry's own change stamp, to re-fetch an entry the feed says has changed


def looks_like_feed(fetched: Fetched) -> bool:
    """A feed by its content type, or by its first bytes when the server says only text/xml or nothing."""
    if fetched.content_type in HTML_TYPES:
        return False
    head = fetched.content[:512].lstrip().lower()
    return fetched.content_type in FEED_TYPES or head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf"))


def parse_feed(fetched: Fetched) -> list[FeedEntry]:
    """The entries of an RSS or Atom feed; an unreadable feed is an InputError (`invalid_feed`)."""
    import feedparser

    parsed = feedparser.parse(fetched.content)
    entries = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        # dict.get: feedparser's own get() maps a missing `updated` to `published` with a warning
        stamp = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
        published = date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
        changed = dict.get(entry, "updated") or dict.get(entry, "published")
        entries.append(FeedEntry(link, dict.get(entry, "title"), published, changed))
    if not entries and (parsed.get("bozo") or not parsed.get("version")):
        # a feed with small errors but readable entries is used; one with none is reported
        reason = parsed.get("bozo_exception") or "no feed elements"
        raise InputError(f"not a valid RSS or Atom feed: {reason}", where=fetched.url, code="invalid_feed")
    return entries


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def doc_id_for(url: str) -> str:
    """A stable, readable document id for a URL: its host and a short hash of the whole URL."""
    host = urlsplit(url).hostname or "page"
    return f"{host}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:12]}"


@dataclass(frozen=True)
class PageMeta:
    """What a page says of itself beside the Article: its author, its site, and where its date came from."""

    author: str | None
    site: str | None
    date_basis: str  # "page" (its metadata), "feed" (the feed entry) or "fetched" (the fetch time)


def read_page(fetched: Fetched, *, feed_date: date | None = None,
              source: str | None = None) -> tuple[Article, PageMeta]:
    """An Article from a fetched HTML page, and what else the page says of itself.

    The main text, title, author and site come from trafilatura; the date from the page's metadata,
    then the feed entry, then the fetch time. Raises InputError for non-HTML content and pages with no
    article text."""
    import trafilatura

    url = fetched.url
    if fetched.content_type and fetched.content_type not in HTML_TYPES and not fetched.content_type.startswith("text/"):
        raise InputError(f"not an HTML page (content type {fetched.content_type})", where=url, code="not_html")
    if b"\x00" in fetched.content[:4096]:
        raise InputError("not an HTML page (binary content)", where=url, code="not_html")
    html = fetched.content.decode("utf-8", "replace")
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, deduplicate=False,
                                      date_extraction_params={"extensive_search": False, "original_date": True})
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text) < MIN_ARTICLE_CHARS:
        raise InputError("no article text found on the page", where=url, code="no_text")
    title = getattr(doc, "title", None)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if title and lines and lines[0] == title.strip():
        lines = lines[1:]  # the headline is the title, kept apart so the parser does not merge it with the lead
    if not lines:
        raise InputError("no article text found on the page", where=url, code="no_text")
    page_day = _ISO_DAY.match(getattr(doc, "date", None) or "")
    if page_day:
        day, basis = date(*map(int, page_day.groups())), "page"
    elif feed_date is not None:
        day, basis = feed_date, "feed"
    else:
        day, basis = fetched.fetched_at.date(), "fetched"
    site = getattr(doc, "sitename", None) or urlsplit(url).hostname
    article = Article(doc_id=doc_id_for(url), date=day, text="\n\n".join(lines), title=title, url=url,
                      source=source or site, origin=url)
    return article, PageMeta(getattr(doc, "author", None), site, basis)


def read_urls(urls: Iterable[str], politeness: Politeness | None = None) -> Iterator[Article | Failure]:
    """Single pages (`eventscope ingest URL`): each fetched once, without stored state, and read."""
    fetcher = Fetcher(politeness or Politeness())
    try:
        for url in urls:
            try:
                yield read_page(fetcher.fetch(url))[0]
            except InputError as exc:
                yield fetch_failure(exc, url)
    finally:
        fetcher.close()
