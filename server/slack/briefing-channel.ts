import { webApi } from '@slack/bolt';
import type { BriefingChannel, BriefingMessage } from '../briefings/channel.ts';
import { answerLines } from './blocks.ts';

// The Slack adapter of the briefing delivery interface (server/briefings/channel.ts, owned by the briefings
// part): a briefing is posted with chat.postMessage carrying its delivery id in message metadata, so after a
// crash between posting and recording, find() can look through the channel's history for it instead of
// posting again. Reading metadata back needs the bot in the channel with the *:history scope.

export type { BriefingMessage };

export interface SlackBriefingChannel extends BriefingChannel {
  readonly kind: 'slack';
  find(target: string, deliveryId: string, since: Date): Promise<string | undefined>;
}

export const BRIEFING_EVENT_TYPE = 'dealwise_briefing';
const HISTORY_PAGE = 200;
const HISTORY_PAGES = 10;

/** A user id (U…/W…) is posted to as the app's DM with that user; history is read from that DM's channel. */
async function channelOf(client: webApi.WebClient, target: string): Promise<string> {
  if (!/^[UW][A-Z0-9]+$/.test(target)) return target;
  const opened = await client.conversations.open({ users: target });
  const id = opened.channel?.id;
  if (!id) throw new Error(`Slack did not open a DM with ${target}`);
  return id;
}

function briefingBlocks(message: BriefingMessage): webApi.KnownBlock[] {
  const title = message.title.length > 150 ? `${message.title.slice(0, 149)}…` : message.title;
  const body = answerLines(message.text).join('\n');
  const chunks = body.match(/[\s\S]{1,2900}(?:\n|$)/g) ?? [];
  // Slack allows 50 blocks: the header and at most 49 sections
  return [{ type: 'header', text: { type: 'plain_text', text: title } }, ...chunks.slice(0, 49).map((chunk): webApi.KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: chunk.trimEnd() } }))];
}

export function slackBriefingChannel(client: webApi.WebClient): SlackBriefingChannel {
  return {
    kind: 'slack',
    async post(target, message) {
      const channel = await channelOf(client, target);
      const posted = await client.chat.postMessage({
        channel,
        text: `${message.title}\n${message.text}`.slice(0, 3000),
        blocks: briefingBlocks(message),
        metadata: { event_type: BRIEFING_EVENT_TYPE, event_payload: { delivery_id: message.deliveryId } },
        unfurl_links: false,
      });
      if (!posted.ts) throw new Error('Slack accepted the briefing but returned no message ts');
      return { messageId: posted.ts };
    },
    async find(target, deliveryId, since) {
      const channel = await channelOf(client, target);
      let cursor: string | undefined;
      for (let page = 0; page < HISTORY_PAGES; page++) {
        const history = await client.conversations.history({
          channel,
          oldest: (since.getTime() / 1000).toFixed(6),
          include_all_metadata: true,
          limit: HISTORY_PAGE,
          ...(cursor ? { cursor } : {}),
        });
        const found = history.messages?.find((m) => m.metadata?.event_type === BRIEFING_EVENT_TYPE && (m.metadata.event_payload as Record<string, unknown> | undefined)?.delivery_id === deliveryId);
        if (found?.ts) return found.ts;
        cursor = history.response_metadata?.next_cursor || undefined;
        if (!history.has_more || !cursor) return undefined;
      }
      // more history than we page through: we cannot say it was never posted
      throw new Error(`Slack history of ${channel} since ${since.toISOString()} is longer than ${HISTORY_PAGES * HISTORY_PAGE} messages`);
    },
  };
}

/** The adapter over the bot token, against Slack or the stand-in named by SLACK_API_URL. */
export function slackBriefingChannelFor(botToken: string, apiUrl?: string): SlackBriefingChannel {
  return slackBriefingChannel(new webApi.WebClient(botToken, apiUrl ? { slackApiUrl: `${apiUrl.replace(/\/+$/, '')}/` } : {}));
}
