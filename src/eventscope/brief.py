"""A one-page situation report from the store: key events by day with evidence and modality, the most
active actors, a map and an actor network picture, and what changed since the previous period.

`build_brief` reads; `render_markdown` / `render_html` format; `write_brief` picks by file suffix.
Figures use matplotlib's Agg canvas directly (no pyplot, no global backend switch).
"""
from __future__ import annotations

import base64
import html
import io
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from .records import QUAD_CLASS
from .store import EventFilter, Store, reads

QUAD_COLORS = {0: "#7f8c8d", 1: "#4575b4", 2: "#1a9850", 3: "#f39c12", 4: "#d73027"}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass
class Brief:
    """Everything the report shows, before formatting."""

    since: date | None
    until: date | None
    previous: tuple[date, date] | None
    days: dict[str, list[dict[str, Any]]]
    undated: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    types: dict[str, int]
    previous_types: dict[str, int]
    new_actors: list[str]
    documents: dict[str, dict[str, Any]]
    figures: dict[str, bytes] = field(default_factory=dict)

    @property
    def n_events(self) -> int:
        return sum(self.types.values())


def _period(store: Store, since: date | None, until: date | None) -> tuple[date | None, date | None]:
    """Defaults: up to the latest event, over the 7 days before it."""
    if until is None:
        until = reads.facets(store)["date_max"]
    if since is None and until is not None:
        since = until - timedelta(days=6)
    return since, until


def modality_note(record: dict[str, Any]) -> str:
    """How the brief marks an event's epistemic status: "" for asserted, else e.g. "reported by X (said)"."""
    modality, att = record["modality"], record.get("attribution") or {}
    who = (att.get("source") or {}).get("name")
    if modality == "reported" or (att and modality == "asserted"):
        return f"reported by {who or 'an unnamed source'}" + (f" ({att['cue']})" if att.get("cue") else "")
    if modality == "asserted":
        return ""
    return modality + (f", according to {who}" if who else "")


def _key_events(records: list[dict[str, Any]], per_day: int) -> tuple[dict[str, list[dict[str, Any]]], list]:
    days: dict[str, list[dict[str, Any]]] = defaultdict(list)
    undated = []
    for r in records:
        (days[r["date"]["start"]] if r.get("date") else undated).append(r)
    def rank(r: dict[str, Any]) -> tuple[int, float, str]:
        return -(r.get("quad_class") or QUAD_CLASS.get(r["type"], 0)), -r["confidence"], r["event_id"]

    return ({d: sorted(rs, key=rank)[:per_day] for d, rs in sorted(days.items())},
            sorted(undated, key=rank)[:per_day])


def build_brief(store: Store, since: date | None = None, until: date | None = None, *, per_day: int = 8,
                top_actors: int = 10, figures: bool = True) -> Brief:
    """Read the period's events and the previous period of equal length from the store."""
    since, until = _period(store, since, until)
    flt = EventFilter(since=since, until=until)
    records = store.events(flt)
    previous = None
    previous_types: dict[str, int] = {}
    new_actors: list[str] = []
    if since and until:
        length = (until - since).days + 1
        previous = (since - timedelta(days=length), since - timedelta(days=1))
        before = EventFilter(since=previous[0], until=previous[1])
        previous_types = reads.type_counts(store, before)
        _, earlier = reads.actor_list(store, before, limit=100_000)
        _, now = reads.actor_list(store, flt, limit=100_000)
        seen = {a["id"] for a in earlier}
        new_actors = [a["name"] for a in now if a["id"] not in seen][:15]
    days, undated = _key_events(records, per_day)
    brief = Brief(since=since, until=until, previous=previous, days=days, undated=undated,
                  actors=reads.actor_list(store, flt, limit=top_actors)[1], types=reads.type_counts(store, flt),
                  previous_types=previous_types, new_actors=new_actors,
                  documents=reads.document_meta(store, {r["doc_id"] for r in records}))
    if figures:
        brief.figures = {"map": map_png(records), "network": network_png(reads.network(store, flt))}
    return brief


def _basemap() -> list[Any]:
    path = resources.files("eventscope").joinpath("ui", "vendor", "world-atlas", "countries-110m.geojson")
    rings = []
    for feature in json.loads(path.read_text("utf-8"))["features"]:
        geom = feature["geometry"]
        polygons = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        rings += [poly[0] for poly in polygons]
    return rings


