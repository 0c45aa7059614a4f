import { describe, expect, it } from 'vitest';
import { passagesOf } from '../../../core/text/passages.ts';
import { analyseMessage, type AnalyseContext } from './analyse.ts';

// Ingest cuts mail into the same passages the demo seed and `npm run reembed` write (core/text/passages), so
// search finds a one-line objection in a long email right after an import, without a reembed.

const ctx: AnalyseContext = { users: new Map(), competitors: [], now: new Date('2026-06-15T12:00:00Z'), embed: true, dimensions: 64 };

const raw = (subject: string, body: string) =>
  Buffer.from(
    ['From: Dana Buyer <dana@acme.test>', 'To: Rep <rep@ourco.test>', `Subject: ${subject}`, 'Date: Mon, 01 Jun 2026 09:00:00 +0000', 'Message-ID: <a1@acme.test>', '', body, ''].join('\r\n'),
  );

describe('email analysis passages', () => {
  it('cuts a long mail into two-sentence windows opened by the subject, each embedded', async () => {
    const body = [
      'Thanks for the demo on Tuesday, the team liked the forecasting view a lot.',
      'Our finance lead thinks the quote is well above what we planned for this year.',
      'We also need to understand how the Salesforce sync handles custom objects.',
      'Could you send the security documents before our call next week?',
    ].join(' ');
    const result = await analyseMessage(raw('Follow-up on pricing', body), undefined, ctx);
    if (!result.ok) throw new Error(result.reason);
    const { chunks, embedText } = result.analysed;
    expect(chunks!.map((c) => c.text)).toEqual(passagesOf(embedText));
    expect(chunks!.map((c) => c.text)).toEqual([
      'Follow-up on pricing\n\nThanks for the demo on Tuesday, the team liked the forecasting view a lot. Our finance lead thinks the quote is well above what we planned for this year.',
      'Our finance lead thinks the quote is well above what we planned for this year. We also need to understand how the Salesforce sync handles custom objects.',
      'We also need to understand how the Salesforce sync handles custom objects. Could you send the security documents before our call next week?',
    ]);
    for (const c of chunks!) expect(c.embedding).toHaveLength(64);
  });

  it('keeps a short mail whole', async () => {
    const result = await analyseMessage(raw('Quick question', 'Do you offer a pilot?'), undefined, ctx);
    if (!result.ok) throw new Error(result.reason);
    expect(result.analysed.chunks!.map((c) => c.text)).toEqual(['Quick question\n\nDo you offer a pilot?']);
  });
});
