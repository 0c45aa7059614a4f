import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../db/client.ts';
import { rows } from '../../../db/rows.ts';
import { createTestStore } from '../../../test/helpers/db.ts';
import { createFixtureOrg, type FixtureOrg } from '../../../test/helpers/org.ts';
import { importSource } from '../../../test/multisource/sources.ts';
import { callOk } from '../../../test/helpers/tools.ts';
import { senderFacts } from './signature.ts';

// Issue 16, point 3: the contact a CRM export makes from "marta.vogel@koepp.com" is named, titled and
// given a phone from the mail she sent, whichever came first; a value the CRM set stays, the mail's
// disagreement is kept on the contact.

describe('reading a sender off a mail', () => {
  it('takes the display name, the title line and the phone line of the signature', () => {
    const raw = 'From: Marta Vogel <marta.vogel@koepp.com>\nSubject: x\n\nHello,\n\nplease quote.\n\nBest regards,\nMarta Vogel\nHead of Procurement, Koepp Inc.\nPhone: +49 341 555 0192\n';
    expect(senderFacts(raw, 'Marta Vogel')).toEqual({ name: 'Marta Vogel', title: 'Head of Procurement', phone: '+49 341 555 0192' });
  });
  it('reads "Last, First" and finds nothing without a signature', () => {
    expect(senderFacts('From: x\n\nThanks, talk soon.\n', 'Vogel, Marta')).toEqual({ name: 'Marta Vogel', title: null, phone: null });
    expect(senderFacts('From: x\n\nok\n', 'marta.vogel@koepp.com')).toEqual({ name: null, title: null, phone: null });
  });
});

describe('contacts filled from mail through the importers', () => {
  let store: Store;
  let org: FixtureOrg;
  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
  });
  afterAll(() => store.close());
  const lead = (email: string) => rows<{ full_name: string; first_name: string | null; last_name: string | null; title: string | null; phone: string | null; conflicts: unknown }>(
    store.db, sql`select full_name, first_name, last_name, title, phone, attributes -> 'contactConflicts' as conflicts from leads where email = ${email}`,
  ).then((r) => r[0]);

  it('names the contact the CRM made from an address, when the mail came first', async () => {
    await importSource(store.db, org.users.admin, { deal: 'koepp-rfq-4471', kind: 'mail' }, new Date('2026-06-15T12:00:00Z'));
    await importSource(store.db, org.users.admin, { deal: 'koepp-rfq-4471', kind: 'crm' }, new Date('2026-06-15T12:01:00Z'));
    expect(await lead('marta.vogel@koepp.com')).toEqual({ full_name: 'Marta Vogel', first_name: 'Marta', last_name: 'Vogel', title: 'Head of Procurement', phone: '+49 341 555 0192', conflicts: null });
  });

  it('keeps what the CRM set and records the mail\'s disagreement, when the CRM came first', async () => {
    const csv = 'Opportunity Name,Account Name,Stage,Amount,Opportunity ID,Primary Contact,Contact Email,Contact Title\nAcme PO-7781 battery packs,Acme Corp,Proposal/Price Quote,14550,0065g00000AC7781,Lena Park,lena.park@acme.com,Fleet Manager\n';
    await callOk(store.db, org.users.admin, 'ingest_crm_csv', { content: csv, fileName: 'acme.csv' });
    await importSource(store.db, org.users.admin, { deal: 'acme-po-7781', kind: 'mail' }, new Date('2026-06-15T12:02:00Z'));
    const lena = await lead('lena.park@acme.com');
    expect(lena).toMatchObject({ full_name: 'Lena Park', title: 'Fleet Manager', phone: '+1 617 555 0134' });
    expect(lena!.conflicts).toEqual([expect.objectContaining({ field: 'title', stored: 'Fleet Manager', fromMail: 'Fleet Operations Lead' })]);
  });
});
