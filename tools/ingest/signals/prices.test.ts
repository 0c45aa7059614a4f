import { describe, expect, it } from 'vitest';
import { extractSignals } from './extract.ts';

const now = new Date('2026-06-15T12:00:00Z');
const p = (text: string) =>
  extractSignals(text, { now }).prices.map(({ amountMinor, amountMaxMinor, currency, per }) => ({ amountMinor, amountMaxMinor, currency, per }));

describe('prices', () => {
  it('reads the spec examples into minor units', () => {
    expect(p('The total is $42,000.')).toEqual([{ amountMinor: 4_200_000, amountMaxMinor: undefined, currency: 'USD', per: undefined }]);
    expect(p('List is USD 18 per user per month.')).toEqual([{ amountMinor: 1800, amountMaxMinor: undefined, currency: 'USD', per: 'user' }]);
    expect(p('They offered €1.2M.')).toEqual([{ amountMinor: 120_000_000, amountMaxMinor: undefined, currency: 'EUR', per: undefined }]);
    expect(p('Support is £500/yr.')).toEqual([{ amountMinor: 50_000, amountMaxMinor: undefined, currency: 'GBP', per: 'year' }]);
    expect(p('Expect $15-20k.')).toEqual([{ amountMinor: 1_500_000, amountMaxMinor: 2_000_000, currency: 'USD', per: undefined }]);
    expect(p('It is 18 dollars a seat.')).toEqual([{ amountMinor: 1800, amountMaxMinor: undefined, currency: 'USD', per: 'seat' }]);
  });

  it('reads bands written several ways', () => {
    expect(p('paid ($4.70-$4.80) for gas').map((x) => [x.amountMinor, x.amountMaxMinor])).toEqual([[470, 480]]);
    expect(p('offers (10 to 15 cents) lower').map((x) => [x.amountMinor, x.amountMaxMinor, x.currency])).toEqual([[10, 15, 'USD']]);
    expect(p('Choose between $500 and $10000 dollars.').map((x) => [x.amountMinor, x.amountMaxMinor])).toEqual([[50_000, 1_000_000]]);
    expect(p('equity of $0-$184,000').map((x) => [x.amountMinor, x.amountMaxMinor])).toEqual([[0, 18_400_000]]);
  });

  it('keeps two prices apart when "to" is a movement, not a range', () => {
    expect(p('Shares closed down $4.44 to $72.13.').map((x) => x.amountMinor)).toEqual([444, 7213]);
  });

  it('reads trailing symbols, spoken amounts, subunits and tokenised cents', () => {
    expect(p('so 400$').map((x) => x.amountMinor)).toEqual([40_000]);
    expect(p('a selling price at twenty five Euros').map((x) => [x.amountMinor, x.currency])).toEqual([[2500, 'EUR']]);
    expect(p('Twelve Euro forty cents I came up with').map((x) => [x.amountMinor, x.currency])).toEqual([[1240, 'EUR']]);
    expect(p('One point four Euro would make a Pound').map((x) => [x.amountMinor, x.currency])).toEqual([[140, 'EUR'], [100, 'GBP']]);
    expect(p('the 4500 n for $ 2753 . 00 .').map((x) => x.amountMinor)).toEqual([275_300]);
    expect(p('closed at $2.895').map((x) => x.amountMinor)).toEqual([289.5]); // sub-cent commodity price
  });

  it('needs a currency: bare numbers are not prices', () => {
    expect(p('How about 300? At 2.7 MM my bid is .70/sf higher.')).toEqual([]);
  });
});
