import { describe, expect, it } from 'vitest';
import { checkNumbers, figuresIn, flagUnsupported } from './numbers.ts';

describe('figuresIn', () => {
  it('reads money, scales, percentages and decimals, and skips dates, years and quarters', () => {
    const figures = figuresIn('Q3 2026 commit is $1.2M (45% of $2,650,000), 3 deals, on 2026-06-15 at 10:30, up 12.5k');
    expect(figures.map((f) => [f.text, f.value])).toEqual([
      ['$1.2M', 1_200_000],
      ['45%', 45],
      ['$2,650,000', 2_650_000],
      ['3', 3],
      ['12.5k', 12_500],
    ]);
  });
});

describe('checkNumbers', () => {
  const outputs = [{ commit: 1_234_567, winRate: 0.4512, deals: [{ amountMinor: 4_200_000 }, { amountMinor: 100 }, { amountMinor: 5 }] }];

  it('accepts figures that are the outputs after rounding, scaling, ratio-to-percent and minor-to-major units', () => {
    expect(checkNumbers('Commit is $1.2M, about $1,234,567 exactly; win rate 45%; the biggest deal is $42,000; 3 deals.', outputs)).toEqual({ ok: true, unsupported: [] });
  });

  it('flags a figure no output supports, and a rounding too far', () => {
    expect(checkNumbers('Commit is $1.3M and the win rate 47%.', outputs)).toEqual({ ok: false, unsupported: ['$1.3M', '47%'] });
  });

  it('lets the answer repeat the numbers of the question', () => {
    expect(checkNumbers('Here are your top 5 deals.', [{ items: [] }], 'show my top 5 deals')).toEqual({ ok: true, unsupported: [] });
  });

  it('writes a flag naming the unverified figures', () => {
    expect(flagUnsupported('Commit is $1.3M.', ['$1.3M'])).toContain('$1.3M does not match');
  });
});
