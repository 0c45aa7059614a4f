import { z } from 'zod';
import { OPPORTUNITY_STAGES } from '../../../core/domain.ts';
import { CellError, canonicalProduct, keyOf, normaliseIndustry, normaliseStage, parseDate, parseInteger, parseMoney, parsePercent } from './normalise.ts';
import { SECTIONS, type FileMapping, type MappingOptions, type Section } from './types.ts';

// One CSV record -> the sections it feeds, normalised and validated. Every problem names the column it
// came from ("close_date: not a date"), whether a normaliser refused the cell or zod refused the value.

/** field -> column index in this file's header, per section */
export type Bound = { [S in Section]?: Record<string, number> };

export interface BoundFile {
  mapping: FileMapping;
  header: string[];
  bound: Bound;
  /** header columns no field reads */
  ignored: string[];
}

const REQUIRED: Record<Section, string[][]> = {
  owner: [['fullName'], ['email']],
  product: [['name']],
  account: [['name']],
  contact: [['email'], ['fullName'], ['firstName', 'lastName']],
  opportunity: [['externalId'], ['name']],
};

/** Matches the mapping's columns to the header (case, spacing and punctuation ignored). */
export function bindHeader(mapping: FileMapping, header: string[]): BoundFile | { error: string } {
  const keys = header.map(keyOf);
  const bound: Bound = {};
  const used = new Set<number>();
  for (const section of SECTIONS) {
    const columns = mapping.columns[section] as Record<string, string | undefined> | undefined;
    if (!columns) continue;
    const fields: Record<string, number> = {};
    for (const [field, column] of Object.entries(columns)) {
      const at = column ? keys.indexOf(keyOf(column)) : -1;
      if (at >= 0) {
        fields[field] = at;
        used.add(at);
      }
    }
    if (Object.keys(fields).length > 0) bound[section] = fields;
  }
  const primary = bound[mapping.primary] ?? {};
  const hasKey = REQUIRED[mapping.primary].some((set) => set.every((f) => f in primary)) || (mapping.primary === 'opportunity' && bound.account?.name !== undefined);
  if (!hasKey) {
    const wanted = REQUIRED[mapping.primary].map((set) => set.map((f) => (mapping.columns[mapping.primary] as Record<string, string>)?.[f] ?? f).join(' + ')).join(' or ');
    return { error: `no column identifies the ${mapping.primary} (expected ${wanted}); header: ${header.join(', ')}` };
  }
  return { mapping, header, bound, ignored: header.filter((_, i) => !used.has(i) && header[i]?.trim() !== '') };
}

export interface Normalisation {
  column: string;
  from: string;
  to: string;
}

export interface RowData {
  owner?: { fullName: string | null; email: string | null; manager: string | null; team: string | null; region: string | null; title: string | null };
  product?: { name: string | null; family: string | null; sku: string | null; listPriceMinor: number | null };
  account?: { name: string | null; externalId: string | null; domain: string | null; industry: string | null; employees: number | null; annualRevenueMinor: number | null; country: string | null; region: string | null; city: string | null };
  contact?: { externalId: string | null; fullName: string | null; email: string | null; phone: string | null; title: string | null };
  opportunity?: {
    externalId: string | null; name: string | null; stage: (typeof OPPORTUNITY_STAGES)[number] | null; amountMinor: number | null; currency: string | null;
    closeDate: string | null; createdDate: string | null; engagedDate: string | null; probability: number | null; product: string | null;
    nextStep: string | null; lostReason: string | null; competitor: string | null; type: string | null;
  };
}

export type Mapped = { ok: true; data: RowData; normalisations: Normalisation[] } | { ok: false; issues: { column: string; message: string }[] };

const text = z.string().max(500).nullable();
const SCHEMAS = {
  owner: z.object({ fullName: z.string().min(2).max(200).nullable(), email: z.email().nullable(), manager: text, team: text, region: text, title: text }),
  product: z.object({ name: z.string().min(1).max(200).nullable(), family: text, sku: text, listPriceMinor: z.number().int().min(0).nullable() }),
  account: z.object({
    name: z.string().min(1).max(300).nullable(), externalId: text, domain: text, industry: text, employees: z.number().int().min(0).nullable(),
    annualRevenueMinor: z.number().int().min(0).nullable(), country: text, region: text, city: text,
  }),
  contact: z.object({ externalId: text, fullName: z.string().min(1).max(200).nullable(), email: z.email().nullable(), phone: text, title: text }),
  opportunity: z.object({
    externalId: z.string().max(200).nullable(), name: z.string().max(300).nullable(), stage: z.enum(OPPORTUNITY_STAGES).nullable(),
    amountMinor: z.number().int().min(0, 'an amount cannot be negative').nullable(), currency: z.string().regex(/^[A-Z]{3}$/, 'a 3-letter currency code').nullable(),
    closeDate: text, createdDate: text, engagedDate: text, probability: z.number().min(0).max(100).nullable(), product: text, nextStep: z.string().max(2000).nullable(),
    lostReason: text, competitor: text, type: text,
  }),
};
// fields whose value comes from a differently named column field
const SOURCE_FIELD: Record<string, string> = { amountMinor: 'amount', listPriceMinor: 'listPrice', annualRevenueMinor: 'annualRevenue' };

