// Small formatters for answers rendered from tool output: money, percentages, markdown tables.

export interface Money {
  amountMinor: number;
  currency: string;
}

export const isMoney = (v: unknown): v is Money =>
  typeof v === 'object' && v !== null && typeof (v as Money).amountMinor === 'number' && typeof (v as Money).currency === 'string';

export function money(v: unknown): string {
  if (!isMoney(v)) return '–';
  const value = v.amountMinor / 100;
  const digits = Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : 2;
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: v.currency, maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
  } catch {
    return `${v.currency} ${value.toFixed(digits)}`;
  }
}

export const pct = (v: unknown) => (typeof v === 'number' ? `${Math.round(v * 10) / 10}%` : '–');

export function cell(v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (isMoney(v)) return money(v);
  if (Array.isArray(v)) return v.map(cell).slice(0, 3).join('; ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return cell(o.text ?? o.name ?? o.label ?? o.kind ?? JSON.stringify(o).slice(0, 40));
  }
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 10) / 10);
  return String(v).replace(/\|/g, '/').replace(/\n/g, ' ');
}

/** A compact markdown table of up to `max` rows. */
export function table(rows: readonly Record<string, unknown>[], columns: [string, string | ((r: Record<string, unknown>) => unknown)][], max = 10): string {
  if (rows.length === 0) return '';
  const head = `| ${columns.map(([h]) => h).join(' | ')} |\n| ${columns.map(() => '---').join(' | ')} |`;
  const body = rows
    .slice(0, max)
    .map((r) => `| ${columns.map(([, get]) => cell(typeof get === 'function' ? get(r) : r[get])).join(' | ')} |`)
    .join('\n');
  const more = rows.length > max ? `\n…and ${rows.length - max} more.` : '';
  return `${head}\n${body}${more}`;
}

export const label = (key: string) => key.replace(/([A-Z])/g, ' $1').replace(/_/g, ' ').toLowerCase();
