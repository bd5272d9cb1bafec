"""Near-duplicate documents and cross-document event clusters, kept in the store as documents arrive.

Two ideas, both run by `Store.write_many` inside the transaction that writes
a batch of documents, so a crash never leaves a half-linked document:

* **Near-duplicates.** A document's signature is a MinHash (datasketch,
  128 permutations, scheme affine32, shingles hashed with CRC-32, which is
  stable across runs and ten times cheaper than the default SHA-1) of its
  lower-cased 3-word shingles. Its 32
  LSH bands of 4 values are hashed to BIGINT keys and kept in `doc_bands`, so
  candidates (documents sharing two or more bands) are found by a join, across
  runs, with flat memory. A candidate
  whose estimated Jaccard similarity is at least `NEAR_DUPLICATE` (0.7) makes
  the new document a near-duplicate of the candidate's original
  (`near_duplicates`): the same wire story republished with small edits.
* **Event clusters.** The same event told by several articles is one cluster
  with many mentions (GDELT's mentions table, matched on evidence rather
  than on URL). An event joins a cluster when it has the same PLOVER type, the
  same source and target (`actor_match_key`: the resolved country, else the
  actor id, else the name), a date interval that overlaps the cluster's and a
  compatible place (`places_compatible`). Events of a near-duplicate join the
  clusters of the same key that their original's events are in, whatever their
  dates say: a story republished the next day resolves "yesterday" to another
  day, but it is still the same event.

A cluster's representative is its best mention: best modality first, in
`records.MODALITIES` order (asserted > reported > believed > speculated >
intended > conditional > negated: one outlet asserting an event beats another
speculating about it), then highest confidence, then smallest event id. The
cluster's modality, date and place are the representative's. Clusters are
assigned greedily in arrival order; clusters whose members change are
recomputed from their members in SQL (`refresh_clusters`).
"""
from __future__ import annotations

import bisect
import hashlib
import json
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import numpy as np

from ..records import MODALITIES, Actor, Analysis, Event
from .schema import insert_rows

NUM_PERM = 128
BANDS = 32  # 32 bands x 4 rows: documents with Jaccard 0.7 share a band with probability > 0.999
SHINGLE = 3  # words per shingle
NEAR_DUPLICATE = 0.7  # estimated Jaccard similarity of shingle sets
MIN_SHARED_BANDS = 2  # candidates share 2+ bands: kept at Jaccard 0.7 with probability 0.998, at 0.4 with 0.19
PRECISIONS = ("point", "city", "admin1", "region", "country")  # most precise first
WORD = re.compile(r"\w+")

Place3 = tuple[str | None, str | None, str | None]  # name, country, precision


class Signer:
    """MinHash signatures of a text's word shingles and the LSH band keys that index them."""

    def __init__(self, num_perm: int = NUM_PERM, bands: int = BANDS, shingle: int = SHINGLE) -> None:
        from datasketch import MinHash

        if num_perm % bands:
            raise ValueError(f"num_perm {num_perm} is not a multiple of bands {bands}")
        self._minhash = MinHash
        self._permutations = MinHash(num_perm=num_perm).permutations  # generated once, reused per document
        self.num_perm, self.bands, self.rows, self.shingle = num_perm, bands, num_perm // bands, shingle

    def signature(self, text: str) -> np.ndarray:
        """The MinHash values (uint32) of the text's lower-cased word shingles."""
        words = WORD.findall(text.lower())
        n = self.shingle
        # Each run of n words, one tuple per shingle from n staggered views (no slice per position); a text
        # shorter than a shingle is one shingle of all its words.
        grams = zip(*(words[i:] for i in range(n))) if len(words) >= n else [words]
        shingles = [" ".join(gram).encode() for gram in grams]
        minhash = self._minhash(num_perm=self.num_perm, permutations=self._permutations, scheme="affine32",
                                hashfunc=zlib.crc32)
        minhash.update_batch(shingles)
        return minhash.hashvalues

    def band_keys(self, signature: np.ndarray) -> list[int]:
        """One signed 64-bit key per band; equal keys mean equal bands (up to hash collisions)."""
        keys = []
        for band in range(self.bands):
            chunk = signature[band * self.rows:(band + 1) * self.rows].tobytes()
            digest = hashlib.blake2b(chunk, digest_size=8, salt=band.to_bytes(16, "little")).digest()
            keys.append(int.from_bytes(digest, "little", signed=True))
        return keys

    @staticmethod
    def similarity(a: np.ndarray, b: np.ndarray) -> float:
        """Estimated Jaccard similarity: the share of equal MinHash values (what MinHash.jaccard computes)."""
        return float(np.count_nonzero(a == b)) / len(a)

    @staticmethod
    def from_blob(blob: bytes) -> np.ndarray:
        """A signature back from its stored bytes."""
        return np.frombuffer(blob, dtype=np.uint32)


