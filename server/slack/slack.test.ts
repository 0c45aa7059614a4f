import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/clock.ts';
import { createLogger, type Logger } from '../../core/logger.ts';
import { auditLog, leads } from '../../db/schema/index.ts';
import { createCopilot, type Copilot } from '../../graph/copilot.ts';
import type { FixtureOrg } from '../../test/helpers/org.ts';
import { ORG_NOW } from '../../test/helpers/org.ts';
import { createFixtureRuntime } from '../../test/helpers/runtime.ts';
import { scriptedModel } from '../../test/helpers/scripted-model.ts';
import { APP_ID, appMention, assistantThreadStarted, blockAction, directMessage, eventCallback, signed, slashCommand } from '../../test/helpers/slack-payloads.ts';
import { startSlackSocketStandIn } from '../../test/helpers/slack-socket.ts';
import { startSlackStandIn, type SlackStandIn } from '../../test/helpers/slack-stand-in.ts';
import { copilotServices } from '../../tools/copilot/services.ts';
import { registry } from '../../tools/index.ts';
import type { Runtime } from '../../tools/runtime.ts';
import { slackServices } from '../../tools/slack/services.ts';
import { buildApp } from '../http/app.ts';
import { registerSlack, type SlackMount } from './app.ts';

// The Slack app end to end: requests shaped and signed as Slack sends them go into the real Bolt code mounted on
// fastify; Bolt's WebClient talks to a local stand-in of Slack's Web API; the copilot runs a scripted model
// over a real store. What Slack would show is read back from the stand-in.

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const BOT_TOKEN = 'xoxb-17653672481-19874698323-pdFZKVExuiFyy6Ro';
const NOW_S = Math.floor(ORG_NOW.getTime() / 1000);
const PUBLIC_URL = 'https://dealwise.example.com';
const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

const model = scriptedModel({
  route: (text) => (/weather/.test(text) ? { kind: 'decline', text: 'Only sales work here.' } : { kind: 'plan', steps: [{ agent: 'lead', request: text }] }),
  step: (request, turn) => {
    if (/qualify/.test(request.request)) {
      const lead = /eli/.test(request.request) ? 'Eli Stone' : 'Dana Ruiz';
      if (!turn.last) return { kind: 'tool_calls', calls: [{ id: `q${request.messages.length}`, name: 'lead_set_stage', input: { lead, stage: 'qualified', reason: 'budget confirmed' } }] };
      return { kind: 'answer', text: turn.last.ok ? `${lead.split(' ')[0]} is qualified now.` : 'Left as it was.' };
    }
    if (!turn.last) return { kind: 'tool_calls', calls: [{ id: `s${request.messages.length}`, name: 'lead_search', input: { query: 'dana' } }] };
    if (/summari[sz]e/.test(request.request)) {
      // a streaming provider: the answer arrives token by token before the step returns it whole
      const text = 'Dana Ruiz is a new lead at Acme. '.repeat(10).trim();
      for (const word of text.split(/(?<= )/)) request.onToken?.(word);
      return { kind: 'answer', text };
    }
    const found = turn.parsed('lead_search') as { leads: { id: string; name?: string }[]; page: { total: number } };
    const first = found.leads[0];
    if (!first) return { kind: 'answer', text: 'No lead found.' };
    return {
      kind: 'answer',
      text: `**${found.page.total} lead found.**\n| Lead | Stage |\n| --- | --- |\n${found.leads.map(() => '| Dana Ruiz | new |').join('\n')}`,
      citations: [{ kind: 'lead', id: first.id, label: 'Dana Ruiz' }],
    };
  },
});

interface Node {
  server: FastifyInstance;
  mount: SlackMount;
}

