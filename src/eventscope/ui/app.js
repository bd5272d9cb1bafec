// The page: shared filters drive the timeline, map, network and list; any event opens its evidence.
import {MapView} from './map.js';
import {drawNetwork} from './network.js';
import {showEvidence} from './evidence.js';
import {drawTimeline} from './timeline.js';
import {QUAD_NAMES, api, clear, describe, el} from './util.js';

const LIMIT = 5000;
const $ = (id) => document.getElementById(id);
const form = $('filters');
const state = {facets: null, events: [], selected: null, generation: 0};
let mapView = null;

function currentFilters() {
  return Object.fromEntries([...new FormData(form)].filter(([, value]) => value !== ''));
}

function fillSelect(select, counts) {
  for (const [value, n] of Object.entries(counts)) select.appendChild(el('option', {value}, `${value} (${n})`));
}

function drawLegend() {
  const legend = $('legend');
  for (const [q, name] of Object.entries(QUAD_NAMES)) {
    const item = legend.appendChild(el('span'));
    item.appendChild(el('span', {class: `swatch q${q}`}));
    item.appendChild(document.createTextNode(name));
  }
}

function drawList(events) {
  const list = $('event-list');
  clear(list);
  for (const event of events.slice(0, 500)) {
    const item = list.appendChild(el('li', {'data-event-id': event.event_id}, `${describe(event)} [${event.modality}]`));
    item.addEventListener('click', () => select(event.event_id));
  }
  $('event-count').textContent = events.length > 500 ? `(first 500 of ${events.length})` : `(${events.length})`;
}

function markSelected() {
  for (const node of document.querySelectorAll('.selected')) node.classList.remove('selected');
  if (!state.selected) return;
  for (const node of document.querySelectorAll('[data-event-id]')) {
    if (node.dataset.eventId === state.selected) node.classList.add('selected');
  }
}

async function select(eventId) {
  state.selected = eventId;
  markSelected();
  try {
    const detail = await api(`events/${encodeURIComponent(eventId)}`);
    const doc = await api(`documents/${encodeURIComponent(detail.event.doc_id)}`);
    if (state.selected === eventId) showEvidence($('evidence'), detail, doc);
  } catch (error) {
    $('status').textContent = `error: ${error.message}`;
  }
}

async function refresh() {
  const generation = ++state.generation;
  const filters = currentFilters();
  $('status').textContent = 'loading…';
  try {
    const [page, network] = await Promise.all([api('events', {...filters, limit: LIMIT}), api('network', filters)]);
    if (generation !== state.generation) return;
    state.events = page.events;
    const range = [filters.since || state.facets.date_min, filters.until || state.facets.date_max];
    const bars = drawTimeline($('timeline'), page.events, range, select);
    const markers = mapView.show(page.events);
    const nodes = drawNetwork($('network'), network, {
      activeName: filters.actor, onEdge: select,
      onNode: (name) => { form.elements.actor.value = name; refresh(); },
    });
    drawList(page.events);
    markSelected();
    Object.assign(document.body.dataset, {bars, markers, nodes, events: page.total, ready: generation});
    $('status').textContent = `${page.total} events${page.total > LIMIT ? ` (showing ${LIMIT})` : ''}` +
      ` · ${state.facets.documents} documents`;
  } catch (error) {
    $('status').textContent = `error: ${error.message}`;
  }
}

async function init() {
  state.facets = await api('facets');
  fillSelect(form.elements.type, state.facets.types);
  fillSelect(form.elements.modality, state.facets.modalities);
  drawLegend();
  mapView = new MapView($('map'), select);
  await mapView.loadBasemap('ui/vendor/world-atlas/countries-110m.geojson');
  let typing = null;
  form.addEventListener('change', refresh);
  form.addEventListener('input', (event) => {
    if (event.target.type !== 'search') return;  // selects and dates refresh on 'change'
    clearTimeout(typing);
    typing = setTimeout(refresh, 300);
  });
  form.addEventListener('submit', (event) => { event.preventDefault(); refresh(); });
  form.addEventListener('reset', () => setTimeout(refresh, 0));
  await refresh();
}

init().catch((error) => { $('status').textContent = `error: ${error.message}`; });
