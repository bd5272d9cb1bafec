// The page: shared filters drive the chart, map, network, list and evidence; any event opens its evidence.
import {MapView} from './map.js';
import {drawLegend, drawNetwork} from './network.js';
import {showEvidence} from './evidence.js';
import {autoBucket, drawTimeline} from './timeline.js';
import {api, clear, describe, drawSwatches, el} from './util.js';

const LIMIT = 5000;
const $ = (id) => document.getElementById(id);
const form = $('filters');
const state = {facets: null, events: [], selected: null, generation: 0};
const HINT = 'Click an event in the map, network or list.';
let mapView = null;

function currentFilters() {
  return Object.fromEntries([...new FormData(form)].filter(([, value]) => value !== ''));
}

function fillSelect(select, counts) {
  for (const [value, n] of Object.entries(counts)) select.appendChild(el('option', {value}, `${value} (${n})`));
}

function drawList(events, total) {
  const list = $('event-list');
  clear(list);
  if (!events.length) list.appendChild(el('li', {class: 'hint empty'}, '0 events match the filters.'));
  for (const event of events.slice(0, 500)) {
    const item = list.appendChild(el('li', {'data-event-id': event.event_id}, `${describe(event)} [${event.modality}]`));
    item.addEventListener('click', () => select(event.event_id));
  }
  $('event-count').textContent = total > 500 ? `(first 500 of ${total})` : `(${total})`;
}

function markSelected() {
  for (const node of document.querySelectorAll('.selected')) node.classList.remove('selected');
  if (!state.selected) return;
  for (const node of document.querySelectorAll('[data-event-id]')) {
    if (node.dataset.eventId === state.selected) node.classList.add('selected');
  }
}

function clearEvidence(message = HINT) {
  state.selected = null;
  const box = $('evidence');
  clear(box);
  delete box.dataset.eventId;
  box.appendChild(el('p', {class: 'hint'}, message));
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

function chartBucket(filters) {
  const choice = $('bucket').value;
  if (choice !== 'auto') return choice;
  return autoBucket(filters.since || state.facets.date_min, filters.until || state.facets.date_max);
}

function setPeriod(t0, t1) {
  form.elements.since.value = new Date(t0).toISOString().slice(0, 10);
  form.elements.until.value = new Date(t1).toISOString().slice(0, 10);
  refresh();
}

async function refresh() {
  const generation = ++state.generation;
  const filters = currentFilters(), bucket = chartBucket(filters);
  $('status').textContent = 'loading…';
  document.body.classList.add('loading');
  try {
    const [page, network, timeline] = await Promise.all([
      api('events', {...filters, limit: LIMIT}), api('network', {...filters, event_actors: true}),
      api('timeline', {...filters, bucket})]);
    if (generation !== state.generation) return;
    state.events = page.events;
    const apart = bucket === 'day' ? 'not dated to a single day' : `not dated within one ${bucket}`;
    const bars = drawTimeline($('timeline'), timeline, bucket, {onPeriod: setPeriod, apartLabel: apart});
    const markers = mapView.show(page.events);
    const nodes = drawNetwork($('network'), network, {
      activeName: filters.actor, onEdge: select,
      onNode: (name) => { form.elements.actor.value = name; refresh(); },
    });
    drawList(page.events, page.total);
    if (state.selected && !page.events.some((e) => e.event_id === state.selected)) {
      clearEvidence('The selected event is outside the current filters.');
    }
    markSelected();
    Object.assign(document.body.dataset, {bars, markers, nodes, events: page.total, documents: page.documents,
      ready: generation});
    $('status').textContent = `${page.total} events${page.total > LIMIT ? ` (showing ${LIMIT})` : ''}` +
      ` in ${page.documents} of ${state.facets.documents} documents`;
  } catch (error) {
    $('status').textContent = `error: ${error.message}`;
  } finally {
    if (generation === state.generation) document.body.classList.remove('loading');
  }
}

async function init() {
  state.facets = await api('facets');
  fillSelect(form.elements.type, state.facets.types);
  fillSelect(form.elements.modality, state.facets.modalities);
  drawSwatches($('legend'), [['fatal', 'killed (right axis)']]);
  drawLegend($('network-legend'));
  mapView = new MapView($('map'), select);
  document.body.dataset.datelineCrossings = await mapView.loadBasemap('ui/vendor/world-atlas/countries-110m.geojson');
  let typing = null;
  form.addEventListener('change', refresh);
  form.addEventListener('input', (event) => {
    if (event.target.type !== 'search') return;  // selects and dates refresh on 'change'
    clearTimeout(typing);
    typing = setTimeout(refresh, 300);
  });
  form.addEventListener('submit', (event) => { event.preventDefault(); refresh(); });
  form.addEventListener('reset', () => setTimeout(refresh, 0));
  $('bucket').addEventListener('change', refresh);
  await refresh();
}

init().catch((error) => { $('status').textContent = `error: ${error.message}`; });
