import type { Env } from '../../core/env.ts';
import type { SlackOptions } from './app.ts';
import { publicUrlOf } from '../public-url.ts';

// Slack from the environment: nothing (no Slack routes) unless SLACK_BOT_TOKEN is set; env.ts has already
// checked that the signing secret or the app token comes with it.

export { publicUrlOf };

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
