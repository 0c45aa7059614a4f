import { describe, expect, it } from 'vitest';
import { extractSignals } from '../signals/index.ts';
import { valuesFromSignals } from './from-signals.ts';

const values = (text: string, on = '2026-06-01') => valuesFromSignals(extractSignals(text, { now: new Date(`${on}T12:00:00Z`) }), on);

describe('valuesFromSignals', () => {
  it('takes the largest total price, the largest sizing quantity and the first deadline', () => {
    expect(values('We need 500 seats, budget is $20,000 (maybe $25,000). Decision by July 31, 2026.')).toMatchObject({
      value: { value: { amountMinor: 2_500_000, currency: 'USD' } },
      quantity: { value: { value: 500, unit: 'seats' } },
      expectedCloseDate: { value: '2026-07-31' },
    });
  });

  it('multiplies a per-seat price by the seat count when no total is stated', () => {
    // 200 users x $40.00 = $8,000.00 = 800,000 cents
    expect(values('Pricing: $40 per user per month for 200 users.').value).toEqual({ value: { amountMinor: 800_000, currency: 'USD' }, quote: expect.any(String) });
  });

  it('ignores durations, past dates and texts with no figures', () => {
    expect(values('The pilot ran for 3 months and ended May 2, 2026.')).toEqual({});
    expect(values('Thanks for the call!')).toEqual({});
  });
});
