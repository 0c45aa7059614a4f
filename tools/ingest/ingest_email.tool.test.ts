import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { rows } from '../../db/rows.ts';
import { leads, opportunities } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';
import type { IngestEmailOutput } from './email/schema.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const MESSAGES = path.resolve(here, '../../test/fixtures/email/messages');
const read = (name: string) => readFileSync(path.join(MESSAGES, name), 'utf8');

let store: Store;
let org: FixtureOrg;
const ids = { dana: fixtureId(), omar: fixtureId(), lena: fixtureId(), deal: fixtureId() };

async function tableCounts(): Promise<Record<string, number>> {
  const tables = await rows<{ name: string }>(store.db, sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await rows<{ n: number }>(store.db, sql`select count(*)::int as n from ${sql.identifier(name)}`);
    out[name] = row!.n;
  }
  return out;
}

interface InteractionRow {
  id: string;
  direction: string;
  subject: string | null;
  body: string;
  thread_id: string | null;
  lead_id: string | null;
  user_id: string | null;
  account_id: string | null;
  opportunity_id: string | null;
  question: string | null;
  objection_type: string | null;
  source_item_id: string;
  metadata: { signals: Record<string, { text: string; start: number; end: number; sourceItemId: string; date?: string; amountMinor?: number }[]>; labels: string[] };
}

const bySubject = (subject: string) =>
  rows<InteractionRow>(store.db, sql`select * from interactions where subject = ${subject} order by occurred_at`);

beforeAll(async () => {
  store = await createTestStore();
  org = await createFixtureOrg(store.db);
  const anna = org.users.repAnna.userId;
  await store.db.insert(leads).values([
    { id: ids.dana, fullName: 'Dana Ruiz', email: 'Dana.Ruiz@acme.com', accountId: org.accounts.acme, ownerId: anna },
    { id: ids.omar, fullName: 'Omar Haddad', email: 'omar@acme.com', accountId: org.accounts.acme, ownerId: anna },
    { id: ids.lena, fullName: 'Lena Berg', email: 'lena.berg@globex.com', accountId: org.accounts.globex, ownerId: org.users.repBen.userId },
  ]);
  await store.db.insert(opportunities).values({ id: ids.deal, name: 'Acme rollout', accountId: org.accounts.acme, ownerId: anna, primaryContactId: ids.dana, valueMinor: 60_480_00, stage: 'proposal', competitors: ['Closewell'] });
});
afterAll(async () => store.close());

