// Actor network: a small deterministic force layout in SVG; node size = events, edge width = weight.
import {clear, svg} from './util.js';

const MAX_NODES = 120, ITERATIONS = 300;

function layout(nodes, edges, width, height) {
  const k = Math.sqrt((width * height) / Math.max(nodes.length, 1)) * 0.45;
  nodes.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / nodes.length;
    n.x = width / 2 + (width / 3) * Math.cos(angle);
    n.y = height / 2 + (height / 3) * Math.sin(angle);
  });
  for (let it = 0, temp = width / 10; it < ITERATIONS; it++, temp *= 0.985) {
    for (const n of nodes) { n.dx = (width / 2 - n.x) * 0.15; n.dy = (height / 2 - n.y) * 0.15; }
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i], b = nodes[j];
        const dx = a.x - b.x || 0.01, dy = a.y - b.y || 0.01, d2 = dx * dx + dy * dy, f = d2 > 9 * k * k ? 0 : (k * k) / d2;
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
      n.x = Math.min(width - 20, Math.max(20, n.x + (n.dx / d) * step));
      n.y = Math.min(height - 14, Math.max(14, n.y + (n.dy / d) * step));
    }
  }
}

export function drawNetwork(root, network, {onNode, onEdge, activeName}) {
  clear(root);
  const width = root.clientWidth || 500, height = root.clientHeight || 340;
  const nodes = [...network.nodes].sort((a, b) => b.n_events - a.n_events).slice(0, MAX_NODES).map((n) => ({...n}));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = network.edges.filter((e) => byId.has(e.source) && byId.has(e.target))
    .map((e) => ({...e, a: byId.get(e.source), b: byId.get(e.target)}));
  if (!nodes.length) {
    root.appendChild(svg('text', {x: 10, y: 24, class: 'hint'})).textContent = 'No actors match the filters.';
    return 0;
  }
  layout(nodes, edges, width, height);
  for (const e of edges) {
    const types = Object.entries(e.types).map(([t, n]) => `${t} ×${n}`).join(', ');
    const line = root.appendChild(svg('line', {
      class: `net-edge ${e.kind}`, x1: e.a.x, y1: e.a.y, x2: e.b.x, y2: e.b.y,
      'stroke-width': 1 + 1.5 * Math.log2(1 + e.weight), 'data-weight': e.weight,
    }, `${e.a.name} → ${e.b.name}: ${types}`));
    if (e.event_ids.length) line.addEventListener('click', () => onEdge(e.event_ids[0]));
  }
  for (const n of nodes) {
    const circle = root.appendChild(svg('circle', {
      class: `net-node${n.name === activeName ? ' active' : ''}`, cx: n.x, cy: n.y,
      r: 4 + 2 * Math.sqrt(n.n_events), 'data-actor-id': n.id,
    }, `${n.name}${n.country ? ' (' + n.country + ')' : ''}: ${n.n_events} events`));
    circle.addEventListener('click', () => onNode(n.name));
    const right = n.x > width * 0.7;
    root.appendChild(svg('text', {class: 'net-label', x: right ? n.x - 7 : n.x + 7, y: n.y - 6,
      'text-anchor': right ? 'end' : 'start'})).textContent = n.name;
  }
  return nodes.length;
}