describe('the Slack app', () => {
  let runtime: Runtime;
  let org: FixtureOrg;
  let copilot: Copilot;
  let slack: SlackStandIn;
  let logLines: string[];
  let log: Logger;
  let danaId: string;
  const nodes: Node[] = [];

  async function startNode(): Promise<Node> {
    const server = await buildApp({ log, readiness: { runtime: () => runtime, startedAt: ORG_NOW }, registry, actorFor: () => Promise.reject(new Error('not used')) });
    const services = slackServices(runtime);
    const mount = await registerSlack(server, {
      botToken: BOT_TOKEN, signingSecret: SECRET, apiUrl: slack.apiUrl, publicUrl: PUBLIC_URL,
      copilot: () => copilot, services: () => services, clock: fixedClock(ORG_NOW), log,
    });
    const node = { server, mount };
    nodes.push(node);
    return node;
  }

  /** sends a signed request and waits until Bolt has answered it in Slack */
  async function deliver(node: Node, request: ReturnType<typeof signed>) {
    const response = await node.server.inject(request);
    await node.mount.idle();
    return response;
  }

  beforeAll(async () => {
    ({ runtime, org } = await createFixtureRuntime());
    const [dana] = await runtime.db.insert(leads).values({ fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId }).returning({ id: leads.id });
    danaId = dana!.id;
    await runtime.db.insert(leads).values({ fullName: 'Eli Stone', email: 'eli@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId });
    copilot = createCopilot({ model, services: copilotServices(runtime, registry) });
    slack = await startSlackStandIn({
      botToken: BOT_TOKEN,
      users: [
        { id: 'U0ANNA0001', email: 'Anna.Rep@dealwise.demo', name: 'Anna' },
        { id: 'U0CARA0001', email: 'cara.rep@dealwise.demo', name: 'Cara' },
        { id: 'U0BEN00001', email: 'ben.rep@dealwise.demo', name: 'Ben' },
        { id: 'U0STRANGER', email: 'someone@elsewhere.example', name: 'Stranger' },
      ],
      notInChannel: ['C0PRIVATE1'],
    });
    logLines = [];
    log = createLogger('info', { write: (line: string) => void logLines.push(line) });
  });
  afterAll(async () => {
    for (const node of nodes) await node.server.close();
    await slack?.close();
    await runtime?.close();
  });

  it('answers Slack’s URL check, and refuses a missing, wrong or stale signature (logged)', async () => {
    const node = await startNode();
    const check = JSON.stringify({ token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' });
    const ok = await node.server.inject(signed(SECRET, check, JSON_TYPE, NOW_S));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });

    const wrongSecret = await node.server.inject(signed('not-the-secret', check, JSON_TYPE, NOW_S));
    const stale = await node.server.inject(signed(SECRET, check, JSON_TYPE, NOW_S - 5 * 60 - 1));
    const future = await node.server.inject(signed(SECRET, check, JSON_TYPE, NOW_S + 5 * 60 + 1));
    const tampered = signed(SECRET, check, JSON_TYPE, NOW_S);
    const altered = await node.server.inject({ ...tampered, payload: tampered.payload.replace('url_verification', 'url_verificatioN') });
    const unsigned = await node.server.inject({ method: 'POST', url: '/slack/events', headers: { 'content-type': JSON_TYPE }, payload: check });
    for (const refused of [wrongSecret, stale, future, altered, unsigned]) {
      expect(refused.statusCode).toBe(401);
      expect(refused.json()).toMatchObject({ ok: false, error: { code: 'unauthorized:slack_signature' } });
    }
    // just inside the window still counts
    expect((await node.server.inject(signed(SECRET, check, JSON_TYPE, NOW_S - 5 * 60))).statusCode).toBe(200);
    const reasons = logLines.map((line) => JSON.parse(line) as { msg: string; reason?: string }).filter((l) => l.msg.includes('signature check failed')).map((l) => l.reason);
    expect(reasons).toEqual(['bad_signature', 'stale_timestamp', 'stale_timestamp', 'bad_signature', 'missing_headers']);
  });

  it('acks a mention before answering, then answers in its thread as the mapped user with a table and record links', async () => {
    const node = nodes[0]!;
    const before = slack.calls.length;
    slack.hold();
    // the HTTP reply comes back while every chat.* call to Slack is still held: the ack does not wait for the answer
    const response = await node.server.inject(signed(SECRET, eventCallback('Ev0MENTION1', appMention('U0ANNA0001', 'find dana', 'C0SALES001', '1781524000.000100'), NOW_S), JSON_TYPE, NOW_S));
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
    slack.release();
    await node.mount.idle();

    const calls = slack.calls.slice(before);
    expect(calls.map((c) => c.method)).toEqual(['auth.test', 'users.info', 'chat.postMessage', 'chat.update', 'chat.update']);
    expect(calls.every((c) => c.token === BOT_TOKEN)).toBe(true);
    expect(calls[2]!.args).toMatchObject({ channel: 'C0SALES001', thread_ts: '1781524000.000100', text: ':hourglass_flowing_sand: Working on it…' });
    expect(calls[3]!.args).toMatchObject({ text: ':hourglass_flowing_sand: Running lead search…' });
    const answer = slack.messages.find((m) => m.ts === calls[2]!.args.ts || m.ts === (calls[3]!.args.ts as string))!;
    expect(answer.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*1 lead found.*\n*Dana Ruiz* — Stage: new' } },
      { type: 'divider' },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Sources: <${PUBLIC_URL}/#/leads/${danaId}|Dana Ruiz>` }] },
    ]);
    // the copilot thread is the Slack thread (per person), owned by Anna's Dealwise user
    const thread = await copilot.thread(`slack:T0DEALWISE:C0SALES001:1781524000.000100:U0ANNA0001`, { userId: org.users.repAnna.userId });
    expect(thread?.messages.at(-1)).toMatchObject({ role: 'assistant' });
  });

  it('never answers a delivery twice: Slack’s retry, a replayed request, or a second replica on the same store', async () => {
    const mention = eventCallback('Ev0MENTION2', appMention('U0ANNA0001', 'find dana', 'C0SALES001', '1781524000.000200'), NOW_S);
    const first = await deliver(nodes[0]!, signed(SECRET, mention, JSON_TYPE, NOW_S));
    expect(first.statusCode).toBe(200);
    const after = slack.calls.length;
    const retry = await deliver(nodes[0]!, signed(SECRET, mention, JSON_TYPE, NOW_S + 60, 1));
    const replay = await deliver(nodes[0]!, signed(SECRET, mention, JSON_TYPE, NOW_S));
    const replica = await startNode();
    const other = await deliver(replica, signed(SECRET, mention, JSON_TYPE, NOW_S + 120, 2));
    for (const response of [retry, replay, other]) expect(response.statusCode).toBe(200);
    // the replica asks Slack who it is (auth.test) and nothing else
    expect(slack.calls.slice(after).map((c) => c.method)).toEqual(['auth.test']);
    expect(logLines.filter((l) => l.includes('delivery already handled'))).toHaveLength(3);
  });

  it('tells an unknown Slack user to ask an admin, and serves a known one only within their own scope', async () => {
    const before = slack.calls.length;
    await deliver(nodes[0]!, signed(SECRET, eventCallback('Ev0STRANGE1', appMention('U0STRANGER', 'find dana', 'C0SALES001', '1781524000.000300'), NOW_S), JSON_TYPE, NOW_S));
    const stranger = slack.calls.slice(before);
    expect(stranger.map((c) => c.method)).toEqual(['users.info', 'chat.postMessage']);
    expect(stranger[1]!.args.text).toBe("I don't know you in Dealwise (someone@elsewhere.example), so I can't answer. Ask a Dealwise admin to add a user with the email you use in Slack.");

    // Cara (another team) asks in a DM: the same question finds none of Anna's leads
    await deliver(nodes[0]!, signed(SECRET, eventCallback('Ev0DMCARA01', directMessage('U0CARA0001', 'find dana', 'D0CARA0001', '1781524000.000400'), NOW_S), JSON_TYPE, NOW_S));
    const dm = slack.messages.filter((m) => m.channel === 'D0CARA0001');
    expect(dm).toHaveLength(1);
    expect(dm[0]).toMatchObject({ thread_ts: '1781524000.000400', text: 'No lead found.', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'No lead found.' } }] });
  });

  it('greets in the assistant thread and shows the assistant status while tools run', async () => {
    const before = slack.calls.length;
    await deliver(nodes[0]!, signed(SECRET, eventCallback('Ev0ASSIST01', assistantThreadStarted('U0ANNA0001', 'D0ANNA0001', '1781524000.000500'), NOW_S), JSON_TYPE, NOW_S));
    await deliver(nodes[0]!, signed(SECRET, eventCallback('Ev0ASSIST02', directMessage('U0ANNA0001', 'find dana', 'D0ANNA0001', '1781524000.000600', '1781524000.000500'), NOW_S), JSON_TYPE, NOW_S));
    const calls = slack.calls.slice(before);
    expect(calls.map((c) => c.method)).toEqual([
      'chat.postMessage', 'assistant.threads.setSuggestedPrompts',
      'users.info', 'assistant.threads.setStatus', 'assistant.threads.setStatus', 'chat.postMessage',
    ]);
    expect(calls[3]!.args).toMatchObject({ channel_id: 'D0ANNA0001', thread_ts: '1781524000.000500', status: 'Working on it…' });
    expect(calls[4]!.args).toMatchObject({ status: 'Running lead search…' });
    expect(calls[5]!.args).toMatchObject({ channel: 'D0ANNA0001', thread_ts: '1781524000.000500', text: expect.stringContaining('1 lead found') });
  });

  it('asks for approval with buttons only the asker can use, and Approve resumes the graph and writes once', async () => {
    const node = nodes[0]!;
    const command = slashCommand({ user: 'U0ANNA0001', channel: 'C0SALES001', text: 'qualify dana', triggerId: '13345224609.738474920.8088930838d88f008e0', responseUrl: `${slack.respondUrl}cmd1` });
    const acked = await deliver(node, signed(SECRET, command, FORM_TYPE, NOW_S));
    expect(acked.statusCode).toBe(200);
    expect(acked.body).toBe('');
    const asked = slack.messages.find((m) => m.channel === 'C0SALES001' && m.text === '<@U0ANNA0001> asked: qualify dana')!;
    const thread = slack.messages.filter((m) => m.thread_ts === asked.ts);
    expect(thread.map((m) => m.text)).toEqual(['This change needs your approval:', 'Approval needed: lead_set_stage']);
    const approval = thread[1]!;
    const actions = approval.blocks!.find((b) => (b as { type: string }).type === 'actions') as { block_id: string; elements: { action_id: string; value: string }[] };
    expect(actions.elements.map((e) => e.action_id)).toEqual(['dealwise_approve', 'dealwise_reject']);
    const value = JSON.parse(actions.elements[0]!.value) as { approvalId: string; askedBy: string };
    expect(value.askedBy).toBe('U0ANNA0001');
    const shown = { type: 'message', user: approval.user, bot_id: approval.bot_id, ts: approval.ts, thread_ts: approval.thread_ts, text: approval.text, blocks: approval.blocks };
    const press = (user: string, actionId: string, triggerId: string) =>
      signed(SECRET, blockAction({ user, channel: 'C0SALES001', message: shown, actionId, value: actions.elements[0]!.value, blockId: actions.block_id, triggerId, actionTs: '1781524100.000001', responseUrl: `${slack.respondUrl}act` }), FORM_TYPE, NOW_S);

    // Ben presses Approve: told off privately, nothing changes
    const before = slack.calls.length;
    expect((await deliver(node, press('U0BEN00001', 'dealwise_approve', '1.ben'))).statusCode).toBe(200);
    expect(slack.calls.slice(before).map((c) => c.method)).toEqual(['chat.postEphemeral']);
    expect(slack.calls.at(-1)!.args).toMatchObject({ user: 'U0BEN00001', text: 'Only <@U0ANNA0001>, who asked, can decide this.' });
    const [stillNew] = await runtime.db.select({ stage: leads.lifecycleStage }).from(leads).where(eq(leads.id, danaId));
    expect(stillNew!.stage).toBe('new');

    // Anna approves; Slack retries the same press: one decision, one write
    await deliver(node, press('U0ANNA0001', 'dealwise_approve', '2.anna'));
    const retried = press('U0ANNA0001', 'dealwise_approve', '2.anna');
    await deliver(node, { ...retried, headers: { ...retried.headers, 'x-slack-retry-num': '1' } });
    const [qualified] = await runtime.db.select({ stage: leads.lifecycleStage }).from(leads).where(eq(leads.id, danaId));
    expect(qualified!.stage).toBe('qualified');
    const writes = await runtime.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.tool, 'lead_set_stage'));
    expect(writes).toHaveLength(1);
    expect(approval.blocks).toEqual([expect.objectContaining({ block_id: 'approval_summary' }), { type: 'context', elements: [{ type: 'mrkdwn', text: ':white_check_mark: Approved by <@U0ANNA0001>' }] }]);
    const answers = slack.messages.filter((m) => m.thread_ts === asked.ts).map((m) => m.text);
    expect(answers).toEqual(['This change needs your approval:', ':white_check_mark: Approved by <@U0ANNA0001>', 'Dana is qualified now.']);
  });

  it('Reject resumes the graph without the change', async () => {
    const node = nodes[0]!;
    await deliver(node, signed(SECRET, slashCommand({ user: 'U0ANNA0001', channel: 'C0SALES001', text: 'qualify eli', triggerId: '5.eli', responseUrl: `${slack.respondUrl}eli` }), FORM_TYPE, NOW_S));
    const asked = slack.messages.find((m) => m.text === '<@U0ANNA0001> asked: qualify eli')!;
    const approval = slack.messages.find((m) => m.thread_ts === asked.ts && m.text === 'Approval needed: lead_set_stage')!;
    const actions = approval.blocks!.find((b) => (b as { type: string }).type === 'actions') as { block_id: string; elements: { value: string }[] };
    const shown = { type: 'message', user: approval.user, bot_id: approval.bot_id, ts: approval.ts, thread_ts: approval.thread_ts, text: approval.text, blocks: approval.blocks };
    await deliver(node, signed(SECRET, blockAction({ user: 'U0ANNA0001', channel: 'C0SALES001', message: shown, actionId: 'dealwise_reject', value: actions.elements[1]!.value, blockId: actions.block_id, triggerId: '6.eli', actionTs: '1781524200.000001', responseUrl: `${slack.respondUrl}r` }), FORM_TYPE, NOW_S));
    expect(slack.messages.filter((m) => m.thread_ts === asked.ts).map((m) => m.text)).toEqual(['This change needs your approval:', ':x: Rejected by <@U0ANNA0001>', 'Left as it was.']);
    const [eli] = await runtime.db.select({ stage: leads.lifecycleStage }).from(leads).where(eq(leads.fullName, 'Eli Stone'));
    expect(eli!.stage).toBe('new');
  });

  it('streams a streaming model’s answer where Slack can, then shows it in Block Kit; falls back where it cannot', async () => {
    const before = slack.calls.length;
    await deliver(nodes[0]!, signed(SECRET, eventCallback('Ev0STREAM01', appMention('U0ANNA0001', 'summarize dana', 'C0SALES001', '1781524000.000800'), NOW_S), JSON_TYPE, NOW_S));
    const calls = slack.calls.slice(before);
    expect(calls.map((c) => c.method)).toEqual(['users.info', 'chat.postMessage', 'chat.update', 'chat.startStream', 'chat.stopStream', 'chat.update', 'chat.delete']);
    expect(calls[3]!.args).toMatchObject({ channel: 'C0SALES001', thread_ts: '1781524000.000800', recipient_team_id: 'T0DEALWISE', recipient_user_id: 'U0ANNA0001' });
    const text = 'Dana Ruiz is a new lead at Acme. '.repeat(10).trim();
    const thread = slack.messages.filter((m) => m.thread_ts === '1781524000.000800');
    // one message left in the thread: the streamed one, now in Block Kit; the placeholder is gone
    expect(thread).toHaveLength(1);
    expect(thread[0]).toMatchObject({ ts: calls[5]!.args.ts, text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });

    slack.streaming = false;
    try {
      await deliver(nodes[0]!, signed(SECRET, eventCallback('Ev0STREAM02', appMention('U0ANNA0001', 'summarize dana', 'C0SALES001', '1781524000.000900'), NOW_S), JSON_TYPE, NOW_S));
    } finally {
      slack.streaming = true;
    }
    const fallback = slack.messages.filter((m) => m.thread_ts === '1781524000.000900');
    expect(fallback).toHaveLength(1);
    expect(fallback[0]).toMatchObject({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
    expect(logLines.some((l) => l.includes('streaming not available here'))).toBe(true);
  });

  it('works over Socket Mode: connects with the app token, acks each envelope, answers in the thread, once', async () => {
    const appToken = 'xapp-1-A0DEALWISE-1-socketmode';
    const socket = await startSlackSocketStandIn(APP_ID);
    const api = await startSlackStandIn({ botToken: BOT_TOKEN, users: [{ id: 'U0ANNA0001', email: 'anna.rep@dealwise.demo' }], socket: { appToken, url: socket.url } });
    const server = await buildApp({ log, readiness: { runtime: () => runtime, startedAt: ORG_NOW }, registry, actorFor: () => Promise.reject(new Error('not used')) });
    const services = slackServices(runtime);
    const mount = await registerSlack(server, { botToken: BOT_TOKEN, appToken, apiUrl: api.apiUrl, publicUrl: PUBLIC_URL, copilot: () => copilot, services: () => services, clock: fixedClock(ORG_NOW), log });
    try {
      expect(mount.mode).toBe('socket');
      await server.ready();
      await socket.connected;
      expect((await server.inject({ method: 'POST', url: '/slack/events', payload: {} })).statusCode).toBe(404);
      const payload = JSON.parse(eventCallback('Ev0SOCKET01', appMention('U0ANNA0001', 'find dana', 'C0SALES001', '1781524000.000700'), NOW_S)) as Record<string, unknown>;
      socket.send({ envelope_id: 'env-1', type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '', payload });
      expect(await socket.ack('env-1')).toMatchObject({ envelope_id: 'env-1' });
      await mount.idle();
      const thread = api.messages.filter((m) => m.thread_ts === '1781524000.000700');
      expect(thread).toHaveLength(1);
      expect(thread[0]!.text).toContain('1 lead found');
      // Slack redelivers the same event in a new envelope: acked, not answered again
      socket.send({ envelope_id: 'env-2', type: 'events_api', accepts_response_payload: false, retry_attempt: 1, retry_reason: 'timeout', payload });
      await socket.ack('env-2');
      await mount.idle();
      expect(api.callsOf('chat.postMessage')).toHaveLength(1);
      expect(api.calls.find((c) => c.method === 'apps.connections.open')?.token).toBe(appToken);
    } finally {
      await server.close();
      await socket.close();
      await api.close();
    }
  });

  it('answers an empty /dealwise with usage, and a channel it is not in through response_url', async () => {
    const node = nodes[0]!;
    const empty = await deliver(node, signed(SECRET, slashCommand({ user: 'U0ANNA0001', channel: 'C0SALES001', text: '  ', triggerId: '3.empty', responseUrl: `${slack.respondUrl}e` }), FORM_TYPE, NOW_S));
    expect(empty.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/dealwise how is my pipeline?') });
    await deliver(node, signed(SECRET, slashCommand({ user: 'U0ANNA0001', channel: 'C0PRIVATE1', text: 'find dana', triggerId: '4.private', responseUrl: `${slack.respondUrl}p` }), FORM_TYPE, NOW_S));
    expect(slack.responds.at(-1)).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/invite @Dealwise') });
  });
});

describe('the Slack app inside buildApp', () => {
  it('has no Slack route unless configured', async () => {
    const log = createLogger('silent');
    const bare = await buildApp({ log, readiness: { runtime: () => undefined, startedAt: ORG_NOW }, registry, actorFor: () => Promise.reject(new Error('unused')) });
    expect((await bare.inject({ method: 'POST', url: '/slack/events', payload: {} })).statusCode).toBe(404);
    await bare.close();
    const withSlack = await buildApp({
      log, readiness: { runtime: () => undefined, startedAt: ORG_NOW }, registry, actorFor: () => Promise.reject(new Error('unused')),
      slack: { botToken: BOT_TOKEN, signingSecret: SECRET, publicUrl: PUBLIC_URL, copilot: () => undefined, services: () => undefined, clock: fixedClock(ORG_NOW), log },
    });
    expect((await withSlack.inject({ method: 'POST', url: '/slack/events', headers: { 'content-type': JSON_TYPE }, payload: '{}' })).statusCode).toBe(401);
    // the raw-body parser stays inside the Slack scope: other routes still parse JSON
    expect((await withSlack.inject({ method: 'POST', url: '/v1/chat', payload: { message: 'x' } })).statusCode).not.toBe(415);
    await withSlack.close();
  });
});
