import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/clock.ts';
import { parseEnv } from '../../core/env.ts';
import { silentLogger } from '../../core/logger.ts';
import { publicUrlOf, slackOptionsFromEnv } from './config.ts';

const runtime = { copilot: () => undefined, services: () => undefined, clock: fixedClock('2026-06-15T12:00:00Z'), log: silentLogger };

describe('Slack configuration', () => {
  it('is off without a bot token, HTTP with a signing secret, Socket Mode with an app token', () => {
    expect(slackOptionsFromEnv(parseEnv({}), runtime)).toBeUndefined();
    expect(slackOptionsFromEnv(parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }), runtime)).toMatchObject({ botToken: 'xoxb-1', signingSecret: 's' });
    const socket = slackOptionsFromEnv(parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'http://127.0.0.1:9/api' }), runtime);
    expect(socket).toMatchObject({ appToken: 'xapp-1', apiUrl: 'http://127.0.0.1:9/api' });
    expect(socket).not.toHaveProperty('signingSecret');
  });

  it('names the variable that is wrong or missing', () => {
    expect(() => parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow('SLACK_BOT_TOKEN needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)');
    expect(() => parseEnv({ SLACK_SIGNING_SECRET: 's' })).toThrow('the Slack app needs SLACK_BOT_TOKEN too');
    expect(() => parseEnv({ SLACK_BOT_TOKEN: 'xoxp-user', SLACK_SIGNING_SECRET: 's' })).toThrow('SLACK_BOT_TOKEN must be a bot token (xoxb-...)');
    expect(() => parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' })).toThrow('SLACK_APP_TOKEN must be an app-level token (xapp-...)');
    expect(() => parseEnv({ PUBLIC_URL: 'crm' })).toThrow('PUBLIC_URL must be a URL');
  });

  it('links records under PUBLIC_URL, else under the server’s own address', () => {
    expect(publicUrlOf({ PUBLIC_URL: 'https://crm.example.com/', HOST: '0.0.0.0', PORT: 3000 })).toBe('https://crm.example.com');
    expect(publicUrlOf({ PUBLIC_URL: undefined, HOST: '0.0.0.0', PORT: 3000 })).toBe('http://127.0.0.1:3000');
    expect(publicUrlOf({ PUBLIC_URL: undefined, HOST: '::1', PORT: 8080 })).toBe('http://[::1]:8080');
  });
});

describe('the Slack app manifest', () => {
  it('subscribes to what the listeners handle, at the route the receiver serves, with the scopes they use', async () => {
    const { readFile } = await import('node:fs/promises');
    const manifest = JSON.parse(await readFile(new URL('./manifest.json', import.meta.url), 'utf8')) as {
      features: { slash_commands: { command: string; url: string }[] };
      oauth_config: { scopes: { bot: string[] } };
      settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { request_url: string } };
    };
    const { SLASH_COMMAND } = await import('./listeners.ts');
    const { SLACK_EVENTS_PATH } = await import('./receiver.ts');
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    for (const url of [manifest.features.slash_commands[0]!.url, manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url]) {
      expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
    }
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_mention', 'assistant_thread_started', 'assistant_thread_context_changed', 'message.im']);
    // users:read.email maps Slack users to ours; *:history lets a briefing be found again; im:write opens DMs
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['users:read.email', 'chat:write', 'commands', 'assistant:write', 'channels:history', 'im:write']));
  });
});
