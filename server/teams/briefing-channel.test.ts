import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../core/env.ts';
import { silentLogger } from '../../core/logger.ts';
import { startTeamsPlatform, type TeamsPlatform } from '../../test/helpers/teams-platform.ts';
import type { BriefingChannel } from '../briefings/channel.ts';
import { teamsBriefingChannel } from './briefing-channel.ts';
import { teamsConfigFromEnv } from './config.ts';

// The Teams adapter of the briefing delivery interface: a proactive Adaptive Card through the Bot Connector
// (the stand-in at TEAMS_SERVICE_URL), with the bot's own token from the token endpoint.

const APP_ID = '00000000-0000-0000-0000-00000000d3a1';

describe('Teams briefing channel', () => {
  let platform: TeamsPlatform;
  let channel: BriefingChannel;

  beforeAll(async () => {
    platform = await startTeamsPlatform({ appId: APP_ID, appPassword: 'stand-in-secret', tenant: 'b1e2c3d4-0000-4000-8000-000000000001' });
    const env = parseEnv({
      TEAMS_APP_ID: APP_ID,
      TEAMS_APP_PASSWORD: 'stand-in-secret',
      TEAMS_TENANT_ID: 'b1e2c3d4-0000-4000-8000-000000000001',
      TEAMS_OPENID_METADATA_URL: platform.openIdMetadataUrl,
      TEAMS_TOKEN_URL: platform.tokenUrl,
      TEAMS_USER_TOKEN_URL: platform.url,
      TEAMS_SERVICE_URL: `${platform.url}/teams/`,
    });
    channel = teamsBriefingChannel({ config: teamsConfigFromEnv(env)!, log: silentLogger });
  });
  afterAll(async () => platform?.close());

  it('posts the briefing as an Adaptive Card to a personal chat and to a channel, returning the connector message ids', async () => {
    const personal = await channel.post('a:1Nh1Q5HqXoJ6a4CXFRvPZ3LUtsoXS6i9c8N', { deliveryId: 'dlv-1', title: 'Monday briefing', text: '3 deals need attention.' });
    const toChannel = await channel.post('19:c7f5d2a6bb0a4c4b9a33d1f6e0b7c8d9@thread.tacv2', { deliveryId: 'dlv-2', title: 'Team briefing', text: 'Pipeline is up 4%.' });
    const [first, second] = platform.sent();
    expect(channel.kind).toBe('teams');
    expect(channel.find).toBeUndefined();
    expect(first).toMatchObject({ method: 'POST', path: '/teams/v3/conversations/a:1Nh1Q5HqXoJ6a4CXFRvPZ3LUtsoXS6i9c8N/activities', authorization: `Bearer ${platform.issuedTokens[0]}` });
    expect(first!.body).toMatchObject({
      type: 'message',
      summary: 'Monday briefing',
      from: { id: APP_ID },
      conversation: { id: 'a:1Nh1Q5HqXoJ6a4CXFRvPZ3LUtsoXS6i9c8N' },
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: { type: 'AdaptiveCard', body: [{ id: 'dealwise-delivery-dlv-1', text: 'Monday briefing' }, { text: '3 deals need attention.' }] },
        },
      ],
    });
    expect(second!.conversationId).toBe('19:c7f5d2a6bb0a4c4b9a33d1f6e0b7c8d9@thread.tacv2');
    // the stand-in numbers messages it creates; the channel hands back the ids it answered
    expect([personal.messageId, toChannel.messageId]).toEqual(['1733000000001', '1733000000002']);
    // one client-credentials grant in the configured tenant, reused for both posts
    expect(platform.tokenRequests.map((form) => form.get('scope'))).toEqual(['https://api.botframework.com/.default']);
  });

  it('fails with the connector status when the bot is not in the conversation, so the delivery can be retried or reported', async () => {
    platform.notInRoster.add('a:1removed');
    await expect(channel.post('a:1removed', { deliveryId: 'dlv-3', title: 'x', text: 'y' })).rejects.toThrow('Teams briefing: posting to a:1removed failed: 403 BotNotInConversationRoster The bot is not part of the conversation roster.');
    await expect(channel.post(' ', { deliveryId: 'dlv-4', title: 'x', text: 'y' })).rejects.toThrow(/conversation id/);
  });
});
