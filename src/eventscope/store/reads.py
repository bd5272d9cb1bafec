"""Read queries for the API, the web page, exports and the brief.

Every value reaches SQL as a bound parameter; the only text pasted into a
statement is a WHERE clause from `event_where` (placeholders only) or an
ORDER BY / date_trunc unit picked from a fixed table by key.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import fields, replace
from typing import Any

from .queries import EventFilter, event_where
from .store import Store

SORTS: dict[str, str] = {
    "date": "date_start NULLS LAST, doc_id, event_id",
    "-date": "date_start DESC NULLS LAST, doc_id, event_id",
    "confidence": "confidence, event_id",
    "-confidence": "confidence DESC, event_id",
    "type": "type, date_start NULLS LAST, event_id",
    "doc": "doc_id, sentence_start, event_id",
}
BUCKETS: tuple[str, ...] = ("day", "week", "month", "year")
# People killed, summed per group; read from the record JSON so stores written before the column exist work.
FATALITIES = "coalesce(sum(TRY_CAST(json_extract_string(record, '$.fatalities') AS INTEGER)), 0)"
# Actor kinds that can act; a resolved actor without a kind, or a person/group with neither a country nor a
# sector, is a thing or a place the actor stage picked up ("live ammunition", "Gao"), not a network node.
ACTOR_KINDS = ("country", "organization", "person", "group")
_DOC_META = "doc_id, date, title, url, source, origin, n_events"


def _dicts(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = store.con.execute(sql, params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def is_unfiltered(flt: EventFilter) -> bool:
    """True when the filter selects every event (paging aside)."""
    paging = {"limit", "offset"}
    return all(getattr(flt, f.name) == f.default for f in fields(flt) if f.name not in paging)


def event_page(store: Store, flt: EventFilter, sort: str = "date") -> tuple[int, list[dict[str, Any]]]:
    """(total matching, one page of event records) for a filter with limit/offset and a sort key of SORTS."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")
    where, params = event_where(flt)
    total = int(store.con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0])
    page = " LIMIT ? OFFSET ?" if flt.limit is not None else ""
    args = params + ([flt.limit, flt.offset] if flt.limit is not None else [])
    rows = store.con.execute(f"SELECT record FROM events WHERE {where} ORDER BY {SORTS[sort]}{page}", args).fetchall()
    return total, [json.loads(r[0]) for r in rows]


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event with its mentions, its actors' mention offsets and its document's metadata."""
    row = store.con.execute("SELECT record, doc_id FROM events WHERE event_id = ?", [event_id]).fetchone()
    if row is None:
        return None
    mentions = _dicts(store, "SELECT doc_id, sentence_index, start_char, end_char, trigger, trigger_start, "
                      "trigger_end, modality, attribution_name, attribution_cue FROM event_mentions "
                      "WHERE event_id = ? ORDER BY doc_id, start_char", [event_id])
    actors = _dicts(store, "SELECT m.role, m.actor_key AS actor_id, a.name, m.text, m.start_char, m.end_char "
                    "FROM actor_mentions m JOIN actors a USING (actor_key) WHERE m.event_id = ? ORDER BY m.role",
                    [event_id])
    docs = document_meta(store, [row[1]])
    return {"event": json.loads(row[0]), "mentions": mentions, "actors": actors, "document": docs.get(row[1])}


def document_meta(store: Store, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """doc_id -> date, title, url, source, origin, n_events for the given documents."""
    ids = sorted(set(doc_ids))
    if not ids:
        return {}
    rows = _dicts(store, f"SELECT {_DOC_META} FROM documents WHERE doc_id IN (SELECT unnest(?))", [ids])
    return {r["doc_id"]: r for r in rows}


def document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A document's text with the spans to highlight (event sentences, triggers, actors, places) and its events."""
    rows = _dicts(store, f"SELECT {_DOC_META}, text FROM documents WHERE doc_id = ?", [doc_id])
    if not rows:
        return None
    spans = _dicts(store, """
        SELECT 'sentence' AS kind, sentence_start AS start, sentence_end AS "end", event_id, type AS label
          FROM events WHERE doc_id = ?
        UNION ALL SELECT 'trigger', trigger_start, trigger_end, event_id, trigger
          FROM event_mentions WHERE doc_id = ? AND trigger_start IS NOT NULL
        UNION ALL SELECT DISTINCT 'actor', start_char, end_char, NULL, a.name
          FROM actor_mentions m JOIN actors a USING (actor_key) WHERE m.doc_id = ? AND start_char IS NOT NULL
        UNION ALL SELECT DISTINCT 'place', start_char, end_char, NULL, coalesce(name, text)
          FROM place_mentions WHERE doc_id = ? AND start_char IS NOT NULL
        ORDER BY start, kind""", [doc_id] * 4)
    _, events = event_page(store, EventFilter(doc_id=doc_id), sort="doc")
    return {**rows[0], "spans": spans, "events": events}


