"""The DuckDB schema, versioned: each migration is a list of statements applied once, in order.

Also the one way rows are written: `insert_rows` hands DuckDB a whole Arrow
table per statement (row-by-row `executemany` costs milliseconds a row).
"""
from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import Any

import duckdb

# Version N is reached by applying MIGRATIONS[N-1]. Never edit a released step; append a new one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE documents (
            doc_id VARCHAR PRIMARY KEY, date DATE NOT NULL, title VARCHAR, url VARCHAR, source VARCHAR,
            origin VARCHAR, text VARCHAR NOT NULL, text_hash VARCHAR NOT NULL, n_events INTEGER NOT NULL,
            ingested_at TIMESTAMP NOT NULL)""",
        """CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, type VARCHAR NOT NULL, mode VARCHAR,
            cameo VARCHAR, quad_class INTEGER,
            source_name VARCHAR, source_text VARCHAR, source_country VARCHAR, source_sector VARCHAR, source_kind VARCHAR,
            target_name VARCHAR, target_text VARCHAR, target_country VARCHAR, target_sector VARCHAR, target_kind VARCHAR,
            date_start DATE, date_end DATE, date_precision VARCHAR, date_inferred BOOLEAN, date_text VARCHAR,
            location_name VARCHAR, location_country VARCHAR, location_admin1 VARCHAR, lat DOUBLE, lon DOUBLE,
            geonameid BIGINT, location_precision VARCHAR,
            modality VARCHAR NOT NULL, attribution_name VARCHAR, attribution_cue VARCHAR,
            sentence VARCHAR NOT NULL, sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
            trigger VARCHAR, confidence DOUBLE NOT NULL, record JSON NOT NULL)""",
        "CREATE INDEX events_doc ON events(doc_id)",
        """CREATE TABLE actors (
            actor_key VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, country VARCHAR, sector VARCHAR, kind VARCHAR,
            actor_id VARCHAR, aliases JSON)""",
        """CREATE TABLE actor_mentions (
            doc_id VARCHAR NOT NULL, actor_key VARCHAR NOT NULL, text VARCHAR NOT NULL,
            start_char INTEGER, end_char INTEGER, event_id VARCHAR, role VARCHAR)""",
        "CREATE INDEX actor_mentions_doc ON actor_mentions(doc_id)",
        """CREATE TABLE relations (
            doc_id VARCHAR NOT NULL, subject_key VARCHAR NOT NULL, relation VARCHAR NOT NULL,
            object_key VARCHAR NOT NULL, modality VARCHAR, sentence VARCHAR, sentence_start INTEGER,
            sentence_end INTEGER, confidence DOUBLE, record JSON NOT NULL)""",
        "CREATE INDEX relations_doc ON relations(doc_id)",
        """CREATE TABLE place_mentions (
            doc_id VARCHAR NOT NULL, text VARCHAR NOT NULL, start_char INTEGER, end_char INTEGER, name VARCHAR,
            country VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT, precision VARCHAR)""",
        "CREATE INDEX place_mentions_doc ON place_mentions(doc_id)",
        """CREATE TABLE event_mentions (
            event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, sentence_index INTEGER, start_char INTEGER,
            end_char INTEGER, trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER, modality VARCHAR,
            attribution_name VARCHAR, attribution_cue VARCHAR)""",
        "CREATE INDEX event_mentions_doc ON event_mentions(doc_id)",
        """CREATE SEQUENCE ingest_errors_seq""",
        """CREATE TABLE ingest_errors (
            error_id BIGINT PRIMARY KEY DEFAULT nextval('ingest_errors_seq'), logged_at TIMESTAMP NOT NULL,
            doc_id VARCHAR, location VARCHAR NOT NULL, code VARCHAR NOT NULL, message VARCHAR NOT NULL)""",
    ),
    # 2: near-duplicate documents (MinHash signatures + LSH band keys) and cross-document event clusters.
    (
        "CREATE TABLE doc_signatures (doc_id VARCHAR PRIMARY KEY, signature BLOB NOT NULL)",
        # No index: candidates come from one hash join per batch, and 32 ART entries a document cost memory.
        "CREATE TABLE doc_bands (band_key BIGINT NOT NULL, doc_id VARCHAR NOT NULL)",
        """CREATE TABLE near_duplicates (
            doc_id VARCHAR PRIMARY KEY, original_id VARCHAR NOT NULL, similarity DOUBLE NOT NULL)""",
        "CREATE INDEX near_duplicates_original ON near_duplicates(original_id)",
        """CREATE TABLE cluster_members (
            event_id VARCHAR PRIMARY KEY, cluster_id BIGINT NOT NULL, doc_id VARCHAR NOT NULL,
            cluster_key VARCHAR NOT NULL)""",
        "CREATE INDEX cluster_members_cluster ON cluster_members(cluster_id)",
        "CREATE INDEX cluster_members_doc ON cluster_members(doc_id)",
        """CREATE TABLE event_clusters (
            cluster_id BIGINT PRIMARY KEY, cluster_key VARCHAR NOT NULL, date_start DATE, date_end DATE,
            location_name VARCHAR, location_country VARCHAR, location_precision VARCHAR, modality VARCHAR NOT NULL,
            representative_id VARCHAR NOT NULL, n_mentions INTEGER NOT NULL, n_documents INTEGER NOT NULL,
            n_stories INTEGER NOT NULL)""",
        "CREATE INDEX event_clusters_key ON event_clusters(cluster_key)",
        # Documents stored before this step have no signature and no clusters: the next ingest re-parses them.
        "UPDATE documents SET text_hash = 'before-schema-2'",
    ),
    # 3: no secondary indexes. DuckDB keeps ART indexes wholly in memory, so they grew the RSS of a long
    # ingest with every stored row; its columnar scans (with zone maps) serve these lookups per batch.
    tuple(f"DROP INDEX {name}" for name in (
        "events_doc", "actor_mentions_doc", "relations_doc", "place_mentions_doc", "event_mentions_doc",
        "near_duplicates_original", "cluster_members_cluster", "cluster_members_doc", "event_clusters_key")),
    # 4: casualty counts, the basis of inferred dates and places, and the article frame (dateline and lead).
    # Appended after `record`, in this order; rows stored before have NULLs (re-ingest fills them).
    tuple(f"ALTER TABLE events ADD COLUMN {column}" for column in (
        "fatalities INTEGER", "injured INTEGER", "arrested INTEGER", "date_basis VARCHAR",
        "location_inferred BOOLEAN", "location_basis VARCHAR", "frame_place VARCHAR", "frame_date DATE",
        "frame_source VARCHAR")),
    # 5: what `eventscope watch` knows of its sources (feeds, URL lists, folders) and of every URL it fetched,
    # so a second pass sends conditional requests and fetches each feed entry once.
    (
        """CREATE TABLE sources (
            source VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, last_fetch TIMESTAMP, last_status VARCHAR,
            n_passes INTEGER NOT NULL, n_documents INTEGER NOT NULL, n_errors INTEGER NOT NULL,
            last_error VARCHAR)""",
        """CREATE TABLE fetched_urls (
            url VARCHAR PRIMARY KEY, source VARCHAR NOT NULL, doc_id VARCHAR, fetched_at TIMESTAMP NOT NULL,
            status VARCHAR NOT NULL, etag VARCHAR, last_modified VARCHAR, entry_updated VARCHAR,
            title VARCHAR, author VARCHAR, site VARCHAR, date_basis VARCHAR)""",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Sequence[Any]],
                columns: Sequence[str] | None = None, *, ignore_conflicts: bool = False) -> None:
    """Insert many rows in one statement (all columns in table order unless `columns` names them)."""
    if not rows:
        return
    import pyarrow as pa

    width = len(columns) if columns else len(rows[0])
    names = list(columns) if columns else [f"c{i}" for i in range(width)]
    # Column by column (`zip(*rows)` would hold an iterator per row, enough garbage-collected objects in a
    # large batch to bring on a full collection of the process).
    data = pa.table({name: pa.array(list(map(itemgetter(i), rows))) for i, name in enumerate(names)})
    target = f"{table} ({', '.join(names)})" if columns else table
    con.register("_eventscope_rows", data)
    try:
        con.execute(f"INSERT INTO {target} SELECT * FROM _eventscope_rows"
                    f"{' ON CONFLICT DO NOTHING' if ignore_conflicts else ''}")
    finally:
        con.unregister("_eventscope_rows")