def _png(fig: Any) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    buffer = io.BytesIO()
    FigureCanvasAgg(fig).print_png(buffer)
    return buffer.getvalue()


def map_png(records: list[dict[str, Any]]) -> bytes:
    """The located events over the shipped Natural Earth basemap, coloured by quad class."""
    from matplotlib.collections import PolyCollection
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 3.6), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.add_collection(PolyCollection(_basemap(), facecolors="#f4f3ee", edgecolors="#9aa5b1", linewidths=0.4))
    points = [(r["location"]["lon"], r["location"]["lat"], r.get("quad_class") or 0) for r in records
              if r.get("location") and r["location"].get("lat") is not None]
    if points:
        xs, ys, qs = zip(*points)
        ax.scatter(xs, ys, s=40, c=[QUAD_COLORS[q] for q in qs], edgecolors="#222", linewidths=0.6, zorder=3)
        pad = 12
        ax.set_xlim(max(min(xs) - pad, -180), min(max(xs) + pad, 180))
        ax.set_ylim(max(min(ys) - pad / 2, -90), min(max(ys) + pad / 2, 90))
    else:
        ax.set_xlim(-180, 180)
        ax.set_ylim(-60, 85)
    ax.set_aspect("equal", adjustable="box")
    ax.set_facecolor("#dfe9f3")
    ax.set_xticks([])
    ax.set_yticks([])
    return _png(fig)


