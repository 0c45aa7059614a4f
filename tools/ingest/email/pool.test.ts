import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateMessages } from '../../../test/fixtures/email/generate.ts';
import { analyseMessage, type AnalyseContext } from './analyse.ts';
import { mboxFromBuffer } from './mbox.ts';
import { createAnalysePool } from './pool.ts';

// The worker pool must give exactly what the importing thread would: the crash test and the
// benchmark run through workers, the tool in-process, and both store the same rows.

const here = path.dirname(fileURLToPath(import.meta.url));
const MESSAGES = path.resolve(here, '../../../test/fixtures/email/messages');
const ctx: AnalyseContext = {
  users: new Map([['anna.rep@dealwise.demo', { timeZone: 'America/New_York' }], ['cara.rep@dealwise.demo', { timeZone: 'America/Los_Angeles' }]]),
  competitors: ['Closewell'],
  now: new Date('2026-06-15T12:00:00Z'),
  embed: true,
  dimensions: 384,
};

describe('analysis pool', () => {
  it('analyses in worker threads exactly as in process, for every fixture and 60 generated messages', async () => {
    const raws: { raw: Buffer; separator: string | undefined }[] = [];
    for (const name of readdirSync(MESSAGES).filter((n) => !n.endsWith('.json')).sort()) {
      const buffer = readFileSync(path.join(MESSAGES, name));
      if (name.endsWith('.mbox')) for await (const m of mboxFromBuffer(buffer)) raws.push({ raw: m.raw, separator: m.separator });
      else raws.push({ raw: buffer, separator: undefined });
    }
    for await (const m of mboxFromBuffer(Buffer.from([...generateMessages({ messages: 60, seed: 3 })].join('\n')))) raws.push({ raw: m.raw, separator: m.separator });

    const pool = createAnalysePool(2, { users: [...ctx.users].map(([e, u]) => [e, u.timeZone]), competitors: [...ctx.competitors], now: ctx.now.toISOString(), embed: true, dimensions: 384 });
    try {
      const inWorkers = await Promise.all(raws.map((r) => pool.analyse(r.raw, r.separator)));
      const inProcess = await Promise.all(raws.map((r) => analyseMessage(r.raw, r.separator, ctx)));
      expect(inWorkers).toEqual(inProcess);
      // the fixtures hold 2 unreadable files (empty, not an email), the rest analyse; generated mail has chunks with 384-d vectors
      expect(inProcess.filter((r) => !r.ok)).toHaveLength(2);
      const last = inProcess[inProcess.length - 1]!;
      expect(last.ok && last.analysed.chunks?.[0]?.embedding).toHaveLength(384);
    } finally {
      await pool.close();
    }
  });
});
