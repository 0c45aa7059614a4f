import { readFileSync, writeFileSync } from 'node:fs';
import { loadEnv } from '../../core/env.ts';
import { teamsManifest } from './app-manifest.ts';
import { zipStored } from './zip.ts';

// `npm run teams:package [out.zip]`: the Teams app package (manifest.json + icons) for TEAMS_APP_ID and PUBLIC_URL.

const env = loadEnv();
if (!env.TEAMS_APP_ID || !env.PUBLIC_URL) {
  console.error('Set TEAMS_APP_ID (the bot\'s Entra app id) and PUBLIC_URL (where the web page is served) first.');
  process.exit(1);
}
const out = process.argv[2] ?? 'dealwise-teams.zip';
const icon = (name: string) => readFileSync(new URL(`./app-package/${name}`, import.meta.url));
const manifest = teamsManifest({ appId: env.TEAMS_APP_ID, publicUrl: env.PUBLIC_URL });
writeFileSync(
  out,
  zipStored([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: 'color.png', data: icon('color.png') },
    { name: 'outline.png', data: icon('outline.png') },
  ]),
);
console.log(`Wrote ${out}: upload it in Teams (Apps > Manage your apps > Upload an app) or the Teams admin center.`);
