import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { generateKeyPair } from 'jose';
import { eq } from 'drizzle-orm';
import { parseEnv } from '../../core/env.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leads, teamsThreads } from '../../db/schema/index.ts';
import { createCopilot } from '../../graph/copilot.ts';
import type { FixtureOrg } from '../../test/helpers/org.ts';
import { createFixtureRuntime } from '../../test/helpers/runtime.ts';
import { scriptedModel } from '../../test/helpers/scripted-model.ts';
import { startTeamsPlatform, type ConnectorCall, type TeamsPlatform } from '../../test/helpers/teams-platform.ts';
import { copilotServices } from '../../tools/copilot/services.ts';
import { localActor } from '../../tools/core/services.ts';
import { registry } from '../../tools/index.ts';
import type { Runtime } from '../../tools/runtime.ts';
import { buildApp } from '../http/app.ts';
import type { TeamsBot } from './bot.ts';
import { TEAMS_MESSAGES_PATH, teamsConfigFromEnv, type TeamsConfig } from './config.ts';
import { registerTeamsRoutes } from './routes.ts';

// The Teams bot end to end in-process: activities shaped as Teams sends them (test/fixtures/teams), with tokens
// signed by the stand-in's key set, go through the real SDK (JWT validation, routing, Bot Connector client) to
// the copilot; answers go to the stand-in connector at the activity's serviceUrl.

const APP_ID = '00000000-0000-0000-0000-00000000d3a1';
const PUBLIC_URL = 'https://dealwise.example.com';
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../test/fixtures/teams/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown> & { id: string; conversation: { id: string } };
const ANNA = { id: '29:anna', name: 'Anna Rep', aadObjectId: '6b1a9f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b', email: 'Anna.Rep@dealwise.demo', userPrincipalName: 'anna.rep@dealwise.demo' };
const BEN = { id: '29:ben', name: 'Ben Rep', aadObjectId: '7c2b0a3f-4d5e-4f60-9b0c-1d2e3f4a5b6c', email: 'ben.rep@dealwise.demo', userPrincipalName: 'ben.rep@dealwise.demo' };
const STRANGER = { id: '29:zoe', name: 'Zoe Outsider', aadObjectId: '8d3c1b40-5e6f-4071-8c1d-2e3f4a5b6c7d', email: 'zoe@contoso.com', userPrincipalName: 'zoe@contoso.com' };

let danaId = '';
const model = scriptedModel({
  route: () => ({ kind: 'plan', steps: [{ agent: 'lead', request: 'x' }] }),
  step: (request, turn) => {
    const said = request.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
    if (/qualify/.test(said)) {
      if (!turn.last) return { kind: 'tool_calls', calls: [{ id: `q${request.messages.length}`, name: 'lead_set_stage', input: { lead: 'Dana Ruiz', stage: 'qualified', reason: 'budget confirmed' } }] };
      return { kind: 'answer', text: turn.last.ok ? 'Dana is qualified now.' : 'Left as it was.' };
    }
    if (!turn.last) return { kind: 'tool_calls', calls: [{ id: `s${request.messages.length}`, name: 'lead_search', input: { query: 'dana' } }] };
    const found = turn.parsed('lead_search') as { page: { total: number } };
    return { kind: 'answer', text: `${found.page.total} lead found for "${said}".`, citations: [{ kind: 'lead', id: danaId, label: 'Dana Ruiz' }] };
  },
});

