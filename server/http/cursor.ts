import { createHash } from 'node:crypto';

// Opaque page cursors over the tools' offset paging: the offset plus a fingerprint of the query, so a
// cursor sent with other filters or sorting is refused instead of silently paging a different list.

export function queryFingerprint(query: Record<string, unknown>): string {
  const stable = Object.keys(query)
    .sort()
    .map((key) => [key, query[key]]);
  return createHash('sha256').update(JSON.stringify(stable)).digest('base64url').slice(0, 12);
}

export function encodeCursor(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64url');
}

/** The offset a cursor stands for, or why it cannot be used with this query. */
export function decodeCursor(cursor: string, fingerprint: string): { offset: number } | { error: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown; f?: unknown };
    if (typeof parsed.o !== 'number' || !Number.isInteger(parsed.o) || parsed.o < 0) return { error: 'is not a cursor this API gave out' };
    if (parsed.f !== fingerprint) return { error: 'belongs to a query with other filters or sorting: start again without a cursor' };
    return { offset: parsed.o };
  } catch {
    return { error: 'is not a cursor this API gave out' };
  }
}
