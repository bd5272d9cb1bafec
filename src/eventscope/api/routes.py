"""The routes: thin calls into `store.reads`, the runner and the exporters; no NLP except /extract and /documents."""
from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from importlib import resources
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response

from ..export import EXPORT_FORMATS, export_events
from ..records import MODALITIES, PLOVER_TYPES, Article
from ..runner import ingest_items
from ..store import EventFilter, reads, text_hash
from ..store.queries import parse_bbox
from ..store.sources import list_sources
from .guards import TOKEN_COOKIE
from .models import DocumentIn, ExtractIn

router = APIRouter()
Sort = Literal["date", "-date", "confidence", "-confidence", "type", "doc"]
Modality = Literal[MODALITIES]  # type: ignore[valid-type]
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
ExportName = Literal[tuple(EXPORT_FORMATS)]  # type: ignore[valid-type]


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    try:
        return parse_bbox(value)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None


def event_filter(
    type: Annotated[str | None, Query(description="PLOVER type, e.g. ASSAULT")] = None,
    actor: Annotated[str | None, Query(description="source/target name, text or country (substring)")] = None,
    country: Annotated[str | None, Query(description="ISO3 of the source, target or place",
                                         min_length=3, max_length=3)] = None,
    since: Annotated[date | None, Query(description="events ending on or after this day")] = None,
    until: Annotated[date | None, Query(description="events starting on or before this day")] = None,
    modality: Annotated[Modality | None, Query()] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
    q: Annotated[str | None, Query(description="text in the evidence sentence")] = None,
    doc_id: Annotated[str | None, Query()] = None,
) -> EventFilter:
    """The shared event filter from query parameters (every value is bound in SQL, never pasted)."""
    if type and type.upper() not in PLOVER_TYPES:
        raise HTTPException(422, f"type {type!r} is not a PLOVER type; choose one of {', '.join(PLOVER_TYPES)}")
    return EventFilter(type=type, actor=actor, country=country, since=since, until=until, modality=modality,
                       bbox=_bbox(bbox), text=q, doc_id=doc_id)


Filter = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=5000)]
Offset = Annotated[int, Query(ge=0, le=2**63 - 1)]  # DuckDB's OFFSET is a BIGINT: above it, 422


def _read(request: Request, fn: Any, *args: Any, **kwargs: Any) -> Any:
    with request.app.state.db.session() as store:
        return fn(store, *args, **kwargs)


def _found(value: Any, what: str) -> Any:
    if value is None:
        raise HTTPException(404, f"no {what}")
    return value


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def page(request: Request) -> Response:
    """The web page (timeline, map, network, evidence)."""
    html = resources.files("eventscope").joinpath("ui", "index.html").read_text("utf-8")
    response = HTMLResponse(html, headers={"Content-Security-Policy": PAGE_CSP, "X-Content-Type-Options": "nosniff"})
    return _token_cookie(request, response)


def _token_cookie(request: Request, response: Response) -> Response:
    """Opened as ?token=... (already checked by the guard): a cookie lets the page load its assets and data."""
    if token := request.query_params.get("token"):
        response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return response


@router.get("/events", summary="Events matching the filters, paged and sorted")
def list_events(request: Request, flt: Filter, limit: Limit = 100, offset: Offset = 0,
                sort: Sort = "date") -> dict[str, Any]:
    with request.app.state.db.session() as store:
        total, events = reads.event_page(store, replace(flt, limit=limit, offset=offset), sort)
        documents = reads.counts(store, flt)["documents"]
    return {"total": total, "documents": documents, "limit": limit, "offset": offset, "events": events}


@router.get("/events/{event_id:path}", summary="One event with its evidence, mentions and actors")
def get_event(request: Request, event_id: str) -> dict[str, Any]:
    return _found(_read(request, reads.event_detail, event_id), f"event {event_id!r}")


@router.get("/actors", summary="Actors with event counts under the filters")
def list_actors(request: Request, flt: Filter, name: str | None = None, limit: Limit = 100,
                offset: Offset = 0) -> dict[str, Any]:
    total, actors = _read(request, reads.actor_list, flt, q=name, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "actors": actors}


