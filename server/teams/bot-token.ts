import { z } from 'zod';
import type { TeamsConfig } from './config.ts';

// The bot's own access token for the Bot Connector (OAuth2 client credentials). The SDK would use MSAL, which
// insists on an https authority and does instance discovery against Microsoft; a plain token request to a
// configurable endpoint is the same grant and can be pointed at a stand-in.

const tokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive() });
/** renew this long before the token expires */
const MARGIN_MS = 5 * 60_000;

export type BotTokenSource = (scope: string) => Promise<string>;

export function botTokenSource(config: Pick<TeamsConfig, 'appId' | 'appPassword' | 'tokenUrl'>, now: () => number = Date.now): BotTokenSource {
  const cache = new Map<string, { token: string; expiresAt: number }>();
  const inFlight = new Map<string, Promise<string>>();

  async function fetchToken(scope: string): Promise<string> {
    const response = await fetch(config.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: config.appId, client_secret: config.appPassword, scope }),
    });
    if (!response.ok) throw new Error(`Teams bot token: ${config.tokenUrl} answered ${response.status} ${(await response.text()).slice(0, 200)}`);
    const parsed = tokenResponse.safeParse(await response.json());
    if (!parsed.success) throw new Error('Teams bot token: the token endpoint answered without access_token/expires_in');
    cache.set(scope, { token: parsed.data.access_token, expiresAt: now() + parsed.data.expires_in * 1000 });
    return parsed.data.access_token;
  }

  return async (scope) => {
    const cached = cache.get(scope);
    if (cached && cached.expiresAt - MARGIN_MS > now()) return cached.token;
    // concurrent sends share one request
    let pending = inFlight.get(scope);
    if (!pending) {
      pending = fetchToken(scope).finally(() => inFlight.delete(scope));
      inFlight.set(scope, pending);
    }
    return pending;
  };
}