export function mapRow(file: BoundFile, record: string[], options: MappingOptions, catalog: ReadonlyMap<string, string>): Mapped {
  const issues: { column: string; message: string }[] = [];
  const normalisations: Normalisation[] = [];
  const data: RowData = {};
  for (const section of SECTIONS) {
    const fields = file.bound[section];
    if (!fields) continue;
    const column = (field: string) => file.header[fields[SOURCE_FIELD[field] ?? field] ?? -1] ?? field;
    const cell = (field: string) => {
      const at = fields[field];
      return at === undefined ? '' : (record[at] ?? '').trim().replace(/\s+/g, ' ');
    };
    const read = <T>(field: string, parse: (v: string) => T | null): T | null => {
      try {
        return parse(cell(field));
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        issues.push({ column: column(field), message: error.message });
        return null;
      }
    };
    const plain = (field: string) => cell(field) || null;
    const noted = <T extends string | null>(field: string, value: T): T => {
      // a change of case alone ("retail" -> "Retail") is spelling, not worth a line in the report
      if (value !== null && value.toLowerCase() !== cell(field).toLowerCase()) normalisations.push({ column: column(field), from: cell(field), to: value });
      return value;
    };
    const raw = buildSection(section, { plain, read, noted, options, catalog, cell });
    const parsed = SCHEMAS[section].safeParse(raw);
    if (!parsed.success) for (const issue of parsed.error.issues) issues.push({ column: column(String(issue.path[0] ?? section)), message: issue.message });
    else (data as Record<string, unknown>)[section] = parsed.data;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, data, normalisations };
}

interface Cells {
  plain: (field: string) => string | null;
  read: <T>(field: string, parse: (v: string) => T | null) => T | null;
  noted: <T extends string | null>(field: string, value: T) => T;
  cell: (field: string) => string;
  options: MappingOptions;
  catalog: ReadonlyMap<string, string>;
}

function buildSection(section: Section, c: Cells): Record<string, unknown> {
  const { plain, read, noted, options } = c;
  const money = (field: string, scale = 1) => read(field, (v) => parseMoney(v, scale)?.minor ?? null);
  switch (section) {
    case 'owner': {
      const fullName = plain('fullName') ?? ([plain('firstName'), plain('lastName')].filter(Boolean).join(' ') || null);
      return { fullName, email: plain('email')?.toLowerCase() ?? null, manager: plain('manager'), team: plain('team'), region: plain('region'), title: plain('title') };
    }
    case 'product':
      return { name: noted('name', read('name', (v) => canonicalProduct(v, options.productAliases, c.catalog))), family: plain('family'), sku: plain('sku'), listPriceMinor: money('listPrice') };
    case 'account':
      return {
        name: plain('name'), externalId: plain('externalId'), domain: plain('domain')?.replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/.*$/, '').toLowerCase() ?? null,
        industry: noted('industry', read('industry', (v) => normaliseIndustry(v, options.industryAliases))), employees: read('employees', parseInteger),
        annualRevenueMinor: money('annualRevenue', options.revenueScale), country: plain('country'), region: plain('region'), city: plain('city'),
      };
    case 'contact': {
      const fullName = plain('fullName') ?? ([plain('firstName'), plain('lastName')].filter(Boolean).join(' ') || null);
      return { externalId: plain('externalId'), fullName, email: plain('email')?.toLowerCase() ?? null, phone: plain('phone'), title: plain('title') };
    }
    case 'opportunity': {
      const amount = read('amount', (v) => parseMoney(v));
      return {
        externalId: plain('externalId'), name: plain('name'), stage: noted('stage', read('stage', (v) => normaliseStage(v, options.stageMap))),
        amountMinor: amount?.minor ?? null, currency: plain('currency')?.toUpperCase() ?? amount?.currency ?? null,
        closeDate: read('closeDate', (v) => parseDate(v, options.dateOrder)), createdDate: read('createdDate', (v) => parseDate(v, options.dateOrder)),
        engagedDate: read('engagedDate', (v) => parseDate(v, options.dateOrder)), probability: read('probability', parsePercent),
        product: noted('product', read('product', (v) => canonicalProduct(v, options.productAliases, c.catalog))), nextStep: plain('nextStep'),
        lostReason: plain('lostReason'), competitor: plain('competitor'), type: plain('type'),
      };
    }
  }
}