def _actor_counts_sql(where: str) -> str:
    return f"""
        WITH ev AS (SELECT event_id FROM events WHERE {where}),
        m AS (SELECT actor_key,
                     count(DISTINCT event_id) FILTER (WHERE event_id IN (SELECT event_id FROM ev)) AS n_events,
                     count(*) AS n_mentions, count(DISTINCT doc_id) AS n_documents
                FROM actor_mentions GROUP BY actor_key)
        SELECT a.actor_key AS id, a.name, a.country, a.sector, a.kind, a.actor_id AS wikidata_id,
               coalesce(m.n_events, 0) AS n_events, coalesce(m.n_mentions, 0) AS n_mentions,
               coalesce(m.n_documents, 0) AS n_documents
          FROM actors a LEFT JOIN m USING (actor_key)"""


def actor_list(store: Store, flt: EventFilter | None = None, *, q: str | None = None, limit: int = 100,
               offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """(total, page) of actors, most events first; counts are over the events the filter selects.

    With a filter, actors in none of its events are left out; `q` matches the name.
    """
    flt = flt or EventFilter()
    where, params = event_where(flt)
    cond = ["TRUE"] if is_unfiltered(flt) else ["n_events > 0"]
    if q:
        cond.append("name ILIKE ?")
        params = params + [f"%{q}%"]
    base = f"SELECT * FROM ({_actor_counts_sql(where)}) WHERE {' AND '.join(cond)}"
    total = int(store.con.execute(f"SELECT count(*) FROM ({base})", params).fetchone()[0])
    rows = _dicts(store, f"{base} ORDER BY n_events DESC, n_mentions DESC, name LIMIT ? OFFSET ?",
                  params + [limit, offset])
    return total, rows


def actor_detail(store: Store, actor_id: str) -> dict[str, Any] | None:
    """One actor with its counts, the events it is source or target of, and its relations."""
    where, params = event_where(EventFilter())
    rows = _dicts(store, f"{_actor_counts_sql(where)} WHERE a.actor_key = ?", params + [actor_id])
    if not rows:
        return None
    events = _dicts(store, """
        SELECT e.record, m.role FROM events e
          JOIN (SELECT DISTINCT event_id, role FROM actor_mentions
                 WHERE actor_key = ? AND role IN ('source', 'target')) m USING (event_id)
         ORDER BY e.date_start NULLS LAST, e.event_id""", [actor_id])
    relations = _dicts(store, """
        SELECT r.relation, r.subject_key AS subject_id, s.name AS subject, r.object_key AS object_id,
               o.name AS object, r.modality, r.doc_id, r.sentence, r.confidence
          FROM relations r JOIN actors s ON s.actor_key = r.subject_key JOIN actors o ON o.actor_key = r.object_key
         WHERE r.subject_key = ? OR r.object_key = ? ORDER BY r.doc_id, r.sentence_start""", [actor_id, actor_id])
    return {**rows[0], "events": [{**json.loads(e["record"]), "role": e["role"]} for e in events],
            "relations": relations}


def timeline(store: Store, flt: EventFilter | None = None, bucket: str = "day") -> list[dict[str, Any]]:
    """Event counts and fatalities per period and quad class.

    An event is counted in the period its whole interval lies in; one whose date is unknown, only
    guessed (precision "unknown") or wider than a period gets `period` None, so that the rows always
    sum to the number of events the filter selects and vague windows never pose as exact counts.
    """
    if bucket not in BUCKETS:
        raise ValueError(f"unknown bucket {bucket!r}; choose one of {', '.join(BUCKETS)}")
    where, params = event_where(flt or EventFilter())
    start, end = f"date_trunc('{bucket}', date_start)", f"date_trunc('{bucket}', coalesce(date_end, date_start))"
    return _dicts(store, f"""
        SELECT CASE WHEN date_start IS NOT NULL AND coalesce(date_precision, '') <> 'unknown' AND {start} = {end}
                    THEN CAST({start} AS DATE) END AS period,
               coalesce(quad_class, 0) AS quad_class, count(*) AS n, {FATALITIES} AS fatalities
          FROM events WHERE {where}
         GROUP BY ALL ORDER BY period NULLS LAST, quad_class""", params)


def counts(store: Store, flt: EventFilter | None = None) -> dict[str, int]:
    """How many events and documents a filter selects (the page's status line)."""
    where, params = event_where(flt or EventFilter())
    n, docs = store.con.execute(f"SELECT count(*), count(DISTINCT doc_id) FROM events WHERE {where}",
                                params).fetchone()
    return {"events": int(n), "documents": int(docs)}


def _edge_rows(store: Store, flt: EventFilter) -> list[dict[str, Any]]:
    where, params = event_where(flt)
    return _dicts(store, f"""
        SELECT e.event_id, e.type, e.quad_class,
               max(CASE WHEN m.role = 'source' THEN m.actor_key END) AS s,
               max(CASE WHEN m.role = 'target' THEN m.actor_key END) AS t
          FROM (SELECT event_id, type, quad_class FROM events WHERE {where}) e
          JOIN actor_mentions m ON m.event_id = e.event_id AND m.role IN ('source', 'target')
         GROUP BY ALL""", params)


def _relation_rows(store: Store, flt: EventFilter) -> list[dict[str, Any]]:
    sql = "SELECT subject_key AS s, object_key AS t, relation, count(*) AS n FROM relations"
    if is_unfiltered(flt):
        return _dicts(store, f"{sql} GROUP BY ALL", [])
    where, params = event_where(flt)
    return _dicts(store, f"{sql} WHERE doc_id IN (SELECT doc_id FROM events WHERE {where}) GROUP BY ALL", params)


def is_actor(row: dict[str, Any] | None) -> bool:
    """True for an actor that can act (see ACTOR_KINDS); False for things and places, and for None."""
    if not row or row.get("kind") not in ACTOR_KINDS:
        return False
    return row["kind"] in ("country", "organization") or bool(row.get("country") or row.get("sector"))


def network(store: Store, flt: EventFilter | None = None, *,
            event_actors: bool = False) -> dict[str, list[dict[str, Any]]]:
    """The actor network of the selected events: nodes are actors, edges events and relations, weighted.

    Event edges go source -> target and count the events (with their types and quad classes);
    relation edges come from the documents of the selected events. Things and places the actor stage
    mistook for actors are left out (`is_actor`). With `event_actors`, every node is the source or
    target of a selected event (the page's view: relations only join such nodes).
    """
    flt = replace(flt, limit=None, offset=0) if flt else EventFilter()
    rows = _edge_rows(store, flt)
    relations = _relation_rows(store, flt)
    keys = sorted({k for r in rows for k in (r["s"], r["t"]) if k} | {k for r in relations for k in (r["s"], r["t"])})
    actors = {r["actor_key"]: r for r in _dicts(
        store, "SELECT actor_key, name, country, sector, kind FROM actors WHERE actor_key IN (SELECT unnest(?))",
        [keys])} if keys else {}
    actors = {k: a for k, a in actors.items() if is_actor(a)}
    degree: Counter[str] = Counter()
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in rows:
        s, t = (k if k in actors else None for k in (row["s"], row["t"]))
        degree.update(k for k in {s, t} if k)
        if s and t and s != t:
            edge = edges.setdefault((s, t, "event"), {"types": Counter(), "quads": Counter(), "event_ids": []})
            edge["types"][row["type"]] += 1
            edge["quads"][row["quad_class"] or 0] += 1
            edge["event_ids"].append(row["event_id"])
    for row in relations:
        s, t = row["s"], row["t"]
        if s in actors and t in actors and (not event_actors or (s in degree and t in degree)):
            edge = edges.setdefault((s, t, "relation"), {"types": Counter(), "quads": Counter(), "event_ids": []})
            edge["types"][row["relation"]] += row["n"]
    nodes = [{"id": k, "name": actors[k]["name"], "country": actors[k]["country"], "sector": actors[k]["sector"],
              "kind": actors[k]["kind"], "n_events": degree[k]}
             for k in sorted(degree.keys() | {k for s, t, _ in edges for k in (s, t)})]
    links = [{"source": s, "target": t, "kind": kind, "weight": sum(e["types"].values()),
              "types": dict(e["types"].most_common()),
              "quad_class": e["quads"].most_common(1)[0][0] if e["quads"] else None, "event_ids": e["event_ids"]}
             for (s, t, kind), e in sorted(edges.items())]
    return {"nodes": nodes, "edges": links}


def type_counts(store: Store, flt: EventFilter | None = None) -> dict[str, int]:
    """Events per PLOVER type under a filter, most frequent first."""
    where, params = event_where(flt or EventFilter())
    rows = store.con.execute(f"SELECT type, count(*) AS n FROM events WHERE {where} GROUP BY type "
                             "ORDER BY n DESC, type", params).fetchall()
    return dict(rows)


def facets(store: Store) -> dict[str, Any]:
    """What the filter controls offer: counts per type, modality and country, and the date range."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for column in ("type", "modality", "location_country"):
        rows = store.con.execute(f"SELECT {column}, count(*) FROM events WHERE {column} IS NOT NULL "
                                 f"GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
        counts[column] = dict(rows)
    lo, hi = store.con.execute("SELECT min(date_start), max(coalesce(date_end, date_start)) FROM events").fetchone()
    return {"types": counts["type"], "modalities": counts["modality"], "countries": counts["location_country"],
            "date_min": lo, "date_max": hi, "documents": store.count("documents"), "events": store.count("events")}


def event_doc_ids(store: Store, flt: EventFilter | None = None) -> list[str]:
    """The documents that hold the events a filter selects."""
    where, params = event_where(flt or EventFilter())
    return [r[0] for r in store.con.execute(f"SELECT DISTINCT doc_id FROM events WHERE {where}", params).fetchall()]
