"""Open, migrate and write the DuckDB store; documents are written whole, a batch per transaction.

Re-writing a document first deletes every row it produced, so re-ingesting
never duplicates anything, and a crash mid-batch leaves the old rows. The
same transaction links near-duplicate documents and merges events told by
several documents into clusters (`stages/dedup.py`); `iter_events` returns
mentions, `iter_clusters` clusters.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Any

import duckdb

from ..errors import StoreError

from ..records import Actor, Analysis, Event, Failure, Place
from . import dedup
from .queries import EventFilter, event_where
from .schema import MIGRATIONS, SCHEMA_VERSION, insert_rows

log = logging.getLogger(__name__)
# One encoder for every record: `json.dumps(..., ensure_ascii=False)` builds a new one per call. A record is a
# tree of fresh dicts (`to_dict`), never cyclic, so the encoder need not keep a map of the containers it is in.
_record_json = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
# DuckDB's buffer cache would otherwise grow towards 80% of RAM over a long ingest.
MEMORY_LIMIT = "128MB"
DOC_TABLES = ("events", "actor_mentions", "relations", "place_mentions", "event_mentions", "documents")
DEDUP_TABLES = ("doc_signatures", "doc_bands", "near_duplicates", "cluster_members", "event_clusters")


_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (.*?) \(PID (\d+)\)")


def _open_error(exc: Exception) -> str:
    """What went wrong opening the file; DuckDB's lock (one writing process per file) said plainly."""
    text = str(exc)
    if "Could not set lock" in text:
        holder = _LOCK_HOLDER.search(text)
        who = f" (PID {holder.group(2)})" if holder else ""
        return (f"store is in use by another process{who}, an ingest or `eventscope serve`: DuckDB lets one process "
                "write a store at a time; wait for it to finish, stop it, or use another --db")
    return f"cannot open the store: {text}"


