// Map: the shipped Natural Earth basemap (no tiles, works offline) and one marker per located event.
import {QUAD_COLORS, describe, quadOf} from './util.js';

export class MapView {
  constructor(element, onSelect) {
    this.onSelect = onSelect;
    this.map = L.map(element, {worldCopyJump: true, minZoom: 1, maxZoom: 9, zoomSnap: 0.5}).setView([20, 10], 1.5);
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution('Natural Earth 1:110m');
    this.markers = L.layerGroup().addTo(this.map);
  }

  async loadBasemap(url) {
    const response = await fetch(url);
    const countries = await response.json();
    L.geoJSON(countries, {interactive: false, style: {color: '#9aa5b1', weight: 0.6, fillColor: '#fbfbf7', fillOpacity: 1}})
      .addTo(this.map);
  }

  show(events) {
    this.markers.clearLayers();
    const points = [];
    for (const event of events) {
      const loc = event.location;
      if (!loc || loc.lat === null || loc.lon === null) continue;
      const marker = L.circleMarker([loc.lat, loc.lon], {
        radius: 7, color: '#222', weight: 1, fillColor: QUAD_COLORS[quadOf(event)], fillOpacity: 0.85,
        className: 'event-marker',
      });
      const tip = document.createElement('span');
      tip.textContent = `${describe(event)} — ${loc.name || ''}`;
      marker.bindTooltip(tip);
      marker.on('click', () => this.onSelect(event.event_id));
      marker.addTo(this.markers);
      marker.getElement()?.setAttribute('data-event-id', event.event_id);
      points.push([loc.lat, loc.lon]);
    }
    if (points.length) this.map.fitBounds(L.latLngBounds(points).pad(0.5), {maxZoom: 5});
    return points.length;
  }
}
