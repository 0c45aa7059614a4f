import type { FieldIssue } from './errors.ts';
import { fieldPath } from './strict-input.ts';

// Postgres text and jsonb cannot hold the NUL character (U+0000), and jsonb refuses an unpaired UTF-16
// surrogate (a half emoji, or bytes that were never text). Either used to fail deep in a query as an
// unexpected error, after part of a call had run; so the registry refuses them up front, as bad input that
// names the field. Keys are checked too: inputs are stored whole in the audit log (jsonb).

const MAX_DEPTH = 64;
// with the u flag, \p{Cs} matches only a surrogate that is not half of a valid pair
const LONE_SURROGATE = /\p{Cs}/u;

function problemOf(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000), which text cannot hold; is this binary data?';
  if (LONE_SURROGATE.test(text)) return 'is not well-formed Unicode (an unpaired surrogate); is this binary data or a cut-off emoji?';
  return undefined;
}

const printable = (key: string) => key.replaceAll('\u0000', '\\u0000').replace(/\p{Cs}/gu, (unit) => `\\u${unit.charCodeAt(0).toString(16)}`);

export function unstorableTextIssues(value: unknown, path: string[] = [], depth = 0): FieldIssue[] {
  if (typeof value === 'string') {
    const problem = problemOf(value);
    return problem ? [{ field: fieldPath(path), message: problem }] : [];
  }
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => unstorableTextIssues(item, [...path, String(index)], depth + 1));
  return Object.entries(value).flatMap(([key, item]) => {
    const problem = problemOf(key);
    return problem ? [{ field: fieldPath([...path, printable(key)]), message: `this key ${problem}` }] : unstorableTextIssues(item, [...path, key], depth + 1);
  });
}
