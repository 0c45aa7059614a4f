import { z } from 'zod';
import { OPPORTUNITY_STAGES } from '../../../core/domain.ts';
import { evidenceList } from '../../core/schemas.ts';
import { PRESET_NAMES } from './presets.ts';
import { SECTIONS } from './types.ts';

// ingest_crm_csv's input and output.

const col = (what: string) => z.string().trim().min(1).optional().describe(`CSV column holding the ${what}`);

const columns = z
  .object({
    owner: z.object({ fullName: col('owner full name'), firstName: col('owner first name'), lastName: col('owner last name'), email: col('owner email'), manager: col("owner's manager name"), team: col('team name'), region: col('region / office'), title: col('job title') }).optional().describe('owner (user) columns'),
    product: z.object({ name: col('product name'), family: col('product family/series'), listPrice: col('list price'), sku: col('SKU') }).optional().describe('product columns'),
    account: z
      .object({ name: col('account name'), externalId: col("account's id in the source CRM"), domain: col('website or domain'), industry: col('industry / sector'), employees: col('employee count'), annualRevenue: col('annual revenue'), country: col('country'), region: col('region'), city: col('city') })
      .optional()
      .describe('account columns'),
    contact: z.object({ externalId: col("contact's id in the source CRM"), fullName: col('contact full name'), firstName: col('contact first name'), lastName: col('contact last name'), email: col('contact email'), phone: col('contact phone'), title: col('contact job title') }).optional().describe('contact (lead) columns'),
    opportunity: z
      .object({
        externalId: col("deal's id in the source CRM (the upsert key)"), name: col('deal name'), stage: col('stage'), amount: col('amount'), currency: col('currency code'), closeDate: col('close date'),
        createdDate: col('created date'), engagedDate: col('date active selling began'), probability: col('probability %'), product: col('product name'), nextStep: col('next step'), lostReason: col('loss reason'), competitor: col('competitor'), type: col('deal type'),
      })
      .optional()
      .describe('opportunity columns'),
  })
  .describe('which CSV column feeds which field, per record type');

export const mappingInput = z
  .object({
    primary: z.enum(SECTIONS).optional().describe('what one row stands for (default: opportunity)'),
    columns: columns.optional(),
    files: z
      .array(z.object({ file: z.string().min(1).describe("file name this part reads, or '*'"), primary: z.enum(SECTIONS).describe('what one row of it stands for'), columns, order: z.number().int().default(1).describe('import order (reference data first)') }).describe('the mapping of one file'))
      .max(20)
      .optional()
      .describe('a multi-file mapping (replaces the preset files)'),
    options: z
      .object({
        system: z.string().regex(/^[a-z][a-z0-9_]{1,30}$/).optional().describe('key under which external ids are stored (e.g. "hubspot")'),
        stageMap: z.record(z.string(), z.enum(OPPORTUNITY_STAGES)).optional().describe('stage names in the file -> our stages'),
        productAliases: z.record(z.string(), z.string()).optional().describe('product name variants -> canonical name'),
        industryAliases: z.record(z.string(), z.string()).optional().describe('industry variants -> canonical'),
        currency: z.string().regex(/^[A-Z]{3}$/).optional().describe('currency when the file names none'),
        dateOrder: z.enum(['mdy', 'dmy']).optional().describe('order of non-ISO dates: mdy (3/1/2017) or dmy (1.3.2017)'),
        revenueScale: z.number().positive().optional().describe('account revenue unit: 1, or 1000000 for millions'),
        ownerEmailDomain: z.string().regex(/^[a-z0-9.-]+\.[a-z]+$/i).optional().describe('domain for created users when the file has no owner email'),
        noAccountName: z.string().min(1).optional().describe('placeholder account for deals with none'),
        amountFallback: z.enum(['none', 'list_price']).optional().describe('list_price: a blank amount (or a lost deal\'s 0) becomes the product list price'),
        dealNameFormat: z.string().min(1).optional().describe('deal name when there is no name column: {account}, {product}, {id}'),
      })
      .optional()
      .describe('value normalisers and defaults'),
  })
  .describe('a custom mapping, applied over the preset');