@router.get("/actors/{actor_id:path}", summary="One actor with its events and relations")
def get_actor(request: Request, actor_id: str) -> dict[str, Any]:
    return _found(_read(request, reads.actor_detail, actor_id), f"actor {actor_id!r}")


@router.get("/documents/{doc_id:path}", summary="A document's text with the evidence spans to highlight")
def get_document(request: Request, doc_id: str) -> dict[str, Any]:
    return _found(_read(request, reads.document, doc_id), f"document {doc_id!r}")


@router.get("/timeline", summary="Event counts and fatalities per period and quad class")
def get_timeline(request: Request, flt: Filter,
                 bucket: Literal["day", "week", "month", "year"] = "day") -> list[dict[str, Any]]:
    """Rows of period, quad_class, n, fatalities; `period` is null for events not dated within one period."""
    return _read(request, reads.timeline, flt, bucket)


@router.get("/network", summary="Actor network of the filtered events (nodes, weighted edges)")
def get_network(request: Request, flt: Filter, event_actors: Annotated[bool, Query(
        description="only actors of the selected events (relations join only those)")] = False) -> dict[str, Any]:
    return _read(request, reads.network, flt, event_actors=event_actors)


@router.get("/sources", summary="Sources read by `eventscope watch`: last fetch, status, documents, errors")
def list_sources_route(request: Request) -> list[dict[str, Any]]:
    return _read(request, list_sources)


@router.get("/facets", summary="Counts per type, modality and country, and the date range")
def get_facets(request: Request) -> dict[str, Any]:
    return _read(request, reads.facets)


@router.get("/export", summary="Download the filtered events in an exchange format")
def export(request: Request, flt: Filter, format: ExportName = "jsonl", clusters: bool = False) -> Response:
    spec = EXPORT_FORMATS[format]
    buffer = io.BytesIO()
    try:
        _read(request, export_events, format, buffer, flt, clusters=clusters)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None
    return Response(buffer.getvalue(), media_type=spec.media_type,
                    headers={"Content-Disposition": f'attachment; filename="events{spec.suffix}"'})


@router.post("/extract", summary="Events of a text (not stored)")
def extract(request: Request, body: ExtractIn) -> dict[str, Any]:
    article = Article(doc_id=body.doc_id, date=body.date, text=body.text, title=body.title)
    with request.app.state.pipeline.use() as pipeline:
        analysis = pipeline.analyze(article)
    return {"doc_id": body.doc_id, "events": [e.to_dict() for e in analysis.events],
            "relations": [r.to_dict() for r in analysis.relations],
            "actors": [a.to_dict() for a in analysis.actors]}


@router.post("/documents", status_code=201, summary="Analyse a document and store its events")
def add_document(request: Request, body: DocumentIn) -> dict[str, Any]:
    doc_id = body.doc_id or f"doc-{text_hash(body.text)[:16]}"
    article = Article(doc_id=doc_id, date=body.date, text=body.text, title=body.title, url=body.url,
                      source=body.source, origin="api")
    with request.app.state.pipeline.use() as pipeline, request.app.state.db.session() as store:
        report = ingest_items([article], store, pipeline)
    if report.failures:
        failure = report.failures[0]
        raise HTTPException(422, f"{failure.code}: {failure.message}")
    return {"doc_id": doc_id, "stored": report.documents == 1, "unchanged": report.skipped == 1,
            "events": report.events}


@router.get("/docs", include_in_schema=False)
def swagger_docs(request: Request) -> Response:
    """Swagger UI from the vendored swagger-ui-dist (works offline)."""
    return _token_cookie(request, get_swagger_ui_html(
        openapi_url="openapi.json", title="eventscope API", swagger_js_url="ui/vendor/swagger-ui/swagger-ui-bundle.js",
        swagger_css_url="ui/vendor/swagger-ui/swagger-ui.css", swagger_favicon_url="data:,"))


@router.get("/redoc", include_in_schema=False)
def redoc_docs(request: Request) -> Response:
    """ReDoc from the vendored redoc bundle, without web fonts (works offline)."""
    return _token_cookie(request, get_redoc_html(
        openapi_url="openapi.json", title="eventscope API", redoc_js_url="ui/vendor/redoc/redoc.standalone.js",
        redoc_favicon_url="data:,", with_google_fonts=False))
