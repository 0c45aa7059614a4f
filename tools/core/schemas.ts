import { z } from 'zod';

// zod fragments every tool shares, so "money", "a page" and "evidence" look the same on every surface.

export const pageInput = {
  limit: z.number().int().min(1).max(100).default(20).describe('how many rows to return (1-100)'),
  offset: z.number().int().min(0).default(0).describe('rows to skip, for the next page'),
};

export const pageOutput = z.object({
  total: z.number().int().describe('rows matching in all, before paging'),
  limit: z.number().int().describe('page size used'),
  offset: z.number().int().describe('rows skipped'),
  hasMore: z.boolean().describe('true when another page follows'),
}).describe('where this page sits in the whole result');

export const money = z
  .object({
    amountMinor: z.number().int().describe('amount in minor units (cents)'),
    currency: z.string().length(3).describe('ISO 4217 currency code'),
  })
  .describe('an amount of money');

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-03-31').describe('a date, YYYY-MM-DD');
export const isoDateTime = z.string().describe('an instant, ISO 8601');

/** 0-100 with one decimal, as TOOLS.md asks of every percentage */
export const percent = z.number().min(0).max(100).describe('a percentage 0-100, one decimal');
export const pct = (value: number) => Math.round(value * 10) / 10;

export const evidenceItem = z
  .object({
    sourceId: z.string().describe('id of the supporting record (interaction, stage change, source item...)'),
    kind: z.string().describe('what the source is, e.g. email, call, meeting, note, stage_change'),
    date: isoDateTime.nullable().describe('when the source happened'),
    quote: z.string().describe('a short quote or description of what it says'),
  })
  .describe('a passage or row that supports a number or claim');

export const evidenceList = z.array(evidenceItem).describe('the rows or passages behind the answer');

export const reference = (entity: string) =>
  z.string().trim().min(1, `name the ${entity}`).describe(`the ${entity}: an id, an email or a name`);
