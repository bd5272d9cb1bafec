// Actor network: a small deterministic force layout in SVG. Node size = events, directed edges with arrows,
// width = event count, colour = the edge's main quad class (relations dashed), labels placed so they never
// overlap a node or another label (a label that cannot be placed is left to the node's tooltip).
import {QUAD_COLORS, clear, drawSwatches, el, svg} from './util.js';

const MAX_NODES = 80, ITERATIONS = 300, RELATION_COLOR = '#7b52ab';

const radius = (n) => 4 + 2.2 * Math.sqrt(n.n_events);

/** One node per actor name: the store may hold "protesters" with and without a country. */
function merge(network) {
  const byName = new Map(), alias = new Map();
  for (const n of network.nodes) {
    const key = n.name.toLowerCase(), seen = byName.get(key);
    if (seen) { seen.n_events += n.n_events; seen.country = seen.country || n.country; alias.set(n.id, seen.id); }
    else { byName.set(key, {...n}); alias.set(n.id, n.id); }
  }
  const edges = new Map();
  for (const e of network.edges) {
    const s = alias.get(e.source), t = alias.get(e.target);
    if (!s || !t || s === t) continue;
    const key = `${s}\u0000${t}\u0000${e.kind}`, seen = edges.get(key);
    if (seen) { seen.weight += e.weight; seen.event_ids.push(...e.event_ids); }
    else edges.set(key, {...e, source: s, target: t, event_ids: [...e.event_ids]});
  }
  return {nodes: [...byName.values()], edges: [...edges.values()]};
}

function layout(nodes, edges, width, height) {
  const k = Math.sqrt((width * height) / Math.max(nodes.length, 1)) * 0.5;
  nodes.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / nodes.length;
    n.x = width / 2 + (width / 3) * Math.cos(angle);
    n.y = height / 2 + (height / 3) * Math.sin(angle);
  });
  for (let it = 0, temp = width / 10; it < ITERATIONS; it++, temp *= 0.985) {
    for (const n of nodes) { n.dx = (width / 2 - n.x) * 0.08; n.dy = (height / 2 - n.y) * 0.12; }
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i], b = nodes[j];
        const dx = a.x - b.x || 0.01, dy = a.y - b.y || 0.01, d2 = dx * dx + dy * dy;
        const f = d2 > 9 * k * k ? 0 : (k * k) / d2;
        a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
      }
    }
    for (const e of edges) {
      const dx = e.a.x - e.b.x, dy = e.a.y - e.b.y, d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      const f = (d / k) * (1 + Math.log2(1 + e.weight) * 0.3);
      e.a.dx -= (dx * f) / 2; e.a.dy -= (dy * f) / 2;
      e.b.dx += (dx * f) / 2; e.b.dy += (dy * f) / 2;
    }
    for (const n of nodes) {
      const d = Math.sqrt(n.dx * n.dx + n.dy * n.dy) || 1, step = Math.min(d, temp);
      n.x = Math.min(width - 30, Math.max(30, n.x + (n.dx / d) * step));
      n.y = Math.min(height - 16, Math.max(16, n.y + (n.dy / d) * step));
    }
  }
}

function defs(root) {
  const d = root.appendChild(svg('defs'));
  for (const [q, color] of [...Object.entries(QUAD_COLORS), ['rel', RELATION_COLOR]]) {
    const m = d.appendChild(svg('marker', {id: `arrow-${q}`, viewBox: '0 0 10 10', refX: 9, refY: 5,
      markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse', markerUnits: 'userSpaceOnUse'}));
    m.appendChild(svg('path', {d: 'M0,0 L10,5 L0,10 z', fill: color}));
  }
}

const overlaps = (a, b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

function placeLabels(root, nodes, width, height) {
  const taken = nodes.map((n) => ({x0: n.x - n.r, x1: n.x + n.r, y0: n.y - n.r, y1: n.y + n.r}));
  for (const n of [...nodes].sort((a, b) => b.n_events - a.n_events)) {
    const text = root.appendChild(svg('text', {class: 'net-label'}));
    text.textContent = n.name;
    const w = text.getComputedTextLength() || 6 * n.name.length, h = 11, gap = n.r + 3;
    const options = [[n.x + gap, n.y + 4, 'start'], [n.x - gap, n.y + 4, 'end'], [n.x, n.y - gap - 2, 'middle'],
      [n.x, n.y + gap + h - 1, 'middle']];
    const box = ([x, y, anchor]) => {
      const x0 = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
      return {x0, x1: x0 + w, y0: y - h + 2, y1: y + 2};
    };
    const fits = options.find((o) => {
      const b = box(o);
      return b.x0 >= 0 && b.x1 <= width && b.y0 >= 0 && b.y1 <= height && !taken.some((t) => overlaps(b, t));
    });
    if (!fits) { text.remove(); continue; }
    taken.push(box(fits));
    Object.entries({x: fits[0], y: fits[1], 'text-anchor': fits[2]}).forEach(([k, v]) => text.setAttribute(k, v));
  }
}

export function drawLegend(container) {
  drawSwatches(container, [['rel', 'relation (dashed)']]);
  container.appendChild(el('span', {class: 'hint'}, 'arrow: who acts on whom · width: events'));
}

export function drawNetwork(root, network, {onNode, onEdge, activeName}) {
  clear(root);
  const width = root.clientWidth || 500, height = root.clientHeight || 360;
  const merged = merge(network);
  const nodes = merged.nodes.sort((a, b) => b.n_events - a.n_events).slice(0, MAX_NODES);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = merged.edges.filter((e) => byId.has(e.source) && byId.has(e.target))
    .map((e) => ({...e, a: byId.get(e.source), b: byId.get(e.target)}));
  if (!nodes.length) {
    root.appendChild(svg('text', {x: 10, y: 24, class: 'hint'})).textContent = 'No actors match the filters.';
    return 0;
  }
  nodes.forEach((n) => { n.r = radius(n); });
  layout(nodes, edges, width, height);
  defs(root);
  for (const e of edges) {
    const types = Object.entries(e.types).map(([t, n]) => `${t} ×${n}`).join(', ');
    const dx = e.b.x - e.a.x, dy = e.b.y - e.a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
    const ux = dx / d, uy = dy / d, relation = e.kind === 'relation';
    const q = relation ? 'rel' : (e.quad_class ?? 0);
    const line = root.appendChild(svg('line', {
      class: `net-edge ${e.kind}`, x1: e.a.x + ux * e.a.r, y1: e.a.y + uy * e.a.r,
      x2: e.b.x - ux * (e.b.r + 2), y2: e.b.y - uy * (e.b.r + 2), stroke: relation ? RELATION_COLOR : QUAD_COLORS[q],
      'stroke-width': 1 + 1.5 * Math.log2(1 + e.weight), 'marker-end': `url(#arrow-${q})`, 'data-weight': e.weight,
      'data-source': e.source, 'data-target': e.target,
    }, `${e.a.name} → ${e.b.name}: ${types}`));
    if (e.event_ids.length) line.addEventListener('click', () => onEdge(e.event_ids[0]));
  }
  for (const n of nodes) {
    const circle = root.appendChild(svg('circle', {
      class: `net-node k-${n.kind}${n.name === activeName ? ' active' : ''}`, cx: n.x, cy: n.y, r: n.r,
      'data-actor-id': n.id, 'data-name': n.name,
    }, `${n.name}${n.country ? ' (' + n.country + ')' : ''}: ${n.n_events} events`));
    circle.addEventListener('click', () => onNode(n.name));
  }
  placeLabels(root, nodes, width, height);
  return nodes.length;
}
