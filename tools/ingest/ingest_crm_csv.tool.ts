import { defineTool } from '../registry.ts';
import { ingestCrmCsv as run } from './csv/run.ts';
import { ingestCrmCsvInput, ingestCrmCsvOutput } from './csv/schema.ts';

export const ingestCrmCsv = defineTool({
  name: 'ingest_crm_csv',
  description:
    'Import a CRM export (CSV) through a column mapping: presets generic (snake_case headers), salesforce (Opportunity report columns such as "Opportunity Name", "Account Name", "Stage", "Amount", "Close Date", "Owner Full Name") and maven (the Maven Analytics folder: sales_teams, products, accounts, sales_pipeline), or a custom mapping over any of them. Normalises stage names, product spellings (GTXPro -> GTX Pro), industry typos, money and dates; deals without an account go under a "(no account)" placeholder. Upserts by external id, so a changed row updates its record (with stage and field history; reviewer corrections are kept) and an unchanged one is skipped. A CRM row outranks emails and transcripts: its amount, close date and probability replace theirs (each disagreement recorded), the RFQ/PO tags in a deal name tie later mail to the deal, and a new id whose tag names a deal the mail opened first takes over that deal. Reports created, updated, skipped and rejected rows, each rejection with file, row, line, column and reason. Owners must be existing users in your scope; only an admin import creates users and teams.',
  input: ingestCrmCsvInput,
  output: ingestCrmCsvOutput,
  annotations: { title: 'Ingest CRM CSV', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  minRole: 'rep',
  execute: (input, ctx) => run(input, ctx),
  audit: (input, output) => ({
    action: 'crm_csv.imported',
    changes: {
      source: input.path ?? input.fileName ?? 'content',
      preset: output.preset,
      rows: output.rows,
      created: output.created,
      updated: output.updated,
      skipped: output.skipped,
      rejected: output.rejected,
      entities: output.entities,
      files: output.files.map((f) => ({ file: f.file, status: f.status, rows: f.rows })),
    },
  }),
});
