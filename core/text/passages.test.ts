import { describe, expect, it } from 'vitest';
import { passagesOf } from './passages.ts';

describe('passagesOf', () => {
  const long = 'Thanks for the call today. The price is too high for our budget this year. Legal also wants changes to the MSA. Can we talk on Friday?';

  it('slides two-sentence windows one sentence at a time, the heading on the first', () => {
    expect(passagesOf(long, 'Re: proposal', { wholeUpTo: 50 })).toEqual([
      'Re: proposal\n\nThanks for the call today. The price is too high for our budget this year.',
      'The price is too high for our budget this year. Legal also wants changes to the MSA.',
      'Legal also wants changes to the MSA. Can we talk on Friday?',
    ]);
  });

  it('takes a stored subject line as the heading, so re-chunking a passage gives it back unchanged', () => {
    const stored = `Re: proposal\n\n${long}`;
    const passages = passagesOf(stored, null, { wholeUpTo: 50 });
    expect(passages).toEqual(passagesOf(long, 'Re: proposal', { wholeUpTo: 50 }));
    for (const p of passages) expect(passagesOf(p, null, { wholeUpTo: 50 })).toEqual([p]);
  });

  it('keeps a short text whole, heading included', () => {
    expect(passagesOf('No budget this year. Sorry.', 'Re: quote')).toEqual(['Re: quote\n\nNo budget this year. Sorry.']);
    expect(passagesOf('   ', 'Subject only')).toEqual(['Subject only']);
    expect(passagesOf('  ', null)).toEqual([]);
  });

  it('never joins sentences past maxChars, and honours a window size of three', () => {
    expect(passagesOf(long, null, { wholeUpTo: 0, maxChars: 60 })).toEqual([
      'Thanks for the call today.',
      'The price is too high for our budget this year.',
      'Legal also wants changes to the MSA. Can we talk on Friday?',
    ]);
    expect(passagesOf(long, null, { wholeUpTo: 0, sentences: 3 })).toEqual([
      'Thanks for the call today. The price is too high for our budget this year. Legal also wants changes to the MSA.',
      'The price is too high for our budget this year. Legal also wants changes to the MSA. Can we talk on Friday?',
    ]);
  });
});
