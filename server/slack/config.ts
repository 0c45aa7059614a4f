import type { Env } from '../../core/env.ts';
import type { SlackOptions } from './app.ts';

// Slack from the environment: nothing (no Slack routes) unless SLACK_BOT_TOKEN is set; env.ts has already
// checked that the signing secret or the app token comes with it.

/** Where people open records: PUBLIC_URL, else this server's own address (a wildcard host read as loopback). */
export function publicUrlOf(env: Pick<Env, 'PUBLIC_URL' | 'HOST' | 'PORT'>): string {
  if (env.PUBLIC_URL) return env.PUBLIC_URL.replace(/\/+$/, '');
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${env.PORT}`;
}

export function slackOptionsFromEnv(env: Env, runtime: Pick<SlackOptions, 'copilot' | 'services' | 'clock' | 'log'>): SlackOptions | undefined {
  if (!env.SLACK_BOT_TOKEN) return undefined;
  return {
    ...runtime,
    botToken: env.SLACK_BOT_TOKEN,
    publicUrl: publicUrlOf(env),
    ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
    ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
    ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
  };
}
