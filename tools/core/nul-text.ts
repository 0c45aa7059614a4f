import type { FieldIssue } from './errors.ts';
import { fieldPath } from './strict-input.ts';

// Postgres text and jsonb cannot hold the NUL character (U+0000): a string carrying one fails deep in a
// query as an unexpected error, after part of a call may have run. So the registry refuses it up front, as
// bad input that names the field. Keys are checked too: inputs are stored whole in the audit log (jsonb).

const MAX_DEPTH = 64;

export function nulTextIssues(value: unknown, path: string[] = [], depth = 0): FieldIssue[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [{ field: fieldPath(path), message: 'contains a NUL character (\\u0000), which text cannot hold; is this binary data?' }] : [];
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => nulTextIssues(item, [...path, String(index)], depth + 1));
  return Object.entries(value).flatMap(([key, item]) =>
    key.includes('\u0000')
      ? [{ field: fieldPath([...path, key.replaceAll('\u0000', '\\u0000')]), message: 'a key contains a NUL character (\\u0000)' }]
      : nulTextIssues(item, [...path, key], depth + 1),
  );
}
