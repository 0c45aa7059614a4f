import { z } from 'zod';
import { LEAD_SOURCES, LEAD_STAGES, LEAD_STATUSES, OPPORTUNITY_STAGES } from '../../core/domain.ts';

// The records people integrate with, as REST resources over the registry's search/get tools: each query
// parameter names the tool input it becomes. The tool validates the values (and its errors are renamed back
// to the parameter), checks the role and applies the caller's scope.

export interface RecordResource {
  /** URL segment and the list key of the answer: /api/<plural> */
  plural: string;
  singular: string;
  searchTool: string;
  getTool: string;
  /** the get tool's input field that takes the id */
  idField: string;
  /** what the search tool calls the list in its output */
  listKey: string;
  /** HTTP query (without limit and cursor), as documented in OpenAPI; strings and numbers as sent */
  query: z.ZodObject;
  /** query parameter -> search tool input field */
  rename: Record<string, string>;
  /** query values that need turning into the tool's types */
  convert?: Record<string, (value: unknown) => unknown>;
}

const commaList = (value: unknown) =>
  String(value)
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
const bool = (value: unknown) => value === 'true';
const number = (what: string) => z.coerce.number().optional().describe(what);

export const opportunityResource: RecordResource = {
  plural: 'opportunities',
  singular: 'opportunity',
  searchTool: 'opportunity_search',
  getTool: 'opportunity_get',
  idField: 'opportunity',
  listKey: 'opportunities',
  query: z.strictObject({
    q: z.string().optional().describe('free text: part of the deal or account name'),
    stage: z.string().optional().describe(`stages, comma-separated: ${OPPORTUNITY_STAGES.join(', ')}`),
    owner: z.string().optional().describe('owning rep: id, email or name'),
    account: z.string().optional().describe('account: id, name or domain'),
    product: z.string().optional().describe('product: id, name or SKU'),
    status: z.string().optional().describe('open, closed or all (default)'),
    valueMin: number('lowest deal value, minor units (cents)'),
    valueMax: number('highest deal value, minor units (cents)'),
    probabilityMin: number('lowest stored win probability, 0-100'),
    probabilityMax: number('highest stored win probability, 0-100'),
    closeFrom: z.string().optional().describe('expected close on or after, YYYY-MM-DD'),
    closeTo: z.string().optional().describe('expected close on or before, YYYY-MM-DD'),
    sort: z.string().optional().describe('expected_close (default), value, probability, days_in_stage, name or updated'),
    direction: z.string().optional().describe('asc (default) or desc'),
  }),
  rename: { q: 'query', stage: 'stages', closeFrom: 'from', closeTo: 'to' },
  convert: { stage: commaList },
};

export const leadResource: RecordResource = {
  plural: 'leads',
  singular: 'lead',
  searchTool: 'lead_search',
  getTool: 'lead_get',
  idField: 'lead',
  listKey: 'leads',
  query: z.strictObject({
    q: z.string().optional().describe('free text: part of a name, email, title or company'),
    stage: z.string().optional().describe(`lifecycle stage: ${LEAD_STAGES.join(', ')}`),
    status: z.string().optional().describe(`working status: ${LEAD_STATUSES.join(', ')}`),
    owner: z.string().optional().describe('owning rep: id, email or name'),
    source: z.string().optional().describe(`source: ${LEAD_SOURCES.join(', ')}`),
    scoreMin: number('lowest lead score, 0-100'),
    scoreMax: number('highest lead score, 0-100'),
    contactedFrom: z.string().optional().describe('last contacted on or after, YYYY-MM-DD or an instant'),
    contactedTo: z.string().optional().describe('last contacted up to, YYYY-MM-DD (whole day) or an instant'),
    neverContacted: z.enum(['true', 'false']).optional().describe('true = only leads nobody has contacted'),
    sort: z.string().optional().describe('score (default), name, last_contacted or created'),
    direction: z.string().optional().describe('desc (default) or asc'),
  }),
  rename: { q: 'query', stage: 'lifecycleStage', contactedFrom: 'from', contactedTo: 'to' },
  convert: { neverContacted: bool },
};

/** The search tool's input for an HTTP query (undefined values dropped). */
export function toolInputOf(resource: RecordResource, query: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    input[resource.rename[key] ?? key] = resource.convert?.[key]?.(value) ?? value;
  }
  return input;
}

/** A tool issue's field as the query parameter it came from ('stages.1' -> 'stage'). */
export function parameterOf(resource: RecordResource, field: string): string {
  const head = field.split('.')[0]!;
  return Object.entries(resource.rename).find(([, toolField]) => toolField === head)?.[0] ?? head;
}
