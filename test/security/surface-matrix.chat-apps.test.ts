import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/clock.ts';
import { parseEnv } from '../../core/env.ts';
import { approvals, leads } from '../../db/schema/index.ts';
import { registerSlack, type SlackMount } from '../../server/slack/app.ts';
import type { TeamsBot } from '../../server/teams/bot.ts';
import { TEAMS_MESSAGES_PATH, teamsConfigFromEnv } from '../../server/teams/config.ts';
import { registerTeamsRoutes } from '../../server/teams/routes.ts';
import { slackServices } from '../../tools/slack/services.ts';
import { DEMO_NOW } from '../helpers/demo.ts';
import { appMention, blockAction, directMessage, eventCallback, signed, slashCommand } from '../helpers/slack-payloads.ts';
import { startSlackStandIn, type SlackStandIn } from '../helpers/slack-stand-in.ts';
import { startTeamsPlatform, type TeamsPlatform } from '../helpers/teams-platform.ts';
import { changedTables, tableDigest } from './surface-cast.ts';
import { openSurfaceApp, type Player, type SurfaceApp } from './surface-app.ts';

// The role matrix through the chat apps: Slack (/slack/events, signed as Slack signs, Bolt talking to a local
// stand-in of Slack's Web API) and Teams (/teams/messages, Bot Framework tokens from a local stand-in of the
// platform). A Slack or Teams user acts as the Dealwise user with their email: rep A there cannot reach rep B's
// records, cannot decide someone else's approval by forging a button, and an unmapped user gets nothing.

const SECRET = 'surface-matrix-signing-secret-0001';
const BOT_TOKEN = 'xoxb-10000000001-20000000002-surfacematrix';
const APP_ID = '00000000-0000-0000-0000-00000000d3a1';
const NOW_S = Math.floor(DEMO_NOW.getTime() / 1000);
const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';
const MAPPED: Player[] = ['repA', 'repA2', 'repB', 'managerA', 'exec'];
const slackId = (player: Player) => `U0${player.toUpperCase().padEnd(8, '0')}`;
const aadId = (player: Player) => `7c2b0a3f-4d5e-4f60-9b0c-${(MAPPED.indexOf(player) + 1).toString().padStart(12, '0')}`;
const STRANGER = { slack: 'U0STRANGER', aad: '8d3c1b40-5e6f-4071-8c1d-2e3f4a5b6c7d', email: 'zoe@contoso.example' };
// what a chat app keeps for itself: deliveries seen (replays), its conversations and threads
const SURFACE_BOOKKEEPING = new Set(['slack_receipts', 'teams_activities', 'teams_threads']);

let s: SurfaceApp;
let slack: SlackStandIn;
let mount: SlackMount;
let platform: TeamsPlatform;
let bot: TeamsBot;
let serviceUrl: string;
let counter = 0;

beforeAll(async () => {
  s = await openSurfaceApp();
  const email = (player: Player) => s.cast.emails.get(s.cast[player].userId)!;
  slack = await startSlackStandIn({
    botToken: BOT_TOKEN,
    users: [...MAPPED.map((p) => ({ id: slackId(p), email: email(p), name: p })), { id: STRANGER.slack, email: STRANGER.email, name: 'Zoe' }],
  });
  platform = await startTeamsPlatform({ appId: APP_ID, appPassword: 'stand-in-secret' });
  for (const p of MAPPED) platform.members.set(aadId(p), { id: `29:${p}`, name: p, aadObjectId: aadId(p), email: email(p), userPrincipalName: email(p) });
  platform.members.set(STRANGER.aad, { id: '29:zoe', name: 'Zoe', aadObjectId: STRANGER.aad, email: STRANGER.email, userPrincipalName: STRANGER.email });
  serviceUrl = `${platform.url}/amer/`;
  const services = slackServices(s.runtime);
  mount = await registerSlack(s.app, { botToken: BOT_TOKEN, signingSecret: SECRET, apiUrl: slack.apiUrl, publicUrl: 'https://dealwise.example.com', copilot: () => s.copilot, services: () => services, clock: fixedClock(DEMO_NOW), log: s.logs.log });
  const teams = teamsConfigFromEnv(
    parseEnv({ TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: 'stand-in-secret', TEAMS_OPENID_METADATA_URL: platform.openIdMetadataUrl, TEAMS_TOKEN_URL: platform.tokenUrl, TEAMS_USER_TOKEN_URL: platform.url, TEAMS_SERVICE_URL: serviceUrl, PUBLIC_URL: 'https://dealwise.example.com/' }),
  )!;
  bot = (await registerTeamsRoutes(s.app, { log: s.logs.log, teams, readiness: { runtime: () => s.runtime }, copilot: () => s.copilot }))!;
});
afterAll(async () => {
  await s?.close();
  await slack?.close();
  await platform?.close();
});

