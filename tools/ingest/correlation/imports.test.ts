import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../db/client.ts';
import { fieldBacklinks } from '../../../db/repos/correlation-fields.ts';
import { rows } from '../../../db/rows.ts';
import { createTestStore } from '../../../test/helpers/db.ts';
import { createFixtureOrg, type FixtureOrg } from '../../../test/helpers/org.ts';
import { callOk } from '../../../test/helpers/tools.ts';
import type { IngestCrmCsvOutput } from '../csv/schema.ts';
import type { IngestEmailOutput } from '../email/schema.ts';
import type { IngestTranscriptOutput } from '../transcripts/schema.ts';

// Correlation through the real importers: a CRM deal naming RFQ-1234, an email about that RFQ from its
// contact, a meeting with the same people. One opportunity; the CRM's values outrank the email's, the
// email's outrank the meeting's, every value keeps its source, re-imports change nothing, and a reviewer's
// correction outlasts later imports.

const HEADER = 'id,name,account,stage,amount,currency,close_date,owner,contact,contact_email,next_step';
const crmRow = (amount: string, close: string) => `${HEADER}\nD-100,Acme fleet RFQ-1234,Acme Corp,Proposal,"${amount}",USD,${close},Anna Rep,Dana Ruiz,dana@acme.com,Send the quote\n`;

const email = (id: string, date: string, subject: string, body: string) =>
  `From: Dana Ruiz <dana@acme.com>\nTo: Anna Rep <anna.rep@dealwise.demo>\nSubject: ${subject}\nDate: ${date}\nMessage-ID: <${id}@acme.com>\n\n${body}\n`;
const RFQ_MAIL = email('rfq-1', 'Wed, 10 Jun 2026 09:00:00 +0000', 'RFQ-1234 pricing', 'Hi Anna,\n\nFor RFQ-1234 we need 500 seats. Our budget is $45,000 in total and we must decide by August 15, 2026.\n\nThanks,\nDana');

const MEETING = `WEBVTT

00:00:01.000 --> 00:00:06.000
<v Anna Rep>Thanks for joining, Dana. Where are we on the rollout?

00:00:06.500 --> 00:00:14.000
<v Dana Ruiz>We reviewed everything internally. We would like 520 seats now.
`;

let store: Store;
let org: FixtureOrg;
const as = () => org.users.managerEast;

const csv = (content: string, fileName = 'deals.csv') => callOk<IngestCrmCsvOutput>(store.db, as(), 'ingest_crm_csv', { content, fileName });
const mail = (content: string) => callOk<IngestEmailOutput>(store.db, as(), 'ingest_email', { content, format: 'eml' });
const meeting = () => callOk<IngestTranscriptOutput>(store.db, as(), 'ingest_transcript', { content: MEETING, title: 'Acme weekly', occurredAt: '2026-06-12T15:00:00.000Z' });

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  const [row] = await rows<T>(store.db, query);
  return row as T;
}
const deal = () => one<{ id: string; n: number; value: number; close: string | null; probability: number | null; external: Record<string, string> }>(
  sql`select min(id::text) as id, count(*)::int as n, min(value_minor)::int as value, min(expected_close_date)::text as close, min(probability) as probability,
             (array_agg(external_ids))[1] as external
      from opportunities where account_id = ${org.accounts.acme}`,
);
const correlationOf = (sourceItemId: string) => one<{ c: Record<string, unknown> }>(sql`select metadata -> 'correlation' as c from source_items where id = ${sourceItemId}`).then((r) => r.c);
const sourceOfRow = (like: string) => one<{ id: string }>(sql`select id from source_items where kind = 'crm_csv_row' and raw_text like ${like} order by raw_text limit 1`).then((r) => r.id);

async function tableCounts(): Promise<Record<string, number>> {
  const tables = await rows<{ name: string }>(store.db, sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'audit_log' order by 1`);
  const out: Record<string, number> = {};
  for (const { name } of tables) out[name] = (await one<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(name)}`)).n;
  return out;
}

beforeAll(async () => {
  store = await createTestStore();
  org = await createFixtureOrg(store.db);
});
afterAll(() => store.close());

