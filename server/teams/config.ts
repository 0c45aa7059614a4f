import type { Env } from '../../core/env.ts';
import { publicUrlOf } from '../public-url.ts';

// The Teams bot's settings, from the environment. Defaults are Microsoft's public cloud; the overrides exist so
// a test (or a sovereign cloud) can point the SDK at other endpoints without turning any check off.

export interface TeamsConfig {
  appId: string;
  appPassword: string;
  /** the bot's Entra tenant (single-tenant bots); absent = multi-tenant */
  tenantId?: string;
  /** Bot Framework OpenID metadata; the SDK reads the signing keys beside it (…/keys) */
  openIdMetadataUrl: string;
  /** OAuth2 client-credentials token endpoint for the bot's own token */
  tokenUrl: string;
  /** Bot Framework user-token service the SDK asks on every activity (SSO, unused by us) */
  userTokenUrl: string;
  /** Bot Connector for proactive posts (replies go to each activity's own serviceUrl) */
  serviceUrl: string;
  /** base of the web page, for record links */
  publicUrl: string;
  /** where Teams posts activities (the messaging endpoint registered for the bot) */
  path: `/${string}`;
}

export const TEAMS_MESSAGES_PATH = '/teams/messages';
const LOGIN = 'https://login.microsoftonline.com';

/** undefined when the bot is not configured: then there are no Teams routes. */
export function teamsConfigFromEnv(env: Env): TeamsConfig | undefined {
  if (!env.TEAMS_APP_ID || !env.TEAMS_APP_PASSWORD) return undefined;
  // multi-tenant bots get their token from the botframework.com tenant
  const tenant = env.TEAMS_TENANT_ID ?? 'botframework.com';
  return {
    appId: env.TEAMS_APP_ID,
    appPassword: env.TEAMS_APP_PASSWORD,
    ...(env.TEAMS_TENANT_ID ? { tenantId: env.TEAMS_TENANT_ID } : {}),
    openIdMetadataUrl: env.TEAMS_OPENID_METADATA_URL ?? 'https://login.botframework.com/v1/.well-known/openidconfiguration',
    tokenUrl: env.TEAMS_TOKEN_URL ?? `${LOGIN}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`,
    userTokenUrl: env.TEAMS_USER_TOKEN_URL ?? 'https://token.botframework.com',
    serviceUrl: (env.TEAMS_SERVICE_URL ?? 'https://smba.trafficmanager.net/teams').replace(/\/+$/, ''),
    publicUrl: publicUrlOf(env),
    path: TEAMS_MESSAGES_PATH,
  };
}