describe('Teams bot', () => {
  let runtime: Runtime;
  let org: FixtureOrg;
  let platform: TeamsPlatform;
  let app: FastifyInstance;
  let bot: TeamsBot;
  let serviceUrl: string;
  let config: TeamsConfig;
  let counter = 0;

  const activity = (name: string, changes: Record<string, unknown> = {}) => {
    const base = fixture(name);
    return { ...base, serviceUrl, id: `${base.id}${++counter}`, ...changes };
  };
  const post = async (body: Record<string, unknown>, token?: string) =>
    app.inject({
      method: 'POST',
      url: TEAMS_MESSAGES_PATH,
      headers: { 'content-type': 'application/json; charset=utf-8', ...(token === undefined ? { authorization: `Bearer ${await platform.sign({ serviceurl: serviceUrl })}` } : token ? { authorization: token } : {}) },
      payload: body,
    });
  const cardOf = (call: ConnectorCall) => (call.body?.attachments as { contentType: string; content: { body: { text?: string; facts?: unknown[] }[]; actions?: { verb: string; data: Record<string, unknown>; fallback: { data: Record<string, unknown> } }[] } }[])[0]!;
  const texts = (call: ConnectorCall) => cardOf(call).content.body.map((block) => block.text ?? '').join('\n');
  const messages = (conversationId: string, from = 0) => platform.sent(conversationId).slice(from).filter((call) => call.body?.type === 'message');

  beforeAll(async () => {
    ({ runtime, org } = await createFixtureRuntime());
    const [dana] = await runtime.db.insert(leads).values({ fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId }).returning({ id: leads.id });
    danaId = dana!.id;
    platform = await startTeamsPlatform({ appId: APP_ID, appPassword: 'stand-in-secret' });
    for (const member of [ANNA, BEN, STRANGER]) platform.members.set(member.aadObjectId, member);
    serviceUrl = `${platform.url}/amer/`;
    const copilot = createCopilot({ model, services: copilotServices(runtime, registry) });
    config = teamsConfigFromEnv(
      parseEnv({
        TEAMS_APP_ID: APP_ID,
        TEAMS_APP_PASSWORD: 'stand-in-secret',
        TEAMS_OPENID_METADATA_URL: platform.openIdMetadataUrl,
        TEAMS_TOKEN_URL: platform.tokenUrl,
        TEAMS_USER_TOKEN_URL: platform.url,
        TEAMS_SERVICE_URL: serviceUrl,
        PUBLIC_URL: `${PUBLIC_URL}/`,
      }),
    )!;
    app = Fastify();
    bot = (await registerTeamsRoutes(app, { log: runtime.log, teams: config, readiness: { runtime: () => runtime }, copilot: () => copilot }))!;
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
    await runtime?.close();
  });

  it('refuses activities without a valid Bot Framework token, and sends nothing', async () => {
    const body = activity('personal-message');
    const { privateKey: otherKey } = await generateKeyPair('RS256');
    const refused = [
      await post(body, ''),
      await post(body, 'Bearer not-a-jwt'),
      await post(body, `Bearer ${await platform.sign({ serviceurl: serviceUrl, key: otherKey })}`),
      await post(body, `Bearer ${await platform.sign({ serviceurl: serviceUrl, aud: 'someone-else' })}`),
      await post(body, `Bearer ${await platform.sign({ serviceurl: serviceUrl, iss: 'https://sts.windows.net/evil/' })}`),
      await post(body, `Bearer ${await platform.sign({ serviceurl: serviceUrl, expiresInSeconds: -3600 })}`),
      // a token minted for another serviceUrl cannot steer our replies elsewhere
      await post(body, `Bearer ${await platform.sign({ serviceurl: 'https://smba.trafficmanager.net/emea/' })}`),
    ];
    expect(refused.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401, 401, 401]);
    await bot.idle();
    expect(platform.connector).toEqual([]);
  });

  it('answers a personal message with an Adaptive Card linking the cited record, as the user mapped by email', async () => {
    const body = activity('personal-message');
    const response = await post(body);
    expect(response.statusCode).toBe(200);
    await bot.idle();
    const conversationId = body.conversation.id;
    const sent = platform.sent(conversationId);
    // typing when the turn starts and again as the search tool runs, then the answer
    expect(sent.map((call) => call.body?.type)).toEqual(['typing', 'typing', 'message']);
    const answer = sent[2]!;
    expect(answer.path).toBe(`/amer/v3/conversations/${conversationId}/activities`);
    expect(cardOf(answer).contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(texts(answer)).toContain('1 lead found for "find dana".');
    expect(texts(answer)).toContain(`[Dana Ruiz](${PUBLIC_URL}/#/leads/${danaId})`);
    // the connector was called with the token our token endpoint issued, and the member looked up by AAD object id
    expect(answer.authorization).toBe(`Bearer ${platform.issuedTokens[0]}`);
    expect(platform.connector.find((call) => call.method === 'GET')?.path).toBe(`/amer/v3/conversations/${conversationId}/members/${ANNA.aadObjectId}`);
    const [row] = await runtime.db.select().from(teamsThreads).where(eq(teamsThreads.conversationId, conversationId));
    expect(row).toMatchObject({ userId: org.users.repAnna.userId, threadId: expect.any(String) });
  });

  it('continues the same copilot thread in the same conversation, and starts a fresh one on "new"', async () => {
    const conversationId = fixture('personal-message').conversation.id;
    const [before] = await runtime.db.select().from(teamsThreads).where(eq(teamsThreads.conversationId, conversationId));
    await post(activity('personal-message', { text: 'find dana again' }));
    await bot.idle();
    const [after] = await runtime.db.select().from(teamsThreads).where(eq(teamsThreads.conversationId, conversationId));
    expect(after!.threadId).toBe(before!.threadId);
    const copilot = createCopilot({ model, services: copilotServices(runtime, registry) });
    const thread = await copilot.thread(after!.threadId, { userId: org.users.repAnna.userId });
    expect(thread?.messages.filter((m) => m.role === 'user').map((m) => m.content)).toEqual(['find dana', 'find dana again']);

    await post(activity('personal-message', { text: 'new' }));
    await bot.idle();
    expect(await runtime.db.select().from(teamsThreads).where(eq(teamsThreads.conversationId, conversationId))).toEqual([]);
    expect(messages(conversationId).at(-1)?.body?.text).toBe('Starting a fresh conversation.');
  });

  it("shows the copilot's refusal as a card, not silence", async () => {
    const body = activity('personal-message', { text: 'x'.repeat(4001) });
    await post(body);
    await bot.idle();
    expect(texts(messages(body.conversation.id).at(-1)!)).toBe('Sorry, that did not work: message: at most 4000 characters');
  });

  it('answers a redelivered activity only once', async () => {
    const body = activity('personal-message', { text: 'find dana once' });
    const conversationId = body.conversation.id;
    const from = platform.sent(conversationId).length;
    expect((await post(body)).statusCode).toBe(200);
    await bot.idle();
    expect((await post(body)).statusCode).toBe(200);
    await bot.idle();
    expect(messages(conversationId, from).map(texts)).toEqual([expect.stringContaining('1 lead found for "find dana once".')]);
  });

  it('tells someone it cannot map to a user to ask an admin, and serves them as nobody', async () => {
    const body = activity('personal-message', { from: { id: STRANGER.id, name: STRANGER.name, aadObjectId: STRANGER.aadObjectId }, conversation: { conversationType: 'personal', id: 'a:1zoe-personal-chat' } });
    await post(body);
    await bot.idle();
    const sent = messages('a:1zoe-personal-chat');
    expect(sent.map((call) => call.body?.text)).toEqual(["I don't know zoe@contoso.com yet. Ask a Dealwise admin to add you as a user with that email."]);
    expect(await runtime.db.select().from(teamsThreads).where(eq(teamsThreads.conversationId, 'a:1zoe-personal-chat'))).toEqual([]);

    // not in the conversation's roster at all (the connector answers 404)
    await post(activity('personal-message', { from: { id: '29:ghost', name: 'Ghost', aadObjectId: '9e4d2c51-0000-4000-8000-000000000000' }, conversation: { conversationType: 'personal', id: 'a:1ghost-chat' } }));
    await bot.idle();
    expect(messages('a:1ghost-chat').map((call) => call.body?.text)).toEqual(['I could not tell who you are from Teams. Ask a Dealwise admin to add you as a user with your work email.']);
  });

  it('answers a channel mention in its thread, with the mention stripped and the roster read from the channel', async () => {
    const body = activity('channel-mention');
    await post(body);
    await bot.idle();
    const threadConversation = body.conversation.id;
    expect(threadConversation).toContain(';messageid=');
    const answer = messages(threadConversation).at(-1)!;
    expect(texts(answer)).toContain('1 lead found for "find dana".');
    const lookup = platform.connector.filter((call) => call.method === 'GET').at(-1)!;
    expect(lookup.conversationId).toBe('19:c7f5d2a6bb0a4c4b9a33d1f6e0b7c8d9@thread.tacv2');
  });

  describe('approvals', () => {
    const conversationId = 'a:1approvals-chat';
    const invoke = (verb: string, data: unknown, from = ANNA) =>
      activity('card-action-execute', { conversation: { conversationType: 'personal', id: conversationId }, from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId }, value: { action: { type: 'Action.Execute', title: verb, verb, data }, trigger: 'manual' } });
    const ask = async () => {
      const from = platform.sent(conversationId).length;
      await post(activity('personal-message', { text: 'qualify dana', conversation: { conversationType: 'personal', id: conversationId } }));
      await bot.idle();
      const [card] = messages(conversationId, from);
      return card!;
    };
    const danaStage = async () => (await runtime.db.select({ stage: leads.lifecycleStage }).from(leads).where(eq(leads.id, danaId)))[0]!.stage;

    it('posts Approve / Reject buttons that only the asker can use, and resumes the copilot on approve', async () => {
      const card = await ask();
      expect(texts(card)).toContain('Approve this change? (lead_set_stage)');
      const [approve, reject] = cardOf(card).content.actions!;
      expect([approve!.verb, reject!.verb]).toEqual(['approve', 'reject']);
      expect(approve!.data).toEqual({ dealwise: 'approval', approvalId: expect.any(String), requesterId: org.users.repAnna.userId, tool: 'lead_set_stage' });

      // Ben is a known user, but did not ask
      const notYours = await post(invoke('approve', approve!.data, BEN));
      expect(notYours.json()).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Only the person who asked can approve or reject this.' });
      // nor can he forge the card's data to name himself: the approval is not pending in any thread of his
      const forged = await post(invoke('approve', { ...approve!.data, requesterId: org.users.repBen.userId }, BEN));
      expect(forged.json()).toMatchObject({ value: 'This change is no longer waiting for a decision.' });
      expect(await danaStage()).toBe('new');

      const from = platform.sent(conversationId).length;
      const pressed = invoke('approve', approve!.data);
      const response = await post(pressed);
      expect(response.statusCode).toBe(200);
      const replaced = response.json() as { statusCode: number; type: string; value: { body: { text: string }[]; actions?: unknown } };
      expect(replaced).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
      expect(replaced.value.body[0]!.text).toBe('Approved by Anna Rep: lead_set_stage');
      expect(replaced.value.actions).toBeUndefined();
      await bot.idle();
      expect(messages(conversationId, from).map(texts)).toEqual(['Dana is qualified now.']);
      expect(await danaStage()).toBe('qualified');

      // the same invoke redelivered, and a second press: neither decides or answers again
      expect((await post(pressed)).json()).toMatchObject({ value: 'Already handled.' });
      expect((await post(invoke('reject', reject!.data))).json()).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: 'This change is no longer waiting for a decision.' });
      await bot.idle();
      expect(messages(conversationId, from)).toHaveLength(1);
    });

    it('takes Action.Submit (the fallback for older clients): updates the card in place and answers', async () => {
      await runtime.db.update(leads).set({ lifecycleStage: 'new' }).where(eq(leads.id, danaId));
      const card = await ask();
      const reject = cardOf(card).content.actions![1]!;
      const from = platform.sent(conversationId).length;
      const cardActivityId = `1750000${++counter}`;
      await post(activity('card-action-submit', { conversation: { conversationType: 'personal', id: conversationId }, replyToId: cardActivityId, value: reject.fallback.data }));
      await bot.idle();
      const after = platform.sent(conversationId).slice(from);
      expect(after[0]).toMatchObject({ method: 'PUT', activityId: cardActivityId });
      expect(texts(after[0]!)).toBe('Rejected by Anna Rep: lead_set_stage');
      expect(after.slice(1).filter((call) => call.body?.type === 'message').map(texts)).toEqual(['Left as it was.']);
      expect(await danaStage()).toBe('new');
    });
  });

  it('fetched the bot token once (client credentials) and reused it, and asked the user-token service as the SDK does', () => {
    expect(platform.tokenRequests).toHaveLength(1);
    expect(Object.fromEntries(platform.tokenRequests[0]!)).toEqual({ grant_type: 'client_credentials', client_id: APP_ID, client_secret: 'stand-in-secret', scope: 'https://api.botframework.com/.default' });
    expect(platform.connector.filter((call) => call.method !== 'GET').every((call) => call.authorization === `Bearer ${platform.issuedTokens[0]}`)).toBe(true);
    expect(platform.userTokenRequests).toBeGreaterThan(0);
  });

  it('has no Teams route unless configured', async () => {
    const options = { log: runtime.log, readiness: { runtime: () => runtime, startedAt: new Date() }, registry, actorFor: () => localActor(runtime, 'admin@dealwise.demo') };
    const plain = await buildApp(options);
    expect((await plain.inject({ method: 'POST', url: TEAMS_MESSAGES_PATH, payload: {} })).statusCode).toBe(404);
    await plain.close();
    const withTeams = await buildApp({ ...options, teams: config });
    expect((await withTeams.inject({ method: 'POST', url: TEAMS_MESSAGES_PATH, payload: activity('personal-message') })).statusCode).toBe(401);
    await withTeams.close();
  });
});
