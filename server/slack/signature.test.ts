import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySlackSignature } from './signature.ts';

// Slack's published signing example (docs.slack.dev "Verifying requests from Slack"): this secret, timestamp
// and slash-command body give exactly this signature.
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = '1531420618';
const BODY = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const at = (seconds: number) => new Date(seconds * 1000);

describe('verifySlackSignature', () => {
  it('accepts Slack’s own example, and our HMAC agrees with it', () => {
    expect(`v0=${createHmac('sha256', SECRET).update(`v0:${TIMESTAMP}:${BODY}`).digest('hex')}`).toBe(SIGNATURE);
    expect(verifySlackSignature({ signingSecret: SECRET, timestamp: TIMESTAMP, signature: SIGNATURE, rawBody: BODY, now: at(1531420618 + 10) })).toEqual({ ok: true });
  });

  it('refuses a changed body, another secret, another version, a short signature and missing headers', () => {
    const base = { signingSecret: SECRET, timestamp: TIMESTAMP, signature: SIGNATURE, rawBody: BODY, now: at(1531420618) };
    expect(verifySlackSignature({ ...base, rawBody: `${BODY}x` })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifySlackSignature({ ...base, signingSecret: 'another' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifySlackSignature({ ...base, signature: SIGNATURE.replace('v0=', 'v1=') })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifySlackSignature({ ...base, signature: 'v0=abc' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifySlackSignature({ ...base, signature: undefined })).toEqual({ ok: false, reason: 'missing_headers' });
    expect(verifySlackSignature({ ...base, timestamp: '15314x0618' })).toEqual({ ok: false, reason: 'bad_timestamp' });
  });

  it('keeps a five-minute window either side of our clock', () => {
    const base = { signingSecret: SECRET, timestamp: TIMESTAMP, signature: SIGNATURE, rawBody: BODY };
    expect(verifySlackSignature({ ...base, now: at(1531420618 + 300) }).ok).toBe(true);
    expect(verifySlackSignature({ ...base, now: at(1531420618 + 301) })).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifySlackSignature({ ...base, now: at(1531420618 - 300) }).ok).toBe(true);
    expect(verifySlackSignature({ ...base, now: at(1531420618 - 301) })).toEqual({ ok: false, reason: 'stale_timestamp' });
  });
});
