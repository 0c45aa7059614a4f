import { isoDay, parsePeriod, shiftPeriod } from '../../../tools/analytics/period.ts';
import type { TimeSpan } from './periods.ts';

const DAY_MS = 86_400_000;

const SHIFT = /\b(?:the )?(quarter|month|year|week|period|one)s? (before|prior|earlier|after|later)\b|\b(?:the )?(previous|prior|preceding|following|next) (one|period)\b/;

/**
 * "and the quarter before?", "the month after", "the previous one": the span of the call this follow-up
 * amends, moved by one of its own length. Undefined when the text asks nothing of the kind.
 */
export function shiftedSpan(text: string, previous: Record<string, unknown>, now: Date): TimeSpan | undefined {
  const m = SHIFT.exec(text);
  if (!m) return undefined;
  const step = /^(after|later|following|next)$/.test(m[2] ?? m[3] ?? '') ? 1 : -1;
  if (typeof previous.period === 'string') {
    try {
      return { kind: 'period', value: shiftPeriod(parsePeriod(previous.period.replace(/^ytd$/i, 'this_year'), now), step).label };
    } catch {
      return undefined;
    }
  }
  const from = (previous.from ?? previous.closeFrom) as string | undefined;
  const to = (previous.to ?? previous.closeTo) as string | undefined;
  if (typeof from !== 'string' || typeof to !== 'string') return undefined;
  const a = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  const b = Date.parse(`${to.slice(0, 10)}T00:00:00Z`) + DAY_MS;
  const len = b - a;
  return { kind: 'range', from: isoDay(new Date(a + step * len)), to: isoDay(new Date(b + step * len - DAY_MS)) };
}
