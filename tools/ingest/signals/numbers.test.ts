import { describe, expect, it } from 'vitest';
import { magnitudeAt, parseNumberWords, scanNumbers } from './numbers.ts';

const values = (s: string): number[] => scanNumbers(s).map((n) => n.value);

describe('scanNumbers', () => {
  it('reads digits with separators, decimals and a leading dot', () => {
    expect(values('1,200 units, 2.7 MM and .70/sf')).toEqual([1200, 2.7, 0.7]);
  });

  it('reads the Enron-Spam tokenisation "9 , 500" and "1 ,800" as one number', () => {
    expect(values('between 9 , 500 and 10 , 000 gross; my 1 ,800 shares')).toEqual([9500, 10000, 1800]);
  });

  it('skips ordinals, clock times and digits glued to letters', () => {
    expect(values('the 19 th floor on August 28th at 2:30 in EB3270')).toEqual([]);
  });

  it('reads spoken numbers', () => {
    expect(values('twenty five Euros and fifty million Euros')).toEqual([25, 50_000_000]);
  });
});

describe('parseNumberWords', () => {
  it.each([
    ['twenty five', 25],
    ['one hundred and fifty', 150],
    ['one point four', 1.4],
    ['twelve point two five', 12.25],
    ['twelve dot fifty', 12.5], // a two-digit "decimal" is cents
    ['twelve and a half', 12.5],
    ['ten million', 10_000_000],
    ['a dozen', null], // "a" is not a number word
  ])('%s -> %s', (words, value) => {
    expect(parseNumberWords(words)).toBe(value);
  });

  it('refuses "twelve fifty", which is two numbers', () => {
    expect(parseNumberWords('twelve fifty')).toBeNull();
    expect(scanNumbers('production cost is twelve fifty').map((n) => n.text)).toEqual(['twelve', 'fifty']);
  });
});

describe('magnitudeAt', () => {
  it('applies k always, M/MM/bn only to money', () => {
    expect(magnitudeAt('2k seats', 1, false)).toEqual({ factor: 1000, length: 1 });
    expect(magnitudeAt('5.3M budget', 3, true)).toEqual({ factor: 1e6, length: 1 });
    expect(magnitudeAt('5 m away', 1, false)).toEqual({ factor: 1, length: 0 });
    expect(magnitudeAt('35 million', 2, false)).toEqual({ factor: 1e6, length: 8 });
  });
});
