// Evidence panel: the event's fields and the article text with its sentence, trigger and actors marked.
import {actorName, clear, el, sourcePhrase} from './util.js';

function triggerSpan(event, text) {
  const ev = event.evidence;
  if (ev.trigger_start !== null && ev.trigger_start !== undefined) return [ev.trigger_start, ev.trigger_end];
  const at = ev.trigger ? text.indexOf(ev.trigger, ev.start) : -1;
  return at >= 0 && at < ev.end ? [at, at + ev.trigger.length] : null;
}

function attributionText(event) {
  const att = event.attribution;
  if (!att) return event.modality === 'asserted' ? 'the article itself' : '—';
  return `according to ${sourcePhrase(att.source)}${att.cue ? ` (“${att.cue}”)` : ''}`;
}

function fields(detail) {
  const e = detail.event, d = e.date, loc = e.location, doc = detail.document || {};
  const rows = [
    ['Event', `${e.type}${e.mode ? ' / ' + e.mode : ''} · CAMEO ${e.cameo || '—'} · quad class ${e.quad_class ?? '—'}`],
    ['Who', `${actorName(e.source)} → ${actorName(e.target)}`],
    ['When', d ? `${d.start}${d.end !== d.start ? ' … ' + d.end : ''} (${d.precision}${d.inferred ? ', inferred' : ''})` : '—'],
    ['Where', loc ? `${loc.name}${loc.country ? ', ' + loc.country : ''} (${loc.precision})` : '—'],
    ['Modality', null],
    ['Attribution', attributionText(e)],
    ['Confidence', String(e.confidence)],
    ['Document', `${doc.title || e.doc_id} · ${doc.date || ''} · ${e.doc_id}`],
  ];
  const list = el('dl');
  for (const [label, value] of rows) {
    list.appendChild(el('dt', {}, label));
    const dd = list.appendChild(el('dd'));
    if (label === 'Modality') dd.appendChild(el('span', {class: `badge ${e.modality}`, id: 'evidence-modality'}, e.modality));
    else dd.textContent = value;
  }
  return list;
}

function articleText(detail, doc) {
  const text = doc.text, event = detail.event;
  const sentence = [event.evidence.start, event.evidence.end];
  const trigger = triggerSpan(event, text);
  const actors = detail.actors.filter((a) => a.start_char !== null).map((a) => [a.start_char, a.end_char]);
  const cuts = new Set([0, text.length, ...sentence, ...(trigger || []), ...actors.flat()]);
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const inside = (span, a, b) => span && a >= span[0] && b <= span[1];
  const box = el('div', {class: 'article', id: 'article-text'});
  const evidence = el('mark', {class: 'evidence', id: 'evidence-mark'});
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    let node = document.createTextNode(text.slice(a, b));
    if (actors.some((s) => inside(s, a, b))) { const s = el('span', {class: 'actor-span'}); s.appendChild(node); node = s; }
    if (inside(trigger, a, b)) { const m = el('mark', {class: 'trigger'}); m.appendChild(node); node = m; }
    if (inside(sentence, a, b)) {
      if (!evidence.parentNode) box.appendChild(evidence);
      evidence.appendChild(node);
    } else {
      box.appendChild(node);
    }
  }
  return box;
}

export function showEvidence(container, detail, doc) {
  clear(container);
  container.dataset.eventId = detail.event.event_id;
  container.appendChild(fields(detail));
  const article = container.appendChild(articleText(detail, doc));
  article.querySelector('#evidence-mark')?.scrollIntoView({block: 'nearest'});
}