def actor_match_key(actor: Actor | None) -> str:
    """What must agree for two mentions to be one actor: country, else id, else name ('' for none)."""
    if actor is None:
        return ""
    return actor.country or actor.id or actor.name.strip().lower()


def cluster_key(event: Event) -> str:
    """Type, source and target: the part of an event that must match exactly to merge."""
    return f"{event.type}|{actor_match_key(event.source)}|{actor_match_key(event.target)}"


def event_interval(event: Event, article_date: date) -> tuple[date, date]:
    """The event's date interval; an undated event counts as the article's day."""
    if event.date is None:
        return article_date, article_date
    return event.date.start, event.date.end


def event_place(event: Event) -> Place3 | None:
    loc = event.location
    return (loc.name, loc.country, loc.precision) if loc else None


def places_compatible(a: Place3 | None, b: Place3 | None) -> bool:
    """Unknown is compatible with anything; different countries, or two different cities, are not."""
    if a is None or b is None:
        return True
    if a[1] and b[1] and a[1] != b[1]:
        return False
    if a[2] in ("point", "city") and b[2] in ("point", "city"):
        return (a[0] or "").lower() == (b[0] or "").lower()
    return True


def modality_rank(modality: str) -> int:
    """Position in the evidence order (0 = asserted, the best); unknown values rank last."""
    return MODALITIES.index(modality) if modality in MODALITIES else len(MODALITIES)


# -- near-duplicate documents ------------------------------------------------------------------
PAIRS_SQL = """
SELECT q.doc_id, b.doc_id FROM doc_bands q JOIN doc_bands b ON b.band_key = q.band_key AND b.doc_id <> q.doc_id
WHERE q.doc_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY q.doc_id, b.doc_id HAVING count(*) >= ?
"""


Candidates = tuple[dict[str, list[str]], dict[str, tuple[np.ndarray, str]]]


def _candidates(con: duckdb.DuckDBPyConnection, ids: list[str]) -> Candidates:
    """Per document, the documents sharing at least MIN_SHARED_BANDS bands; their signatures and originals."""
    pairs: dict[str, list[str]] = defaultdict(list)
    for doc_id, other in con.execute(PAIRS_SQL, [ids, MIN_SHARED_BANDS]).fetchall():
        pairs[doc_id].append(other)
    others = sorted({o for found in pairs.values() for o in found})
    rows = con.execute("SELECT s.doc_id, s.signature, coalesce(n.original_id, s.doc_id) FROM doc_signatures s "
                       "LEFT JOIN near_duplicates n ON n.doc_id = s.doc_id "
                       "WHERE s.doc_id IN (SELECT unnest(?::VARCHAR[]))",
                       [others]).fetchall()
    return pairs, {d: (Signer.from_blob(blob), original) for d, blob, original in rows}


def link_near_duplicates(con: duckdb.DuckDBPyConnection, docs: Sequence[tuple[str, str]], signer: Signer,
                         threshold: float = NEAR_DUPLICATE) -> dict[str, str]:
    """Store signatures and bands of (doc_id, text) pairs; link each near-duplicate to the original of
    the most similar earlier document (stored before, or earlier in `docs`); returns {doc_id: original}."""
    signatures = [signer.signature(text) for _, text in docs]
    insert_rows(con, "doc_signatures", [[d, sig.tobytes()] for (d, _), sig in zip(docs, signatures)])
    insert_rows(con, "doc_bands", [[k, d] for (d, _), sig in zip(docs, signatures) for k in signer.band_keys(sig)])
    ids = [d for d, _ in docs]
    pairs, known = _candidates(con, ids)
    later = set(ids)  # documents of this batch not yet linked: not candidates for the ones before them
    links: dict[str, tuple[str, float]] = {}
    for doc_id, sig in zip(ids, signatures):
        later.discard(doc_id)
        cands = sorted(c for c in pairs.get(doc_id, ()) if c not in later)
        if cands:
            sims = np.count_nonzero(np.stack([known[c][0] for c in cands]) == sig, axis=1) / len(sig)
            best = int(np.argmax(sims))  # the first (smallest id) of the most similar
            if sims[best] >= threshold:
                links[doc_id] = (known[cands[best]][1], float(sims[best]))
        known[doc_id] = (sig, links[doc_id][0] if doc_id in links else doc_id)
    insert_rows(con, "near_duplicates", [[d, orig, sim] for d, (orig, sim) in links.items()])
    return {d: orig for d, (orig, _) in links.items()}


# -- event clusters -----------------------------------------------------------------------------
@dataclass(slots=True)
class _Cluster:
    cluster_id: int
    key: str
    rank: tuple[int, float, str]  # of its representative: modality rank, -confidence, event id
    start: date
    end: date
    place: Place3 | None

    def accepts(self, start: date, end: date, place: Place3 | None) -> bool:
        return start <= self.end and self.start <= end and places_compatible(self.place, place)


