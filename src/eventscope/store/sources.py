"""What the watcher remembers in the store: each source's last fetch and each URL it has fetched.

Kept beside the documents in the same DuckDB file, so a watch that is stopped and started again
sends conditional requests (ETag / Last-Modified) and fetches each feed entry once.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from .store import Store


@dataclass(frozen=True)
class UrlState:
    """The last fetch of one URL."""

    url: str
    source: str
    doc_id: str | None
    status: str
    etag: str | None
    last_modified: str | None
    entry_updated: str | None


@dataclass(frozen=True)
class UrlFetch:
    """One fetch to remember (`status`: stored, unchanged, failed:<code>)."""

    url: str
    source: str
    doc_id: str | None
    status: str
    etag: str | None = None
    last_modified: str | None = None
    entry_updated: str | None = None
    title: str | None = None
    author: str | None = None
    site: str | None = None
    date_basis: str | None = None


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def url_states(store: Store, urls: list[str]) -> dict[str, UrlState]:
    """The remembered state of each of these URLs that was fetched before (one query)."""
    if not urls:
        return {}
    rows = store.con.execute(
        "SELECT url, source, doc_id, status, etag, last_modified, entry_updated FROM fetched_urls "
        "WHERE url IN (SELECT unnest(?::VARCHAR[]))", [urls]).fetchall()
    return {row[0]: UrlState(*row) for row in rows}


def remember(store: Store, source: str, kind: str, fetches: list[UrlFetch], *, status: str,
             documents: int = 0, errors: int = 0, last_error: str | None = None) -> None:
    """Record one pass over a source and the URLs it fetched, in one transaction."""
    now = _now()
    with store.transaction():
        store.con.execute(
            "INSERT INTO sources VALUES (?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET "
            "kind = excluded.kind, last_fetch = excluded.last_fetch, last_status = excluded.last_status, "
            "n_passes = sources.n_passes + 1, n_documents = sources.n_documents + excluded.n_documents, "
            "n_errors = sources.n_errors + excluded.n_errors, "
            "last_error = CASE WHEN excluded.n_errors > 0 THEN excluded.last_error ELSE sources.last_error END",
            [source, kind, now, status, documents, errors, last_error])
        for f in fetches:
            store.con.execute(
                "INSERT INTO fetched_urls VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                "source = excluded.source, doc_id = coalesce(excluded.doc_id, fetched_urls.doc_id), "
                "fetched_at = excluded.fetched_at, status = excluded.status, etag = excluded.etag, "
                "last_modified = excluded.last_modified, "
                # a page listed both in a URL file and in a feed keeps the feed's change stamp
                "entry_updated = coalesce(excluded.entry_updated, fetched_urls.entry_updated), "
                "title = coalesce(excluded.title, fetched_urls.title), "
                "author = coalesce(excluded.author, fetched_urls.author), "
                "site = coalesce(excluded.site, fetched_urls.site), "
                "date_basis = coalesce(excluded.date_basis, fetched_urls.date_basis)",
                [f.url, f.source, f.doc_id, now, f.status, f.etag, f.last_modified, f.entry_updated, f.title,
                 f.author, f.site, f.date_basis])


def list_sources(store: Store) -> list[dict[str, Any]]:
    """Every source with its last fetch, status, documents stored and errors, most recent first."""
    cur = store.con.execute(
        "SELECT source, kind, last_fetch, last_status, n_passes, n_documents, n_errors, last_error "
        "FROM sources ORDER BY last_fetch DESC NULLS LAST, source")
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]
