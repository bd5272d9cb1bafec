"""A one-page situation report from the store: a three-line summary, counts by type and country against the
previous period (with fatalities), a chart over time, key events by day with evidence and modality, the
most active actors, a labelled map and a directed actor network.

Every event is counted in one period only: the one its start date falls in. `build_brief` reads;
`render_markdown` / `render_html` format; `write_brief` picks by file suffix. Figures use matplotlib's Agg
canvas directly (no pyplot, no global backend switch).
"""
from __future__ import annotations

import base64
import html
import io
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from .records import QUAD_CLASS
from .store import EventFilter, Store, reads

QUAD_COLORS = {0: "#7f8c8d", 1: "#4575b4", 2: "#1a9850", 3: "#f39c12", 4: "#d73027"}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
RELATION_COLOR = "#7b52ab"
PERIOD_DAYS = 7
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"})
DETERMINERS = ("the ", "a ", "an ", "his ", "her ", "their ", "its ")


@dataclass
class Brief:
    """Everything the report shows, before formatting."""

    since: date | None
    until: date | None
    previous: tuple[date, date] | None
    records: list[dict[str, Any]]
    previous_records: list[dict[str, Any]]
    documents: dict[str, dict[str, Any]]
    per_day: int = 8
    top_actors: int = 10
    figures: dict[str, bytes] = field(default_factory=dict)

    @property
    def n_events(self) -> int:
        return len(self.records)

    @property
    def days(self) -> dict[str, list[dict[str, Any]]]:
        """Day-precision events of the period by day, the most severe first."""
        days: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in self.records:
            if _is_day(r):
                days[r["date"]["start"]].append(r)
        return {d: sorted(rs, key=_rank)[:self.per_day] for d, rs in sorted(days.items())}

    @property
    def vague(self) -> list[dict[str, Any]]:
        """Events of the period whose date is wider than a day (shown apart, never under a day)."""
        return sorted((r for r in self.records if not _is_day(r)), key=_rank)[:self.per_day]

    @property
    def types(self) -> dict[str, int]:
        return dict(Counter(r["type"] for r in self.records).most_common())

    @property
    def previous_types(self) -> dict[str, int]:
        return dict(Counter(r["type"] for r in self.previous_records).most_common())

    @property
    def actors(self) -> list[dict[str, Any]]:
        """The most active actors of the period: events (as source or target) and documents."""
        return _actor_table(self.records)[:self.top_actors]

    @property
    def new_actors(self) -> list[str]:
        """Actors of this period that no event of the previous period names."""
        before = {a["name"] for a in _actor_table(self.previous_records)}
        return [a["name"] for a in _actor_table(self.records) if a["name"] not in before][:15]

    @property
    def fatalities(self) -> int:
        return sum(_killed(r) for r in self.records)


def _is_day(r: dict[str, Any]) -> bool:
    d = r.get("date") or {}
    return d.get("precision") == "day" and d.get("start") == d.get("end")


def _rank(r: dict[str, Any]) -> tuple[int, int, float, str]:
    return -_killed(r), -(r.get("quad_class") or QUAD_CLASS.get(r["type"], 0)), -r["confidence"], r["event_id"]


def _killed(r: dict[str, Any]) -> int:
    value = r.get("fatalities")
    return value if isinstance(value, int) else 0


def _country(r: dict[str, Any]) -> str:
    """Where an event counts: its place's country, else its source's, else its target's."""
    for part in (r.get("location"), r.get("source"), r.get("target")):
        if part and part.get("country"):
            return part["country"]
    return "—"


def _actors_of(r: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for a in (r.get("source"), r.get("target")) if reads.is_actor(a)]