def network_png(network: dict[str, list[dict[str, Any]]], max_nodes: int = 40) -> bytes:
    """The actor network: node size by events, edge width by weight, relations dashed."""
    import networkx as nx
    from matplotlib.figure import Figure

    nodes = sorted(network["nodes"], key=lambda n: -n["n_events"])[:max_nodes]
    keep = {n["id"] for n in nodes}
    graph = nx.Graph()
    graph.add_nodes_from(keep)
    edges = [e for e in network["edges"] if e["source"] in keep and e["target"] in keep]
    graph.add_edges_from((e["source"], e["target"]) for e in edges)
    pos = nx.spring_layout(graph, seed=7) if nodes else {}
    fig = Figure(figsize=(7, 4), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    for e in edges:
        (x0, y0), (x1, y1) = pos[e["source"]], pos[e["target"]]
        ax.plot([x0, x1], [y0, y1], color="#7b52ab" if e["kind"] == "relation" else "#8a94a3",
                linestyle="--" if e["kind"] == "relation" else "-", linewidth=0.8 + e["weight"] ** 0.5, zorder=1)
    for n in nodes:
        x, y = pos[n["id"]]
        ax.scatter([x], [y], s=40 + 40 * n["n_events"], color="#34495e", edgecolors="white", zorder=2)
        ax.annotate(n["name"], (x, y), xytext=(5, 5), textcoords="offset points", fontsize=8, zorder=3)
    if not nodes:
        ax.text(0.5, 0.5, "no actors in this period", ha="center", va="center", transform=ax.transAxes)
    ax.margins(0.15)
    ax.axis("off")
    return _png(fig)


def _event_line(r: dict[str, Any], docs: dict[str, dict[str, Any]]) -> tuple[str, str, str]:
    """(headline, note, quote) of one event, as plain text."""
    src, tgt = (r.get("source") or {}).get("name", "?"), (r.get("target") or {}).get("name")
    loc = (r.get("location") or {}).get("name")
    head = f"{r['type']}: {src}{' → ' + tgt if tgt else ''}{' in ' + loc if loc else ''}"
    doc = docs.get(r["doc_id"], {})
    return head, modality_note(r), f"“{r['evidence']['sentence']}” ({doc.get('title') or r['doc_id']})"


def _changes(brief: Brief) -> list[str]:
    lines = []
    for t in sorted(brief.types.keys() | brief.previous_types.keys()):
        now, before = brief.types.get(t, 0), brief.previous_types.get(t, 0)
        if now != before:
            lines.append(f"{t}: {before} → {now} ({now - before:+d})")
    return lines


def _title(brief: Brief) -> str:
    return f"Situation report {brief.since or '…'} to {brief.until or '…'}"


def _summary(brief: Brief) -> str:
    before = sum(brief.previous_types.values())
    prev = f"; previous period {brief.previous[0]} to {brief.previous[1]}: {before} events" if brief.previous else ""
    return f"{brief.n_events} events in {len(brief.documents)} documents{prev}."


def _md(text: str) -> str:
    """Text safe inside Markdown (no raw HTML, no table breaks)."""
    return html.escape(text, quote=False).replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def render_markdown(brief: Brief, images: dict[str, str]) -> str:
    """Markdown; `images` maps figure name to the relative path of its PNG."""
    out = [f"# {_title(brief)}", "", _summary(brief), "", "## Key events by day", ""]
    for day, records in [*brief.days.items(), *([("undated", brief.undated)] if brief.undated else [])]:
        out += [f"### {day}", ""]
        for r in records:
            head, note, quote = _event_line(r, brief.documents)
            out.append(f"- **{_md(head)}**{' — _' + _md(note) + '_' if note else ''}  \n  > {_md(quote)}")
        out.append("")
    out += ["## Most active actors", "", "| actor | country | events | documents |", "|---|---|---|---|"]
    out += [f"| {_md(a['name'])} | {a['country'] or ''} | {a['n_events']} | {a['n_documents']} |" for a in brief.actors]
    out += ["", "## What changed since the previous period", ""]
    out += [f"- {line}" for line in _changes(brief)] or ["- no change in event counts"]
    if brief.new_actors:
        out.append(f"- new actors: {_md(', '.join(brief.new_actors))}")
    out += ["", "## Map and actor network", ""]
    out += [f"![{name}]({path})" for name, path in images.items()]
    return "\n".join(out) + "\n"


def render_html(brief: Brief) -> str:
    """A standalone HTML page; figures embedded as base64 PNG, every text escaped."""
    e = html.escape
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{e(_title(brief))}</title>",
             "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}"
             "blockquote{margin:.2rem 0 .6rem 1rem;color:#444}.note{color:#8a5a00;font-style:italic}"
             "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem}"
             "img{max-width:100%}</style></head><body>",
             f"<h1>{e(_title(brief))}</h1><p>{e(_summary(brief))}</p><h2>Key events by day</h2>"]
    for day, records in [*brief.days.items(), *([("undated", brief.undated)] if brief.undated else [])]:
        parts.append(f"<h3>{e(day)}</h3><ul>")
        for r in records:
            head, note, quote = _event_line(r, brief.documents)
            note_html = f" <span class='note'>({e(note)})</span>" if note else ""
            parts.append(f"<li><b>{e(head)}</b>{note_html}<blockquote>{e(quote)}</blockquote></li>")
        parts.append("</ul>")
    parts.append("<h2>Most active actors</h2><table><tr><th>actor</th><th>country</th><th>events</th>"
                 "<th>documents</th></tr>")
    parts += [f"<tr><td>{e(a['name'])}</td><td>{e(a['country'] or '')}</td><td>{a['n_events']}</td>"
              f"<td>{a['n_documents']}</td></tr>" for a in brief.actors]
    parts.append("</table><h2>What changed since the previous period</h2><ul>")
    parts += [f"<li>{e(line)}</li>" for line in _changes(brief)] or ["<li>no change in event counts</li>"]
    if brief.new_actors:
        parts.append(f"<li>new actors: {e(', '.join(brief.new_actors))}</li>")
    parts.append("</ul><h2>Map and actor network</h2>")
    parts += [f"<img alt='{name}' src='data:image/png;base64,{base64.b64encode(png).decode()}'>"
              for name, png in brief.figures.items()]
    return "".join(parts) + "</body></html>\n"


def write_brief(store: Store, out: str | Path, since: date | None = None, until: date | None = None) -> Path:
    """Write the brief as .html (self-contained) or .md (PNG figures beside it); returns the path."""
    out = Path(out)
    if out.suffix not in (".html", ".md"):
        raise ValueError(f"{out}: the brief is written as .html or .md")
    brief = build_brief(store, since, until)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".html":
        out.write_text(render_html(brief), "utf-8")
        return out
    images = {}
    for name, png in brief.figures.items():
        image = out.with_name(f"{out.stem}-{name}.png")
        image.write_bytes(png)
        images[name] = image.name
    out.write_text(render_markdown(brief, images), "utf-8")
    return out
