import type { App } from '@microsoft/teams.apps';
import type { Logger } from '../../core/logger.ts';
import type { BriefingChannel, BriefingMessage } from '../briefings/channel.ts';
import type { BotTokenSource } from './bot-token.ts';
import { cardAttachment, type AdaptiveCard } from './cards.ts';
import type { TeamsConfig } from './config.ts';
import { createTeamsApp, noRoutes } from './sdk-app.ts';

// Briefings posted to Teams as a proactive message (an Adaptive Card) through the Bot Connector at
// TEAMS_SERVICE_URL. The target is a conversation id the bot is part of: a personal chat ('a:…') or a channel
// ('19:…@thread.tacv2'). There is no find(): the Bot Connector cannot list or search a conversation's messages,
// so a crash between post and record leaves the delivery for a person to check.

export function briefingCard(message: BriefingMessage): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      // the element id carries the delivery id inside the posted message, for a person tracing a delivery
      { type: 'TextBlock', id: `dealwise-delivery-${message.deliveryId}`, text: message.title, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: message.text, wrap: true },
    ],
  };
}

/** the connector's status and error code (the SDK's http client throws axios errors) */
function describeError(error: unknown): string {
  const response = (error as { response?: { status?: number; data?: { error?: { code?: string; message?: string } } } }).response;
  if (response?.status) return `${response.status} ${response.data?.error?.code ?? ''} ${response.data?.error?.message ?? ''}`.trim();
  return error instanceof Error ? error.message : String(error);
}

export function teamsBriefingChannel(options: { config: TeamsConfig; log: Logger; tokenSource?: BotTokenSource } | { app: App }): BriefingChannel {
  const app = 'app' in options ? options.app : createTeamsApp(options.config, { log: options.log, adapter: noRoutes, ...(options.tokenSource ? { tokenSource: options.tokenSource } : {}) });
  return {
    kind: 'teams',
    async post(target, message) {
      if (!target.trim()) throw new Error('Teams briefing: target must be a conversation id');
      const sent = await app.send(target, { type: 'message', summary: message.title, attachments: [cardAttachment(briefingCard(message))] }).catch((error: unknown) => {
        throw new Error(`Teams briefing: posting to ${target} failed: ${describeError(error)}`, { cause: error });
      });
      if (!sent.id) throw new Error(`Teams briefing: the Bot Connector did not return a message id for ${target}`);
      return { messageId: sent.id };
    },
  };
}
