import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../db/client.ts';
import { rows } from '../../../db/rows.ts';
import { createTestStore } from '../../../test/helpers/db.ts';
import { createFixtureOrg, type FixtureOrg } from '../../../test/helpers/org.ts';
import { call, callOk } from '../../../test/helpers/tools.ts';
import { detectPreset } from './detect.ts';
import type { IngestCrmCsvOutput } from './schema.ts';
import { sniffCsv } from './sniff.ts';

// Issue 16, point 6: a CRM export is read whatever layout and locale it was written in. The preset is
// recognised from the header (and said), the delimiter, decimal mark and date order are detected (or
// given), and a header no preset reads is refused with its unread columns and a mapping to start from.

const ISSUE_HEADER = 'Opportunity Name,Account Name,Stage,Amount,Close Date,Owner Email,Opportunity ID,Contact Email';

describe('recognising the export layout from its header', () => {
  const cases: [string, string][] = [
    ['salesforce', ISSUE_HEADER],
    ['hubspot', 'Record ID,Deal Name,Deal Stage,Amount,Close Date,Deal owner,Associated Company,Pipeline'],
    ['pipedrive', 'Deal - ID,Deal - Title,Deal - Value,Deal - Currency,Deal - Stage,Deal - Organization,Deal - Owner,Deal - Expected close date,Person - Email'],
    ['zoho', 'Record Id,Deal Name,Account Name,Stage,Amount,Closing Date,Deal Owner,Contact Name,Probability (%)'],
    ['dynamics', '(Do Not Modify) Opportunity,Topic,Potential Customer,Est. Revenue,Est. Close Date,Owner,Pipeline Phase,Probability'],
    ['generic', 'id,name,account,stage,amount,currency,close_date,owner,contact,contact_email'],
  ];
  for (const [preset, header] of cases) {
    it(`recognises ${preset}`, () => {
      const found = detectPreset(header.split(','));
      expect(found).toMatchObject({ ok: true, preset });
    });
  }

  it('names the columns no preset reads and gives a mapping to start from', () => {
    const found = detectPreset(['Vorgang', 'Kunde', 'Phase', 'Betrag', 'Abschlussdatum', 'Notiz']);
    expect(found.ok).toBe(false);
    if (found.ok) return;
    expect(found.unmapped).toEqual(['Vorgang', 'Kunde', 'Phase', 'Betrag', 'Abschlussdatum', 'Notiz']);
    // guesses from the names; "Vorgang" and "Notiz" are left for the user
    expect(found.starter).toEqual({ primary: 'opportunity', columns: { account: { name: 'Kunde' }, opportunity: { stage: 'Phase', amount: 'Betrag', closeDate: 'Abschlussdatum' } }, options: {} });
    expect(found.message).toContain('place Vorgang, Notiz');
  });
});

describe('reading the dialect', () => {
  it('reads a European Excel export: BOM, semicolons, CRLF, decimal commas, day-first dates', () => {
    const text = '\uFEFFOpportunity Name;Account Name;Amount;Close Date\r\n"Koepp; Sensoren";Koepp Inc.;10.500,00;15.02.2027\r\nB;C;1.250,50;03.04.2027\r\n';
    expect(sniffCsv(text)).toEqual({ delimiter: ';', header: ['Opportunity Name', 'Account Name', 'Amount', 'Close Date'], decimal: ',', dateOrder: 'dmy' });
  });
  it('reads a US export: commas, decimal points, month-first dates', () => {
    expect(sniffCsv('name,amount,close\n"Acme, fleet","$10,500.00",2/15/2027\n')).toEqual({ delimiter: ',', header: ['name', 'amount', 'close'], decimal: '.', dateOrder: 'mdy' });
  });
  it('says nothing about dates it cannot tell apart', () => {
    expect(sniffCsv('name\tclose\nA\t01/02/2027\n')).toMatchObject({ delimiter: '\t', dateOrder: null });
  });
});

describe('ingest_crm_csv with the layout recognised', () => {
  let store: Store;
  let org: FixtureOrg;
  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
  });
  afterAll(() => store.close());

  it('imports the issue\'s Salesforce-style export without --preset and says which preset it chose', async () => {
    const content = `${ISSUE_HEADER}\nKoepp RFQ-4471 pressure sensors,Koepp Inc.,Proposal/Price Quote,"$12,900.00",7/31/2026,anna.rep@dealwise.demo,0065g00000KP4471,marta.vogel@koepp.com\n`;
    const out = await callOk<IngestCrmCsvOutput>(store.db, org.users.admin, 'ingest_crm_csv', { content, fileName: 'opps.csv' });
    expect([out.created, out.rejected, out.preset]).toEqual([1, 0, 'salesforce']);
    expect(out.detected).toMatchObject({ preset: 'salesforce', presetBy: 'header', presetWhy: 'salesforce reads 8 of the 8 columns', delimiter: ',', decimal: '.', dateOrder: 'mdy' });
  });

  it('imports a semicolon-separated European export with the amounts and dates it states', async () => {
    const content = '\uFEFFOpportunity Name;Account Name;Stage;Amount;Close Date;Owner Email;Opportunity ID\r\nHartmann Förderband;Hartmann GmbH;Negotiation/Review;10.500,00;15.02.2027;ben.rep@dealwise.demo;0065EU0001\r\n';
    const out = await callOk<IngestCrmCsvOutput>(store.db, org.users.admin, 'ingest_crm_csv', { content, fileName: 'export-eu.csv' });
    expect([out.created, out.rejected]).toEqual([1, 0]);
    expect(out.detected).toMatchObject({ preset: 'salesforce', delimiter: ';', delimiterBy: 'detected', decimal: ',', dateOrder: 'dmy', dateOrderBy: 'detected' });
    const [deal] = await rows<{ value: number; close: string }>(store.db, sql`select value_minor::int as value, expected_close_date::text as close from opportunities where name = 'Hartmann Förderband'`);
    expect(deal).toEqual({ value: 1_050_000, close: '2027-02-15' });
  });

  it('takes the date order from the caller when the file cannot say', async () => {
    const content = 'Opportunity Name;Account Name;Amount;Close Date;Opportunity ID\nNordwind scanners;Nordwind AB;1.000,00;03.04.2027;0065EU0002\n';
    const out = await callOk<IngestCrmCsvOutput>(store.db, org.users.admin, 'ingest_crm_csv', { content, fileName: 'nw.csv', dateOrder: 'mdy' });
    expect(out.detected).toMatchObject({ dateOrder: 'mdy', dateOrderBy: 'given' });
    const [deal] = await rows<{ close: string }>(store.db, sql`select expected_close_date::text as close from opportunities where name = 'Nordwind scanners'`);
    expect(deal!.close).toBe('2027-03-04');
  });

  it('refuses a header no preset reads, naming the field, the unread columns and a starter mapping', async () => {
    const result = await call(store.db, org.users.admin, 'ingest_crm_csv', { content: 'Vorgang;Kunde;Betrag\nX;Y;1,00\n', fileName: 'de.csv' });
    expect(result.ok).toBe(false);
    const issue = (result as { error: { issues: { field: string; message: string }[] } }).error.issues[0]!;
    expect(issue.field).toBe('preset');
    expect(issue.message).toContain('Columns no preset reads: Vorgang, Kunde, Betrag');
    const starter = JSON.parse(issue.message.slice(issue.message.indexOf('{'))) as unknown;
    expect(starter).toEqual({ primary: 'opportunity', columns: { account: { name: 'Kunde' }, opportunity: { amount: 'Betrag' } }, options: {} });
  });
});