describe('correlation across ingest_crm_csv, ingest_email and ingest_transcript', () => {
  let dealId = '';
  let emailItem = '';
  let meetingItem = '';
  let crmItem = '';

  it('merges the email and the meeting into the CRM deal: one opportunity, both interactions on it', async () => {
    const first = await csv(crmRow('$50,000.00', ''));
    expect([first.created, first.rejected]).toEqual([1, 0]);
    const created = await deal();
    dealId = created.id;
    crmItem = await sourceOfRow('D-100,%');
    // the CRM deal carries its id and the tag its name states, naming the row it came from
    expect(created).toMatchObject({ n: 1, value: 5_000_000, close: null, probability: null, external: { csv: 'D-100', 'tag:RFQ-1234': crmItem } });

    const fromMail = await mail(RFQ_MAIL);
    expect([fromMail.created, fromMail.linkedToLead, fromMail.linkedToDeal]).toEqual([1, 1, 1]);
    expect(fromMail.correlation).toEqual({ merged: 1, created: 0, ambiguous: 0, unmatched: 0, hidden: 0, conflicts: 1 });
    emailItem = fromMail.items[0]!.sourceItemId;

    const fromMeeting = await meeting();
    expect(fromMeeting.status).toBe('imported');
    expect(fromMeeting.opportunityId).toBe(dealId);
    // Dana (the deal's contact, +2) at Acme (+1); no tag in a meeting about "the rollout"
    expect(fromMeeting.correlation).toMatchObject({ result: 'merged', matchedBy: ['participants:1', 'account'] });
    meetingItem = fromMeeting.sourceItemId!;

    expect((await deal()).n).toBe(1);
    const linked = await rows<{ type: string; opportunity_id: string | null }>(store.db, sql`select type::text, opportunity_id from interactions order by type`);
    expect(linked).toEqual([{ type: 'email', opportunity_id: dealId }, { type: 'meeting', opportunity_id: dealId }]);
    // the email's people joined the deal: Dana is its primary contact already, no one else was added
    const contacts = await rows<{ n: number }>(store.db, sql`select count(*)::int as n from opportunity_contacts where opportunity_id = ${dealId}`);
    expect(contacts[0]!.n).toBe(1);
  });

  it('keeps the CRM amount against the email, fills what the CRM left empty from the email, keeps the email against the meeting', async () => {
    const d = await deal();
    // $45,000 in the email loses to the CRM's $50,000; the close date and seats the CRM did not state come from the email
    expect([d.value, d.close]).toEqual([5_000_000, '2026-08-15']);
    const onMail = await correlationOf(emailItem);
    expect(onMail).toMatchObject({ result: 'merged', opportunityId: dealId, matchedBy: ['tag:RFQ-1234', 'participants:1', 'account'], score: 9 });
    expect(onMail.conflicts).toEqual([
      expect.objectContaining({
        field: 'value', stored: { amountMinor: 5_000_000, currency: 'USD' }, incoming: { amountMinor: 4_500_000, currency: 'USD' }, winner: 'stored', why: 'a CRM row outranks an email',
        storedSource: expect.objectContaining({ kind: 'crm_csv_row', sourceItemId: crmItem }),
      }),
    ]);
    expect(onMail.applied).toEqual([
      { field: 'expectedCloseDate', from: null, to: '2026-08-15' },
      { field: 'quantity', from: null, to: { unit: 'seats', value: 500 } },
    ]);

    const links = await fieldBacklinks(store.db, { kind: 'all' }, dealId);
    const of = (field: string) => links.filter((l) => l.field === field).map((l) => [l.role, l.sourceItemId, l.value]);
    expect(of('value')).toEqual([['conflicts', emailItem, { amountMinor: 4_500_000, currency: 'USD' }], ['set', crmItem, 5_000_000]]);
    expect(of('expectedCloseDate')).toEqual([['set', emailItem, '2026-08-15']]);
    // seats are negotiated terms: the meeting's later 520 replace the email's 500 (issue 16), the email's value
    // stays in the history and the disagreement is recorded on the meeting
    expect(of('quantity').sort((x, y) => String(x[1]).localeCompare(String(y[1])) || String(x[0]).localeCompare(String(y[0])))).toEqual(
      [['conflicts', meetingItem, { unit: 'seats', value: 520 }], ['set', meetingItem, { unit: 'seats', value: 520 }], ['set', emailItem, { unit: 'seats', value: 500 }]]
        .sort((x, y) => String(x[1]).localeCompare(String(y[1])) || String(x[0]).localeCompare(String(y[0]))),
    );
  });

  it('changes nothing when the three files are imported again', async () => {
    const before = { counts: await tableCounts(), deal: await deal(), links: await fieldBacklinks(store.db, { kind: 'all' }, dealId) };
    expect((await csv(crmRow('$50,000.00', ''))).skipped).toBe(1);
    expect((await mail(RFQ_MAIL)).unchanged).toBe(1);
    expect((await meeting()).status).toBe('unchanged');
    expect({ counts: await tableCounts(), deal: await deal(), links: await fieldBacklinks(store.db, { kind: 'all' }, dealId) }).toEqual(before);
  });

  it('lets a later CRM row replace the email\'s close date, recording the conflict on the row', async () => {
    const second = await csv(crmRow('$50,000.00', '2026-09-30'));
    expect([second.updated, second.samples[0]?.changed]).toEqual([1, ['expectedCloseDate']]);
    expect((await deal()).close).toBe('2026-09-30');
    const row = await sourceOfRow('%2026-09-30%');
    const onRow = await correlationOf(row);
    expect(onRow).toMatchObject({ result: 'merged', opportunityId: dealId, matchedBy: ['named'], supported: ['value'] });
    expect(onRow.conflicts).toEqual([
      expect.objectContaining({ field: 'expectedCloseDate', stored: '2026-08-15', incoming: '2026-09-30', winner: 'incoming', why: 'a CRM row outranks an email', storedSource: expect.objectContaining({ kind: 'email', sourceItemId: emailItem }) }),
    ]);
    const history = await rows<{ old: unknown; new: unknown; source: string }>(
      store.db,
      sql`select old_value as old, new_value as new, source_item_id as source from opportunity_field_history where opportunity_id = ${dealId} and field = 'expected_close_date' order by old_value nulls first`,
    );
    expect(history).toEqual([{ old: null, new: '2026-08-15', source: emailItem }, { old: '2026-08-15', new: '2026-09-30', source: row }]);
  });

  it('keeps a reviewer\'s correction against a later CRM row and a later email', async () => {
    await callOk(store.db, as(), 'feedback_annotate', { record: 'opportunity', target: dealId, field: 'value', value: 5_500_000, note: 'signed order form says 55k' });
    expect((await deal()).value).toBe(5_500_000);
    const third = await csv(crmRow('$52,000.00', '2026-09-30'));
    // the row's only change is the corrected amount: kept, so the row counts as skipped
    expect([third.updated, third.skipped]).toEqual([0, 1]);
    const later = await mail(email('rfq-2', 'Mon, 15 Jun 2026 09:00:00 +0000', 'Re: RFQ-1234 pricing', 'Anna, we can go to $60,000 in total if you include onboarding.'));
    expect([later.linkedToDeal, later.correlation.conflicts]).toEqual([1, 1]);
    expect((await deal()).value).toBe(5_500_000);
    const onLater = await correlationOf(later.items[0]!.sourceItemId);
    expect(onLater.conflicts).toEqual([expect.objectContaining({ field: 'value', winner: 'stored', incoming: { amountMinor: 6_000_000, currency: 'USD' }, storedSource: expect.objectContaining({ kind: 'reviewer' }) })]);
    const onRow = await correlationOf(await sourceOfRow('%52,000%'));
    expect(onRow.conflicts).toEqual([expect.objectContaining({ field: 'value', winner: 'stored', incoming: { amountMinor: 5_200_000, currency: 'USD' }, storedSource: expect.objectContaining({ kind: 'reviewer' }) })]);
  });
});

