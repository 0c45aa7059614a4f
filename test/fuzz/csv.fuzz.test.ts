import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { createDemoStore } from '../helpers/demo.ts';
import { hostileDate, hostileNumber, hostileString, invalidUtf8 } from './arbitraries.ts';
import { runsFor } from './config.ts';
import { fuzzIngest } from './ingest-driver.ts';

// The CSV importer: real-looking exports (known headers, random delimiters and quoting) with hostile cells,
// unbalanced quotes, huge fields, mixed line endings, plus random bytes. Every row is accounted for.

const HEADERS = ['id', 'name', 'stage', 'amount', 'currency', 'close_date', 'created_date', 'probability', 'product', 'account', 'domain', 'industry', 'employees', 'contact', 'contact_email', 'owner', 'owner_email', 'Opportunity Name', 'Account Name', 'Stage', 'Amount', 'Close Date', 'Owner Full Name', 'opportunity_id', 'sales_agent', 'deal_stage', 'close_value'];
const STAGES = ['Prospecting', 'Proposal', 'Closed Won', 'Closed Lost', 'Won', 'Lost', 'Engaging', 'negotiation', 'qualification'];

const cell: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(...STAGES) },
  { weight: 2, arbitrary: hostileNumber.map(String) },
  { weight: 1, arbitrary: hostileDate },
  { weight: 2, arbitrary: hostileString.filter((s) => !s.includes('\u0000')) },
  { weight: 1, arbitrary: fc.constantFrom('"', '""', '"unclosed', 'a"b', '\r', '\n', '\r\n', '=cmd|" /C calc"!A0', 'dana@example.com', 'maya.chen@dealwise.demo') },
);

const csvText: fc.Arbitrary<string> = fc
  .record({
    headers: fc.uniqueArray(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...HEADERS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), { minLength: 1, maxLength: 8 }),
    rows: fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 8 }),
    delimiter: fc.constantFrom(',', ';', '\t', '|', ' '),
    quoteAll: fc.boolean(),
    newline: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
  })
  .map(({ headers, rows, delimiter, quoteAll, newline, bom }) => {
    const line = (cells: string[]) => cells.map((c) => (quoteAll ? `"${c}"` : c)).join(delimiter);
    return `${bom ? '\ufeff' : ''}${[line(headers), ...rows.map(line)].join(newline)}`;
  });

const contents = fc.oneof({ weight: 6, arbitrary: csvText }, { weight: 1, arbitrary: invalidUtf8 }, { weight: 1, arbitrary: hostileString });

describe('fuzz: CSV importer (ingest_crm_csv content)', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createDemoStore();
  });
  afterAll(() => store.close());

  it('answers every generated export with a report whose rows add up, or a clear error; nothing half-written', async () => {
    await fuzzIngest(
      store,
      {
        tool: 'ingest_crm_csv',
        contents,
        extra: fc.record({ fileName: fc.constantFrom('upload.csv', 'export.csv', 'sales_pipeline.csv') }, { requiredKeys: [] }),
        reportProblem: (data) => {
          const { rows, created, updated, skipped, rejected } = data as { rows: number; created: number; updated: number; skipped: number; rejected: number };
          if ([rows, created, updated, skipped, rejected].some((n) => typeof n !== 'number' || n < 0)) return `report counts are not counts: ${JSON.stringify({ rows, created, updated, skipped, rejected })}`;
          if (created + updated + skipped + rejected !== rows) return `rows do not add up: ${rows} read, ${created} created + ${updated} updated + ${skipped} skipped + ${rejected} rejected`;
          return undefined;
        },
      },
      runsFor(15),
    );
  });
});
