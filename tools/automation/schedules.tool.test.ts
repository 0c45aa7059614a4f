import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';

interface Sched { result: string; schedule: { id: string; name: string; nextRuns: { at: string; local: string }[]; user: { name: string } | null } }

// Wed 25 Mar 2026 12:00Z: Berlin moves to summer time on Sun 29 Mar, so 08:00 local is 07:00Z before and 06:00Z after.
const WED = new Date('2026-03-25T12:00:00Z');

describe('schedule_upsert / schedule_list', () => {
  let store: Store;
  let org: FixtureOrg;
  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
  });
  afterAll(() => store.close());

  it('creates a schedule and shows the next runs in the zone, across the DST change and the weekend', async () => {
    const out = await callOk<Sched>(store.db, org.users.repAnna, 'schedule_upsert', { cron: '0 8 * * 1-5', timezone: 'Europe/Berlin', audience: 'rep', channel: 'slack', target: 'C123' }, WED);
    expect(out.result).toBe('created');
    expect(out.schedule.name).toBe('rep briefing for Anna Rep');
    expect(out.schedule.nextRuns).toEqual([
      { at: '2026-03-26T07:00:00.000Z', local: '2026-03-26T08:00:00+01:00' },
      { at: '2026-03-27T07:00:00.000Z', local: '2026-03-27T08:00:00+01:00' },
      { at: '2026-03-30T06:00:00.000Z', local: '2026-03-30T08:00:00+02:00' },
    ]);
    const again = await callOk<Sched>(store.db, org.users.repAnna, 'schedule_upsert', { cron: '0 8 * * 1-5', timezone: 'Europe/Berlin', audience: 'rep', channel: 'slack', target: 'C123' }, WED);
    expect(again.result).toBe('unchanged');
    const moved = await callOk<Sched>(store.db, org.users.repAnna, 'schedule_upsert', { cron: '30 7 * * 1', timezone: 'America/New_York', audience: 'rep', channel: 'slack', target: 'C123' }, WED);
    expect([moved.result, moved.schedule.id, moved.schedule.nextRuns[0]!.at]).toEqual(['updated', out.schedule.id, '2026-03-30T11:30:00.000Z']);
  });

  it('names the bad field: cron, timezone, audience', async () => {
    const cron = await call(store.db, org.users.repAnna, 'schedule_upsert', { cron: '61 8 * * *', timezone: 'UTC', audience: 'rep', channel: 'web' }, WED);
    expect(cron.ok ? 'ok' : cron.error.message).toMatch(/^cron: "61 8 \* \* \*" is not a valid cron expression: Invalid value for minute: 61/);
    const zone = await call(store.db, org.users.repAnna, 'schedule_upsert', { cron: '0 8 * * *', timezone: 'Mars/Olympus', audience: 'rep', channel: 'web' }, WED);
    expect(zone.ok ? 'ok' : zone.error.message).toMatch(/^timezone: "Mars\/Olympus" is not an IANA time zone/);
    const audience = await call(store.db, org.users.repAnna, 'schedule_upsert', { cron: '0 8 * * *', timezone: 'UTC', audience: 'exec', channel: 'web' }, WED);
    expect(audience.ok ? 'ok' : audience.error.message).toMatch(/^audience: an? exec briefing is not for a rep/);
  });

  it('keeps schedules in scope: a manager schedules a team rep, not another team; lists show what is visible', async () => {
    await callOk(store.db, org.users.managerEast, 'schedule_upsert', { cron: '0 9 * * 1-5', timezone: 'America/New_York', audience: 'rep', channel: 'email', user: 'Ben Rep' }, WED);
    const west = await call(store.db, org.users.managerEast, 'schedule_upsert', { cron: '0 9 * * 1-5', timezone: 'UTC', audience: 'rep', channel: 'email', user: 'Cara Rep' }, WED);
    expect(west.ok ? 'ok' : west.error.code).toBe('forbidden');
    const anna = await callOk<{ schedules: Sched['schedule'][] }>(store.db, org.users.repAnna, 'schedule_list', {}, WED);
    expect(anna.schedules.map((s) => s.name)).toEqual(['rep briefing for Anna Rep']);
    const mia = await callOk<{ schedules: Sched['schedule'][] }>(store.db, org.users.managerEast, 'schedule_list', {}, WED);
    expect(mia.schedules.map((s) => s.name).sort()).toEqual(['rep briefing for Anna Rep', 'rep briefing for Ben Rep']);
    const exec = await callOk<{ schedules: Sched['schedule'][] }>(store.db, org.users.exec, 'schedule_list', {}, WED);
    expect(exec.schedules).toHaveLength(2);
  });
});
