"""What the exchange formats need beyond an event record, read from the store a batch of records at a time:
the document (date, url, source, when stored), the event's dedup cluster (mentions, articles, sources and
the evidence sentences of every mention) and the document's place mentions (for the actors' places).

Batches keep memory flat on a large store; every value reaches SQL as a bound parameter.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..store import Store

BATCH = 2000  # records per lookup round: each round scans the cluster and place tables once

_DOCS = "SELECT doc_id, date, title, url, source, ingested_at FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))"
# Per event: its cluster's mentions, documents and sources (a document's source name, else its story: the
# near-duplicates of one wire story count as one source, as GDELT counts one outlet once).
_CLUSTERS = """
WITH mine AS (SELECT event_id, cluster_id FROM cluster_members WHERE event_id IN (SELECT unnest(?::VARCHAR[]))),
members AS (SELECT m.cluster_id, m.doc_id, m.event_id, coalesce(d.source, n.original_id, m.doc_id) AS outlet
              FROM cluster_members m JOIN documents d ON d.doc_id = m.doc_id
              LEFT JOIN near_duplicates n ON n.doc_id = m.doc_id
             WHERE m.cluster_id IN (SELECT cluster_id FROM mine))
SELECT mine.event_id, s.n_mentions, s.n_articles, s.n_sources
  FROM mine JOIN (SELECT cluster_id, count(*) AS n_mentions, count(DISTINCT doc_id) AS n_articles,
                         count(DISTINCT outlet) AS n_sources FROM members GROUP BY cluster_id) s USING (cluster_id)
"""
_SENTENCES = """
SELECT mine.event_id, e.sentence
  FROM cluster_members mine JOIN cluster_members m ON m.cluster_id = mine.cluster_id
  JOIN events e ON e.event_id = m.event_id
 WHERE mine.event_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY mine.event_id, m.doc_id, m.event_id
"""
_PLACES = ("SELECT doc_id, start_char, end_char, name, country, admin1, lat, lon, geonameid, precision "
           "FROM place_mentions WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) AND name IS NOT NULL "
           "ORDER BY doc_id, start_char")


@dataclass
class Context:
    """The store's facts about one event: its document, cluster counts, cluster sentences, document places."""

    doc: dict[str, Any] = field(default_factory=dict)
    mentions: int = 1
    articles: int = 1
    sources: int = 1
    sentences: list[str] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)


def _rows(con: Any, sql: str, ids: list[str]) -> list[dict[str, Any]]:
    cur = con.execute(sql, [ids])
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def _batch_context(con: Any, records: list[dict[str, Any]], places: bool) -> list[Context]:
    ids = [r["event_id"] for r in records]
    doc_ids = sorted({r["doc_id"] for r in records})
    docs = {d["doc_id"]: d for d in _rows(con, _DOCS, doc_ids)}
    counts = {c["event_id"]: c for c in _rows(con, _CLUSTERS, ids)}
    sentences: dict[str, list[str]] = defaultdict(list)
    for row in _rows(con, _SENTENCES, ids):
        if row["sentence"] not in sentences[row["event_id"]]:
            sentences[row["event_id"]].append(row["sentence"])
    doc_places: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(con, _PLACES, doc_ids) if places else ():
        doc_places[row["doc_id"]].append(row)
    found = []
    for r in records:
        c = counts.get(r["event_id"], {})
        found.append(Context(doc=docs.get(r["doc_id"], {}), mentions=c.get("n_mentions", 1),
                             articles=c.get("n_articles", 1), sources=c.get("n_sources", 1),
                             sentences=sentences.get(r["event_id"]) or [r["evidence"]["sentence"]],
                             places=doc_places.get(r["doc_id"], [])))
    return found


def with_context(store: "Store", records: Iterable[dict[str, Any]], *, places: bool = False,
                 batch: int = BATCH) -> Iterator[tuple[dict[str, Any], Context]]:
    """Each record with its Context, looked up `batch` records at a time (`places`: also the place mentions).

    The lookups run on a cursor of their own: the records usually stream from a pending query on the
    store's connection, which another statement there would end.
    """
    it = iter(records)
    con = store.con.cursor()
    try:
        while chunk := list(islice(it, batch)):
            yield from zip(chunk, _batch_context(con, chunk, places))
    finally:
        con.close()
