import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../core/env.ts';
import { teamsManifest } from './app-manifest.ts';
import { teamsConfigFromEnv } from './config.ts';
import { zipStored } from './zip.ts';

describe('Teams configuration', () => {
  it('is off unless the app id and password are both set, and names the pair when only one is', () => {
    expect(teamsConfigFromEnv(parseEnv({}))).toBeUndefined();
    expect(() => parseEnv({ TEAMS_APP_ID: 'abc' })).toThrow('TEAMS_APP_ID and TEAMS_APP_PASSWORD go together');
    expect(() => parseEnv({ TEAMS_APP_ID: 'abc', TEAMS_APP_PASSWORD: 'x', TEAMS_TOKEN_URL: 'not a url' })).toThrow('TEAMS_TOKEN_URL must be a URL');
  });

  it("defaults to Microsoft's public cloud endpoints, with the token endpoint in the bot's tenant", () => {
    expect(teamsConfigFromEnv(parseEnv({ TEAMS_APP_ID: 'abc', TEAMS_APP_PASSWORD: 'x', TEAMS_TENANT_ID: 'contoso.onmicrosoft.com', PUBLIC_URL: 'https://crm.contoso.com/' }))).toEqual({
      appId: 'abc',
      appPassword: 'x',
      tenantId: 'contoso.onmicrosoft.com',
      openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
      tokenUrl: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
      userTokenUrl: 'https://token.botframework.com',
      serviceUrl: 'https://smba.trafficmanager.net/teams',
      publicUrl: 'https://crm.contoso.com',
      path: '/teams/messages',
    });
    // multi-tenant bots take their token from the botframework.com tenant
    expect(teamsConfigFromEnv(parseEnv({ TEAMS_APP_ID: 'abc', TEAMS_APP_PASSWORD: 'x' }))?.tokenUrl).toBe('https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token');
  });
});

describe('Teams app package', () => {
  it('declares the bot under the app id, for personal chats, teams and group chats, with the web page as a valid domain', () => {
    const manifest = teamsManifest({ appId: '11111111-2222-3333-4444-555555555555', publicUrl: 'https://crm.contoso.com:8443/dealwise' });
    expect(manifest).toMatchObject({ manifestVersion: '1.19', id: '11111111-2222-3333-4444-555555555555', validDomains: ['crm.contoso.com:8443'], developer: { websiteUrl: 'https://crm.contoso.com:8443' } });
    expect(manifest.bots).toEqual([expect.objectContaining({ botId: '11111111-2222-3333-4444-555555555555', scopes: ['personal', 'team', 'groupChat'] })]);
  });

  it('zips the files so a reader finds each name, size and checksum again', () => {
    const files = [
      { name: 'manifest.json', data: Buffer.from('{"a":1}\n') },
      { name: 'color.png', data: Buffer.from([137, 80, 78, 71, 0, 1, 2, 3]) },
    ];
    const zip = zipStored(files);
    // read it back from the end record and the central directory, as unzip does
    const end = zip.length - 22;
    expect(zip.readUInt32LE(end)).toBe(0x06054b50);
    expect(zip.readUInt16LE(end + 10)).toBe(2);
    let at = zip.readUInt32LE(end + 16);
    const read: { name: string; data: string }[] = [];
    for (let i = 0; i < 2; i++) {
      expect(zip.readUInt32LE(at)).toBe(0x02014b50);
      const size = zip.readUInt32LE(at + 20);
      const nameLength = zip.readUInt16LE(at + 28);
      const local = zip.readUInt32LE(at + 42);
      const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
      const dataAt = local + 30 + zip.readUInt16LE(local + 26);
      read.push({ name, data: zip.subarray(dataAt, dataAt + size).toString('hex') });
      at += 46 + nameLength;
    }
    expect(read).toEqual(files.map((file) => ({ name: file.name, data: file.data.toString('hex') })));
  });
});
