import { describe, expect, it } from 'vitest';
import { registry } from '../../../tools/index.ts';
import type { ToolSpec } from '../types.ts';
import { fillSlots } from './slots.ts';
import { Speller, typoDistance } from './spelling.ts';
import { normalize, prepare } from './text.ts';
import { NOW } from '../../../test/helpers/local-turns.ts';

// The mechanisms that make the local model read requests it was not shown: the structure of a message,
// typos, pasted ids, corrections, tracking events, follow-ups that move a span. Every expectation by hand.

const spec = (name: string): ToolSpec => {
  const t = registry.list().find((x) => x.name === name)!;
  return { name, description: t.description, inputSchema: t.inputSchema as Record<string, unknown>, readOnly: t.annotations.readOnlyHint };
};
const fill = (tool: string, text: string, previous?: Record<string, unknown>) =>
  fillSlots({ tool: spec(tool), text, mentions: [], focus: [], entities: [], now: NOW, ...(previous ? { previous } : {}) });
const ID_A = 'c2437f07-7f8f-4b19-9826-be59549ec683';
const ID_B = '1daf1edb-b14a-4021-ad28-207807c5138a';

describe('the structure of a message', () => {
  it('turns ids, paths, links, timestamps, quoted titles and pasted blocks into tokens', () => {
    expect(normalize(prepare(`merge ${ID_A} into ${ID_B}`))).toBe('merge xid into xid');
    expect(normalize(prepare('load /data/mail/q2.mbox and /srv/exports'))).toBe('load xpath mbox and xpath folder');
    expect(normalize(prepare('x clicked https://a.b/c at 2026-06-15T10:30:00Z'))).toBe('x clicked xurl at xinstant');
    expect(normalize(prepare('mark "Send the deck" as done'))).toBe('mark xquote as done');
    expect(normalize(prepare('import this email:\nFrom: A <a@b.com>\nSubject: hi\n\nbody'))).toBe('import this email xpasted_email');
    expect(normalize(prepare('import this:\nname,account,value\nA,B,1'))).toBe('import this xpasted_table');
    expect(normalize(prepare('add this transcript:\nKenji: hello there\nMario: we need SSO'))).toBe('add this transcript xpasted_dialog');
  });

  it('keeps a thousands separator inside its number', () => {
    expect(normalize('bump it to $5,000 or 72,000')).toBe('bump it to $5000 or 72000');
  });
});

describe('typos', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(typoDistance('soruce', 'source', 2)).toBe(1);
    expect(typoDistance('negotation', 'negotiation', 2)).toBe(1);
    expect(typoDistance('pipeline', 'forecast', 2)).toBe(3);
  });

  it('reads an unknown word as the one closest known word, and leaves ties and short words alone', () => {
    const speller = new Speller(new Set(['qualified', 'source', 'negotiation', 'forecast', 'pipeline', 'cards', 'carts']), new Map());
    expect(speller.text('my qualifed leads by soruce in negotation')).toBe('my qualified leads by source in negotiation');
    expect(speller.word('forcast')).toBe('forecast');
    expect(speller.word('carks')).toBe('carks'); // cards or carts: no single closest word
    expect(speller.word('leed')).toBe('leed'); // too short to correct safely
  });
});

describe('slots the request states', () => {
  it('fills a merge from pasted ids, the words around each saying which one stays', () => {
    expect(fill('lead_merge', `merge lead ${ID_A} into ${ID_B}`)).toEqual({ kind: 'call', input: { duplicate: ID_A, survivor: ID_B } });
    expect(fill('lead_merge', `keep ${ID_A}, fold ${ID_B} into it`)).toEqual({ kind: 'call', input: { survivor: ID_A, duplicate: ID_B } });
    expect(fill('lead_merge', `survivor: ${ID_B}, duplicate: ${ID_A}`)).toEqual({ kind: 'call', input: { survivor: ID_B, duplicate: ID_A } });
  });

  it('reads an email-tracking event from its verb, time, address and link', () => {
    const r = fill('ingest_events', 'a.b@c.com clicked https://x.io/pricing at 2026-06-15T10:30:00Z');
    expect(r).toEqual({ kind: 'call', input: { events: [{ type: 'clicked', occurredAt: '2026-06-15T10:30:00Z', lead: 'a.b@c.com', url: 'https://x.io/pricing' }] } });
    const bounce = fill('ingest_events', 'record a bounce for a.b@c.com');
    expect(bounce.kind === 'call' && bounce.input.events).toEqual([{ type: 'bounced', occurredAt: '2026-06-15T12:00:00Z', lead: 'a.b@c.com' }]);
  });

  it('moves the amended call\'s span for "the quarter before" and "the month after"', () => {
    expect(fill('revenue_report', 'and the quarter before?', { period: 'last_quarter' })).toEqual({ kind: 'call', input: { period: '2025-Q4' } });
    expect(fill('revenue_report', 'the month after', { period: '2026-05' })).toEqual({ kind: 'call', input: { period: '2026-06' } });
  });

  it('reads "not contacted since" as last contact before that day', () => {
    const r = fill('lead_search', "leads i haven't contacted since may 1st");
    expect(r.kind === 'call' && r.input.to).toBe('2026-04-30');
    expect(r.kind === 'call' && r.input.from).toBeUndefined();
  });

  it('takes a stated email, phone and time zone on a lead edit', () => {
    const r = fill('lead_upsert', 'new lead: Jane Roe, jane@roe.io, +1 303 555 0142, Asia/Kolkata time, prefers whatsapp');
    expect(r.kind === 'call' && r.input).toMatchObject({ fullName: 'Jane Roe', email: 'jane@roe.io', phone: '+1 303 555 0142', timeZone: 'Asia/Kolkata', preferredChannel: 'whatsapp' });
  });
});
