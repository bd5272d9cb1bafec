// Timeline: one bar per event over its date interval, packed into lanes, coloured by quad class.
import {DAY, clear, describe, quadOf, svg} from './util.js';

const MARGIN = 10, AXIS = 20, LANE = 12, GAP = 3, MAX_LANES = 24;

function lanesFor(events, x) {
  const ends = [], placed = [];
  for (const event of events) {
    const x0 = x(Date.parse(event.date.start));
    const x1 = Math.max(x(Date.parse(event.date.end) + DAY), x0 + 4);
    let lane = ends.findIndex((end) => end < x0);
    if (lane < 0) lane = ends.length < MAX_LANES ? ends.push(0) - 1 : placed.length % MAX_LANES;
    ends[lane] = x1 + 1;
    placed.push({event, x0, x1, lane});
  }
  return {placed, lanes: Math.max(ends.length, 1)};
}

function drawAxis(root, t0, t1, x, width) {
  const axis = root.appendChild(svg('g', {class: 'axis'}));
  const ticks = Math.max(2, Math.floor(width / 120));
  for (let i = 0; i <= ticks; i++) {
    const t = t0 + Math.round((t1 - t0) * i / ticks / DAY) * DAY;
    axis.appendChild(svg('line', {x1: x(t), x2: x(t), y1: 0, y2: AXIS - 6}));
    const label = axis.appendChild(svg('text', {x: x(t), y: AXIS - 8, 'text-anchor': i === 0 ? 'start' : i === ticks ? 'end' : 'middle'}));
    label.textContent = new Date(t).toISOString().slice(0, 10);
  }
}

export function drawTimeline(root, events, range, onSelect) {
  clear(root);
  const dated = events.filter((e) => e.date).sort((a, b) => a.date.start.localeCompare(b.date.start));
  const width = root.clientWidth || 800;
  if (!range[0] || !range[1] || !dated.length) {
    root.style.height = '40px';
    root.appendChild(svg('text', {x: MARGIN, y: 24, class: 'hint'})).textContent = 'No dated events match the filters.';
    return 0;
  }
  const t0 = Date.parse(range[0]), t1 = Math.max(Date.parse(range[1]) + DAY, t0 + DAY);
  const x = (t) => MARGIN + Math.min(Math.max((t - t0) / (t1 - t0), 0), 1) * (width - 2 * MARGIN);
  const {placed, lanes} = lanesFor(dated, x);
  root.style.height = `${AXIS + lanes * (LANE + GAP) + 6}px`;
  drawAxis(root, t0, t1, x, width);
  for (const {event, x0, x1, lane} of placed) {
    const bar = root.appendChild(svg('rect', {
      class: `event-bar q${quadOf(event)}`, x: x0, y: AXIS + lane * (LANE + GAP), width: x1 - x0, height: LANE,
      rx: 2, 'data-event-id': event.event_id,
    }, `${describe(event)} (${event.modality})`));
    bar.addEventListener('click', () => onSelect(event.event_id));
  }
  return placed.length;
}