describe('a tie through a real import', () => {
  it('merges an email from a contact of two open deals into neither and keeps both as candidates', async () => {
    const rowsCsv = 'id,name,account,stage,amount,owner,contact,contact_email\nG-1,Globex renewal,Globex,Proposal,12000,Ben Rep,Priya Shah,priya@globex.com\nG-2,Globex expansion,Globex,Qualification,30000,Ben Rep,Priya Shah,priya@globex.com\n';
    expect((await csv(rowsCsv, 'globex.csv')).created).toBe(2);
    const deals = await rows<{ id: string; name: string }>(store.db, sql`select id, name from opportunities where account_id = ${org.accounts.globex} order by name`);
    expect(deals.map((d) => d.name)).toEqual(['Globex expansion', 'Globex renewal']);
    const before = await tableCounts();

    const out = await mail(`From: Priya Shah <priya@globex.com>\nTo: Ben Rep <ben.rep@dealwise.demo>\nSubject: Thanks\nDate: Tue, 16 Jun 2026 10:00:00 +0000\nMessage-ID: <tie-1@globex.com>\n\nThanks for the call yesterday, talk soon.\n`);
    expect([out.created, out.linkedToLead, out.linkedToDeal]).toEqual([1, 1, 0]);
    expect(out.correlation).toMatchObject({ merged: 0, ambiguous: 1 });
    const onMail = await correlationOf(out.items[0]!.sourceItemId);
    // Priya (+2) at Globex (+1) on each deal
    expect(onMail).toMatchObject({ result: 'ambiguous', opportunityId: null, note: '2 deals score 3: nothing merged, review the candidates' });
    expect((onMail.candidates as { opportunityId: string; score: number }[]).map((c) => [c.opportunityId, c.score]).sort()).toEqual(deals.map((d) => [d.id, 3]).sort());
    const [interaction] = await rows<{ opportunity_id: string | null }>(store.db, sql`select opportunity_id from interactions where subject = 'Thanks'`);
    expect(interaction!.opportunity_id).toBeNull();
    // one source item, one interaction, one chunk more; no deal, contact or history row
    const after = await tableCounts();
    expect(Object.fromEntries(Object.entries(after).filter(([t, n]) => n !== before[t]))).toEqual({ chunks: before.chunks! + 1, interactions: before.interactions! + 1, source_items: before.source_items! + 1 });
  });
});

