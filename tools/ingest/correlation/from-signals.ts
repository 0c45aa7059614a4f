import type { Price, Quantity, QuantityUnit, Signals } from '../signals/index.ts';
import type { FragmentValues } from './types.ts';

// The deal values a text states, from its extracted signals, for handlers to pass to correlateFragment:
//   value    = the largest total price (no "per"); else a per-seat/user/licence/unit price times the
//              largest sizing quantity ("500 seats at $40/seat" -> $20,000);
//   quantity = the largest sizing quantity (seats, users, licences, units, devices, sites, energy...),
//              never durations or head counts of the buyer's company;
//   expectedCloseDate = the first deadline on or after the text's own date ("decision by June 30"),
//              else the first timeline date ("go-live on July 1").
// A range counts at its upper end (what is on the table).

const SIZING: ReadonlySet<QuantityUnit> = new Set(['seats', 'users', 'licenses', 'units', 'devices', 'sites', 'locations', 'stores', 'mw', 'kw', 'kwh', 'mmcf', 'bcf', 'mmbtu']);
const PER_ITEM = new Set(['user', 'seat', 'license', 'unit']);

const top = (p: Price) => p.amountMaxMinor ?? p.amountMinor;
const size = (q: Quantity) => q.valueMax ?? q.value;

/** "Sensortec quoted us $45 per unit": a competitor's price, not ours or the buyer's */
function inCompetitorQuote(p: Price, text: string | undefined): boolean {
  if (!text) return false;
  const before = text.slice(Math.max(0, p.start - 40), p.start);
  return /\bquoted(?:\s+us)?\s*(?:at\s*)?$/i.test(before) || /\b(?:their|competitor'?s?)\s+(?:price|quote|offer)\b[^.]*$/i.test(before);
}

/** `text`: the text the signals came from (lets a competitor's quoted price be told apart) */
export function valuesFromSignals(signals: Signals, occurredOn: string, text?: string): FragmentValues {
  const out: FragmentValues = {};
  const sizing = signals.quantities.filter((q) => SIZING.has(q.unit)).sort((a, b) => size(b) - size(a))[0];
  if (sizing) out.quantity = { value: { value: size(sizing), unit: sizing.unit }, quote: sizing.text };

  const total = signals.prices.filter((p) => p.per === undefined).sort((a, b) => top(b) - top(a))[0];
  // the last per-item price stated (a counter-offer follows the offer), leaving out what a competitor quoted
  const unitPrice = signals.prices.filter((p) => p.per !== undefined && PER_ITEM.has(p.per) && !inCompetitorQuote(p, text)).at(-1);
  if (unitPrice) out.unitPrice = { value: { amountMinor: Math.round(top(unitPrice)), currency: unitPrice.currency }, quote: unitPrice.text };
  if (total) out.value = { value: { amountMinor: Math.round(top(total)), currency: total.currency }, quote: total.text };
  else if (unitPrice && sizing) {
    out.value = { value: { amountMinor: Math.round(top(unitPrice) * size(sizing)), currency: unitPrice.currency }, quote: `${sizing.text} at ${unitPrice.text}` };
  }

  const ahead = signals.dates.filter((d) => d.date >= occurredOn);
  const close = ahead.find((d) => d.kind === 'deadline') ?? ahead.find((d) => d.kind === 'timeline');
  if (close) out.expectedCloseDate = { value: close.date, quote: close.text };
  return out;
}