def _actor_table(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    events: Counter[str] = Counter()
    docs: dict[str, set[str]] = defaultdict(set)
    country: dict[str, str | None] = {}
    for r in records:
        for a in {a["name"]: a for a in _actors_of(r)}.values():
            events[a["name"]] += 1
            docs[a["name"]].add(r["doc_id"])
            country[a["name"]] = country.get(a["name"]) or a.get("country")
    return [{"name": n, "country": country[n], "n_events": k, "n_documents": len(docs[n])}
            for n, k in sorted(events.items(), key=lambda x: (-x[1], x[0]))]


def default_until(store: Store) -> date | None:
    """The latest day an event is dated to, to the day, no later than its article (plans are not news)."""
    row = store.con.execute("""
        SELECT max(e.date_start) FROM events e JOIN documents d USING (doc_id)
         WHERE e.date_precision = 'day' AND e.date_start = e.date_end AND e.date_start <= d.date""").fetchone()
    return row[0] if row and row[0] else reads.facets(store)["date_max"]


def _period(store: Store, since: date | None, until: date | None) -> tuple[date | None, date | None]:
    """Defaults: the 7 days up to the latest day-precision event (or from `since`)."""
    if until is None:
        until = since + timedelta(days=PERIOD_DAYS - 1) if since else default_until(store)
    if since is None and until is not None:
        since = until - timedelta(days=PERIOD_DAYS - 1)
    return since, until


def _starting_in(records: list[dict[str, Any]], lo: date, hi: date) -> list[dict[str, Any]]:
    return [r for r in records if r.get("date") and lo <= date.fromisoformat(r["date"]["start"]) <= hi]


def source_phrase(actor: dict[str, Any] | None) -> str:
    """A source as the article names it ("the interior ministry"), not its resolved country ("Kenya")."""
    if not actor:
        return "an unnamed source"
    text = (actor.get("text") or "").strip()
    if not text or text.lower() in PRONOUNS:
        return actor.get("name") or text or "an unnamed source"
    if text[0].islower() and not text.lower().startswith(DETERMINERS):
        return f"the {text}"
    return text


def modality_note(record: dict[str, Any]) -> str:
    """How the brief marks an event's epistemic status: "" for asserted, else e.g. "according to the army"."""
    modality, att = record["modality"], record.get("attribution") or {}
    who = source_phrase(att.get("source")) if att else None
    if modality in ("reported", "asserted"):
        return f"according to {who}" if who else ""
    return modality + (f", according to {who}" if who else "")


def build_brief(store: Store, since: date | None = None, until: date | None = None, *, per_day: int = 8,
                top_actors: int = 10, figures: bool = True) -> Brief:
    """Read the period's events and those of the previous period of equal length from the store."""
    since, until = _period(store, since, until)
    records, previous, before = store.events(EventFilter(since=since, until=until)), None, []
    if since and until:
        length = (until - since).days + 1
        previous = (since - timedelta(days=length), since - timedelta(days=1))
        wide = store.events(EventFilter(since=previous[0], until=until))
        records, before = _starting_in(wide, since, until), _starting_in(wide, *previous)
    brief = Brief(since=since, until=until, previous=previous, records=records, previous_records=before,
                  documents=reads.document_meta(store, {r["doc_id"] for r in records}), per_day=per_day,
                  top_actors=top_actors)
    if figures:
        brief.figures = {"chart": chart_png(brief), "map": map_png(records), "network": network_png(records)}
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


def _free_spot(x: float, y: float, w: float, h: float, gap: float, taken: list[tuple[float, float, float, float]],
               limits: tuple[float, float]) -> tuple[float, float, str, str] | None:
    """A label position (pixels) right, left, above or below a point that overlaps nothing in `taken`."""
    options = [(x + gap, y, "left", "center"), (x - gap, y, "right", "center"),
               (x, y + gap, "center", "bottom"), (x, y - gap, "center", "top")]
    for lx, ly, ha, va in options:
        x0 = lx if ha == "left" else lx - w if ha == "right" else lx - w / 2
        y0 = ly - h / 2 if va == "center" else ly if va == "bottom" else ly - h
        box = (x0, y0, x0 + w, y0 + h)
        inside = 0 <= box[0] and box[2] <= limits[0] and 0 <= box[1] and box[3] <= limits[1]
        if inside and not any(box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3] for t in taken):
            taken.append(box)
            return lx, ly, ha, va
    return None


def _label(ax: Any, fig: Any, points: list[tuple[float, float, str, float]], fontsize: float = 8) -> None:
    """Label points (x, y, text, marker radius in px), most important first, skipping any that would overlap."""
    trans, inverse = ax.transData, ax.transData.inverted()
    width, height = fig.get_size_inches() * fig.dpi
    pixels = [(*trans.transform((x, y)), text, r) for x, y, text, r in points]
    taken = [(px - r, py - r, px + r, py + r) for px, py, _, r in pixels]
    char, line = fontsize * fig.dpi / 72 * 0.6, fontsize * fig.dpi / 72 * 1.25
    for px, py, text, r in pixels:
        spot = _free_spot(px, py, char * len(text) + 4, line, r + 3, taken, (width, height))
        if spot:
            lx, ly, ha, va = spot
            ax.text(*inverse.transform((lx, ly)), text, ha=ha, va=va, fontsize=fontsize, zorder=5,
                    bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.7})


