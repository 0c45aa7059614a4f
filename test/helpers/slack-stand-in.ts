import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local stand-in for Slack's Web API: answers the methods the Slack surface calls the way Slack does
// (HTTP 200 with { ok, ... } or { ok: false, error }), keeps the messages posted so chat.update and
// conversations.history see them, and records every call. Bolt's WebClient reaches it through slackApiUrl.
// Also takes response_url posts (slash commands' `respond`) at /respond/<id>.

export interface SlackUser {
  id: string;
  email?: string;
  name?: string;
  isBot?: boolean;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  bot_id: string;
  user: string;
}

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
}

export interface SlackStandIn {
  /** the Web API base, for SLACK_API_URL / slackApiUrl */
  apiUrl: string;
  /** base for response_url values */
  respondUrl: string;
  calls: SlackCall[];
  responds: Record<string, unknown>[];
  messages: StoredMessage[];
  callsOf(method: string): Record<string, unknown>[];
  /** whether chat.startStream & co. exist here (a workspace without them answers unknown_method) */
  streaming: boolean;
  /** holds every chat.* answer until release() (to show that Slack is acked before the answer is written) */
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

export const STAND_IN_TEAM = 'T0DEALWISE';
export const STAND_IN_BOT_USER = 'U0BOTUSER1';
export const STAND_IN_BOT_ID = 'B0BOTID001';

export interface StandInOptions {
  botToken: string;
  users: SlackUser[];
  /** channels the bot is not a member of: posting there fails with not_in_channel, as on Slack */
  notInChannel?: string[];
  /** first message ts (seconds); each post adds one microsecond-step */
  firstTs?: number;
  /** Socket Mode: the app-level token apps.connections.open takes, and the WebSocket url it answers with */
  socket?: { appToken: string; url: string };
}

// the Web API takes form-encoded arguments, with objects (blocks, metadata, prompts) as JSON strings, or JSON
function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

const chunkText = (args: Record<string, unknown>): string =>
  `${typeof args.markdown_text === 'string' ? args.markdown_text : ''}${Array.isArray(args.chunks) ? (args.chunks as { type: string; text?: string }[]).filter((c) => c.type === 'markdown_text').map((c) => c.text ?? '').join('') : ''}`;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSlackStandIn(options: StandInOptions): Promise<SlackStandIn> {
  const calls: SlackCall[] = [];
  const responds: Record<string, unknown>[] = [];
  const messages: StoredMessage[] = [];
  let seq = 0;
  const firstTs = options.firstTs ?? 1_781_524_800;
  const nextTs = () => `${firstTs + Math.floor(seq / 1_000_000)}.${String(++seq % 1_000_000).padStart(6, '0')}`;
  let gate: Promise<void> | undefined;
  let open: (() => void) | undefined;

  const stand: { streaming: boolean } = { streaming: true };
  const methods: Record<string, (args: Record<string, unknown>) => Record<string, unknown>> = {
    'auth.test': () => ({ ok: true, url: 'https://dealwise-test.slack.com/', team: 'Dealwise Test', user: 'dealwise', team_id: STAND_IN_TEAM, user_id: STAND_IN_BOT_USER, bot_id: STAND_IN_BOT_ID, is_enterprise_install: false }),
    'users.info': (args) => {
      const user = options.users.find((u) => u.id === args.user);
      if (!user) return { ok: false, error: 'user_not_found' };
      return {
        ok: true,
        user: {
          id: user.id, team_id: STAND_IN_TEAM, name: user.name ?? user.id.toLowerCase(), deleted: false, is_bot: user.isBot ?? false,
          profile: { real_name: user.name ?? user.id, display_name: user.name ?? '', ...(user.email ? { email: user.email } : {}) },
        },
      };
    },
    'chat.postMessage': (args) => {
      const channel = String(args.channel ?? '');
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (options.notInChannel?.includes(channel)) return { ok: false, error: 'not_in_channel' };
      if (!args.text && !args.blocks) return { ok: false, error: 'no_text' };
      const message: StoredMessage = {
        channel, ts: nextTs(), bot_id: STAND_IN_BOT_ID, user: STAND_IN_BOT_USER,
        ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
        ...(args.text ? { text: String(args.text) } : {}),
        ...(args.blocks ? { blocks: args.blocks as unknown[] } : {}),
        ...(args.metadata ? { metadata: args.metadata as StoredMessage['metadata'] } : {}),
      };
      messages.push(message);
      const { metadata: _hidden, ...shown } = message;
      return { ok: true, channel, ts: message.ts, message: { type: 'message', ...shown } };
    },
    'chat.update': (args) => {
      const message = messages.find((m) => m.channel === args.channel && m.ts === args.ts);
      if (!message) return { ok: false, error: 'message_not_found' };
      if (args.text !== undefined) message.text = String(args.text);
      if (args.blocks !== undefined) message.blocks = args.blocks as unknown[];
      return { ok: true, channel: message.channel, ts: message.ts, text: message.text ?? '', message: { type: 'message', text: message.text, blocks: message.blocks } };
    },
    'chat.delete': (args) => {
      const at = messages.findIndex((m) => m.channel === args.channel && m.ts === args.ts);
      if (at < 0) return { ok: false, error: 'message_not_found' };
      messages.splice(at, 1);
      return { ok: true, channel: args.channel, ts: args.ts };
    },
    // streaming: the message grows by each chunk's markdown_text
    'chat.startStream': (args) => {
      if (!stand.streaming) return { ok: false, error: 'unknown_method' };
      if (!args.channel || !args.thread_ts) return { ok: false, error: 'invalid_arguments' };
      if (!String(args.channel).startsWith('D') && (!args.recipient_team_id || !args.recipient_user_id)) return { ok: false, error: 'missing_recipient_user_id' };
      const message: StoredMessage = { channel: String(args.channel), ts: nextTs(), thread_ts: String(args.thread_ts), text: chunkText(args), bot_id: STAND_IN_BOT_ID, user: STAND_IN_BOT_USER };
      messages.push(message);
      return { ok: true, channel: message.channel, ts: message.ts };
    },
    'chat.appendStream': (args) => {
      const message = messages.find((m) => m.channel === args.channel && m.ts === args.ts);
      if (!message) return { ok: false, error: 'message_not_found' };
      message.text = `${message.text ?? ''}${chunkText(args)}`;
      return { ok: true, channel: message.channel, ts: message.ts };
    },
    'chat.stopStream': (args) => {
      const message = messages.find((m) => m.channel === args.channel && m.ts === args.ts);
      if (!message) return { ok: false, error: 'message_not_found' };
      message.text = `${message.text ?? ''}${chunkText(args)}`;
      if (args.blocks) message.blocks = args.blocks as unknown[];
      return { ok: true, channel: message.channel, ts: message.ts, message: { type: 'message', text: message.text } };
    },
    'chat.postEphemeral': (args) => (args.user && args.channel ? { ok: true, message_ts: nextTs() } : { ok: false, error: 'user_not_in_channel' }),
    'assistant.threads.setStatus': (args) => (args.channel_id && args.thread_ts ? { ok: true } : { ok: false, error: 'invalid_arguments' }),
    'assistant.threads.setSuggestedPrompts': (args) => (args.channel_id && Array.isArray(args.prompts) ? { ok: true } : { ok: false, error: 'invalid_arguments' }),
    'assistant.threads.setTitle': () => ({ ok: true }),
    'conversations.open': (args) => {
      const user = options.users.find((u) => u.id === args.users);
      return user ? { ok: true, no_op: true, already_open: true, channel: { id: `D${user.id.slice(1)}` } } : { ok: false, error: 'user_not_found' };
    },
    'conversations.history': (args) => {
      const oldest = args.oldest === undefined ? 0 : Number(args.oldest);
      const limit = Math.min(Number(args.limit ?? 100), 999);
      const withMeta = args.include_all_metadata === true || args.include_all_metadata === 'true';
      const all = messages.filter((m) => m.channel === args.channel && !m.thread_ts && Number(m.ts) > oldest).sort((a, b) => Number(b.ts) - Number(a.ts));
      const start = args.cursor ? Number(String(args.cursor).replace('c', '')) : 0;
      const page = all.slice(start, start + limit).map(({ metadata, ...m }) => ({ type: 'message', ...m, ...(withMeta && metadata ? { metadata } : {}) }));
      const more = start + limit < all.length;
      return { ok: true, messages: page, has_more: more, ...(more ? { response_metadata: { next_cursor: `c${start + limit}` } } : { response_metadata: { next_cursor: '' } }) };
    },
  };

  const server = createServer((request, response) => {
    void (async () => {
      const raw = await readBody(request);
      const url = request.url ?? '/';
      if (url.startsWith('/respond/')) {
        responds.push(JSON.parse(raw) as Record<string, unknown>);
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const method = url.replace(/^\/api\//, '').split('?')[0]!;
      const args = parseArgs(raw, request.headers['content-type']);
      const token = request.headers.authorization?.replace(/^Bearer /, '') ?? (typeof args.token === 'string' ? args.token : undefined);
      calls.push({ method, args, token });
      if (gate && method.startsWith('chat.')) await gate;
      const handler = methods[method];
      const result =
        method === 'apps.connections.open'
          ? options.socket && token === options.socket.appToken ? { ok: true, url: options.socket.url } : { ok: false, error: 'invalid_auth' }
          : token !== options.botToken ? { ok: false, error: 'invalid_auth' } : handler ? handler(args) : { ok: false, error: 'unknown_method' };
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(result));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(stand, {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    respondUrl: `http://127.0.0.1:${port}/respond/`,
    calls,
    responds,
    messages,
    callsOf: (method: string) => calls.filter((c) => c.method === method).map((c) => c.args),
    hold() {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    release() {
      open?.();
      gate = undefined;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
