import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/rows.ts';
import { approvals, leads } from '../../db/schema/index.ts';
import { changedTables, NO_SUCH_ID, tableDigest, withoutIds } from './surface-cast.ts';
import { openSurfaceApp, type Player, type SurfaceApp } from './surface-app.ts';

// The role matrix through the HTTP surfaces' own entry points (app.inject, real API keys): /v1/tools/:name,
// REST /api/opportunities|leads, /v1/chat with its threads and approvals. Rep A and manager A ask for rep B's
// records (another team): the answer must be the "not found" of a record that does not exist, byte for byte
// apart from the id; lists never hold them; writes are refused and leave every table as it was.

let s: SurfaceApp;
beforeAll(async () => {
  s = await openSurfaceApp();
});
afterAll(() => s.close());

const OUTSIDERS: Player[] = ['repA', 'managerA'];

interface Probe {
  title: string;
  request(id: string): { method: 'GET' | 'POST'; url: string; payload?: object };
}

const reads = (): (Probe & { id: () => string })[] => [
  { title: 'GET /api/opportunities/:id', id: () => s.cast.other.deal, request: (id) => ({ method: 'GET', url: `/api/opportunities/${id}` }) },
  { title: 'GET /api/leads/:id', id: () => s.cast.other.lead, request: (id) => ({ method: 'GET', url: `/api/leads/${id}` }) },
  { title: 'POST /v1/tools/opportunity_get', id: () => s.cast.other.deal, request: (id) => ({ method: 'POST', url: '/v1/tools/opportunity_get', payload: { opportunity: id } }) },
  { title: 'POST /v1/tools/lead_get', id: () => s.cast.other.lead, request: (id) => ({ method: 'POST', url: '/v1/tools/lead_get', payload: { lead: id } }) },
];

const writes = (): (Probe & { id: () => string })[] => [
  { title: 'opportunity_set_stage', id: () => s.cast.other.deal, request: (id) => ({ method: 'POST', url: '/v1/tools/opportunity_set_stage', payload: { opportunity: id, stage: 'negotiation', reason: 'surface matrix' } }) },
  { title: 'lead_set_stage', id: () => s.cast.other.lead, request: (id) => ({ method: 'POST', url: '/v1/tools/lead_set_stage', payload: { lead: id, stage: 'contacted', reason: 'surface matrix' } }) },
  { title: 'task_update', id: () => s.cast.other.task, request: (id) => ({ method: 'POST', url: '/v1/tools/task_update', payload: { task: id, priority: 'urgent' } }) },
];

/** the answer for `id` and for an id nobody has, as status + body with the id blanked */
async function sameAsMissing(player: Player, probe: Probe, id: string) {
  const real = await s.as(player, probe.request(id));
  const missing = await s.as(player, probe.request(NO_SUCH_ID));
  return {
    real: { status: real.statusCode, body: withoutIds(real.body, id) },
    missing: { status: missing.statusCode, body: withoutIds(missing.body, NO_SUCH_ID) },
    raw: real.body,
  };
}

