import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { didYouMean, levenshtein, markClosedObjects, unknownKeyIssues } from './strict-input.ts';

const schema = z.object({
  period: z.string().optional().describe('p'),
  limit: z.number().optional().describe('l'),
  filter: z.object({ stage: z.string().optional().describe('s'), owner: z.string().optional().describe('o') }).optional().describe('f'),
  lines: z.array(z.object({ sku: z.string().describe('sku') }).describe('line')).optional().describe('ls'),
  attributes: z.record(z.string(), z.unknown()).optional().describe('free keys'),
  loose: z.looseObject({ a: z.string().optional().describe('a') }).optional().describe('loose'),
});

describe('unknown input keys', () => {
  it('names each unknown key with a did-you-mean and the accepted keys', () => {
    expect(unknownKeyIssues(schema, { perod: '2017', zzz: 1, limit: 3 })).toEqual([
      { field: 'perod', message: 'unknown key "perod"; did you mean "period"? accepted: attributes, filter, limit, lines, loose, period' },
      { field: 'zzz', message: 'unknown key "zzz"; accepted: attributes, filter, limit, lines, loose, period' },
    ]);
  });

  it('checks nested objects and array items where the schema defines them, not records or loose objects', () => {
    const issues = unknownKeyIssues(schema, {
      filter: { stag: 'won', owner: 'x' },
      lines: [{ sku: 'a' }, { sku: 'b', qty: 2 }],
      attributes: { anything: true },
      loose: { b: 1 },
    });
    expect(issues.map((i) => i.field)).toEqual(['filter.stag', 'lines.1.qty']);
    expect(issues[0]!.message).toContain('did you mean "stage"?');
  });

  it('leaves values of the wrong type to the schema (no crash, no double report)', () => {
    expect(unknownKeyIssues(schema, { filter: 'x', lines: 'y' })).toEqual([]);
    expect(unknownKeyIssues(schema, null)).toEqual([]);
  });

  it('accepts a key any option of a union of objects defines', () => {
    const union = z.union([z.object({ a: z.string() }), z.object({ b: z.string() })]);
    expect(unknownKeyIssues(union, { a: 'x' })).toEqual([]);
    expect(unknownKeyIssues(union, { c: 'x' }).map((i) => i.field)).toEqual(['c']);
  });

  it('suggests only close names', () => {
    expect(levenshtein('perod', 'period')).toBe(1);
    expect(levenshtein('qeury', 'query')).toBe(1); // a swap of neighbours is one slip
    expect(didYouMean('Period', ['period', 'from'])).toBe('period');
    expect(didYouMean('date_from', ['dateFrom', 'to'])).toBe('dateFrom');
    expect(didYouMean('start', ['from', 'to'])).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
  });

  it('marks closed objects additionalProperties: false in JSON Schema, and leaves records and loose objects open', () => {
    const json = z.toJSONSchema(schema, { io: 'input', override: markClosedObjects }) as Record<string, any>;
    expect(json.additionalProperties).toBe(false);
    expect(json.properties.filter.additionalProperties).toBe(false);
    expect(json.properties.lines.items.additionalProperties).toBe(false);
    expect(json.properties.attributes.additionalProperties).toEqual({});
    expect(json.properties.loose.additionalProperties).toEqual({});
  });
});
