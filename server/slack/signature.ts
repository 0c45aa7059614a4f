import { createHmac, timingSafeEqual } from 'node:crypto';

// Slack's request signing (v0): HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the app's signing secret,
// sent as `X-Slack-Signature: v0=<hex>` beside `X-Slack-Request-Timestamp`. A request more than five minutes
// from our clock either way is refused, so a captured request cannot be replayed later.

export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing_headers' | 'bad_timestamp' | 'stale_timestamp' | 'bad_signature' };

export function slackSignature(signingSecret: string, timestamp: string | number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export function verifySlackSignature(input: {
  signingSecret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
  now: Date;
}): SignatureCheck {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad_timestamp' };
  if (Math.abs(input.now.getTime() / 1000 - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) return { ok: false, reason: 'stale_timestamp' };
  const expected = Buffer.from(slackSignature(input.signingSecret, timestamp, input.rawBody), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // timingSafeEqual needs equal lengths; comparing against itself keeps the time the same on a length mismatch
  const same = given.length === expected.length ? timingSafeEqual(given, expected) : !timingSafeEqual(expected, expected);
  return same ? { ok: true } : { ok: false, reason: 'bad_signature' };
}
