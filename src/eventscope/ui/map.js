// Map: the shipped Natural Earth basemap (no tiles, works offline), located events clustered on a pixel grid
// (count in the bubble, dominant quad class as its colour), place labels that never overlap, and a message
// when nothing is located.
import {QUAD_COLORS, QUAD_NAMES, describe, quadOf} from './util.js';

const CELL = 44;  // px: events closer than this on screen share one bubble

/** Rings (as [lng, lat] lists) of a Leaflet layer whose consecutive points are more than 180° apart. */
function crossingRings(layer) {
  let n = 0;
  const walk = (latlngs) => {
    if (!latlngs.length) return;
    if (Array.isArray(latlngs[0])) { latlngs.forEach(walk); return; }
    for (let i = 1; i < latlngs.length; i++) if (Math.abs(latlngs[i].lng - latlngs[i - 1].lng) > 180) { n++; return; }
  };
  layer.eachLayer((l) => walk(l.getLatLngs()));
  return n;
}

function dominantQuad(events) {
  const counts = {};
  for (const e of events) counts[quadOf(e)] = (counts[quadOf(e)] || 0) + 1;
  return Number(Object.entries(counts).sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0]);
}

function placeLabel(events) {
  const names = [...new Set(events.map((e) => e.location.name).filter(Boolean))];
  return names.length > 2 ? `${names.slice(0, 2).join(', ')} +${names.length - 2}` : names.join(', ');
}

export class MapView {
  constructor(element, onSelect) {
    this.onSelect = onSelect;
    this.element = element;
    this.map = L.map(element, {worldCopyJump: true, minZoom: 1, maxZoom: 9, zoomSnap: 0.5}).setView([20, 10], 1.5);
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution('Natural Earth 1:110m');
    this.layer = L.layerGroup().addTo(this.map);
    this.located = [];
    this.empty = element.parentNode.appendChild(document.createElement('div'));
    this.empty.className = 'map-empty hint';
    this.empty.hidden = true;
    this.map.on('zoomend', () => this.draw());
  }

  async loadBasemap(url) {
    const response = await fetch(url);
    const countries = await response.json();
    this.basemap = L.geoJSON(countries, {interactive: false,
      style: {color: '#9aa5b1', weight: 0.6, fillColor: '#fbfbf7', fillOpacity: 1}}).addTo(this.map);
    return crossingRings(this.basemap);
  }

  /** Show the located events of `events`; returns how many are located. */
  show(events) {
    this.located = events.filter((e) => e.location && e.location.lat !== null && e.location.lon !== null);
    const unlocated = events.length - this.located.length;
    this.empty.hidden = this.located.length > 0;
    this.empty.textContent = events.length
      ? `No located events: none of the ${events.length} matching events has a place with coordinates.`
      : 'No events match the filters.';
    this.element.parentNode.querySelector('.map-note').textContent =
      this.located.length ? `${this.located.length} located${unlocated ? `, ${unlocated} without a place` : ''}` : '';
    if (this.located.length) {
      const bounds = L.latLngBounds(this.located.map((e) => [e.location.lat, e.location.lon]));
      this.map.fitBounds(bounds.pad(0.3), {maxZoom: 5, animate: false});
    }
    this.draw();
    return this.located.length;
  }

  /** Greedy clustering in screen pixels: an event joins the first cluster whose centre is within CELL. */
  clusters() {
    const zoom = this.map.getZoom(), groups = [];
    for (const e of this.located) {
      const p = this.map.project([e.location.lat, e.location.lon], zoom);
      const near = groups.find((g) => Math.hypot(g.x - p.x, g.y - p.y) < CELL);
      if (near) {
        near.events.push(e);
        near.x += (p.x - near.x) / near.events.length;
        near.y += (p.y - near.y) / near.events.length;
      } else {
        groups.push({x: p.x, y: p.y, events: [e]});
      }
    }
    return groups.map((g) => g.events);
  }

  draw() {
    this.layer.clearLayers();
    const labels = [];
    for (const events of this.clusters()) {
      const lat = events.reduce((a, e) => a + e.location.lat, 0) / events.length;
      const lon = events.reduce((a, e) => a + e.location.lon, 0) / events.length;
      const quad = dominantQuad(events), where = placeLabel(events);
      let marker;
      if (events.length === 1) {
        const event = events[0];
        marker = L.circleMarker([lat, lon], {radius: 7, color: '#222', weight: 1, fillColor: QUAD_COLORS[quad],
          fillOpacity: 0.9, className: 'event-marker'});
        marker.on('click', () => this.onSelect(event.event_id));
        marker.bindTooltip(`${describe(event)} — ${where}`, {direction: 'top'});
      } else {
        const size = 22 + Math.min(18, 4 * Math.log2(events.length));
        marker = L.marker([lat, lon], {icon: L.divIcon({className: 'cluster', iconSize: [size, size],
          html: `<span style="background:${QUAD_COLORS[quad]}">${events.length}</span>`})});
        marker.on('click', () => this.openCluster(marker, events));
        marker.bindTooltip(`${events.length} events — ${where} (mostly ${QUAD_NAMES[quad] || 'unclassified'})`,
          {direction: 'top'});
      }
      marker.addTo(this.layer);
      const node = marker.getElement();
      node?.setAttribute('data-count', events.length);
      if (events.length === 1) node?.setAttribute('data-event-id', events[0].event_id);
      if (where) labels.push({lat, lon, where, n: events.length});
    }
    this.drawLabels(labels);
  }

  /** Place labels right of their bubble, biggest clusters first, dropping any that would overlap a bubble
   * or a label already placed. */
  drawLabels(labels) {
    const radius = (l) => (l.n > 1 ? 11 + Math.min(9, 2 * Math.log2(l.n)) : 8);
    const placed = labels.map((l) => {
      const p = this.map.latLngToLayerPoint([l.lat, l.lon]), r = radius(l);
      return [p.x - r, p.y - r, p.x + r, p.y + r];
    });
    for (const l of labels.sort((a, b) => b.n - a.n)) {
      const p = this.map.latLngToLayerPoint([l.lat, l.lon]), gap = radius(l) + 3, w = 6.2 * l.where.length + 6;
      const sides = [[gap, -8], [-gap - w, -8], [-w / 2, -gap - 16], [-w / 2, gap]];  // right, left, above, below
      const free = sides.map(([dx, dy]) => [p.x + dx, p.y + dy, p.x + dx + w, p.y + dy + 16]).find(
        (box) => !placed.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]));
      if (!free) continue;
      placed.push(free);
      L.marker([l.lat, l.lon], {interactive: false, keyboard: false, icon: L.divIcon({className: 'place-label',
        iconSize: [w, 16], iconAnchor: [p.x - free[0], p.y - free[1]], html: ''})})
        .addTo(this.layer).getElement().textContent = l.where;
    }
  }

  openCluster(marker, events) {
    const here = L.latLngBounds(events.map((e) => [e.location.lat, e.location.lon]));
    if (here.getNorthEast().distanceTo(here.getSouthWest()) > 5000 && this.map.getZoom() < this.map.getMaxZoom()) {
      this.map.fitBounds(here.pad(0.5), {maxZoom: this.map.getMaxZoom()});
      return;
    }
    const list = document.createElement('ol');
    list.className = 'cluster-list';
    for (const event of events) {
      const item = list.appendChild(document.createElement('li'));
      item.textContent = describe(event);
      item.dataset.eventId = event.event_id;
      item.addEventListener('click', () => this.onSelect(event.event_id));
    }
    L.popup({maxWidth: 360}).setLatLng(marker.getLatLng()).setContent(list).openOn(this.map);
  }
}
