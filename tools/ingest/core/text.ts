// Postgres refuses U+0000 in text and jsonb, and lone UTF-16 surrogates in jsonb; real mail carries
// both (broken encoders, binary parts decoded as text). NUL is dropped and a lone surrogate becomes
// U+FFFD at the door, rather than failing the item.

const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const stripNul = (text: string): string => (text.includes('\u0000') ? text.replace(NUL, '') : text).replace(LONE_SURROGATE, '\uFFFD');

/** the same value with NUL removed from every string in it (objects and arrays walked) */
export function stripNulDeep<T>(value: T): T {
  if (typeof value === 'string') return stripNul(value) as T;
  if (Array.isArray(value)) return value.map((v) => stripNulDeep(v)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [stripNul(k), stripNulDeep(v)])) as T;
  }
  return value;
}
