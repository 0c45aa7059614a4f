// Values read back from jsonb come with their keys reordered (Postgres sorts them), so values are
// compared in a canonical form: keys sorted at every level.

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
};

export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value ?? null));

export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
