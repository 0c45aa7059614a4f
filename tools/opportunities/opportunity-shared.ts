import { z } from 'zod';
import { OPPORTUNITY_STAGES } from '../../core/domain.ts';
import { pct } from '../core/schemas.ts';

// Small pieces the opportunity tools share: the stage vocabulary as zod, day arithmetic on ctx.now,
// and the currency check.

export const stageField = z.enum(OPPORTUNITY_STAGES);

const DAY_MS = 86_400_000;

/** Whole-and-tenths days from `from` to `to` (never negative: a future start counts as 0). */
export const daysBetween = (from: Date, to: Date): number => pct(Math.max(0, (to.getTime() - from.getTime()) / DAY_MS));

export const addDays = (at: Date, days: number): Date => new Date(at.getTime() + days * DAY_MS);

/** YYYY-MM-DD of an instant, in UTC. */
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

export const currencyField = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'must be a 3-letter ISO 4217 code like USD')
  .describe('ISO 4217 currency code, e.g. USD');

/** Money as the tools print it. */
export const moneyOf = (amountMinor: number, currency: string) => ({ amountMinor: Math.round(amountMinor), currency: currency.trim().toUpperCase() });

/** "USD 12,345.00" for sentences. */
export function formatMoney(amountMinor: number, currency: string): string {
  return `${currency} ${(amountMinor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
