import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

// A local stand-in for the Microsoft platform a Teams bot talks to, speaking its wire protocol:
// - the Bot Framework OpenID metadata and its signing keys (JWKS), so the SDK validates tokens we sign here;
// - the Entra token endpoint (client credentials) that gives the bot its own token;
// - the Bot Connector at the activity's serviceUrl: create/update activities, conversation members;
// - the Bot Framework user-token service, which the SDK asks on every activity (answers 404: no SSO token).
// Everything it receives is recorded, so tests read what the bot sent.

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
const KID = 'stand-in-key';

export interface TeamsMember {
  id: string;
  name: string;
  aadObjectId: string;
  email: string;
  userPrincipalName: string;
  givenName?: string;
  surname?: string;
  tenantId?: string;
  userRole?: 'user' | 'guest';
}

export interface ConnectorCall {
  method: 'POST' | 'PUT' | 'GET';
  path: string;
  conversationId: string;
  /** PUT: the activity updated */
  activityId?: string;
  authorization: string | undefined;
  body?: Record<string, unknown>;
}

export interface TeamsPlatform {
  url: string;
  openIdMetadataUrl: string;
  tokenUrl: string;
  appId: string;
  appPassword: string;
  /** every call to the Bot Connector (activities, members), in order */
  connector: ConnectorCall[];
  tokenRequests: URLSearchParams[];
  userTokenRequests: number;
  /** access tokens the token endpoint issued */
  issuedTokens: string[];
  members: Map<string, TeamsMember>;
  /** conversations the bot is not part of: posting there answers 403 as the connector does */
  notInRoster: Set<string>;
  /** a Bot Framework token for an activity, signed with the published key unless `key` says otherwise */
  sign(claims?: { serviceurl?: string; aud?: string; iss?: string; expiresInSeconds?: number; key?: CryptoKey }): Promise<string>;
  /** resolves once the connector has received a call matching `match` (at or after index `from`) */
  waitFor(match: (call: ConnectorCall) => boolean, from?: number): Promise<ConnectorCall>;
  /** activities posted or updated in a conversation, newest last */
  sent(conversationId?: string): ConnectorCall[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
};

export async function startTeamsPlatform(options: { appId: string; appPassword: string; tenant?: string }): Promise<TeamsPlatform> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: KID, use: 'sig', alg: 'RS256' };
  const tenant = options.tenant ?? 'botframework.com';
  const waiters: { match: (call: ConnectorCall) => boolean; from: number; resolve: (call: ConnectorCall) => void }[] = [];
  let activityCounter = 0;

  const platform = {
    connector: [] as ConnectorCall[],
    tokenRequests: [] as URLSearchParams[],
    userTokenRequests: 0,
    issuedTokens: [] as string[],
    members: new Map<string, TeamsMember>(),
    notInRoster: new Set<string>(),
  };

  const record = (call: ConnectorCall) => {
    platform.connector.push(call);
    const index = platform.connector.length - 1;
    for (const waiter of [...waiters]) {
      if (index >= waiter.from && waiter.match(call)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
  };

  const botToken = (appid: string) =>
    new SignJWT({ appid, tid: 'd6d49420-f39b-4df7-a1dc-d59a935871db', ver: '1.0' })
      .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
      .setIssuer(`https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/`)
      .setAudience(BOT_FRAMEWORK_ISSUER)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);

  async function handle(request: IncomingMessage, response: ServerResponse, base: string): Promise<void> {
    const url = new URL(request.url ?? '/', base);
    const path = url.pathname;
    if (request.method === 'GET' && path === '/v1/.well-known/openidconfiguration') {
      return json(response, 200, {
        issuer: BOT_FRAMEWORK_ISSUER,
        authorization_endpoint: 'https://invalid.botframework.com',
        jwks_uri: `${base}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (request.method === 'GET' && path === '/v1/.well-known/keys') return json(response, 200, { keys: [{ ...jwk, endorsements: ['msteams'] }] });
    if (request.method === 'POST' && path === `/${tenant}/oauth2/v2.0/token`) {
      const form = new URLSearchParams(await readBody(request));
      platform.tokenRequests.push(form);
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== options.appId || form.get('client_secret') !== options.appPassword) {
        return json(response, 401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
      }
      const token = await botToken(options.appId);
      platform.issuedTokens.push(token);
      return json(response, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
    }
    if (path.startsWith('/api/usertoken/')) {
      platform.userTokenRequests += 1;
      return json(response, 404, { error: { code: 'NotFound', message: 'Token not found' } });
    }

    const connector = /^(?:\/[a-z]+)?\/v3\/conversations\/([^/]+)\/(activities|members)(?:\/([^/]+))?$/.exec(path);
    if (!connector) return json(response, 404, { error: { code: 'NotFound', message: `no route ${request.method} ${path}` } });
    const authorization = request.headers.authorization;
    // the connector accepts only the bot's own token
    if (!authorization || !platform.issuedTokens.some((token) => authorization === `Bearer ${token}`)) {
      return json(response, 401, { message: 'Authorization has been denied for this request.' });
    }
    const conversationId = decodeURIComponent(connector[1]!);
    if (platform.notInRoster.has(conversationId)) {
      return json(response, 403, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } });
    }
    const tail = connector[3] ? decodeURIComponent(connector[3]) : undefined;
    if (connector[2] === 'members' && request.method === 'GET' && tail) {
      record({ method: 'GET', path, conversationId, authorization });
      const member = [...platform.members.values()].find((m) => m.aadObjectId === tail || m.id === tail);
      return member ? json(response, 200, member) : json(response, 404, { error: { code: 'MemberNotFoundInConversation', message: 'The member is not part of the conversation.' } });
    }
    if (connector[2] === 'activities' && (request.method === 'POST' || request.method === 'PUT')) {
      const body = JSON.parse(await readBody(request)) as Record<string, unknown>;
      const id = request.method === 'PUT' ? tail! : `1733${String(++activityCounter).padStart(9, '0')}`;
      record({ method: request.method, path, conversationId, ...(request.method === 'PUT' ? { activityId: tail! } : {}), authorization, body });
      return json(response, 200, { id });
    }
    return json(response, 405, { error: { code: 'BadArgument', message: `unsupported ${request.method} ${path}` } });
  }

  let base = '';
  const server: Server = createServer((request, response) => {
    handle(request, response, base).catch((error: unknown) => json(response, 500, { error: { code: 'ServiceError', message: String(error) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return Object.assign(platform, {
    url: base,
    openIdMetadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    tokenUrl: `${base}/${tenant}/oauth2/v2.0/token`,
    appId: options.appId,
    appPassword: options.appPassword,
    sign: async (claims: { serviceurl?: string; aud?: string; iss?: string; expiresInSeconds?: number; key?: CryptoKey } = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ serviceurl: claims.serviceurl ?? base, nbf: now - 5 })
        .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
        .setIssuer(claims.iss ?? BOT_FRAMEWORK_ISSUER)
        .setAudience(claims.aud ?? options.appId)
        .setIssuedAt(now - 5)
        .setExpirationTime(now + (claims.expiresInSeconds ?? 3600))
        .sign(claims.key ?? privateKey);
    },
    waitFor: (match: (call: ConnectorCall) => boolean, from = 0) => {
      const found = platform.connector.slice(from).find(match);
      if (found) return Promise.resolve(found);
      return new Promise<ConnectorCall>((resolve) => waiters.push({ match, from, resolve }));
    },
    sent: (conversationId?: string) =>
      platform.connector.filter((call) => call.method !== 'GET' && (conversationId === undefined || call.conversationId === conversationId)),
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  });
}