class _ClusterIndex:
    """The clusters of a batch by key and date, so an event is compared only with the clusters whose
    interval overlaps its own (a key's clusters span many dates; scanning them all was quadratic).

    Per key and interval length (days), the clusters' start days are kept sorted: a cluster of length L
    overlaps [start, end] exactly when its start day lies in [start - L, end], one bisection per length."""

    def __init__(self) -> None:
        self._starts: dict[str, dict[int, list[tuple[int, int]]]] = defaultdict(dict)  # key -> L -> (day, id)
        self.by_id: dict[int, _Cluster] = {}

    @staticmethod
    def _slot(cluster: _Cluster) -> tuple[int, tuple[int, int]]:
        start = cluster.start.toordinal()
        return cluster.end.toordinal() - start, (start, cluster.cluster_id)

    def put(self, cluster: _Cluster) -> None:
        """Index a cluster (new to the index)."""
        self.by_id[cluster.cluster_id] = cluster
        length, entry = self._slot(cluster)
        bisect.insort(self._starts[cluster.key].setdefault(length, []), entry)

    def first(self, key: str, start: date, end: date, place: Place3 | None) -> _Cluster | None:
        """The key's cluster of smallest id that accepts the event (the first a scan in id order finds)."""
        low, high = start.toordinal(), end.toordinal()
        best = None
        for length, entries in self._starts.get(key, {}).items():
            window = entries[bisect.bisect_left(entries, (low - length,)):bisect.bisect_left(entries, (high + 1,))]
            for _, cid in window:
                if (best is None or cid < best.cluster_id) and self.by_id[cid].accepts(start, end, place):
                    best = self.by_id[cid]
        return best

    def add(self, cluster: _Cluster, rank: tuple[int, float, str], start: date, end: date,
            place: Place3 | None) -> None:
        """A mention joins the cluster; one better than its representative becomes it, and the cluster takes
        its dates and place (and so its place in the index)."""
        if rank < cluster.rank:
            length, entry = self._slot(cluster)
            entries = self._starts[cluster.key][length]
            del entries[bisect.bisect_left(entries, entry)]
            cluster.rank, cluster.start, cluster.end, cluster.place = rank, start, end, place
            self.put(cluster)


STORED_CLUSTERS_SQL = """
SELECT c.cluster_key, c.cluster_id, c.modality, e.confidence, c.representative_id, c.date_start, c.date_end,
       c.location_name, c.location_country, c.location_precision
FROM event_clusters c JOIN events e ON e.event_id = c.representative_id
WHERE c.cluster_id IN (
    SELECT c2.cluster_id FROM event_clusters c2
    JOIN (SELECT unnest(?::VARCHAR[]) AS k, unnest(?::DATE[]) AS s, unnest(?::DATE[]) AS e) q
      ON c2.cluster_key = q.k AND c2.date_start <= q.e AND q.s <= c2.date_end
    UNION SELECT unnest(?::BIGINT[]))
ORDER BY c.cluster_id
"""


def _stored_clusters(con: duckdb.DuckDBPyConnection, wanted: Iterable[tuple[str, tuple[date, date]]],
                     also: Iterable[int]) -> _ClusterIndex:
    """Stored clusters that may take an event of the batch: the key and interval of one of its events
    (`wanted`, key and (start, end)) overlap theirs, or `also` names them. Only these are read, so a
    batch's cost does not grow with the store; a cluster no event overlaps could take none of them."""
    spans = sorted(set(wanted))
    rows = con.execute(STORED_CLUSTERS_SQL, [[k for k, _ in spans], [s for _, (s, _) in spans],
                                             [e for _, (_, e) in spans], sorted(set(also))]).fetchall()
    index = _ClusterIndex()
    for key, cid, modality, confidence, rep, start, end, name, country, precision in rows:
        place = (name, country, precision) if (name or country) else None
        index.put(_Cluster(cid, key, (modality_rank(modality), -confidence, rep), start, end, place))
    return index


def _original_clusters(con: duckdb.DuckDBPyConnection, originals: Iterable[str]) -> dict[tuple[str, str], list[int]]:
    rows = con.execute("SELECT doc_id, cluster_key, cluster_id FROM cluster_members "
                       "WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY cluster_id",
                       [sorted(set(originals))]).fetchall()
    found: dict[tuple[str, str], list[int]] = defaultdict(list)
    for doc_id, key, cid in rows:
        found[(doc_id, key)].append(cid)
    return found


