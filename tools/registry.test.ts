import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../core/embeddings/local.ts';
import { silentLogger } from '../core/logger.ts';
import type { Store } from '../db/client.ts';
import { auditLog, leads, leadStageHistory, teams } from '../db/schema/index.ts';
import { createTestStore } from '../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg } from '../test/helpers/org.ts';
import { call } from '../test/helpers/tools.ts';
import { registry } from './index.ts';
import { defineTool, ToolRegistry } from './registry.ts';

describe('the tool registry', () => {
  let store: Store;
  let org: FixtureOrg;
  const dana = fixtureId();
  const dan = fixtureId();
  const carl = fixtureId();
  const samAcme = fixtureId();
  const samGlobex = fixtureId();

  beforeAll(async () => {
    store = await createTestStore();
    org = await createFixtureOrg(store.db);
    await store.db.insert(leads).values([
      { id: dana, fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId, lifecycleStage: 'contacted' },
      { id: dan, fullName: 'Dana Ruiz-Ortega', email: 'dro@globex.com', accountId: org.accounts.globex, ownerId: org.users.repBen.userId },
      { id: carl, fullName: 'Carl Initech', email: 'carl@initech.com', accountId: org.accounts.initech, ownerId: org.users.repCara.userId },
      { id: samAcme, fullName: 'Sam Lee', email: 'sam@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId },
      { id: samGlobex, fullName: 'Sam Lee', email: 'sam.lee@globex.com', accountId: org.accounts.globex, ownerId: org.users.repBen.userId },
    ]);
  });
  afterAll(() => store.close());

  it('answers an unknown tool with the list of known ones', async () => {
    const result = await call(store.db, org.users.admin, 'lead_explode', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found:tool' } });
    if (!result.ok) expect(result.error.hint).toContain('lead_search');
  });

  it('names every bad field in one clear error', async () => {
    const result = await call(store.db, org.users.admin, 'lead_search', { limit: 500, lifecycleStage: 'won', scoreMin: -1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.issues?.map((i) => i.field).sort()).toEqual(['lifecycleStage', 'limit', 'scoreMin']);
    expect(result.error.message).toMatch(/limit: .*100/);
  });

  it('refuses unknown keys on every tool instead of stripping them, with a did-you-mean', async () => {
    const typo = await call(store.db, org.users.admin, 'revenue_report', { perod: '2026' });
    expect(typo.ok).toBe(false);
    if (typo.ok) return;
    expect(typo.error.code).toBe('invalid_input');
    expect(typo.error.issues).toHaveLength(1);
    expect(typo.error.issues?.[0]?.field).toBe('perod');
    expect(typo.error.issues?.[0]?.message).toMatch(/^unknown key "perod"; did you mean "period"\? accepted: .*period/);
    // a write tool: nothing written, and dryRun is a known key
    const write = await call(store.db, org.users.admin, 'lead_set_stage', { lead: 'Dana Ruiz', stage: 'qualified', reason: 'budget confirmed', force: true, dryRun: true });
    expect(write).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'force' }] } });
    // every tool refuses a key none of them defines, before running anything
    for (const name of registry.names()) {
      const result = await call(store.db, org.users.admin, name, { zzUnknownKey: 1 });
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.error.issues?.map((i) => i.field), name).toContain('zzUnknownKey');
    }
  });

  it('filters lead_search by last contact with a period or from/to (to inclusive)', async () => {
    // ORG_NOW = 2026-06-15T12:00Z, a Monday: this_week starts 06-15, last_week is 06-08 .. 06-14
    await store.db.update(leads).set({ lastContactedAt: new Date('2026-06-15T09:00:00Z') }).where(eq(leads.id, dana));
    await store.db.update(leads).set({ lastContactedAt: new Date('2026-06-14T23:59:00Z') }).where(eq(leads.id, carl));
    const idsOf = async (input: Record<string, unknown>) => {
      const result = await call(store.db, org.users.admin, 'lead_search', input);
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return (result.data as { leads: { id: string }[] }).leads.map((l) => l.id).sort();
    };
    expect(await idsOf({ period: 'this_week' })).toEqual([dana]);
    expect(await idsOf({ period: 'last_week' })).toEqual([carl]);
    expect(await idsOf({ period: 'last_7_days' })).toEqual([dana, carl].sort());
    expect(await idsOf({ to: '2026-06-14' })).toEqual([carl]);
    expect(await idsOf({ from: '2026-06-14T23:59:00Z', to: '2026-06-15T09:00:00Z' })).toEqual([dana, carl].sort());
    expect(await call(store.db, org.users.admin, 'lead_search', { period: 'this_week', from: '2026-06-01' })).toMatchObject({ ok: false, error: { issues: [{ field: 'period' }] } });
  });

  it('refuses writes to an exec and says why', async () => {
    const result = await call(store.db, org.users.exec, 'lead_set_stage', { lead: 'dana@acme.com', stage: 'qualified', reason: 'budget confirmed' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'A exec may not call lead_set_stage: execs have read-only access' },
    });
  });

  it('keeps a rep inside their own records: other reps\' leads are invisible, not an error', async () => {
    const anna = await call(store.db, org.users.repAnna, 'lead_search', {});
    expect(anna.ok && (anna.data as { leads: { id: string }[] }).leads.map((l) => l.id).sort()).toEqual([dana, samAcme].sort());
    const manager = await call(store.db, org.users.managerEast, 'lead_search', {});
    expect(manager.ok && (manager.data as { page: { total: number } }).page.total).toBe(4);
    const blocked = await call(store.db, org.users.repAnna, 'lead_set_stage', { lead: 'carl@initech.com', stage: 'qualified', reason: 'x y z' });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'not_found:lead' } });
  });

  it('returns candidates for an ambiguous name instead of guessing', async () => {
    const result = await call(store.db, org.users.admin, 'lead_set_stage', { lead: 'sam lee', stage: 'qualified', reason: 'budget confirmed' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('ambiguous:lead');
    expect(result.error.candidates?.map((c) => c.id).sort()).toEqual([samAcme, samGlobex].sort());
    expect(result.error.candidates?.map((c) => c.detail).sort()).toEqual(['Acme Corp · sam@acme.com', 'Globex · sam.lee@globex.com']);
    // the same name seen by a rep who owns only one of them is not ambiguous
    const anna = await call(store.db, org.users.repAnna, 'lead_search', { query: 'Sam Lee' });
    expect(anna.ok && (anna.data as { leads: { id: string }[] }).leads.map((l) => l.id)).toEqual([samAcme]);

  });

  it('takes a clearly closest fuzzy match without asking', async () => {
    const result = await call(store.db, org.users.admin, 'lead_set_stage', { lead: 'Carl Initek', stage: 'contacted', reason: 'first call done', dryRun: true });
    expect(result).toMatchObject({ ok: true, data: { leadId: carl, lead: 'Carl Initech' } });
  });

  it('writes the change, its history and an audit row in one transaction', async () => {
    const result = await call(store.db, org.users.repAnna, 'lead_set_stage', { lead: 'Dana Ruiz', stage: 'qualified', reason: 'budget confirmed' });
    expect(result).toEqual({ ok: true, data: { leadId: dana, lead: 'Dana Ruiz', from: 'contacted', to: 'qualified', changed: true } });
    const [lead] = await store.db.select().from(leads).where(eq(leads.id, dana));
    expect(lead?.lifecycleStage).toBe('qualified');
    const history = await store.db.select().from(leadStageHistory).where(eq(leadStageHistory.leadId, dana));
    expect(history.map((h) => [h.fromStage, h.toStage, h.reason, h.changedAt.toISOString()])).toEqual([
      ['contacted', 'qualified', 'budget confirmed', ORG_NOW.toISOString()],
    ]);
    const audit = await store.db.select().from(auditLog).where(eq(auditLog.recordId, dana));
    expect(audit.map((a) => [a.tool, a.action, a.actorId, a.actorRole])).toEqual([
      ['lead_set_stage', 'lead.stage_changed', org.users.repAnna.userId, 'rep'],
    ]);
  });

  it('previews a dry run without changing or auditing anything', async () => {
    const before = await store.db.select().from(auditLog);
    const result = await call(store.db, org.users.admin, 'lead_set_stage', { lead: dan, stage: 'disqualified', reason: 'no budget', dryRun: true });
    expect(result).toMatchObject({ ok: true, data: { from: 'new', to: 'disqualified', changed: true } });
    const [lead] = await store.db.select().from(leads).where(eq(leads.id, dan));
    expect(lead?.lifecycleStage).toBe('new');
    expect(await store.db.select().from(auditLog)).toHaveLength(before.length);
  });

  it('rolls back a write that fails half way, reports it as internal and counts it', async () => {
    const broken = defineTool({
      name: 'team_break',
      description: 'test tool that writes then fails',
      input: z.object({ name: z.string().describe('team name') }),
      output: z.object({ ok: z.boolean().describe('never returned') }),
      annotations: { title: 'Break', readOnlyHint: false },
      minRole: 'admin',
      async execute(input, ctx) {
        await ctx.db.insert(teams).values({ name: input.name });
        throw new Error('disk on fire');
      },
      audit: () => ({ action: 'never' }),
    });
    const local = new ToolRegistry([broken as never]);
    const result = await local.execute('team_break', { name: 'Half' }, org.users.admin, {
      db: store.db, log: silentLogger, now: ORG_NOW, embedder: createLocalEmbedder(),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await store.db.select().from(teams).where(eq(teams.name, 'Half'))).toEqual([]);
    expect(local.failureCounts()).toEqual({ team_break: 1 });
  });

  it('treats output that breaks its own schema as a bug, not a result', async () => {
    const liar = defineTool({
      name: 'lead_lie',
      description: 'test tool with bad output',
      input: z.object({}),
      output: z.object({ n: z.number().describe('a number') }),
      annotations: { title: 'Lie', readOnlyHint: true },
      minRole: 'rep',
      execute: async () => ({ n: 'three' }) as never,
    });
    const local = new ToolRegistry([liar as never]);
    const result = await local.execute('lead_lie', {}, org.users.admin, { db: store.db, log: silentLogger, now: ORG_NOW, embedder: createLocalEmbedder() });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('lists every tool with JSON Schemas in which every field is described', () => {
    const listing = registry.list();
    expect(listing.map((t) => t.name)).toEqual(registry.names());
    const undescribed: string[] = [];
    const walk = (schema: unknown, at: string) => {
      if (!schema || typeof schema !== 'object') return;
      const node = schema as { properties?: Record<string, { description?: string }>; items?: unknown };
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (!child.description) undescribed.push(`${at}.${key}`);
        walk(child, `${at}.${key}`);
      }
      if (node.items) walk(node.items, `${at}[]`);
    };
    for (const tool of listing) {
      expect(tool.description.length).toBeGreaterThan(40);
      walk(tool.inputSchema, `${tool.name}.input`);
      walk(tool.outputSchema, `${tool.name}.output`);
      if (!tool.annotations.readOnlyHint) expect(tool.inputSchema).toHaveProperty('properties.dryRun');
      expect(tool.inputSchema.additionalProperties, tool.name).toBe(false);
    }
    expect(undescribed).toEqual([]);
  });
});
