import { describe, expect, it } from 'vitest';
import type { DealHistoryAt } from '../../../db/repos/forecast-history.ts';
import { rebuildDealsAt } from './asof.ts';

const at = (iso: string) => new Date(`${iso}T10:00:00Z`);
const deal = (id: string) => ({ id, name: id, account: 'Acme', ownerId: 'u1', ownerName: 'Anna', productId: null, productName: null, currency: 'USD', createdAt: at('2026-01-01') });

describe('deals as they stood on a past day', () => {
  // X: prospecting (p 10, value 1,000, expected 03-01) on 01-01; close date pushed to 04-01 on 02-10;
  //    proposal (p 60, value 2,000) on 02-20 (the stage row repeats the 04-01 date); probability edited to 70 on 03-05.
  // Y: only a record after the day asked about: skipped.
  const history: DealHistoryAt = {
    deals: [deal('X'), deal('Y')],
    stageChanges: [
      { opportunityId: 'X', toStage: 'prospecting', probability: 10, valueMinor: 1_000, expectedCloseDate: '2026-03-01', changedAt: at('2026-01-01') },
      { opportunityId: 'X', toStage: 'proposal', probability: 60, valueMinor: 2_000, expectedCloseDate: '2026-04-01', changedAt: at('2026-02-20') },
      { opportunityId: 'Y', toStage: 'prospecting', probability: 10, valueMinor: 5_000, expectedCloseDate: '2026-05-01', changedAt: at('2026-03-10') },
    ],
    fieldChanges: [
      { opportunityId: 'X', field: 'expected_close_date', newValue: '2026-04-01', changedAt: at('2026-02-10') },
      { opportunityId: 'X', field: 'probability', newValue: 70, changedAt: at('2026-03-05') },
    ],
  };

  it('applies the stage changes and field edits dated before the day, and nothing after', () => {
    const pick = (day: string) => rebuildDealsAt(history, new Date(`${day}T00:00:00Z`)).deals.map((d) => [d.stage, d.forecastCategory, d.probability, d.valueMinor, d.expectedCloseDate]);
    expect(pick('2026-02-01')).toEqual([['prospecting', 'pipeline', 10, 1_000, '2026-03-01']]);
    expect(pick('2026-02-15')).toEqual([['prospecting', 'pipeline', 10, 1_000, '2026-04-01']]);
    expect(pick('2026-03-01')).toEqual([['proposal', 'best_case', 60, 2_000, '2026-04-01']]);
    expect(pick('2026-03-06')).toEqual([['proposal', 'best_case', 70, 2_000, '2026-04-01']]);
    expect(rebuildDealsAt(history, new Date('2026-03-01T00:00:00Z')).skipped).toBe(1);
  });
});
