import fc from 'fast-check';
import { hostileDate, hostileNumber, hostileString, hostileValue } from './arbitraries.ts';

// Inputs shaped like a tool's JSON Schema (as the registry lists it) but carrying hostile values: the right
// keys with huge strings, NUL bytes, edge numbers and far dates, plus now and then a wrong type, a missing
// required key or an unknown one. Schema-near inputs get past the first checks and reach the tool's code.

type Schema = Record<string, unknown>;

const MAX_DEPTH = 4;

function typed(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if ('const' in schema) return fc.constant(schema.const);
  const options = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (options && options.length > 0) return fc.oneof(...options.map((option) => valueFor(option, depth)));
  const type = Array.isArray(schema.type) ? (schema.type[0] as string) : (schema.type as string | undefined);
  switch (type) {
    case 'string':
      if (schema.format === 'date-time' || schema.format === 'date') return fc.oneof(hostileDate, hostileString);
      if (schema.format === 'uuid') return fc.oneof(fc.uuid(), hostileString);
      return hostileString;
    case 'integer':
    case 'number':
      return fc.oneof(hostileNumber, fc.integer({ min: typeof schema.minimum === 'number' ? schema.minimum : -5, max: typeof schema.maximum === 'number' ? Math.min(schema.maximum, 1e6) : 1000 }));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      if (depth >= MAX_DEPTH) return fc.constant([]);
      return fc.array(valueFor((schema.items as Schema | undefined) ?? {}, depth + 1), { maxLength: 4 });
    case 'object':
      if (depth >= MAX_DEPTH) return fc.constant({});
      return objectFor(schema, depth + 1);
    default:
      return hostileValue;
  }
}

/** A value for one schema: mostly schema-shaped, sometimes anything at all. */
export function valueFor(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: typed(schema, depth) }, { weight: 1, arbitrary: hostileValue });
}

/** An object for an object schema: required keys mostly present, optional keys sometimes, an unknown key rarely. */
export function objectFor(schema: Schema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  const keys = Object.keys(properties);
  if (keys.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), hostileValue, { maxKeys: 3 });
  const fields = Object.fromEntries(keys.map((key) => [key, valueFor(properties[key]!, depth)]));
  const requiredKeys = keys.filter((key) => required.has(key));
  return fc
    .tuple(
      fc.record(fields, { requiredKeys }),
      fc.option(fc.constantFrom(...keys), { freq: 8 }),
      fc.option(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'extra', 'dryrun', ''), hostileValue), { freq: 10 }),
    )
    .map(([record, drop, extra]) => {
      const out: Record<string, unknown> = { ...record };
      if (drop !== null) delete out[drop];
      if (extra !== null) Object.defineProperty(out, extra[0], { value: extra[1], enumerable: true, configurable: true, writable: true });
      return out;
    });
}
