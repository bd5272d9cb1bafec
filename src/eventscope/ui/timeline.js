// Counts over time: stacked bars per day/week/month and quad class from the API's /timeline, fatalities as a
// line on a second axis, and the events not dated within one period in a bar of their own at the right.
import {QUAD_NAMES, clear, svg} from './util.js';

const PAD = {left: 34, right: 34, top: 20, bottom: 22}, HEIGHT = 170, APART = 80;
const DAY = 86400000;

function addPeriod(t, bucket) {
  const d = new Date(t);
  if (bucket === 'day') return t + DAY;
  if (bucket === 'week') return t + 7 * DAY;
  if (bucket === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
}

/** The bucket that keeps the chart readable for a span of days (about 60 bars at most). */
export function autoBucket(minDay, maxDay) {
  if (!minDay || !maxDay) return 'day';
  const days = (Date.parse(maxDay) - Date.parse(minDay)) / DAY;
  return days <= 62 ? 'day' : days <= 400 ? 'week' : days <= 1900 ? 'month' : 'year';
}

function label(t, bucket) {
  const iso = new Date(t).toISOString();
  return bucket === 'month' ? iso.slice(0, 7) : bucket === 'year' ? iso.slice(0, 4) : iso.slice(0, 10);
}

/** A round tick step (1, 2, 5, 10, 20, ...) giving about four ticks up to n. */
function niceStep(n) {
  const raw = Math.max(n / 4, 1), step = 10 ** Math.floor(Math.log10(raw)), m = raw / step;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * step;
}

const niceMax = (n) => niceStep(n) * Math.max(1, Math.ceil(n / niceStep(n)));

function periods(rows, bucket) {
  const dated = rows.filter((r) => r.period);
  if (!dated.length) return [];
  const times = dated.map((r) => Date.parse(r.period));
  const out = [];
  for (let t = Math.min(...times), end = Math.max(...times), i = 0; t <= end && i < 5000; t = addPeriod(t, bucket), i++) {
    out.push(t);
  }
  return out;
}

function stacks(rows) {
  const by = new Map();
  for (const r of rows) {
    const key = r.period ? Date.parse(r.period) : 'apart';
    const s = by.get(key) || {n: 0, fatalities: 0, quads: {}};
    s.n += r.n; s.fatalities += r.fatalities || 0; s.quads[r.quad_class] = (s.quads[r.quad_class] || 0) + r.n;
    by.set(key, s);
  }
  return by;
}

function drawStack(root, stack, x, w, y, title, onClick) {
  let top = y(0);
  for (const q of [4, 3, 2, 1, 0]) {
    const n = stack.quads[q];
    if (!n) continue;
    const h = y(0) - y(n);
    top -= h;
    const bar = root.appendChild(svg('rect', {class: `count-bar q${q}`, x, y: top, width: w, height: Math.max(h, 0.5),
      'data-n': n, 'data-quad': q}, `${title}: ${n} ${QUAD_NAMES[q] || 'no class'}`));
    if (onClick) bar.addEventListener('click', onClick);
  }
}

/** Draw the chart into an <svg>; returns the number of events its bars show (always the filter's total). */
export function drawTimeline(root, rows, bucket, {onPeriod, apartLabel}) {
  clear(root);
  const width = root.clientWidth || 800;
  root.style.height = `${HEIGHT}px`;
  const total = rows.reduce((a, r) => a + r.n, 0);
  if (!total) {
    root.appendChild(svg('text', {x: PAD.left, y: 40, class: 'hint'})).textContent = 'No events match the filters.';
    return 0;
  }
  const by = stacks(rows), times = periods(rows, bucket), apart = by.get('apart');
  const plotRight = width - PAD.right - (apart ? APART : 0);
  const maxN = niceMax(1.1 * Math.max(...[...by.values()].map((s) => s.n)));
  const maxF = Math.max(0, ...[...by.entries()].filter(([k]) => k !== 'apart').map(([, s]) => s.fatalities));
  const y = (n) => PAD.top + (1 - n / maxN) * (HEIGHT - PAD.top - PAD.bottom);
  const yF = (n) => PAD.top + (1 - n / niceMax(maxF)) * (HEIGHT - PAD.top - PAD.bottom);
  const slot = times.length ? (plotRight - PAD.left) / times.length : 0, bw = Math.max(Math.min(slot * 0.8, 40), 1);
  const axis = root.appendChild(svg('g', {class: 'axis'}));
  for (let n = 0, step = niceStep(maxN); n <= maxN; n += step) {
    axis.appendChild(svg('line', {x1: PAD.left, x2: plotRight, y1: y(n), y2: y(n), class: 'grid'}));
    axis.appendChild(svg('text', {x: PAD.left - 4, y: y(n) + 3, 'text-anchor': 'end'})).textContent = n;
  }
  axis.appendChild(svg('text', {x: 2, y: 10, class: 'axis-title'})).textContent = 'events';
  const every = Math.max(1, Math.ceil(times.length / Math.max(1, Math.floor((plotRight - PAD.left) / 78))));
  times.forEach((t, i) => {
    const x0 = PAD.left + i * slot + (slot - bw) / 2, title = label(t, bucket), s = by.get(t);
    if (i % every === 0) {
      axis.appendChild(svg('text', {x: x0 + bw / 2, y: HEIGHT - 6, 'text-anchor': 'middle'})).textContent = title;
    }
    if (s) drawStack(root, s, x0, bw, y, title, () => onPeriod(t, addPeriod(t, bucket) - DAY));
  });
  if (apart) {
    const x0 = plotRight + 40;
    root.appendChild(svg('line', {x1: plotRight + 28, x2: plotRight + 28, y1: PAD.top, y2: y(0), class: 'apart-rule'}));
    drawStack(root, apart, x0, Math.min(bw, 30), y, apartLabel, null);
    const text = root.appendChild(svg('text', {x: x0 + Math.min(bw, 30) / 2, y: HEIGHT - 6, 'text-anchor': 'middle', class: 'apart-label'}));
    text.textContent = 'no date';
    text.appendChild(svg('title')).textContent = apartLabel;
  }
  if (maxF > 0) {
    const pts = times.map((t, i) => [PAD.left + i * slot + slot / 2, yF(by.get(t)?.fatalities || 0)]);
    root.appendChild(svg('polyline', {class: 'fatality-line', points: pts.map((p) => p.join(',')).join(' ')}));
    times.forEach((t, i) => {
      const f = by.get(t)?.fatalities || 0;
      if (f) root.appendChild(svg('circle', {class: 'fatality-dot', cx: pts[i][0], cy: pts[i][1], r: 3},
        `${label(t, bucket)}: ${f} killed`));
    });
    const right = root.appendChild(svg('g', {class: 'axis fatality-axis'}));
    right.appendChild(svg('text', {x: plotRight + 4, y: yF(niceMax(maxF)) + 3})).textContent = niceMax(maxF);
    right.appendChild(svg('text', {x: plotRight + 4, y: yF(0) + 3})).textContent = '0';
  }
  return total;
}
