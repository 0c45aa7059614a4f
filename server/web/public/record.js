import { callTool } from './api.js';
import { el, humanize, money } from './format.js';

// One deal (#/deals/<id>) or lead (#/leads/<id>) as opportunity_get / lead_get return it: the headline
// fields, then each list (contacts, stage history, interactions...) as a table.

const TOOLS = {
  deals: { tool: 'opportunity_get', input: (id) => ({ opportunity: id }), main: 'opportunity', title: (d) => d.opportunity.name },
  leads: { tool: 'lead_get', input: (id) => ({ lead: id }), main: 'lead', title: (d) => d.lead.fullName },
};

const isMoney = (v) => typeof v === 'object' && v !== null && 'amountMinor' in v && 'currency' in v;

function show(value) {
  if (value === null || value === undefined || value === '') return '–';
  if (isMoney(value)) return money(value);
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => `${humanize(k)}: ${show(v)}`).join('; ');
  return String(value);
}

function facts(object) {
  const entries = Object.entries(object).filter(([key, value]) => key !== 'id' && (typeof value !== 'object' || value === null || isMoney(value) || (Array.isArray(value) && value.every((v) => typeof v !== 'object'))));
  return el('dl', { class: 'facts' }, entries.flatMap(([key, value]) => [el('dt', {}, humanize(key)), el('dd', { dataset: { field: key } }, show(value))]));
}

function table(rows) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((key) => key !== 'id');
  return el(
    'table',
    { class: 'compact' },
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', {}, humanize(c))))),
    el('tbody', {}, rows.map((row) => el('tr', {}, columns.map((c) => el('td', {}, show(row[c])))))),
  );
}

export async function renderRecord(root, kind, id) {
  const spec = TOOLS[kind];
  root.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
  let data;
  try {
    data = await callTool(spec.tool, spec.input(id));
  } catch (error) {
    root.replaceChildren(el('h2', {}, kind === 'deals' ? 'Deal' : 'Lead'), el('p', { class: 'error', role: 'alert' }, error.message));
    return;
  }
  const sections = [];
  for (const [key, value] of Object.entries(data)) {
    if (key === spec.main || key === 'evidence') continue;
    // a nested list such as interactions: { total, recent: [...] }
    const list = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value).find(Array.isArray) : undefined;
    if (list && list.length > 0 && typeof list[0] === 'object') sections.push(el('section', {}, el('h3', {}, humanize(key)), table(list.slice(0, 25))));
    else if (value && typeof value === 'object' && !Array.isArray(value) && !list) sections.push(el('section', {}, el('h3', {}, humanize(key)), facts(value)));
    else if (Array.isArray(value) && value.length > 0) sections.push(el('section', {}, el('h3', {}, humanize(key)), el('p', {}, show(value))));
  }
  root.replaceChildren(
    el('p', {}, el('a', { href: '#/chat' }, '← Back to chat'), ' · ', el('a', { href: '#/dashboard' }, 'Dashboard')),
    el('h2', { class: 'record-title' }, spec.title(data)),
    facts(data[spec.main]),
    ...sections,
  );
}