def text_hash(text: str) -> str:
    """Content key of a document: SHA-256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def actor_key(actor: Actor) -> str:
    """A stable key for the actors table: the id when known, else name and country."""
    if actor.id:
        return actor.id
    return f"{actor.name.strip().lower()}|{actor.country or ''}"


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


_NO_ACTOR = (None,) * 5


def _actor_cols(actor: Actor | None) -> tuple[Any, ...]:
    if actor is None:
        return _NO_ACTOR
    return actor.name, actor.text, actor.country, actor.sector, actor.kind


_NO_PLACE = (None,) * 7


def _place_cols(place: Place | None) -> tuple[Any, ...]:
    if place is None:
        return _NO_PLACE
    return place.name, place.country, place.admin1, place.lat, place.lon, place.geonameid, place.precision


def _actor_mentions(analysis: Analysis) -> Iterator[tuple[Actor, str | None, str | None]]:
    """Every actor mention of a document, with the event it is an argument of and its role there."""
    yield from ((actor, None, None) for actor in analysis.actors)
    for event in analysis.events:
        if event.source is not None:
            yield event.source, event.event_id, "source"
        if event.target is not None:
            yield event.target, event.event_id, "target"
    for relation in analysis.relations:
        yield relation.subject, None, "relation"
        yield relation.object, None, "relation"


# Rows are tuples: a tuple of plain values leaves the garbage collector's care at its first collection, while
# a list stays tracked and, surviving until the batch is inserted, makes full collections come sooner.
def _event_row(event: Event) -> tuple[Any, ...]:
    d, loc, att, ev, fr = event.date, event.location, event.attribution, event.evidence, event.frame
    return (
        event.event_id, event.doc_id, event.type, event.mode, event.cameo, event.quad_class,
        *_actor_cols(event.source), *_actor_cols(event.target),
        d.start if d else None, d.end if d else None, d.precision if d else None,
        d.inferred if d else None, d.text if d else None,
        loc.name if loc else None, loc.country if loc else None, loc.admin1 if loc else None,
        loc.lat if loc else None, loc.lon if loc else None, loc.geonameid if loc else None,
        loc.precision if loc else None,
        event.modality, att.source.name if att and att.source else None, att.cue if att else None,
        ev.sentence, ev.start, ev.end, ev.trigger, event.confidence, _record_json(event.to_dict()),
        # schema step 4
        event.fatalities, event.injured, event.arrested, d.basis if d else None,
        loc.inferred if loc else None, loc.basis if loc else None,
        fr.place.name if fr and fr.place else None, fr.date if fr else None, fr.source if fr else None,
    )


class Store:
    """A DuckDB file (or ":memory:"). Use as a context manager or call `close()`."""

    def __init__(self, path: str | Path = "eventscope.duckdb", *, read_only: bool = False,
                 memory_limit: str = MEMORY_LIMIT) -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._con = duckdb.connect(self.path, read_only=read_only, config={"memory_limit": memory_limit})
        except (duckdb.Error, OSError) as exc:
            raise StoreError(_open_error(exc), where=self.path) from None
        self._owner = threading.get_ident()
        self._cursors: dict[int, duckdb.DuckDBPyConnection] = {}
        self._lock = threading.Lock()
        if not read_only:
            self.migrate()
        elif self.schema_version() != SCHEMA_VERSION:
            raise StoreError(f"store has schema version {self.schema_version()}, this eventscope needs "
                             f"{SCHEMA_VERSION}: open it once without read-only to migrate", where=self.path)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The calling thread's connection. A DuckDB connection must not be shared between threads, so a
        thread other than the opener's gets its own cursor (the ingest writes from a background thread)."""
        ident = threading.get_ident()
        if ident == self._owner:
            return self._con
        with self._lock:
            cursor = self._cursors.get(ident)
            if cursor is None:
                cursor = self._cursors[ident] = self._con.cursor()
        return cursor

    @contextmanager
    def one_thread(self) -> Iterator[None]:
        """Let DuckDB work on one thread only, for the length of an ingest: the other core is parsing."""
        (threads,) = self.con.execute("SELECT current_setting('threads')").fetchone()
        self.con.execute("SET threads = 1")
        try:
            yield
        finally:
            self.con.execute(f"SET threads = {int(threads)}")

    def close(self) -> None:
        """Close the connection and every thread's cursor (idempotent)."""
        with self._lock:
            for cursor in self._cursors.values():
                cursor.close()
            self._cursors.clear()
        self._con.close()

    def schema_version(self) -> int:
        """The version the file is at (0 for a new file)."""
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'").fetchone()[0]
        if not exists:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0) if row else 0

    def migrate(self) -> int:
        """Apply every migration the file lacks, each in its own transaction; returns the version."""
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(f"store has schema version {current}, newer than this eventscope "
                             f"({SCHEMA_VERSION}); upgrade eventscope", where=self.path)
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
                for statement in MIGRATIONS[version - 1]:
                    self.con.execute(statement)
                self.con.execute("INSERT INTO schema_version VALUES (?)", [version])
        return SCHEMA_VERSION

    def transaction(self) -> "_Transaction":
        """`with store.transaction():` commits on success, rolls back on any error."""
        return _Transaction(self.con)

    # -- writing -----------------------------------------------------------------------------
    def all_hashes(self) -> dict[str, str]:
        """doc id -> text hash of every stored document (for engines that skip unchanged ones remotely)."""
        return dict(self.con.execute("SELECT doc_id, text_hash FROM documents").fetchall())

    def stored_hashes(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """The stored text hash of each of these documents that is stored (one query for many)."""
        rows = self.con.execute("SELECT doc_id, text_hash FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                                [list(doc_ids)]).fetchall()
        return dict(rows)

    def write(self, analysis: Analysis) -> int:
        """Store one analysed document in one transaction, replacing its earlier rows; returns #events."""
        return self.write_many([analysis])

    def write_many(self, analyses: Sequence[Analysis], failures: Sequence[Failure] = ()) -> int:
        """Store whole documents (and failures) in one transaction; returns #events written.

        Each document replaces its earlier rows; near-duplicates are linked and
        events put in clusters in the same transaction, so a crash leaves either
        all of the batch or none of it.
        """
        latest = list({a.article.doc_id: a for a in analyses}.values())  # a doc twice in one batch: the last wins
        ids = [a.article.doc_id for a in latest]
        with self.transaction():
            # Only documents stored before have rows to drop: a new document costs no delete (each a table scan).
            stored = list(self.stored_hashes(ids)) if ids else []
            touched = dedup.forget_documents(self.con, stored) if stored else set()
            for table in DOC_TABLES if stored else ():
                self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [stored])
            self._insert_documents(latest)
            originals = dedup.link_near_duplicates(self.con, [(a.article.doc_id, a.article.text) for a in latest],
                                                   self._signer) if latest else {}
            touched |= dedup.assign_clusters(self.con, latest, originals)
            dedup.refresh_clusters(self.con, touched)
            # An input stored now, or failing again, drops its earlier errors: `eventscope errors` lists what is wrong now.
            ok_ids, places = ids, [a.article.origin for a in latest if a.article.origin] + [f.where for f in failures]
            if ok_ids or places:
                self.con.execute("DELETE FROM ingest_errors WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) "
                                 "OR location IN (SELECT unnest(?::VARCHAR[]))", [ok_ids, places])
            insert_rows(self.con, "ingest_errors", [[_now(), f.doc_id, f.where, f.code, f.message] for f in failures],
                        ("logged_at", "doc_id", "location", "code", "message"))
        return sum(len(a.events) for a in latest)

    @cached_property
    def _signer(self) -> "dedup.Signer":
        return dedup.Signer()

    def _insert_documents(self, analyses: Sequence[Analysis]) -> None:
        now = _now()
        insert_rows(self.con, "documents", [
            (a.article.doc_id, a.article.date, a.article.title, a.article.url, a.article.source, a.article.origin,
             a.article.text, text_hash(a.article.text), len(a.events), now) for a in analyses])
        events = [e for a in analyses for e in a.events]
        insert_rows(self.con, "events", [_event_row(e) for e in events])
        insert_rows(self.con, "event_mentions", [
            (e.event_id, e.doc_id, e.sentence_index, e.evidence.start, e.evidence.end, e.evidence.trigger,
             e.evidence.trigger_start, e.evidence.trigger_end, e.modality,
             e.attribution.source.name if e.attribution and e.attribution.source else None,
             e.attribution.cue if e.attribution else None) for e in events])
        self._insert_actors(analyses)
        insert_rows(self.con, "relations", [
            (r.doc_id, actor_key(r.subject), r.relation, actor_key(r.object), r.modality, r.evidence.sentence,
             r.evidence.start, r.evidence.end, r.confidence, _record_json(r.to_dict()))
            for a in analyses for r in a.relations])
        insert_rows(self.con, "place_mentions", [
            (a.article.doc_id, m.text, m.start, m.end, *_place_cols(m.place)) for a in analyses for m in a.places])

    def _insert_actors(self, analyses: Sequence[Analysis]) -> None:
        rows, actors = [], {}
        for analysis in analyses:
            doc_id = analysis.article.doc_id
            for actor, event_id, role in _actor_mentions(analysis):
                key = actor_key(actor)
                actors.setdefault(key, actor)
                rows.append((doc_id, key, actor.text, actor.start, actor.end, event_id, role))
        insert_rows(self.con, "actors", [(k, a.name, a.country, a.sector, a.kind, a.id, json.dumps(list(a.aliases)))
                                         for k, a in actors.items()], ignore_conflicts=True)
        insert_rows(self.con, "actor_mentions", rows)

    def record_failure(self, failure: Failure) -> None:
        """Keep a failed input in `ingest_errors` (its own small transaction)."""
        self.write_many([], [failure])

    # -- reading -----------------------------------------------------------------------------
    def events(self, flt: EventFilter | None = None) -> list[dict[str, Any]]:
        """Event records (the JSON of event-record.md) matching the filter, by date then id."""
        return list(self.iter_events(flt))

    def iter_events(self, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Stream matching event records without loading them all."""
        flt = flt or EventFilter()
        where, params = event_where(flt)
        sql = (f"SELECT record FROM events WHERE {where} ORDER BY date_start NULLS LAST, doc_id, event_id"
               f"{' LIMIT ? OFFSET ?' if flt.limit is not None else ''}")
        if flt.limit is not None:
            params += [flt.limit, flt.offset]
        cursor = self.con.execute(sql, params)
        while batch := cursor.fetchmany(1000):
            for (record,) in batch:
                yield json.loads(record)

    def iter_clusters(self, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Stream event clusters: the representative's record plus `cluster_id`, `n_mentions`,
        `n_documents`, `n_stories` (near-duplicates count once) and every mention.

        A cluster matches when any of its mentions matches the filter, except for
        `modality`, which must be the cluster's (its best evidence).
        """
        flt = flt or EventFilter()
        where, params = event_where(replace(flt, modality=None))
        sql = ("SELECT c.cluster_id, c.n_mentions, c.n_documents, c.n_stories, e.record FROM event_clusters c "
               "JOIN events e ON e.event_id = c.representative_id WHERE c.cluster_id IN (SELECT cluster_id FROM "
               f"cluster_members WHERE event_id IN (SELECT event_id FROM events WHERE {where}))")
        if flt.modality:
            sql += " AND c.modality = ?"
            params.append(flt.modality.lower())
        sql += " ORDER BY c.date_start NULLS LAST, c.cluster_id"
        if flt.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [flt.limit, flt.offset]
        cursor = self.con.cursor()  # its own cursor: mentions are read on the main one meanwhile
        try:
            cursor.execute(sql, params)
            while batch := cursor.fetchmany(500):
                mentions = dedup.cluster_mentions(self.con, [row[0] for row in batch])
                for cid, n_mentions, n_documents, n_stories, record in batch:
                    yield {**json.loads(record), "cluster_id": cid, "n_mentions": n_mentions,
                           "n_documents": n_documents, "n_stories": n_stories, "mentions": mentions[cid]}
        finally:
            cursor.close()

    def iter_relations(self, *, actor: str | None = None, relation: str | None = None,
                       doc_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Relation records (subject, relation, object, modality, evidence); `actor` matches the
        subject's or object's name, key or country (case-insensitive substring)."""
        clauses, params = ["TRUE"], []
        if actor:
            cols = ("s.name", "s.actor_key", "s.country", "o.name", "o.actor_key", "o.country")
            clauses.append("(" + " OR ".join(f"{c} ILIKE ?" for c in cols) + ")")
            params += [f"%{actor}%"] * len(cols)
        if relation:
            clauses.append("r.relation = ?")
            params.append(relation.lower())
        if doc_id:
            clauses.append("r.doc_id = ?")
            params.append(doc_id)
        cursor = self.con.execute(
            "SELECT r.record FROM relations r JOIN actors s ON s.actor_key = r.subject_key "
            f"JOIN actors o ON o.actor_key = r.object_key WHERE {' AND '.join(clauses)} "
            "ORDER BY r.doc_id, r.sentence_start", params)
        while batch := cursor.fetchmany(1000):
            for (record,) in batch:
                yield json.loads(record)

    def near_duplicates(self) -> list[dict[str, Any]]:
        """Every document linked as a near-duplicate of an earlier one, with the estimated similarity."""
        cur = self.con.execute("SELECT doc_id, original_id, similarity FROM near_duplicates ORDER BY doc_id")
        return [{"doc_id": d, "original_id": o, "similarity": s} for d, o, s in cur.fetchall()]

    def count(self, table: str) -> int:
        """Row count of one of the store's tables."""
        if table not in (*DOC_TABLES, *DEDUP_TABLES, "actors", "ingest_errors"):
            raise StoreError(f"unknown table {table!r}")
        return int(self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def errors(self) -> list[dict[str, Any]]:
        """Every recorded ingest error, oldest first."""
        cur = self.con.execute("SELECT logged_at, doc_id, location, code, message FROM ingest_errors ORDER BY error_id")
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]


class _Transaction:
    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.con.execute("COMMIT" if exc_type is None else "ROLLBACK")
