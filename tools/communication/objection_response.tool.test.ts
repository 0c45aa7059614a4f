import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { interactions, leads } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';
import { classifyResponse } from './objections/approaches.ts';
import { detectObjection } from './objections/detect.ts';

interface ObjectionOut {
  type: string;
  detectedBy: string;
  responses: { approach: string; tried: number; positive: number; positiveRate: number | null; response: string }[];
  sampleSize: number;
  draft: { facts: { key: string }[]; unsupported: unknown[] } | null;
}

// Five past objections, counted by hand:
//   L1 price  -> 10% off (trade_terms), 2 days later    -> reply positive           : trade_terms 1 tried, 1 positive
//   L2 price  -> ROI business case (value_roi)         -> reply negative           : value_roi   1 tried, 0 positive
//   L3 price  -> ROI model (value_roi)                 -> call, next_steps_agreed  : value_roi   2 tried, 1 positive
//   L4 timing -> pilot                                  -> positive                 : not price
//   L5 price  -> first seller message 20 days later    -> outside the 14-day window: not counted
describe('objection_response', () => {
  let store: Store;
  let org: FixtureOrg;
  const L = [fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId()] as const;
  const d = (day: number) => new Date(Date.UTC(2026, 4, day, 15));

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    const anna = org.users.repAnna.userId;
    await store.db.insert(leads).values(L.map((id, i) => ({ id, fullName: `Buyer ${i + 1}`, firstName: 'Buyer', ownerId: anna, accountId: org.accounts.acme, painPoints: i === 0 ? ['slow month-end reporting'] : [] })));
    const row = (lead: string, day: number, direction: 'inbound' | 'outbound', body: string, extra: Record<string, unknown> = {}) => ({
      type: 'email' as const, direction, leadId: lead, accountId: org.accounts.acme, userId: direction === 'outbound' ? anna : null, body, occurredAt: d(day), ...extra,
    });
    await store.db.insert(interactions).values([
      row(L[0], 1, 'inbound', 'This is too expensive for us.', { objectionType: 'price' }),
      row(L[0], 3, 'outbound', 'We can offer 10% off if you sign this month.'),
      row(L[0], 5, 'inbound', 'That works, thank you!', { sentiment: 'positive' }),
      row(L[1], 2, 'inbound', 'Price is the sticking point.', { objectionType: 'price' }),
      row(L[1], 4, 'outbound', 'Happy to build a business case with the ROI for your team.'),
      row(L[1], 6, 'inbound', 'Still not convinced.', { sentiment: 'negative' }),
      row(L[2], 2, 'inbound', 'We cannot afford this right now.', { objectionType: 'price' }),
      row(L[2], 3, 'outbound', 'Let me put together an ROI model with your numbers.'),
      { ...row(L[2], 7, 'outbound', 'Call: walked through the model.', { outcome: 'next_steps_agreed', sentiment: 'neutral' }), type: 'call' as const },
      row(L[3], 2, 'inbound', 'Not the right time for us.', { objectionType: 'timing' }),
      row(L[3], 3, 'outbound', 'How about a two-week pilot?'),
      row(L[3], 6, 'inbound', 'Sounds good.', { sentiment: 'positive' }),
      row(L[4], 1, 'inbound', 'Too pricey.', { objectionType: 'price' }),
      row(L[4], 21, 'outbound', 'Any update on the evaluation?'),
    ]);
  });
  afterAll(() => store.close());

  it('ranks the answers to a price objection by what followed them, with hand-checked counts', async () => {
    const out = await callOk<ObjectionOut>(store.db, org.users.repAnna, 'objection_response', { objection: 'Honestly, this is more than we budgeted.' }, ORG_NOW);
    expect(out.type).toBe('price');
    expect(out.sampleSize).toBe(3);
    const byId = Object.fromEntries(out.responses.map((r) => [r.approach, r]));
    expect(byId.trade_terms).toMatchObject({ tried: 1, positive: 1, positiveRate: 100 });
    expect(byId.value_roi).toMatchObject({ tried: 2, positive: 1, positiveRate: 50 });
    expect(byId.stakeholder).toMatchObject({ tried: 0, positive: 0, positiveRate: null });
    // (1+1)/(1+2) = 0.67 > value_roi (1+1)/(2+2) = 0.5 = stakeholder (0+1)/(0+2), tie to the one tried more
    expect(out.responses.map((r) => r.approach).slice(0, 3)).toEqual(['trade_terms', 'value_roi', 'stakeholder']);
    expect(out.draft).toBeNull();
  });

  it('words the answers from the lead\'s record when a lead is given', async () => {
    const out = await callOk<ObjectionOut>(store.db, org.users.repAnna, 'objection_response', { objection: 'the cost worries me', lead: 'Buyer 1' }, ORG_NOW);
    expect(out).toMatchObject({ type: 'price', detectedBy: 'keyword' });
    expect(out.responses.find((r) => r.approach === 'value_roi')?.response).toContain('slow month-end reporting');
    expect(out.draft?.facts.map((f) => f.key)).toContain('lead.painPoints');
    expect(out.draft?.unsupported).toEqual([]);
  });

  it('detects the six types from cue phrases or topic words, and refuses text with no objection', async () => {
    const now = ORG_NOW;
    expect(detectObjection('I will need to get our CFO on board before we go any further.', now)?.type).toBe('authority');
    expect(detectObjection('We have a freeze on new tools until October.', now)?.type).toBe('timing');
    expect(detectObjection('We already have dashboards, so I am struggling to see the gap.', now)?.type).toBe('need');
    expect(detectObjection('We are also looking at Closewell, and their demo went well.', now)?.type).toBe('competitor');
    expect(detectObjection('Security will need your SOC 2 report first.', now)?.type).toBe('trust');
    expect(detectObjection('ask my boss', now)?.type).toBe('authority');
    const none = await call(store.db, org.users.repAnna, 'objection_response', { objection: 'Sounds great, see you Tuesday' }, ORG_NOW);
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error.issues?.[0]?.field).toBe('objection');
  });

  it('classifies a seller\'s reply by the approach it takes', () => {
    expect(classifyResponse('We can include onboarding for free if signed by Friday')).toBe('trade_terms');
    expect(classifyResponse('Attached is our SOC 2 report')).toBe('proof');
    expect(classifyResponse('Just checking in')).toBe('follow_up_only');
  });
});
