import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { createRng } from '../../core/random.ts';
import { createTestStore } from '../helpers/db.ts';
import { createFixtureOrg, ORG_NOW } from '../helpers/org.ts';
import { CASES, importSource, permutations, snapshot, SOURCE_KINDS, type Source, type StoreSnapshot } from './sources.ts';

// Issue 16, point 1: fragments of one deal arriving in any order end as the same deal. Each ordering runs
// in a fresh store (fixture org, imported by the admin); the snapshot (links, values, contacts, overruled
// values, what is still pending) must be the same for every ordering. The issue's own case (RFQ-4471) runs
// in all six orders; the five deals together (15 sources) in a seeded sample of orders.

const stores: Store[] = [];
afterAll(async () => {
  for (const s of stores) await s.close();
});

async function importInOrder(order: readonly Source[]): Promise<StoreSnapshot> {
  const store = await createTestStore();
  stores.push(store);
  const org = await createFixtureOrg(store.db);
  // one import a minute apart: arrival order must not matter, whatever the clock says
  for (const [i, source] of order.entries()) await importSource(store.db, org.users.admin, source, new Date(ORG_NOW.getTime() + i * 60_000));
  const snap = await snapshot(store.db);
  await store.close();
  stores.pop();
  return snap;
}

const label = (order: readonly Source[]) => order.map((s) => `${s.deal.split('-')[0]}:${s.kind}`).join(' > ');

describe('the RFQ-4471 case in all six orders', () => {
  const orders = permutations(SOURCE_KINDS).map((kinds) => kinds.map((kind) => ({ deal: 'koepp-rfq-4471', kind })));
  const results: { order: string; snap: StoreSnapshot }[] = [];

  it('imports mail, call and CRM row in every order to one deal with both interactions', async () => {
    for (const order of orders) results.push({ order: label(order), snap: await importInOrder(order) });
    const [first] = results;
    expect(first!.snap.deals).toHaveLength(1);
    const deal = first!.snap.deals[0]!;
    expect(deal).toMatchObject({ name: 'Koepp RFQ-4471 pressure sensors', account: 'Koepp Inc.', owner: 'anna.rep@dealwise.demo', contacts: ['marta.vogel@koepp.com'] });
    // two mails and the call, whatever came first
    expect(deal.interactions).toEqual(['email:RFQ-4471 pressure sensors', 'email:Re: RFQ-4471 pressure sensors', 'meeting:RFQ-4471 pricing call']);
    expect(deal.keys).toEqual(expect.arrayContaining(['salesforce', 'tag:RFQ-4471']));
    // "Sensortec quoted us $45 per unit": a candidate with its price, unconfirmed (point 4)
    expect(deal.competitorCandidates).toEqual(['Sensortec quoted 4500']);
    // point 5: the call's 300 units at $43 are the current terms, the mails' 250 units and $42 / $44 are
    // kept as overruled; the CRM keeps the amount it owns
    expect([deal.quantity, deal.unitPrice, deal.value]).toEqual([{ value: 300, unit: 'units' }, { amountMinor: 4300, currency: 'USD' }, { amountMinor: 1_290_000, currency: 'USD' }]);
    expect(deal.overruled.quantity).toEqual([JSON.stringify({ unit: 'units', value: 250 })]);
    expect(deal.overruled.unitPrice).toEqual([JSON.stringify({ amountMinor: 4200, currency: 'USD' }), JSON.stringify({ amountMinor: 4400, currency: 'USD' })]);
    expect(first!.snap.pending).toEqual([]);
    // point 2: the rep's two promises on the call are her tasks on the deal, due as said (the call was on
    // Friday 5 June 2026: "by Wednesday" is 10 June, 17:00 in her zone, New York; "next week" names no day)
    expect(first!.snap.tasks.filter((t) => t.includes('Koepp'))).toEqual([
      "anna.rep@dealwise.demo | I'll send the revised quote by Wednesday. | 2026-06-10 21:00 | Koepp RFQ-4471 pressure sensors",
      "anna.rep@dealwise.demo | Then I'll set up a call with your CFO next week. | - | Koepp RFQ-4471 pressure sensors",
    ]);
  });

  it('gives the same links, field values and conflicts for every order', () => {
    for (const r of results.slice(1)) expect({ order: r.order, snap: r.snap }).toEqual({ order: r.order, snap: results[0]!.snap });
  });
});

describe('five deals, fifteen sources, in a sample of orders', () => {
  const all: Source[] = CASES.flatMap((c) => SOURCE_KINDS.map((kind) => ({ deal: c.name, kind })));
  const rng = createRng(16);
  const shuffled = () => {
    const out = [...all];
    for (let i = out.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  // CRM last (the nightly export), CRM first, and two seeded shuffles
  const orders = [
    [...all.filter((s) => s.kind !== 'crm'), ...all.filter((s) => s.kind === 'crm')],
    [...all.filter((s) => s.kind === 'crm'), ...all.filter((s) => s.kind !== 'crm')],
    shuffled(),
    shuffled(),
  ];

  it('ends with five deals, every source linked, the same in each order', async () => {
    const results: StoreSnapshot[] = [];
    for (const order of orders) results.push(await importInOrder(order));
    const [first] = results;
    expect(first!.deals.map((d) => d.account)).toEqual(['Acme Corp', 'Brightline Logistics', 'Hartmann GmbH', 'Koepp Inc.', 'Nordwind AB']);
    for (const d of first!.deals) expect(d.interactions.map((i) => i.split(':')[0])).toEqual(['email', 'email', 'meeting']);
    expect(first!.pending).toEqual([]);
    expect(Object.fromEntries(first!.deals.map((d) => [d.account, d.competitorCandidates]))).toEqual({
      'Acme Corp': ['Voltcore going with -'], 'Brightline Logistics': ['Trackon quoted 6100'], 'Hartmann GmbH': ['Rollwerk talking to -'], 'Koepp Inc.': ['Sensortec quoted 4500'], 'Nordwind AB': ['ScanPoint talking to -'],
    });
    for (const [i, r] of results.entries()) expect({ order: i, deals: r.deals, pending: r.pending }).toEqual({ order: i, deals: first!.deals, pending: first!.pending });
  }, 120_000);
});
