import { createHash, randomBytes } from 'node:crypto';

// API keys and webhook secrets: 32 random bytes each. A key is `dw_` + base64url, so it is easy to spot
// in a config file (and for secret scanners); its first characters are kept visible for listings.

export const KEY_PREFIX_LENGTH = 11;

export function newApiKey(): { key: string; prefix: string; hash: string } {
  const key = `dw_${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, KEY_PREFIX_LENGTH), hash: hashApiKey(key) };
}

/** hex SHA-256: enough for a 256-bit random secret (nothing to brute-force, so no slow hash needed) */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