describe('HTTP and REST: another team\'s records', () => {
  it('reading one answers exactly as for a record that does not exist, with none of its fields', async () => {
    for (const player of OUTSIDERS) {
      for (const probe of reads()) {
        const { real, missing, raw } = await sameAsMissing(player, probe, probe.id());
        expect(real.status, `${probe.title} as ${player}`).toBe(404);
        expect(real, `${probe.title} as ${player}`).toEqual(missing);
        expect(raw).not.toContain(s.cast.otherNames.deal);
        expect(raw).not.toContain(s.cast.otherNames.lead);
      }
    }
    // the records are real: whoever may see them does
    for (const probe of reads()) expect((await s.as('admin', probe.request(probe.id()))).statusCode, probe.title).toBe(200);
  });

  it('listing never holds one, even searched for by name', async () => {
    const { deal, lead } = s.cast.otherNames;
    const lists = [
      { url: `/api/opportunities?limit=100&q=${encodeURIComponent(deal)}`, id: s.cast.other.deal },
      { url: `/api/leads?limit=100&q=${encodeURIComponent(lead)}`, id: s.cast.other.lead },
    ];
    for (const { url, id } of lists) {
      for (const player of OUTSIDERS) {
        const answer = await s.as(player, { method: 'GET', url });
        expect(answer.statusCode).toBe(200);
        expect(answer.body, `${url} as ${player}`).not.toContain(id);
      }
      expect((await s.as('admin', { method: 'GET', url })).body, `${url} as admin`).toContain(id);
    }
    for (const player of OUTSIDERS) {
      const searched = await s.as(player, { method: 'POST', url: '/v1/tools/opportunity_search', payload: { query: deal, limit: 100 } });
      expect(searched.body).not.toContain(s.cast.other.deal);
    }
  });

  it('changing one is refused as for a record that does not exist, and no table changes', async () => {
    const before = await tableDigest(s.runtime.db);
    for (const player of OUTSIDERS) {
      for (const probe of writes()) {
        const { real, missing } = await sameAsMissing(player, probe, probe.id());
        expect(real.status, `${probe.title} as ${player}: ${real.body}`).toBe(404);
        expect(real, `${probe.title} as ${player}`).toEqual(missing);
      }
    }
    expect(changedTables(before, await tableDigest(s.runtime.db))).toEqual([]);
  });

  it('an exec\'s write is refused (403) on records of every team, and changes nothing', async () => {
    const own = s.cast.own;
    const targets = [
      { url: '/v1/tools/lead_set_stage', payload: { lead: own.lead, stage: 'contacted', reason: 'exec' } },
      { url: '/v1/tools/opportunity_set_stage', payload: { opportunity: s.cast.other.deal, stage: 'negotiation', reason: 'exec' } },
      { url: '/v1/tools/task_update', payload: { task: own.task, priority: 'urgent' } },
    ];
    const before = await tableDigest(s.runtime.db);
    for (const target of targets) {
      const answer = await s.as('exec', { method: 'POST', ...target });
      expect(answer.statusCode, `${target.url}: ${answer.body}`).toBe(403);
      expect(answer.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(changedTables(before, await tableDigest(s.runtime.db))).toEqual([]);
  });
});

describe('chat: threads and approvals of others', () => {
  const chat = (player: Player, payload: object) => s.as(player, { method: 'POST', url: '/v1/chat', payload });
  const decide = (player: Player, threadId: string, approvalId: string, decision = 'approve') =>
    s.as(player, { method: 'POST', url: `/v1/chat/${threadId}/approvals/${approvalId}`, payload: { decision } });
  const ask = async (player: Player, message: string) => {
    const answer = await chat(player, { message });
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json() as { threadId: string; approvals: { id: string }[] };
  };
  const leadStage = async (id: string) => (await s.runtime.db.select({ stage: leads.lifecycleStage }).from(leads).where(eq(leads.id, id)))[0]!.stage;
  const approvalStatus = async (id: string) => (await s.runtime.db.select({ status: approvals.status }).from(approvals).where(eq(approvals.id, id)))[0]!.status;

  it('another user\'s thread reads as one that does not exist, is never listed and cannot be continued', async () => {
    const threadB = (await ask('repB', 'find my leads')).threadId;
    const before = await tableDigest(s.runtime.db);
    for (const player of ['repA', 'managerA', 'managerB', 'admin'] as Player[]) {
      const real = await s.as(player, { method: 'GET', url: `/v1/threads/${threadB}` });
      const missing = await s.as(player, { method: 'GET', url: `/v1/threads/${NO_SUCH_ID}` });
      expect(real.statusCode, player).toBe(404);
      expect(withoutIds(real.body, threadB)).toBe(withoutIds(missing.body, NO_SUCH_ID));
      expect((await s.as(player, { method: 'GET', url: '/v1/threads?limit=100' })).body).not.toContain(threadB);
      const continued = await chat(player, { threadId: threadB, message: 'and now?' });
      expect(continued.statusCode, player).toBe(404);
      expect(continued.json()).toMatchObject({ ok: false, error: { code: 'not_found:thread' } });
    }
    expect(changedTables(before, await tableDigest(s.runtime.db))).toEqual([]);
    expect((await s.as('repB', { method: 'GET', url: `/v1/threads/${threadB}` })).statusCode).toBe(200);
  });

  it('a rep, a teammate or another team\'s manager cannot decide an approval: it reads as unknown, nothing changes', async () => {
    const asked = await ask('repB', `stage ${s.cast.other.lead}`);
    expect(asked.approvals).toHaveLength(1);
    const approvalB = asked.approvals[0]!.id;
    const stageBefore = await leadStage(s.cast.other.lead);
    const before = await tableDigest(s.runtime.db);
    for (const player of ['repA', 'managerA', 'exec'] as Player[]) {
      // the chat route: a real approval of someone else against an approval id nobody has, on the same thread
      const real = await decide(player, asked.threadId, approvalB);
      const missing = await decide(player, asked.threadId, NO_SUCH_ID);
      expect(real.statusCode, `${player}: ${real.body}`).toBe(404);
      expect(withoutIds(real.body, approvalB, asked.threadId), player).toBe(withoutIds(missing.body, NO_SUCH_ID, asked.threadId));
      // the tool route (confirm_action, as MCP clients and scripts use it)
      const confirmed = await s.as(player, { method: 'POST', url: '/v1/tools/confirm_action', payload: { actionId: approvalB } });
      const confirmedMissing = await s.as(player, { method: 'POST', url: '/v1/tools/confirm_action', payload: { actionId: NO_SUCH_ID } });
      // an exec may confirm nothing at all (403 whatever the id); the others are told it does not exist
      expect(confirmed.statusCode, `${player}: ${confirmed.body}`).toBe(player === 'exec' ? 403 : 404);
      expect(withoutIds(confirmed.body, approvalB)).toBe(withoutIds(confirmedMissing.body, NO_SUCH_ID));
    }
    expect(changedTables(before, await tableDigest(s.runtime.db))).toEqual([]);
    expect(await approvalStatus(approvalB)).toBe('pending');
    expect(await leadStage(s.cast.other.lead)).toBe(stageBefore);
    // rep B's own manager may decide it
    const decided = await decide('managerB', asked.threadId, approvalB);
    expect(decided.statusCode, decided.body).toBe(200);
    expect(await approvalStatus(approvalB)).toBe('approved');
    expect(await leadStage(s.cast.other.lead)).toBe('contacted');
  });

  it('the requester\'s manager decides their team\'s approval; a teammate cannot', async () => {
    const asked = await ask('repA', `stage ${s.cast.own.lead2}`);
    const approvalA = asked.approvals[0]!.id;
    for (const player of ['repA2', 'managerB'] as Player[]) {
      const refused = await decide(player, asked.threadId, approvalA);
      expect(refused.statusCode, `${player}: ${refused.body}`).toBe(404);
    }
    expect(await approvalStatus(approvalA)).toBe('pending');
    const decided = await decide('managerA', asked.threadId, approvalA);
    expect(decided.statusCode, decided.body).toBe(200);
    expect(await approvalStatus(approvalA)).toBe('approved');
    expect(await leadStage(s.cast.own.lead2)).toBe('contacted');
  });
});

describe('the web page', () => {
  it('serves no data of its own: /v1/me (what it shows first) is the key\'s own user, for every role', async () => {
    for (const player of ['repA', 'managerA', 'exec', 'admin'] as Player[]) {
      const me = await s.as(player, { method: 'GET', url: '/v1/me' });
      expect(me.statusCode, me.body).toBe(200);
      expect(me.body).toContain(s.cast[player].userId);
      expect(me.body).not.toContain(s.cast.repB.userId);
    }
    const page = await s.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    for (const secret of [s.cast.otherNames.deal, s.cast.otherNames.lead, ...s.allKeys()]) expect(page.body).not.toContain(secret);
  });
});

describe('keys', () => {
  it('a revoked key is refused at once on the tools, REST, chat and MCP over HTTP', async () => {
    const key = await s.newKey('repA', 'revoke me');
    const requests = [
      { method: 'POST' as const, url: '/v1/tools/lead_search', payload: { limit: 1 } },
      { method: 'GET' as const, url: '/api/leads?limit=1' },
      { method: 'GET' as const, url: '/v1/threads' },
      { method: 'POST' as const, url: '/v1/chat', payload: { message: 'find my leads' } },
      { method: 'POST' as const, url: '/mcp', payload: { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }, headers: { accept: 'application/json, text/event-stream' } },
    ];
    const send = (request: (typeof requests)[number]) => s.app.inject({ ...request, headers: { ...('headers' in request ? request.headers : {}), authorization: `Bearer ${key}` } });
    for (const request of requests) expect((await send(request)).statusCode, `${request.url} before the revoke`).toBe(200);
    const revoked = await s.as('admin', { method: 'POST', url: '/v1/tools/api_key_revoke', payload: { key: 'revoke me' } });
    expect(revoked.statusCode, revoked.body).toBe(200);
    for (const request of requests) {
      const answer = await send(request);
      expect(answer.statusCode, `${request.url} after the revoke`).toBe(401);
      expect(answer.json()).toMatchObject({ ok: false, error: { code: 'unauthorized:invalid_key' } });
    }
  });

  it('no key is ever written to the log (trace level) or the audit trail', async () => {
    expect(s.logs.lines.length).toBeGreaterThan(100);
    const log = s.logs.lines.join('\n');
    const audit = JSON.stringify(await rows(s.runtime.db, sql`select * from audit_log`));
    for (const key of s.allKeys()) {
      expect(log.includes(key), 'a key in the log').toBe(false);
      expect(audit.includes(key), 'a key in the audit trail').toBe(false);
    }
  });
});
