// Small formatting and DOM helpers shared by the views.

export function money(amount, currency = 'USD') {
  const value = typeof amount === 'object' && amount !== null ? amount.amountMinor / 100 : amount / 100;
  const code = typeof amount === 'object' && amount !== null ? amount.currency : currency;
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: code, maximumFractionDigits: 0 }).format(value);
}

export function percent(value) {
  return value === null || value === undefined ? '–' : `${value}%`;
}

/** el('div', { class: 'x', dataset: { a: '1' } }, 'text', child): text is always set as text, never as HTML. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function recordHref(kind, id) {
  if (kind === 'opportunity') return `#/deals/${encodeURIComponent(id)}`;
  if (kind === 'lead') return `#/leads/${encodeURIComponent(id)}`;
  return null;
}

export function humanize(key) {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
