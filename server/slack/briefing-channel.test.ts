import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackStandIn, type SlackStandIn } from '../../test/helpers/slack-stand-in.ts';
import { BRIEFING_EVENT_TYPE, slackBriefingChannelFor, type SlackBriefingChannel } from './briefing-channel.ts';

// The briefing adapter against the Web API stand-in: the delivery id rides in message metadata, and find()
// reads it back from the channel's history after a crash between posting and recording.

const TOKEN = 'xoxb-1-2-briefings';

describe('Slack briefing channel', () => {
  let slack: SlackStandIn;
  let channel: SlackBriefingChannel;

  beforeAll(async () => {
    slack = await startSlackStandIn({ botToken: TOKEN, users: [{ id: 'U0ANNA0001', email: 'anna.rep@dealwise.demo' }], firstTs: 1_781_600_000 });
    channel = slackBriefingChannelFor(TOKEN, slack.apiUrl);
  });
  afterAll(() => slack.close());

  it('posts with the delivery id in metadata and finds that message again, and only that one', async () => {
    const since = new Date(1_781_599_000_000);
    const { messageId } = await channel.post('C0BRIEFING', { deliveryId: 'd-1', title: 'Monday briefing', text: '**3 deals** need you\n| Deal | Amount |\n| --- | --- |\n| Acme | $10,000 |' });
    // other traffic in the channel, including another delivery's briefing
    await channel.post('C0BRIEFING', { deliveryId: 'd-2', title: 'Tuesday briefing', text: 'Quiet day.' });
    const post = slack.callsOf('chat.postMessage')[0]!;
    expect(post).toMatchObject({
      channel: 'C0BRIEFING',
      metadata: { event_type: BRIEFING_EVENT_TYPE, event_payload: { delivery_id: 'd-1' } },
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Monday briefing' } },
        { type: 'section', text: { type: 'mrkdwn', text: '*3 deals* need you\n*Acme* — Amount: $10,000' } },
      ],
    });
    expect(await channel.find('C0BRIEFING', 'd-1', since)).toBe(messageId);
    expect(await channel.find('C0BRIEFING', 'd-3', since)).toBeUndefined();
    // posted before `since`: not this delivery's message
    expect(await channel.find('C0BRIEFING', 'd-1', new Date((Number(messageId) + 1) * 1000))).toBeUndefined();
    expect(slack.callsOf('conversations.history').at(-1)).toMatchObject({ include_all_metadata: 'true', channel: 'C0BRIEFING' });
  });

  it('pages through history, and posts to a user through the app’s DM with them', async () => {
    for (let i = 0; i < 250; i++) await channel.post('C0BUSY0001', { deliveryId: `busy-${i}`, title: 'Update', text: `#${i}` });
    const oldest = slack.messages.find((m) => m.channel === 'C0BUSY0001')!;
    expect(await channel.find('C0BUSY0001', 'busy-0', new Date(0))).toBe(oldest.ts);
    expect(slack.callsOf('conversations.history').filter((c) => c.channel === 'C0BUSY0001')).toHaveLength(2);

    const { messageId } = await channel.post('U0ANNA0001', { deliveryId: 'dm-1', title: 'Your day', text: 'Two calls.' });
    expect(slack.messages.find((m) => m.ts === messageId)?.channel).toBe('D0ANNA0001');
    expect(await channel.find('U0ANNA0001', 'dm-1', new Date(0))).toBe(messageId);
  });

  it('fails loudly when Slack refuses, so the delivery is not recorded as sent', async () => {
    const wrong = slackBriefingChannelFor('xoxb-wrong', slack.apiUrl);
    await expect(wrong.post('C0BRIEFING', { deliveryId: 'd-9', title: 't', text: 'x' })).rejects.toThrow(/invalid_auth/);
  });
});