def assign_clusters(con: duckdb.DuckDBPyConnection, analyses: Sequence[Analysis],
                    originals: dict[str, str]) -> set[int]:
    """Put every event of the (just written) analyses in a cluster; returns the clusters to refresh."""
    events = [e for a in analyses for e in a.events]
    if not events:
        return set()
    keys = [cluster_key(e) for e in events]
    intervals = [event_interval(e, a.article.date) for a in analyses for e in a.events]
    by_doc = _original_clusters(con, originals.values())
    index = _stored_clusters(con, zip(keys, intervals), (cid for ids in by_doc.values() for cid in ids))
    next_id = int(con.execute("SELECT coalesce(max(cluster_id), 0) FROM event_clusters").fetchall()[0][0]) + 1
    members = []
    for event, key, (start, end) in zip(events, keys, intervals):
        place = event_place(event)
        rank = (modality_rank(event.modality), -event.confidence, event.event_id)
        family = [index.by_id[cid] for cid in by_doc.get((originals.get(event.doc_id, ""), key), ())]
        cluster = next((c for c in family if c.accepts(start, end, place)), None) or index.first(key, start, end, place)
        cluster = cluster or (family[0] if family else None)
        if cluster is not None:
            index.add(cluster, rank, start, end, place)
        else:
            cluster = _Cluster(next_id, key, rank, start, end, place)
            next_id += 1
            index.put(cluster)
        by_doc[(event.doc_id, key)].append(cluster.cluster_id)
        members.append((event.event_id, cluster.cluster_id, event.doc_id, key))
    insert_rows(con, "cluster_members", members)
    return {m[1] for m in members}


def forget_documents(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> set[int]:
    """Drop the dedup rows of documents about to be rewritten; returns the clusters they were in."""
    ids = list(doc_ids)
    touched = {row[0] for row in con.execute(
        "SELECT DISTINCT cluster_id FROM cluster_members WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
    ).fetchall()}
    for sql in ("DELETE FROM cluster_members WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                "DELETE FROM doc_bands WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                "DELETE FROM doc_signatures WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                "DELETE FROM near_duplicates WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) "
                "OR original_id IN (SELECT unnest(?::VARCHAR[]))"):
        con.execute(sql, [ids] * sql.count("?"))
    return touched


REFRESH_SQL = """
INSERT INTO event_clusters
WITH ranked AS (
    SELECT m.cluster_id, m.cluster_key, m.doc_id, coalesce(n.original_id, m.doc_id) AS story, e.event_id,
           e.modality, coalesce(e.date_start, d.date) AS date_start,
           coalesce(e.date_end, e.date_start, d.date) AS date_end,
           e.location_name, e.location_country, e.location_precision,
           row_number() OVER (PARTITION BY m.cluster_id
                              ORDER BY coalesce(list_position(?, e.modality), 99), e.confidence DESC, e.event_id) AS rn
    FROM cluster_members m JOIN events e ON e.event_id = m.event_id JOIN documents d ON d.doc_id = m.doc_id
    LEFT JOIN near_duplicates n ON n.doc_id = m.doc_id
    WHERE m.cluster_id IN (SELECT unnest(?::BIGINT[])))
SELECT r.cluster_id, r.cluster_key, r.date_start, r.date_end, r.location_name, r.location_country,
       r.location_precision, r.modality, r.event_id, a.n_mentions, a.n_documents, a.n_stories
FROM ranked r JOIN (
    SELECT cluster_id, count(*) AS n_mentions, count(DISTINCT doc_id) AS n_documents,
           count(DISTINCT story) AS n_stories FROM ranked GROUP BY cluster_id) a ON a.cluster_id = r.cluster_id
WHERE r.rn = 1
"""


def refresh_clusters(con: duckdb.DuckDBPyConnection, cluster_ids: Iterable[int]) -> None:
    """Recompute clusters from their members (representative, counts); clusters left empty disappear."""
    ids = sorted(cluster_ids)
    if not ids:
        return
    con.execute("DELETE FROM event_clusters WHERE cluster_id IN (SELECT unnest(?::BIGINT[]))", [ids])
    con.execute(REFRESH_SQL, [list(MODALITIES), ids])


def cluster_mentions(con: duckdb.DuckDBPyConnection, cluster_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """The mentions of some clusters: where each was read, with its modality and attribution."""
    rows = con.execute(
        "SELECT m.cluster_id, e.record, n.original_id FROM cluster_members m JOIN events e ON e.event_id = m.event_id "
        "LEFT JOIN near_duplicates n ON n.doc_id = m.doc_id WHERE m.cluster_id IN (SELECT unnest(?::BIGINT[])) "
        "ORDER BY m.cluster_id, m.doc_id, m.event_id", [list(cluster_ids)]).fetchall()
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    keep = ("doc_id", "event_id", "sentence_index", "evidence", "modality", "attribution", "date", "location",
            "confidence")
    for cid, record, original in rows:
        full = json.loads(record)
        found[cid].append({**{k: full.get(k) for k in keep}, "near_duplicate_of": original})
    return found
