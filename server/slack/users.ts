import type { webApi } from '@slack/bolt';
import type { Actor } from '../../tools/core/context.ts';
import type { SlackServices } from '../../tools/slack/services.ts';

// A Slack user acts as the Dealwise user with the same email (Slack's profile email, scope users:read.email),
// so every tool applies that user's role and scope. No match means no answer: never a fallback user.

export type SlackIdentity = { ok: true; actor: Actor; email: string } | { ok: false; reason: 'no_email' | 'unknown_user' | 'bot'; email?: string };

export async function identifySlackUser(client: webApi.WebClient, services: SlackServices, slackUserId: string): Promise<SlackIdentity> {
  const info = await client.users.info({ user: slackUserId });
  const user = info.user;
  if (!user || user.deleted) return { ok: false, reason: 'unknown_user' };
  if (user.is_bot) return { ok: false, reason: 'bot' };
  const email = user.profile?.email;
  if (!email) return { ok: false, reason: 'no_email' };
  const actor = await services.userByEmail(email);
  return actor ? { ok: true, actor, email } : { ok: false, reason: 'unknown_user', email };
}

export function unknownUserText(identity: Exclude<SlackIdentity, { ok: true }>): string {
  if (identity.reason === 'no_email') return "I can't see an email on your Slack profile, so I can't tell who you are in Dealwise. Ask a Dealwise admin to check the app's users:read.email scope.";
  const who = identity.email ? ` (${identity.email})` : '';
  return `I don't know you in Dealwise${who}, so I can't answer. Ask a Dealwise admin to add a user with the email you use in Slack.`;
}