def _extent(xs: list[float], ys: list[float], aspect: float) -> tuple[float, float, float, float]:
    """Bounds around the points: padded, at least 24 x 14 degrees, shaped like the figure, inside the world."""
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    w, h = max(x1 - x0, 24) * 1.3, max(y1 - y0, 14) * 1.3
    w, h = max(w, h * aspect), max(h, w / aspect)
    w, h = min(w, 360), min(h, 180)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    cx, cy = min(max(cx, -180 + w / 2), 180 - w / 2), min(max(cy, -90 + h / 2), 90 - h / 2)
    return cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2


def map_png(records: list[dict[str, Any]]) -> bytes:
    """The located events over the shipped Natural Earth basemap, coloured by quad class, places labelled."""
    from matplotlib.collections import PolyCollection
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.5, 4.2), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.add_collection(PolyCollection(_basemap(), facecolors="#f4f3ee", edgecolors="#9aa5b1", linewidths=0.4))
    places: dict[tuple[float, float], list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        loc = r.get("location") or {}
        if loc.get("lat") is not None and loc.get("lon") is not None:
            places[(loc["lon"], loc["lat"])].append(r)
    if places:
        x0, x1, y0, y1 = _extent([x for x, _ in places], [y for _, y in places], 7.5 / 4.2)
    else:
        x0, x1, y0, y1 = -180, 180, -60, 85
        ax.text(0.5, 0.5, "no located events in this period", ha="center", va="center", transform=ax.transAxes)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("auto")
    labels = []
    for (x, y), rs in sorted(places.items(), key=lambda p: -len(p[1])):
        quad = Counter(r.get("quad_class") or 0 for r in rs).most_common(1)[0][0]
        size = 60 + 30 * (len(rs) - 1)
        ax.scatter([x], [y], s=size, c=QUAD_COLORS[quad], edgecolors="#222", linewidths=0.6, zorder=3)
        if len(rs) > 1:
            ax.text(x, y, str(len(rs)), ha="center", va="center", fontsize=7, color="white", zorder=4, weight="bold")
        labels.append((x, y, rs[0]["location"].get("name") or "", (size ** 0.5) / 2))
    _label(ax, fig, [p for p in labels if p[2]])
    ax.set_facecolor("#dfe9f3")
    ax.set_xticks([])
    ax.set_yticks([])
    return _png(fig)


def chart_png(brief: Brief) -> bytes:
    """Events per day of the previous and current period, stacked by quad class, fatalities on a second axis."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.5, 2.6), dpi=100)
    ax = fig.add_axes((0.07, 0.2, 0.86, 0.7))
    if not (brief.since and brief.until and brief.previous):
        ax.text(0.5, 0.5, "no period", ha="center", va="center", transform=ax.transAxes)
        ax.axis("off")
        return _png(fig)
    first, n_days = brief.previous[0], (brief.until - brief.previous[0]).days + 1
    days = [first + timedelta(days=i) for i in range(n_days)]
    counts: dict[int, list[int]] = {q: [0] * n_days for q in QUAD_COLORS}
    killed = [0] * n_days
    for r in brief.records + brief.previous_records:
        if _is_day(r):
            i = (date.fromisoformat(r["date"]["start"]) - first).days
            counts[r.get("quad_class") or 0][i] += 1
            killed[i] += _killed(r)
    bottom = [0] * n_days
    for q in (4, 3, 2, 1, 0):
        if any(counts[q]):
            ax.bar(range(n_days), counts[q], bottom=bottom, color=QUAD_COLORS[q], label=QUAD_NAMES.get(q, "other"))
            bottom = [b + c for b, c in zip(bottom, counts[q])]
    split = (brief.since - first).days - 0.5
    ax.axvline(split, color="#888", linestyle="--", linewidth=0.8)
    ax.text(split - 0.2, 1.02, "previous period", ha="right", va="bottom", fontsize=7, color="#555",
            transform=ax.get_xaxis_transform())
    ax.text(split + 0.2, 1.02, "this period", ha="left", va="bottom", fontsize=7, color="#555",
            transform=ax.get_xaxis_transform())
    ax.set_xticks(range(n_days), [d.strftime("%d %b") for d in days], fontsize=7, rotation=0)
    for i, tick in enumerate(ax.get_xticklabels()):
        tick.set_visible(i % 2 == (n_days - 1) % 2)  # every other day, ending on the last
    ax.set_ylabel("events per day", fontsize=8)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.tick_params(axis="y", labelsize=7)
    if any(killed):
        ax2 = ax.twinx()
        ax2.plot(range(n_days), killed, color="#111", marker="o", markersize=3, linewidth=1.2, label="killed")
        ax2.set_ylabel("killed", fontsize=8)
        ax2.tick_params(axis="y", labelsize=7)
        ax2.set_ylim(bottom=0)
    if any(bottom):
        ax.legend(fontsize=7, loc="upper left", frameon=False, ncol=4)
    vague = sum(1 for r in brief.records if not _is_day(r))
    if vague:
        ax.text(1.0, -0.22, f"+ {_plural(vague, 'event')} of this period not dated to a day", ha="right", fontsize=7,
                color="#555", transform=ax.transAxes)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _png(fig)


def _network(records: list[dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], dict[tuple[str, str], Counter]]:
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for r in records:
        actors = {role: a for role in ("source", "target") if reads.is_actor(a := r.get(role))}
        for a in actors.values():
            nodes.setdefault(a["name"], {"name": a["name"], "n": 0})["n"] += 1
        if len(actors) == 2 and actors["source"]["name"] != actors["target"]["name"]:
            edges[(actors["source"]["name"], actors["target"]["name"])][r.get("quad_class") or 0] += 1
    return nodes, edges


def _component_layout(graph: Any) -> dict[str, tuple[float, float]]:
    """Each connected group laid out on its own (spring layout) in a cell of a grid, biggest first, so
    unconnected pairs never sit on top of each other."""
    import networkx as nx

    parts = sorted(nx.weakly_connected_components(graph), key=lambda c: (-len(c), sorted(c)))
    columns = max(1, min(len(parts), round(len(parts) ** 0.5 * 1.5)))
    pos: dict[str, tuple[float, float]] = {}
    for i, part in enumerate(parts):
        row, col = divmod(i, columns)
        sub = nx.spring_layout(graph.subgraph(part).to_undirected(), seed=7, iterations=200) if len(part) > 1 else {
            next(iter(part)): (0.0, 0.0)}
        for k, (x, y) in sub.items():
            pos[k] = (col * 3.0 + x * 1.1, -row * 2.6 + y * 0.9)
    return pos


def network_png(records: list[dict[str, Any]], max_nodes: int = 30) -> bytes:
    """The actors of the period: node size by events, arrows source -> target coloured by quad class."""
    import networkx as nx
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    nodes, edges = _network(records)
    keep = sorted(nodes, key=lambda k: (-nodes[k]["n"], k))[:max_nodes]
    graph = nx.DiGraph()
    graph.add_nodes_from(keep)
    graph.add_edges_from((s, t) for s, t in edges if s in graph and t in graph)
    fig = Figure(figsize=(7.5, 4.6), dpi=100)
    ax = fig.add_axes((0.02, 0.02, 0.96, 0.88))
    if not keep:
        ax.text(0.5, 0.5, "no actors in this period", ha="center", va="center", transform=ax.transAxes)
        ax.axis("off")
        return _png(fig)
    pos = _component_layout(graph)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    padx, pady = (max(xs) - min(xs)) * 0.18 + 0.1, (max(ys) - min(ys)) * 0.12 + 0.1
    ax.set_xlim(min(xs) - padx, max(xs) + padx)
    ax.set_ylim(min(ys) - pady, max(ys) + pady)
    size = {k: 80 + 60 * nodes[k]["n"] for k in keep}
    for (s, t), quads in edges.items():
        if s in graph and t in graph:
            quad, weight = quads.most_common(1)[0][0], sum(quads.values())
            ax.annotate("", xy=pos[t], xytext=pos[s], zorder=1, arrowprops={
                "arrowstyle": "-|>", "color": QUAD_COLORS[quad], "lw": 0.8 + 0.8 * weight, "mutation_scale": 14,
                "shrinkA": (size[s] ** 0.5) / 2 + 1, "shrinkB": (size[t] ** 0.5) / 2 + 2})
    for k in keep:
        ax.scatter([pos[k][0]], [pos[k][1]], s=size[k], color="#34495e", edgecolors="white", zorder=2)
    _label(ax, fig, [(pos[k][0], pos[k][1], k, (size[k] ** 0.5) / 2 * fig.dpi / 72) for k in keep])
    quads = sorted({q for c in edges.values() for q in c if q})
    ax.legend(handles=[Patch(color=QUAD_COLORS[q], label=QUAD_NAMES[q]) for q in quads], fontsize=7, frameon=False,
              loc="upper center", bbox_to_anchor=(0.5, 1.1), ncol=4, title="arrow: who acts on whom",
              title_fontsize=7)
    ax.axis("off")
    return _png(fig)


def _event_line(r: dict[str, Any], docs: dict[str, dict[str, Any]]) -> tuple[str, str, str]:
    """(headline, note, quote) of one event, as plain text."""
    src, tgt = (r.get("source") or {}).get("name", "?"), (r.get("target") or {}).get("name")
    loc = (r.get("location") or {}).get("name")
    killed = f", {_killed(r)} killed" if _killed(r) else ""
    head = f"{r['type']}: {src}{' → ' + tgt if tgt else ''}{' in ' + loc if loc else ''}{killed}"
    doc = docs.get(r["doc_id"], {})
    return head, modality_note(r), f"“{r['evidence']['sentence']}” ({doc.get('title') or r['doc_id']})"


def _when(r: dict[str, Any]) -> str:
    d = r.get("date") or {}
    return f"{d.get('start')} … {d.get('end')}" if d.get("end") != d.get("start") else str(d.get("start"))


def count_rows(brief: Brief) -> list[tuple[str, str, int, int, int]]:
    """(type, country, events now, events before, killed now) for every pair seen in either period."""
    now = Counter((r["type"], _country(r)) for r in brief.records)
    before = Counter((r["type"], _country(r)) for r in brief.previous_records)
    killed: Counter[tuple[str, str]] = Counter()
    for r in brief.records:
        killed[(r["type"], _country(r))] += _killed(r)
    keys = sorted(now.keys() | before.keys(), key=lambda k: (-now[k], -before[k], k))
    return [(t, c, now[(t, c)], before[(t, c)], killed[(t, c)]) for t, c in keys]


def _changes(brief: Brief) -> list[str]:
    lines = []
    for t in sorted(brief.types.keys() | brief.previous_types.keys()):
        now, before = brief.types.get(t, 0), brief.previous_types.get(t, 0)
        if now != before:
            lines.append(f"{t}: {before} → {now} ({now - before:+d})")
    return lines


def _title(brief: Brief) -> str:
    return f"Situation report {brief.since or '…'} to {brief.until or '…'}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_lines(brief: Brief) -> list[str]:
    """Three lines an analyst reads first: volume and change, what happened, who and where."""
    before = len(brief.previous_records)
    days = (brief.previous[1] - brief.previous[0]).days + 1 if brief.previous else 0
    change = f"; the {days} days before had {before} ({brief.n_events - before:+d})" if brief.previous else ""
    first = f"{_plural(brief.n_events, 'event')} in {_plural(len(brief.documents), 'document')}{change}."
    types = ", ".join(f"{t} {n}" for t, n in list(brief.types.items())[:3]) or "none"
    killed = f"{brief.fatalities} people reported killed" if brief.fatalities else "no fatalities reported"
    second = f"Most frequent: {types}; {killed}."
    actors = ", ".join(f"{a['name']} ({a['n_events']})" for a in brief.actors[:3]) or "none named"
    places = Counter(_country(r) for r in brief.records if _country(r) != "—").most_common(2)
    where = ", ".join(f"{c} ({n})" for c, n in places) or "no country identified"
    return [first, second, f"Most active: {actors}; most events in {where}."]


def _md(text: str) -> str:
    """Text safe inside Markdown (no raw HTML, no table breaks)."""
    return html.escape(text, quote=False).replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def _sections(brief: Brief) -> list[tuple[str, list[dict[str, Any]]]]:
    out = list(brief.days.items())
    if brief.vague:
        out.append(("Dated less precisely than a day", brief.vague))
    return out


def render_markdown(brief: Brief, images: dict[str, str]) -> str:
    """Markdown; `images` maps figure name to the relative path of its PNG."""
    out = [f"# {_title(brief)}", ""] + [f"- {_md(line)}" for line in summary_lines(brief)]
    out += ["", "## Counts by type and country", "", "| type | country | events | previous | change | killed |",
            "|---|---|---|---|---|---|"]
    out += [f"| {t} | {c} | {n} | {b} | {n - b:+d} | {k} |" for t, c, n, b, k in count_rows(brief)]
    if "chart" in images:
        out += ["", f"![events per day]({images['chart']})"]
    out += ["", "## Key events by day", ""]
    for day, records in _sections(brief):
        out += [f"### {day}", ""]
        for r in records:
            head, note, quote = _event_line(r, brief.documents)
            when = "" if _is_day(r) else f" ({_when(r)})"
            out.append(f"- **{_md(head)}**{_md(when)}{' — _' + _md(note) + '_' if note else ''}  \n  > {_md(quote)}")
        out.append("")
    out += ["## Most active actors", "", "| actor | country | events | documents |", "|---|---|---|---|"]
    out += [f"| {_md(a['name'])} | {a['country'] or ''} | {a['n_events']} | {a['n_documents']} |" for a in brief.actors]
    out += ["", "## What changed since the previous period", ""]
    out += [f"- {line}" for line in _changes(brief)] or ["- no change in event counts"]
    if brief.new_actors:
        out.append(f"- new actors: {_md(', '.join(brief.new_actors))}")
    out += ["", "## Map and actor network", ""]
    out += [f"![{name}]({path})" for name, path in images.items() if name != "chart"]
    return "\n".join(out) + "\n"


def render_html(brief: Brief) -> str:
    """A standalone HTML page; figures embedded as base64 PNG, every text escaped."""
    e = html.escape

    def img(name: str) -> str:
        png = brief.figures.get(name)
        return f"<img alt='{name}' src='data:image/png;base64,{base64.b64encode(png).decode()}'>" if png else ""

    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{e(_title(brief))}</title>",
             "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;"
             "color:#1d232b}blockquote{margin:.2rem 0 .6rem 1rem;color:#444}.note{color:#8a5a00;font-style:italic}"
             "table{border-collapse:collapse;margin:.3rem 0}td,th{border:1px solid #ccc;padding:.15rem .5rem}"
             "td.n{text-align:right}.summary{font-size:1.05rem;line-height:1.5}.when{color:#555}"
             "img{max-width:100%}h2{margin-top:1.4rem;border-bottom:1px solid #ddd}</style></head><body>",
             f"<h1>{e(_title(brief))}</h1><div class='summary'>",
             *[f"{e(line)}<br>" for line in summary_lines(brief)], "</div>",
             "<h2>Counts by type and country</h2><table><tr><th>type</th><th>country</th><th>events</th>"
             "<th>previous</th><th>change</th><th>killed</th></tr>"]
    parts += [f"<tr><td>{e(t)}</td><td>{e(c)}</td><td class='n'>{n}</td><td class='n'>{b}</td>"
              f"<td class='n'>{n - b:+d}</td><td class='n'>{k}</td></tr>" for t, c, n, b, k in count_rows(brief)]
    parts += ["</table>", img("chart"), "<h2>Key events by day</h2>"]
    for day, records in _sections(brief):
        parts.append(f"<h3>{e(day)}</h3><ul>")
        for r in records:
            head, note, quote = _event_line(r, brief.documents)
            when = "" if _is_day(r) else f" <span class='when'>({e(_when(r))})</span>"
            note_html = f" <span class='note'>({e(note)})</span>" if note else ""
            parts.append(f"<li><b>{e(head)}</b>{when}{note_html}<blockquote>{e(quote)}</blockquote></li>")
        parts.append("</ul>")
    parts.append("<h2>Most active actors</h2><table><tr><th>actor</th><th>country</th><th>events</th>"
                 "<th>documents</th></tr>")
    parts += [f"<tr><td>{e(a['name'])}</td><td>{e(a['country'] or '')}</td><td class='n'>{a['n_events']}</td>"
              f"<td class='n'>{a['n_documents']}</td></tr>" for a in brief.actors]
    parts.append("</table><h2>What changed since the previous period</h2><ul>")
    parts += [f"<li>{e(line)}</li>" for line in _changes(brief)] or ["<li>no change in event counts</li>"]
    if brief.new_actors:
        parts.append(f"<li>new actors: {e(', '.join(brief.new_actors))}</li>")
    parts += ["</ul><h2>Map</h2>", img("map"), "<h2>Actor network</h2>", img("network")]
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
