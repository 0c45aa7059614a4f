import { App, type AppOptions, type IHttpServerAdapter, type IPlugin } from '@microsoft/teams.apps';
import type { Logger } from '../../core/logger.ts';
import { botTokenSource, type BotTokenSource } from './bot-token.ts';
import type { TeamsConfig } from './config.ts';
import { sdkLogger } from './sdk-logger.ts';

// One place that builds the SDK's App from our configuration, for the bot (receives and replies) and for
// briefings (proactive posts only).

type CloudEnvironment = NonNullable<AppOptions<IPlugin>['cloud']>;

/** Microsoft's public cloud, with the endpoints our configuration may override. */
export function cloudFor(config: Pick<TeamsConfig, 'openIdMetadataUrl' | 'userTokenUrl'>): CloudEnvironment {
  return {
    loginEndpoint: 'https://login.microsoftonline.com',
    loginTenant: 'botframework.com',
    botScope: 'https://api.botframework.com/.default',
    tokenServiceUrl: config.userTokenUrl,
    // the SDK validates incoming tokens against the keys published beside this document (…/keys)
    openIdMetadataUrl: config.openIdMetadataUrl,
    tokenIssuer: 'https://api.botframework.com',
    graphScope: 'https://graph.microsoft.com/.default',
  };
}

/** For an App that only sends: it registers no route (App would otherwise build an Express server). */
export const noRoutes: IHttpServerAdapter = { registerRoute: () => undefined };

export function createTeamsApp(config: TeamsConfig, options: { log: Logger; adapter: IHttpServerAdapter; tokenSource?: BotTokenSource }): App {
  const tokens = options.tokenSource ?? botTokenSource(config);
  return new App({
    clientId: config.appId,
    // '' keeps the SDK off MSAL (and off a CLIENT_SECRET in the environment): our token source does the grant
    clientSecret: '',
    token: (scope) => tokens(Array.isArray(scope) ? scope.join(' ') : scope),
    ...(config.tenantId ? { tenantId: config.tenantId } : {}),
    cloud: cloudFor(config),
    serviceUrl: config.serviceUrl,
    apiClientSettings: { oauthUrl: config.userTokenUrl },
    httpServerAdapter: options.adapter,
    messagingEndpoint: config.path,
    logger: sdkLogger(options.log),
    activity: { mentions: { stripText: true } },
  });
}