describe('a CRM row about a deal an email opened first', () => {
  it('adopts that deal (its id added) instead of creating a second one', async () => {
    const rfq = `From: Carl Mendez <carl@initech.com>\nTo: Ben Rep <ben.rep@dealwise.demo>\nSubject: RFQ-777 spare parts\nDate: Tue, 16 Jun 2026 11:00:00 +0000\nMessage-ID: <rfq-777@initech.com>\n\nBen, please quote RFQ-777 by June 30, 2026.\n`;
    const out = await callOk<IngestEmailOutput>(store.db, as(), 'ingest_email', { content: rfq, format: 'eml', createLeads: true });
    // a deal tag at a known account (Carl's domain) opens a deal, owned by our user on the mail
    expect([out.leadsCreatedCount, out.correlation.created, out.linkedToDeal]).toEqual([1, 1, 1]);
    const [opened] = await rows<{ id: string; name: string; owner_id: string; value: number }>(store.db, sql`select id, name, owner_id, value_minor::int as value from opportunities where account_id = ${org.accounts.initech}`);
    expect(opened).toMatchObject({ name: 'Initech RFQ-777', owner_id: org.users.repBen.userId, value: 0 });

    const imported = await csv('id,name,account,stage,amount,owner\nI-1,Initech RFQ-777 parts order,Initech,Proposal,8000,Ben Rep\n', 'initech.csv');
    expect([imported.created, imported.updated]).toEqual([0, 1]);
    const after = await rows<{ id: string; name: string; stage: string; value: number; external: Record<string, string> }>(
      store.db,
      sql`select id, name, stage::text, value_minor::int as value, external_ids as external from opportunities where account_id = ${org.accounts.initech}`,
    );
    expect(after).toEqual([{ id: opened!.id, name: 'Initech RFQ-777 parts order', stage: 'proposal', value: 800_000, external: { csv: 'I-1', 'tag:RFQ-777': out.items[0]!.sourceItemId } }]);
  });
});
