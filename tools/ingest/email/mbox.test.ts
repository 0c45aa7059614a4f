import { describe, expect, it } from 'vitest';
import { isSeparator, looksLikeMbox, mboxFromBuffer } from './mbox.ts';

async function split(text: string | Buffer) {
  const out: { raw: string; separator: string; index: number; offset: number }[] = [];
  for await (const m of mboxFromBuffer(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'))) out.push({ ...m, raw: m.raw.toString('latin1') });
  return out;
}

describe('mbox splitting', () => {
  it('recognises separator lines but not a body line that starts with "From "', () => {
    expect(isSeparator(Buffer.from('From -\n'))).toBe(true);
    expect(isSeparator(Buffer.from('From - Mon Jun  3 12:50:27 1996\n'))).toBe(true);
    expect(isSeparator(Buffer.from('From dana@acme.com Mon Jun  8 09:00:00 2026\r\n'))).toBe(true);
    expect(isSeparator(Buffer.from('From 1844347792267117879@xxx\n'))).toBe(true);
    expect(isSeparator(Buffer.from('From Russia with love\n'))).toBe(false);
    expect(isSeparator(Buffer.from('From: Dana <dana@acme.com>\n'))).toBe(false);
    expect(isSeparator(Buffer.from('>From - x\n'))).toBe(false);
  });

  it('splits messages, unescapes >From lines, skips a BOM and keeps 8-bit bytes', async () => {
    const latin1 = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('From a@x.com Mon Jun  8 09:00:00 2026\nSubject: one\n\n>From the top\n>>From deeper\nFrom Russia with love\n\nFrom b@x.com Mon Jun  8 10:00:00 2026\nSubject: two\n\nGr', 'latin1'),
      Buffer.from([0xfc, 0xdf]),
      Buffer.from('e\n', 'latin1'),
    ]);
    const messages = await split(latin1);
    expect(messages.map((m) => [m.index, m.separator])).toEqual([
      [1, 'From a@x.com Mon Jun  8 09:00:00 2026'],
      [2, 'From b@x.com Mon Jun  8 10:00:00 2026'],
    ]);
    expect(messages[0]!.raw).toBe('Subject: one\n\nFrom the top\n>From deeper\nFrom Russia with love\n\n');
    // the Latin-1 bytes ü ß pass through untouched for the MIME parser to decode
    expect(messages[1]!.raw).toBe('Subject: two\n\nGr\u00fc\u00dfe\n');
    // offsets count the bytes consumed, BOM excluded: the last one is the whole file
    expect(messages[1]!.offset).toBe(latin1.length - 3);
  });

  it('works with CRLF files and a last message without a final newline', async () => {
    const messages = await split('From -\r\nSubject: a\r\n\r\nbody a\r\nFrom -\r\nSubject: b\r\n\r\nbody b');
    expect(messages.map((m) => m.raw)).toEqual(['Subject: a\r\n\r\nbody a\r\n', 'Subject: b\r\n\r\nbody b']);
  });

  it('ignores bytes before the first separator and yields nothing for an empty input', async () => {
    expect(await split('junk\nFrom -\nSubject: a\n\nx\n')).toHaveLength(1);
    expect(await split('')).toEqual([]);
    expect(looksLikeMbox(Buffer.from('\ufeffFrom -\nSubject: a\n'))).toBe(true);
    expect(looksLikeMbox(Buffer.from('Subject: a\n\nFrom -\n'))).toBe(false);
  });
});
