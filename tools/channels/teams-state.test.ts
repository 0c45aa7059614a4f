import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { teamsActivities } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, type FixtureOrg } from '../../test/helpers/org.ts';
import { ACTIVITY_MEMORY_MS, teamsState } from './teams-state.ts';

describe('Teams bot state', () => {
  let store: Store;
  let org: FixtureOrg;
  let now = new Date('2026-06-15T12:00:00Z');
  const state = () => teamsState({ db: store.db, clock: { now: () => now } });

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
  });
  afterAll(async () => store?.close());

  it('claims an activity once per conversation, and forgets claims older than two days', async () => {
    expect(await state().claimActivity('a:1', '100')).toBe(true);
    expect(await state().claimActivity('a:1', '100')).toBe(false);
    // the same activity id in another conversation is another activity
    expect(await state().claimActivity('a:2', '100')).toBe(true);
    now = new Date(now.getTime() + ACTIVITY_MEMORY_MS + 1);
    expect(await state().claimActivity('a:1', '101')).toBe(true);
    expect((await store.db.select().from(teamsActivities)).map((row) => row.activityKey)).toEqual(['a:1|101']);
  });

  it('maps a conversation to a thread per user, and maps users by email whatever its case', async () => {
    await state().rememberThread('19:c@thread.tacv2;messageid=1', org.users.repAnna.userId, 't-anna');
    await state().rememberThread('19:c@thread.tacv2;messageid=1', org.users.repBen.userId, 't-ben');
    await state().rememberThread('19:c@thread.tacv2;messageid=1', org.users.repAnna.userId, 't-anna-2');
    expect(await state().threadFor('19:c@thread.tacv2;messageid=1', org.users.repAnna.userId)).toBe('t-anna-2');
    expect(await state().threadFor('19:c@thread.tacv2;messageid=1', org.users.repBen.userId)).toBe('t-ben');
    await state().forgetThread('19:c@thread.tacv2;messageid=1', org.users.repAnna.userId);
    expect(await state().threadFor('19:c@thread.tacv2;messageid=1', org.users.repAnna.userId)).toBeUndefined();
    expect(await state().userByEmail('Anna.Rep@DealWise.demo')).toEqual(org.users.repAnna);
    expect(await state().userByEmail('nobody@dealwise.demo')).toBeUndefined();
  });
});