describe('ingest_email', () => {
  it('imports an mbox thread: directions, one thread, lead/user/deal links, signals with spans, bounces kept without an interaction', async () => {
    const out = await callOk<IngestEmailOutput>(store.db, org.users.repAnna, 'ingest_email', { content: read('security-thread.mbox') });
    // 3 conversation messages + 1 bounce; "From Russia with love" inside a body does not split a message
    expect([out.created, out.unchanged, out.rejectedCount]).toEqual([4, 0, 0]);
    expect([out.interactions, out.inbound, out.outbound, out.internal, out.automated]).toEqual([3, 2, 1, 0, 1]);
    expect([out.threads, out.linkedToLead, out.linkedToDeal, out.chunks]).toEqual([1, 3, 3, 3]);
    expect(out.leadsMatched).toEqual([{ id: ids.dana, name: 'Dana Ruiz', email: 'dana.ruiz@acme.com' }]);
    expect(out.evidence.map((e) => e.quote)).toEqual(['Security review', 'Re: Security review', 'Re: Security review', 'Undelivered Mail Returned to Sender']);

    const thread = await bySubject('Security review');
    const replies = await bySubject('Re: Security review');
    const all = [...thread, ...replies];
    expect(all.map((i) => [i.direction, i.thread_id, i.lead_id, i.user_id, i.opportunity_id, i.account_id])).toEqual([
      ['inbound', 'msg:sec-1@acme.com', ids.dana, org.users.repAnna.userId, ids.deal, org.accounts.acme],
      ['outbound', 'msg:sec-1@acme.com', ids.dana, org.users.repAnna.userId, ids.deal, org.accounts.acme],
      ['inbound', 'msg:sec-1@acme.com', ids.dana, org.users.repAnna.userId, ids.deal, org.accounts.acme],
    ]);
    // >From unescaped; the sign-off stays, the name under it goes
    expect(thread[0]!.body).toBe("Hi Anna,\n\nBefore we can sign we need your SOC 2 report. Our review board meets on June 24.\nFrom the board's side, Omar leads the review.\n\nThanks,");
    expect(replies[0]!.body).toContain('From Russia with love');
    // "June 24" written on 2026-06-08 is 2026-06-24; the span points at those words in the stored body
    const date = thread[0]!.metadata.signals.dates!.find((d) => d.text === 'June 24')!;
    expect(date.date).toBe('2026-06-24');
    expect(thread[0]!.body.slice(date.start, date.end)).toBe('June 24');
    expect(date.sourceItemId).toBe(thread[0]!.source_item_id);
    expect(out.evidence[0]!.sourceId).toBe(thread[0]!.id);

    // Dana: 3 interactions counted; last contacted by the one outbound email (Anna, 8 June 15:30 UTC)
    const [dana] = await rows<{ interaction_count: number; last_contacted_at: Date; last_contacted_by_id: string }>(store.db, sql`select interaction_count, last_contacted_at, last_contacted_by_id from leads where id = ${ids.dana}`);
    expect([dana!.interaction_count, new Date(dana!.last_contacted_at).toISOString(), dana!.last_contacted_by_id]).toEqual([3, '2026-06-08T15:30:00.000Z', org.users.repAnna.userId]);

    const [bounce] = await rows<{ automated: string; interactions: number; chunks: number }>(
      store.db,
      sql`select s.metadata->>'automated' as automated, (select count(*)::int from interactions i where i.source_item_id = s.id) as interactions,
                 (select count(*)::int from chunks c where c.source_item_id = s.id) as chunks
          from source_items s where s.external_ids->>'messageId' = 'bounce-1@mx.acme.com'`,
    );
    expect(bounce).toEqual({ automated: 'bounce', interactions: 0, chunks: 0 });
  });

  it('changes nothing when the same mail is imported again (only the call is audited)', async () => {
    const before = await tableCounts();
    const out = await callOk<IngestEmailOutput>(store.db, org.users.repAnna, 'ingest_email', { content: read('security-thread.mbox'), format: 'mbox' });
    expect([out.created, out.unchanged, out.interactions]).toEqual([0, 4, 0]);
    const after = await tableCounts();
    expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
    expect(after.audit_log).toBe(before.audit_log! + 1);
  });

  it('dry run reports the import and writes nothing; the real call then strips quotes and signature and keeps the question', async () => {
    const before = await tableCounts();
    const dry = await callOk<IngestEmailOutput>(store.db, org.users.repAnna, 'ingest_email', { content: read('quoted-reply.eml'), dryRun: true });
    expect([dry.created, dry.interactions]).toEqual([1, 1]);
    expect(await tableCounts()).toEqual(before);

    const out = await callOk<IngestEmailOutput>(store.db, org.users.repAnna, 'ingest_email', { content: read('quoted-reply.eml') });
    expect([out.created, out.linkedToLead, out.linkedToDeal]).toEqual([1, 1, 1]);
    const [reply] = await bySubject('Re: Pricing for 120 seats');
    expect(reply!.body).toBe('Hi Anna,\n\nHonestly $60,480 is above what we budgeted. Closewell quoted us 15% less.\nCan you do better on the per-seat price?');
    expect(reply!.question).toBe('Can you do better on the per-seat price?');
    expect(reply!.lead_id).toBe(ids.dana);
    expect(reply!.metadata.signals.prices!.map((p) => [p.text, p.amountMinor])).toEqual([['$60,480', 6_048_000]]);
    expect(reply!.metadata.signals.competitors!.map((c) => c.text)).toEqual(['Closewell']);
    const [audit] = await rows<{ action: string; dry_run: boolean }>(store.db, sql`select action, dry_run from audit_log where tool = 'ingest_email' order by at desc, id desc limit 1`);
    expect(audit).toEqual({ action: 'email.imported', dry_run: false });
  });

  it('never links or duplicates a lead outside the caller\'s scope', async () => {
    const mail = `From: Dana Ruiz <dana.ruiz@acme.com>\nTo: Ben Rep <ben.rep@dealwise.demo>\nSubject: Intro\nDate: Thu, 11 Jun 2026 10:00:00 +0000\nMessage-ID: <scope-1@acme.com>\n\nHi Ben, Anna suggested I reach out.\n`;
    const leadsBefore = (await tableCounts()).leads;
    const out = await callOk<IngestEmailOutput>(store.db, org.users.repBen, 'ingest_email', { content: mail, createLeads: true });
    expect([out.created, out.linkedToLead, out.hiddenParticipants, out.leadsCreatedCount, out.linkedToDeal]).toEqual([1, 0, 1, 0, 0]);
    expect((await tableCounts()).leads).toBe(leadsBefore);
    const [intro] = await bySubject('Intro');
    expect([intro!.lead_id, intro!.opportunity_id, intro!.user_id]).toEqual([null, null, org.users.repBen.userId]);
  });

  it('creates a lead for an unknown sender only when asked, linked to the account by domain and owned by our user on the mail', async () => {
    const mail = (id: string, from: string) =>
      `From: ${from}\nTo: Ben Rep <ben.rep@dealwise.demo>\nSubject: Question ${id}\nDate: Fri, 12 Jun 2026 10:00:00 +0000\nMessage-ID: <${id}@globex.com>\n\nDo you support SSO with Okta?\n`;
    const without = await callOk<IngestEmailOutput>(store.db, org.users.repBen, 'ingest_email', { content: mail('q1', 'Tom Novak <tom.novak@globex.com>') });
    expect([without.leadsCreatedCount, without.linkedToLead]).toEqual([0, 0]);
    const [q1] = await bySubject('Question q1');
    expect([q1!.lead_id, q1!.account_id]).toEqual([null, org.accounts.globex]);

    const withLeads = await callOk<IngestEmailOutput>(store.db, org.users.repBen, 'ingest_email', { content: mail('q2', 'Tom Novak <Tom.Novak@globex.com>'), createLeads: true });
    expect(withLeads.leadsCreated.map((l) => [l.name, l.email])).toEqual([['Tom Novak', 'tom.novak@globex.com']]);
    const [tom] = await rows<{ account_id: string; owner_id: string; source: string; interaction_count: number }>(store.db, sql`select account_id, owner_id, source, interaction_count from leads where email = 'tom.novak@globex.com'`);
    expect(tom).toEqual({ account_id: org.accounts.globex, owner_id: org.users.repBen.userId, source: 'import', interaction_count: 1 });
    const robot = await callOk<IngestEmailOutput>(store.db, org.users.repBen, 'ingest_email', { content: mail('q3', 'Globex <no-reply@globex.com>'), createLeads: true });
    expect([robot.created, robot.leadsCreatedCount]).toEqual([1, 0]);
  });

  it('names the field for bad input and refuses server paths to non-admins', async () => {
    const none = await call(store.db, org.users.repAnna, 'ingest_email', {});
    expect(none.ok || none.error).toMatchObject({ code: 'invalid_input', issues: [{ field: 'path' }] });
    const both = await call(store.db, org.users.admin, 'ingest_email', { path: MESSAGES, content: 'x' });
    expect(both.ok || both.error).toMatchObject({ code: 'invalid_input', issues: [{ field: 'path' }] });
    const rep = await call(store.db, org.users.repAnna, 'ingest_email', { path: MESSAGES });
    expect(rep.ok || rep.error).toMatchObject({ code: 'forbidden' });
    const missing = await call(store.db, org.users.admin, 'ingest_email', { path: path.join(MESSAGES, 'nope.mbox') });
    expect(missing.ok || missing.error).toMatchObject({ code: 'invalid_input', issues: [{ field: 'path', message: expect.stringContaining('no file or folder at') }] });
    const exec = await call(store.db, org.users.exec, 'ingest_email', { content: read('quoted-reply.eml') });
    expect(exec.ok || exec.error).toMatchObject({ code: 'forbidden' });
  });

  it('imports the fixture folder: every file imported or rejected with a reason, labels, Gmail threads, attachments, a late parent re-threads its reply', async () => {
    const out = await callOk<IngestEmailOutput>(store.db, org.users.admin, 'ingest_email', { path: MESSAGES, createLeads: true });
    // files: bad-encoding 1, empty (rejected), gmail-export 2, multipart-attachment 1, not-an-email (rejected),
    // outlook-reply 1, quoted-reply 1 (stored above), security-thread 4 (stored above) -> 5 new, 5 unchanged, 2 rejected
    expect([out.created, out.unchanged, out.rejectedCount]).toEqual([5, 5, 2]);
    expect(out.rejected.map((r) => [r.origin, r.reason])).toEqual([
      ['empty.eml', 'empty file'],
      ['not-an-email.txt', 'not an email message: no From, Subject, Date, Message-ID or Received header'],
    ]);
    const [latin] = await bySubject('Angebot für München');
    expect(latin!.body).toContain('Grüße Ben, we need 30 licenses');
    const pilot = await bySubject('Pilot results');
    expect([pilot[0]!.thread_id, pilot[0]!.metadata.labels]).toEqual(['gmail:1844347792267117000', ['Inbox', 'Important', 'Deals/Initech', 'Deals/Pilot']]);
    const [answer] = await bySubject('Re: Pilot results');
    expect([answer!.thread_id, answer!.direction, answer!.metadata.labels]).toEqual(['gmail:1844347792267117000', 'outbound', ['Sent', 'Deals/Pilot']]);
    const [order] = await rows<{ attachments: unknown }>(store.db, sql`select metadata->'attachments' as attachments from source_items where external_ids->>'messageId' = 'order-form-1@acme.com'`);
    expect(order!.attachments).toMatchObject([{ filename: 'order-form.pdf', contentType: 'application/pdf', size: 293, inline: false }]);
    // the Outlook reply names only its parent (reply-2), whose own thread is pricing-1's
    const [outlook] = await bySubject('RE: Pricing for 120 seats');
    expect(outlook!.thread_id).toBe('msg:pricing-1@dealwise.demo');
    expect(outlook!.body).toBe('Hi Dana,\n\nFor a three-year term we can do 10% off, which brings it to $54,432 per year. Would Thursday at 10am work to walk your CFO through it?\n\nKind regards,');
  });
});
