import type { z } from 'zod';
import type { FieldIssue } from './errors.ts';

// Unknown input keys are refused, never stripped in silence: a caller that guesses a parameter name
// ("perod", or "period" on a tool that takes only from/to) must learn that, not get an answer to a
// different question. We walk the tool's own zod schema beside the value instead of rebuilding the
// schema with .strict() everywhere, because rebuilding clones lose the .describe() texts clients read.
// Objects declared loose (catchall) and records accept any key, as their schema says.

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional', 'success']);

/** The schema under optional/nullable/default wrappers and input-side pipes, or undefined when keys cannot be known. */
function unwrap(schema: z.ZodType): z.ZodType | undefined {
  let current = schema;
  for (let depth = 0; depth < 20; depth++) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) {
      // a preprocess (transform first) may rename keys: leave its input alone
      if (defOf(def.in).type === 'transform') return undefined;
      current = def.in;
    } else return current;
  }
  return undefined;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** An issue per key the schema does not define, at any depth the schema describes. */
export function unknownKeyIssues(schema: z.ZodType, value: unknown, path: string[] = []): FieldIssue[] {
  const inner = unwrap(schema);
  if (!inner) return [];
  const def = defOf(inner);
  if (def.type === 'array' && def.element && Array.isArray(value)) {
    return value.flatMap((item, index) => unknownKeyIssues(def.element!, item, [...path, String(index)]));
  }
  if (def.type === 'intersection' && def.left && def.right && isPlainObject(value)) {
    return checkKeys(value, path, [...acceptedKeys(def.left), ...acceptedKeys(def.right)], () => []);
  }
  if (!isPlainObject(value)) return [];
  if (def.type === 'object' && def.shape) {
    if (def.catchall !== undefined && defOf(def.catchall).type !== 'never') return [];
    const shape = def.shape;
    return checkKeys(value, path, Object.keys(shape), (key) => unknownKeyIssues(shape[key]!, value[key], [...path, key]));
  }
  if (def.type === 'union' && def.options) {
    // a union of objects: a key any option defines is known; nested keys are checked when one object option remains
    const objects = def.options.map(unwrap).filter((o): o is z.ZodType => o !== undefined && defOf(o).type === 'object');
    if (objects.length === 0 || objects.length !== def.options.length) return [];
    if (objects.some((o) => defOf(o).catchall !== undefined && defOf(defOf(o).catchall!).type !== 'never')) return [];
    const only = objects.length === 1 ? objects[0] : undefined;
    return only
      ? unknownKeyIssues(only, value, path)
      : checkKeys(value, path, [...new Set(objects.flatMap((o) => Object.keys(defOf(o).shape ?? {})))], () => []);
  }
  return [];
}

function acceptedKeys(schema: z.ZodType): string[] {
  const inner = unwrap(schema);
  return inner && defOf(inner).type === 'object' ? Object.keys(defOf(inner).shape ?? {}) : [];
}

function checkKeys(value: Record<string, unknown>, path: string[], accepted: string[], nested: (key: string) => FieldIssue[]): FieldIssue[] {
  const known = new Set(accepted);
  return Object.keys(value).flatMap((key) => (known.has(key) ? nested(key) : [unknownKeyIssue(key, path, accepted)]));
}

function unknownKeyIssue(key: string, path: string[], accepted: string[]): FieldIssue {
  const guess = didYouMean(key, accepted);
  const list = accepted.length > 0 ? `accepted: ${[...accepted].sort().join(', ')}` : 'this object takes no keys';
  return { field: fieldPath([...path, key]), message: `unknown key "${key}"; ${guess ? `did you mean "${guess}"? ` : ''}${list}` };
}

/** A field's path as callers read it: "filter.stage", "lines.1.qty"; an empty key shows as "" so the name is never blank. */
export function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(input)';
  return path.map((part) => (String(part) === '' ? '""' : String(part))).join('.');
}

/** The accepted key closest to `key` when it is close enough to be a slip (case, a typo or two, snake_case). */
export function didYouMean(key: string, accepted: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[_\-\s]/g, '');
  let best: { name: string; distance: number } | undefined;
  for (const name of accepted) {
    const distance = norm(key) === norm(name) ? 0 : levenshtein(key.toLowerCase(), name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (!best) return undefined;
  const allowed = Math.max(1, Math.min(3, Math.floor(Math.max(key.length, best.name.length) / 3)));
  return best.distance <= allowed ? best.name : undefined;
}

/** Edit distance (insert, delete, substitute, swap two neighbours: "qeury" is one slip from "query"). */
export function levenshtein(a: string, b: string): number {
  // optimal string alignment: three rows, since a swap looks two characters back
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** z.toJSONSchema override: objects that refuse unknown keys say so (additionalProperties: false). */
export function markClosedObjects(ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }): void {
  const def = defOf(ctx.zodSchema as z.ZodType);
  if (def.type === 'object' && (def.catchall === undefined || defOf(def.catchall).type === 'never')) {
    ctx.jsonSchema.additionalProperties = false;
  }
}