const leadStage = async (id: string) => (await s.runtime.db.select({ stage: leads.lifecycleStage }).from(leads).where(eq(leads.id, id)))[0]!.stage;
const pendingApprovals = async () => (await s.runtime.db.select({ id: approvals.id }).from(approvals).where(eq(approvals.status, 'pending'))).length;
const businessChanges = (before: Record<string, string>, after: Record<string, string>) => changedTables(before, after).filter((t) => !SURFACE_BOOKKEEPING.has(t));

describe('Slack', () => {
  const deliver = async (request: ReturnType<typeof signed>) => {
    const response = await s.app.inject(request);
    await mount.idle();
    return response;
  };
  const mention = (player: Player | 'stranger', text: string) => {
    const ts = `1781524000.${(++counter).toString().padStart(6, '0')}`;
    const user = player === 'stranger' ? STRANGER.slack : slackId(player);
    return { ts, request: signed(SECRET, eventCallback(`Ev0SM${counter}`, appMention(user, text, 'C0SALES001', ts), NOW_S), JSON_TYPE, NOW_S) };
  };
  const threadTexts = (ts: string) => slack.messages.filter((m) => m.thread_ts === ts).map((m) => m.text ?? '');

  it('rep A and manager A, mapped by email, cannot reach rep B\'s lead: no approval, no change, nothing of it shown', async () => {
    const before = await tableDigest(s.runtime.db);
    for (const player of ['repA', 'managerA'] as Player[]) {
      const { ts, request } = mention(player, `stage ${s.cast.other.lead}`);
      expect((await deliver(request)).statusCode).toBe(200);
      const said = threadTexts(ts).join('\n');
      expect(said, player).toContain('Left as it was.');
      expect(said).not.toContain(s.cast.otherNames.lead);
    }
    expect(businessChanges(before, await tableDigest(s.runtime.db))).toEqual([]);
  });

  it('an exec asking for a change gets none, by mention or slash command', async () => {
    const before = await tableDigest(s.runtime.db);
    const { ts, request } = mention('exec', `stage ${s.cast.own.lead}`);
    await deliver(request);
    expect(threadTexts(ts).join('\n')).toContain('Left as it was.');
    await deliver(signed(SECRET, slashCommand({ user: slackId('exec'), channel: 'C0SALES001', text: `stage ${s.cast.own.lead}`, triggerId: '1.exec', responseUrl: `${slack.respondUrl}exec` }), FORM_TYPE, NOW_S));
    expect(slack.messages.some((m) => m.text === 'Approval needed: lead_set_stage')).toBe(false);
    expect(businessChanges(before, await tableDigest(s.runtime.db))).toEqual([]);
  });

  it('an unmapped Slack user gets no answer but "ask an admin", and no turn runs', async () => {
    const before = await tableDigest(s.runtime.db);
    const calls = slack.calls.length;
    await deliver(mention('stranger', `stage ${s.cast.own.lead}`).request);
    await deliver(signed(SECRET, eventCallback('Ev0SMDM01', directMessage(STRANGER.slack, 'find my leads', 'D0ZOE00001', '1781524999.000001'), NOW_S), JSON_TYPE, NOW_S));
    expect(slack.calls.slice(calls).map((c) => c.method)).toEqual(['users.info', 'chat.postMessage', 'users.info', 'chat.postMessage']);
    expect(slack.calls.slice(calls).filter((c) => c.method === 'chat.postMessage').every((c) => String(c.args.text).startsWith("I don't know you in Dealwise"))).toBe(true);
    // not even a conversation was started for them
    expect(changedTables(before, await tableDigest(s.runtime.db)).filter((t) => t !== 'slack_receipts')).toEqual([]);
  });

  it('a press naming itself the asker (forged button value) still decides nothing outside the presser\'s rights', async () => {
    const command = slashCommand({ user: slackId('repA'), channel: 'C0SALES001', text: `stage ${s.cast.own.lead}`, triggerId: '2.repa', responseUrl: `${slack.respondUrl}repa` });
    await deliver(signed(SECRET, command, FORM_TYPE, NOW_S));
    const approval = slack.messages.filter((m) => m.text === 'Approval needed: lead_set_stage').at(-1)!;
    const actions = approval.blocks!.find((b) => (b as { type: string }).type === 'actions') as { block_id: string; elements: { value: string }[] };
    const value = JSON.parse(actions.elements[0]!.value) as { approvalId: string; askedBy: string };
    const shown = { type: 'message', user: approval.user, bot_id: approval.bot_id, ts: approval.ts, thread_ts: approval.thread_ts, text: approval.text, blocks: approval.blocks };
    const stage = await leadStage(s.cast.own.lead);
    const press = (player: Player, forged: boolean) =>
      signed(SECRET, blockAction({ user: slackId(player), channel: 'C0SALES001', message: shown, actionId: 'dealwise_approve', value: forged ? JSON.stringify({ ...value, askedBy: slackId(player) }) : actions.elements[0]!.value, blockId: actions.block_id, triggerId: `3.${player}`, actionTs: '1781524100.000001', responseUrl: `${slack.respondUrl}act` }), FORM_TYPE, NOW_S);
    for (const player of ['repA2', 'repB', 'exec'] as Player[]) {
      await deliver(press(player, false));
      await deliver(press(player, true));
    }
    expect(await leadStage(s.cast.own.lead)).toBe(stage);
    const [row] = await s.runtime.db.select({ status: approvals.status }).from(approvals).where(eq(approvals.id, value.approvalId));
    expect(row!.status).toBe('pending');
    // the asker's own press carries it out
    await deliver(press('repA', false));
    expect(await leadStage(s.cast.own.lead)).toBe('contacted');
  });

  it('a request not signed with the app\'s secret is refused whoever it names', async () => {
    const before = slack.calls.length;
    const { request } = mention('repA', 'find my leads');
    const forged = signed('not-the-secret', request.payload, JSON_TYPE, NOW_S);
    expect((await deliver(forged)).statusCode).toBe(401);
    expect((await deliver({ ...request, headers: { 'content-type': JSON_TYPE } })).statusCode).toBe(401);
    expect(slack.calls.length).toBe(before);
  });
});

