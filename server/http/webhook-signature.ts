import { createHmac, timingSafeEqual } from 'node:crypto';

// Signed webhook deliveries: the sender computes HMAC-SHA256 with the source's shared secret over
// `${timestamp}.${rawBody}` and sends
//   X-Dealwise-Source: <source name>
//   X-Dealwise-Timestamp: <unix seconds>
//   X-Dealwise-Signature: v1=<hex digest>      (several, comma-separated, while a secret is rotated)
// A delivery older or newer than the window is refused, and so is the same signature seen twice.

export const SOURCE_HEADER = 'x-dealwise-source';
export const TIMESTAMP_HEADER = 'x-dealwise-timestamp';
export const SIGNATURE_HEADER = 'x-dealwise-signature';
export const REPLAY_WINDOW_SECONDS = 300;

export interface SignedHeaders {
  source: string;
  timestamp: string;
  signatures: string[];
}

const header = (headers: Record<string, string | string[] | undefined>, name: string) => {
  const value = headers[name];
  return typeof value === 'string' ? value.trim() : undefined;
};

/** The signature headers, when the delivery carries any; undefined for an unsigned request. */
export function signedHeaders(headers: Record<string, string | string[] | undefined>): SignedHeaders | { error: string } | undefined {
  const source = header(headers, SOURCE_HEADER);
  const timestamp = header(headers, TIMESTAMP_HEADER);
  const signature = header(headers, SIGNATURE_HEADER);
  if (source === undefined && timestamp === undefined && signature === undefined) return undefined;
  if (!source || !timestamp || !signature) return { error: `a signed delivery needs all three headers: X-Dealwise-Source, X-Dealwise-Timestamp and X-Dealwise-Signature` };
  const signatures = signature.split(',').flatMap((part) => {
    const match = /^v1=([0-9a-f]{64})$/i.exec(part.trim());
    return match ? [match[1]!.toLowerCase()] : [];
  });
  if (signatures.length === 0) return { error: 'X-Dealwise-Signature must be v1=<64 hex digits>' };
  return { source, timestamp, signatures };
}

export function signPayload(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

export type SignatureCheck = { ok: true } | { ok: false; code: 'unauthorized:signature' | 'unauthorized:stale'; message: string };

/** Checks the timestamp window and compares the signature in constant time. */
export function checkSignature(secret: string, signed: SignedHeaders, rawBody: Buffer, now: Date): SignatureCheck {
  if (!/^\d{1,12}$/.test(signed.timestamp)) return { ok: false, code: 'unauthorized:stale', message: 'X-Dealwise-Timestamp must be unix seconds' };
  const age = Math.abs(now.getTime() / 1000 - Number(signed.timestamp));
  if (age > REPLAY_WINDOW_SECONDS) return { ok: false, code: 'unauthorized:stale', message: `The delivery's timestamp is more than ${REPLAY_WINDOW_SECONDS / 60} minutes from the server's clock` };
  const expected = Buffer.from(signPayload(secret, signed.timestamp, rawBody), 'hex');
  const matches = signed.signatures.some((hex) => timingSafeEqual(Buffer.from(hex, 'hex'), expected));
  return matches ? { ok: true } : { ok: false, code: 'unauthorized:signature', message: 'The signature does not match the body' };
}

/** Signatures seen within the window: the same delivery sent again is a replay. In memory: a restart forgets. */
export class SeenSignatures {
  private readonly seen = new Map<string, number>();

  constructor(private readonly maxEntries = 50_000) {}

  /** true the first time within the window; false for a replay */
  firstTime(source: string, signature: string, now: Date): boolean {
    const at = now.getTime();
    // entries are in insertion order: drop the ones past the window from the front
    for (const [key, seenAt] of this.seen) {
      if (at - seenAt <= REPLAY_WINDOW_SECONDS * 2000 && this.seen.size < this.maxEntries) break;
      this.seen.delete(key);
    }
    const key = `${source}\n${signature}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, at);
    return true;
  }
}
