// Shared helpers: API calls (with the page's token) and DOM builders that only ever set text.
const TOKEN = new URLSearchParams(location.search).get('token');

export const QUAD_NAMES = {1: 'verbal cooperation', 2: 'material cooperation', 3: 'verbal conflict', 4: 'material conflict'};
export const QUAD_COLORS = {0: '#7f8c8d', 1: '#4575b4', 2: '#1a9850', 3: '#f39c12', 4: '#d73027'};
export const DAY = 86400000;

export async function api(path, params = {}) {
  const url = new URL(path, location.href);
  url.search = '';
  for (const [key, value] of Object.entries(params)) {
    if (value !== '' && value !== null && value !== undefined) url.searchParams.set(key, value);
  }
  const response = await fetch(url, {headers: TOKEN ? {Authorization: `Bearer ${TOKEN}`} : {}});
  const body = await response.json();
  if (!response.ok) throw new Error(body.message || response.statusText);
  return body;
}

export function el(tag, attrs = {}, text = null) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== null) node.textContent = text;
  return node;
}

export function svg(tag, attrs = {}, title = null) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (title !== null) node.appendChild(svg('title')).textContent = title;
  return node;
}

/** A legend: one swatch per quad class, then the page's own swatches (`[swatch class, label]` pairs). */
export function drawSwatches(container, extra = []) {
  const quads = Object.entries(QUAD_NAMES).map(([q, name]) => [`q${q}`, name]);
  for (const [kind, label] of [...quads, ...extra]) {
    const item = container.appendChild(el('span'));
    item.appendChild(el('span', {class: `swatch ${kind}`}));
    item.appendChild(document.createTextNode(label));
  }
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export function actorName(actor) {
  return actor ? actor.name || actor.text : '—';
}

export function quadOf(event) {
  return event.quad_class || 0;
}

export function describe(event) {
  const when = event.date ? ` ${event.date.start}${event.date.end !== event.date.start ? '…' + event.date.end : ''}` : '';
  return `${event.type}: ${actorName(event.source)} → ${actorName(event.target)}${when}`;
}

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'him', 'her', 'them']);

/** A source as the article names it ("the interior ministry"), not its resolved country ("Kenya"). */
export function sourcePhrase(actor) {
  if (!actor) return 'an unnamed source';
  const text = (actor.text || '').trim();
  if (!text || PRONOUNS.has(text.toLowerCase())) return actor.name || text || 'an unnamed source';
  return /^[a-z]/.test(text) && !/^(the|a|an|his|her|their|its)\b/i.test(text) ? `the ${text}` : text;
}