describe('Teams', () => {
  const post = async (body: Record<string, unknown>, token?: string) => {
    const response = await s.app.inject({
      method: 'POST',
      url: TEAMS_MESSAGES_PATH,
      headers: { 'content-type': 'application/json; charset=utf-8', ...(token === undefined ? { authorization: `Bearer ${await platform.sign({ serviceurl: serviceUrl })}` } : {}) },
      payload: body,
    });
    await bot.idle();
    return response;
  };
  const message = (from: { id: string; name: string; aadObjectId: string }, text: string, conversationId: string) => ({
    type: 'message', text, textFormat: 'plain', id: `17500032${++counter}`, channelId: 'msteams', serviceUrl, timestamp: '2026-06-15T12:00:01.000Z',
    from, conversation: { conversationType: 'personal', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', id: conversationId },
    recipient: { id: `28:${APP_ID}`, name: 'Dealwise' }, channelData: { tenant: { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' } }, locale: 'en-US',
  });
  const member = (player: Player) => ({ id: `29:${player}`, name: player, aadObjectId: aadId(player) });
  const sentTexts = (conversationId: string) => JSON.stringify(platform.sent(conversationId).map((call) => call.body));

  it('rep A and manager A cannot reach rep B\'s lead; an exec changes nothing', async () => {
    const before = await tableDigest(s.runtime.db);
    const pending = await pendingApprovals();
    for (const player of ['repA', 'managerA', 'exec'] as Player[]) {
      const target = player === 'exec' ? s.cast.own.lead2 : s.cast.other.lead;
      const conversation = `a:1surface-${player}`;
      expect((await post(message(member(player), `stage ${target}`, conversation))).statusCode).toBe(200);
      const said = sentTexts(conversation);
      expect(said, player).toContain('Left as it was.');
      expect(said).not.toContain(s.cast.otherNames.lead);
    }
    expect(await pendingApprovals()).toBe(pending);
    expect(businessChanges(before, await tableDigest(s.runtime.db))).toEqual([]);
  });

  it('an unmapped or unknown Teams user gets nothing but "ask an admin"; a tokenless activity naming rep A is refused', async () => {
    const before = await tableDigest(s.runtime.db);
    await post(message({ id: '29:zoe', name: 'Zoe', aadObjectId: STRANGER.aad }, 'find my leads', 'a:1surface-zoe'));
    expect(platform.sent('a:1surface-zoe').map((call) => call.body?.text)).toEqual([`I don't know ${STRANGER.email} yet. Ask a Dealwise admin to add you as a user with that email.`]);
    // an object id no roster holds, with rep A's display name and Teams id
    await post(message({ ...member('repA'), aadObjectId: '9e4d2c51-0000-4000-8000-000000000000' }, 'find my leads', 'a:1surface-ghost'));
    expect(platform.sent('a:1surface-ghost').map((call) => call.body?.text)).toEqual(['I could not tell who you are from Teams. Ask a Dealwise admin to add you as a user with your work email.']);
    const refused = await post(message(member('repA'), `stage ${s.cast.own.lead2}`, 'a:1surface-notoken'), '');
    expect(refused.statusCode).toBe(401);
    expect(platform.sent('a:1surface-notoken')).toEqual([]);
    expect(changedTables(before, await tableDigest(s.runtime.db)).filter((t) => t !== 'teams_activities')).toEqual([]);
  });
});

describe('logs', () => {
  it('no key or token reaches the log', () => {
    const log = s.logs.lines.join('\n');
    for (const secret of [...s.allKeys(), BOT_TOKEN, SECRET, 'stand-in-secret', ...platform.issuedTokens]) expect(log.includes(secret), 'a secret in the log').toBe(false);
  });
});
