import type { manifest } from '@microsoft/teams.apps';

// The Teams app manifest (schema 1.19), typed by the SDK's own manifest types. `npm run teams:package` writes it
// with the icons in app-package/ into the zip a Teams admin uploads (Teams admin center, or "Upload a custom app").

export function teamsManifest(options: { appId: string; publicUrl: string; version?: string }): manifest.Manifest {
  const site = new URL(options.publicUrl);
  const url = site.origin;
  return {
    $schema: 'https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json',
    manifestVersion: '1.19',
    version: options.version ?? '0.1.0',
    // one Entra app registration serves as the Teams app id and the bot id
    id: options.appId,
    developer: { name: 'Dealwise', websiteUrl: url, privacyUrl: url, termsOfUseUrl: url },
    name: { short: 'Dealwise', full: 'Dealwise sales copilot' },
    description: {
      short: 'Ask your self-hosted sales copilot about deals, leads and the pipeline.',
      full: 'Dealwise answers questions about your pipeline, deals and leads from your own CRM data, with links to the records. Changes it proposes wait for your Approve or Reject. Chat with it directly, or @mention it in a channel.',
    },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: '#2E5BFF',
    bots: [
      {
        botId: options.appId,
        scopes: ['personal', 'team', 'groupChat'],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [
          {
            scopes: ['personal', 'team', 'groupChat'],
            commands: [
              { title: 'How is my pipeline?', description: 'Pipeline by stage for the deals you can see' },
              { title: 'Which deals are at risk?', description: 'Deals that need attention, with the reasons' },
              { title: 'new', description: 'Start a fresh conversation' },
            ],
          },
        ],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    // record links in answers open the web page here
    validDomains: [site.host],
  };
}
