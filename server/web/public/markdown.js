import { el } from './format.js';

// The little Markdown the copilot writes (paragraphs, pipe tables, bullet lists, **bold**, `code`) as DOM nodes.
// Text only ever becomes text nodes: an answer quoting an email cannot inject markup.

function inline(text) {
  const parts = [];
  const pattern = /\*\*(.+?)\*\*|`([^`]+)`/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(match[1] !== undefined ? el('strong', {}, match[1]) : el('code', {}, match[2]));
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

const cells = (line) => line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((cell) => cell.trim());
const isTableRule = (line) => /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line);

export function renderMarkdown(text) {
  const root = el('div', { class: 'markdown' });
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') {
      i += 1;
    } else if (line.trim().startsWith('|') && i + 1 < lines.length && isTableRule(lines[i + 1])) {
      const head = cells(line);
      const rows = [];
      i += 2;
      while (i < lines.length && lines[i].trim().startsWith('|')) rows.push(cells(lines[i++]));
      root.append(
        el('table', {}, el('thead', {}, el('tr', {}, head.map((c) => el('th', {}, inline(c))))), el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c) => el('td', {}, inline(c))))))),
      );
    } else if (/^\s*[-*] /.test(line)) {
      const items = [];
      while (i < lines.length && /^\s*[-*] /.test(lines[i])) items.push(el('li', {}, inline(lines[i++].replace(/^\s*[-*] /, ''))));
      root.append(el('ul', {}, items));
    } else {
      const paragraph = [];
      while (i < lines.length && lines[i].trim() !== '' && !/^\s*[-*] /.test(lines[i]) && !(lines[i].trim().startsWith('|') && isTableRule(lines[i + 1] ?? ''))) {
        if (paragraph.length > 0) paragraph.push(el('br'));
        paragraph.push(...inline(lines[i++]));
      }
      root.append(el('p', {}, paragraph));
    }
  }
  return root;
}
