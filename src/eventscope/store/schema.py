"""The DuckDB schema, versioned: each migration is a list of statements applied once, in order."""
from __future__ import annotations

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
)

SCHEMA_VERSION = len(MIGRATIONS)
