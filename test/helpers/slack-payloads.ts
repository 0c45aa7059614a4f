import { createHmac } from 'node:crypto';
import { STAND_IN_BOT_USER, STAND_IN_TEAM } from './slack-stand-in.ts';

// Requests shaped as Slack sends them (docs.slack.dev: Events API envelope, app_mention, message.im,
// assistant_thread_started, slash command form, block_actions payload), signed with the app's signing secret.

export const APP_ID = 'A0DEALWISE';

export interface SignedRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  payload: string;
}

/** Signs a raw body at `timestamp` (seconds), as Slack does; `retryNum` adds Slack's retry headers. */
export function signed(secret: string, body: string, contentType: string, timestamp: number, retryNum?: number): SignedRequest {
  return {
    method: 'POST',
    url: '/slack/events',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      // written out here, not taken from the code under test: v0=hex(HMAC-SHA256(secret, 'v0:' + ts + ':' + body))
      'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`,
      ...(retryNum !== undefined ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
    },
    payload: body,
  };
}

export function eventCallback(eventId: string, event: Record<string, unknown>, eventTime: number): string {
  return JSON.stringify({
    token: 'XXYYZZ',
    team_id: STAND_IN_TEAM,
    context_team_id: STAND_IN_TEAM,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: eventTime,
    authorizations: [{ enterprise_id: null, team_id: STAND_IN_TEAM, user_id: STAND_IN_BOT_USER, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${eventId}`,
  });
}

export const appMention = (user: string, text: string, channel: string, ts: string, threadTs?: string) => ({
  type: 'app_mention', user, text: `<@${STAND_IN_BOT_USER}> ${text}`, ts, channel, event_ts: ts, team: STAND_IN_TEAM,
  client_msg_id: `c-${ts}`, blocks: [], ...(threadTs ? { thread_ts: threadTs } : {}),
});

export const directMessage = (user: string, text: string, channel: string, ts: string, threadTs?: string) => ({
  type: 'message', channel, user, text, ts, event_ts: ts, channel_type: 'im', team: STAND_IN_TEAM, client_msg_id: `c-${ts}`, blocks: [],
  ...(threadTs ? { thread_ts: threadTs } : {}),
});

export const assistantThreadStarted = (user: string, channel: string, threadTs: string) => ({
  type: 'assistant_thread_started',
  assistant_thread: { user_id: user, context: { channel_id: 'C0CONTEXT1', team_id: STAND_IN_TEAM, enterprise_id: null }, channel_id: channel, thread_ts: threadTs },
  event_ts: threadTs,
});

export function slashCommand(fields: { user: string; channel: string; text: string; triggerId: string; responseUrl: string }): string {
  return new URLSearchParams({
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    team_id: STAND_IN_TEAM,
    team_domain: 'dealwise-test',
    channel_id: fields.channel,
    channel_name: 'sales',
    user_id: fields.user,
    user_name: fields.user.toLowerCase(),
    command: '/dealwise',
    text: fields.text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId,
  }).toString();
}

/** A button press on a message the app posted (the message as Slack shows it to the app). */
export function blockAction(fields: { user: string; channel: string; message: Record<string, unknown>; actionId: string; value: string; blockId: string; triggerId: string; actionTs: string; responseUrl: string }): string {
  const payload = {
    type: 'block_actions',
    user: { id: fields.user, username: fields.user.toLowerCase(), name: fields.user.toLowerCase(), team_id: STAND_IN_TEAM },
    api_app_id: APP_ID,
    token: 'XXYYZZ',
    container: { type: 'message', message_ts: fields.message.ts, channel_id: fields.channel, is_ephemeral: false },
    trigger_id: fields.triggerId,
    team: { id: STAND_IN_TEAM, domain: 'dealwise-test' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: fields.channel, name: 'sales' },
    message: fields.message,
    state: { values: {} },
    response_url: fields.responseUrl,
    actions: [{ action_id: fields.actionId, block_id: fields.blockId, text: { type: 'plain_text', text: 'Approve', emoji: true }, value: fields.value, type: 'button', action_ts: fields.actionTs }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