export const ingestCrmCsvInput = z
  .object({
    path: z.string().trim().min(1).optional().describe('a CSV file or a folder of CSV files on the server (the maven preset reads its four files from a folder)'),
    content: z.string().max(20_000_000).optional().describe('the CSV text itself'),
    fileName: z.string().trim().min(1).optional().describe('name of the CSV given as content (picks the file mapping; default upload.csv)'),
    preset: z.enum([...PRESET_NAMES, 'auto']).default('auto').describe('auto (default: the preset whose columns fit the header, named in the report), generic (snake_case headers), salesforce (Opportunity export), hubspot, pipedrive, zoho, dynamics (their deal exports) or maven (Maven Analytics CRM set)'),
    mapping: mappingInput.optional(),
    delimiter: z.enum([',', ';', '\t', '|']).optional().describe('field separator; default: detected from the header and first rows'),
    dateOrder: z.enum(['mdy', 'dmy']).optional().describe('order of non-ISO dates; default: detected from the dates in the file (15.02.2027 is dmy), else the preset\'s'),
  })
  .describe('a CRM export to import');

const counts = z.object({ created: z.number().int().describe('new records'), updated: z.number().int().describe('records changed') }).describe('created and updated');

export const ingestCrmCsvOutput = z
  .object({
    preset: z.string().describe('the preset used'),
    detected: z
      .object({
        preset: z.string().describe('the preset used'), presetBy: z.enum(['given', 'header', 'file names']).describe('named by the caller, or recognised'), presetWhy: z.string().describe('why this preset'),
        delimiter: z.string().describe('field separator used'), delimiterBy: z.enum(['given', 'detected']).describe('given or detected'),
        decimal: z.enum([',', '.']).nullable().describe('decimal mark the amounts use (null: no amount said)'),
        dateOrder: z.enum(['mdy', 'dmy']).describe('order of non-ISO dates used'), dateOrderBy: z.enum(['given', 'detected', 'preset']).describe('given, detected from the dates, or the preset default'),
      })
      .optional()
      .describe('how the file was read: preset, delimiter, number and date conventions'),
    system: z.string().describe('key of the external ids'),
    rows: z.number().int().describe('data rows read (header excluded)'),
    created: z.number().int().describe('rows whose record was created'),
    updated: z.number().int().describe('rows whose record was changed'),
    skipped: z.number().int().describe('rows already imported or identical to the stored record'),
    rejected: z.number().int().describe('rows refused (see rejectedRows)'),
    files: z
      .array(
        z.object({
          file: z.string().describe('file name'), status: z.enum(['imported', 'skipped', 'rejected']).describe('whether it was read'), reason: z.string().nullable().describe('why skipped or rejected'),
          rows: z.number().int().describe('data rows'), created: z.number().int().describe('rows created'), updated: z.number().int().describe('rows updated'), skipped: z.number().int().describe('rows skipped'),
          rejected: z.number().int().describe('rows rejected'), ignoredColumns: z.array(z.string()).describe('columns no field reads'),
        }).describe('one file'),
      )
      .describe('per file'),
    entities: z.record(z.string(), counts).describe('records created and updated per type (users, teams, products, accounts, contacts, opportunities)'),
    rejectedRows: z.array(z.object({ file: z.string().describe('file'), row: z.number().int().describe('data row, 1 = first row after the header'), line: z.number().int().describe('line in the file'), reason: z.string().describe('column and reason') }).describe('a refused row')).describe('refused rows (first 100)'),
    normalisations: z.array(z.object({ column: z.string().describe('column'), from: z.string().describe('value in the file'), to: z.string().describe('value stored'), rows: z.number().int().describe('rows affected') }).describe('a value normalised')).describe('values changed on the way in (first 50, most frequent first)'),
    samples: z.array(z.object({ file: z.string().describe('file'), row: z.number().int().describe('data row'), status: z.enum(['created', 'updated', 'unchanged']).describe('outcome'), entity: z.enum(SECTIONS).describe('record type'), recordId: z.string().describe('record id'), externalId: z.string().nullable().describe('external id'), changed: z.array(z.string()).describe('fields changed'), kept: z.array(z.string()).describe("fields left as a reviewer corrected them") }).describe('a row outcome')).describe('the first created or updated rows'),
    ms: z.number().int().describe('import time in milliseconds'),
    rowsPerSecond: z.number().describe('rows read per second'),
    evidence: evidenceList,
  })
  .describe('the import report');

export type IngestCrmCsvInput = z.infer<typeof ingestCrmCsvInput>;
export type IngestCrmCsvOutput = z.infer<typeof ingestCrmCsvOutput>;
