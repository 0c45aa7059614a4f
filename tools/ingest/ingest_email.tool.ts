import { defineTool } from '../registry.ts';
import { runIngestEmail } from './email/run.ts';
import { ingestEmailInput, ingestEmailOutput } from './email/schema.ts';

export const ingestEmail = defineTool({
  name: 'ingest_email',
  description:
    'Import email from an MBOX or EML upload (content) or, for an admin, a file or folder on the server (path). Each message becomes an email interaction: threaded (Gmail thread id, else Message-ID/In-Reply-To/References), participants matched to our users and to leads (optionally creating leads for unknown senders, linked to the account by domain), direction, subject, the body without quoted history and signature, attachments listed, Gmail labels (X-Gmail-Labels or a labels.json sidecar), and signals (quantities, prices, dates, margins, competitors, objections, questions, sentiment, action items) with their spans; correlated with deals (a shared RFQ/PO tag, the thread, the deal\'s contacts and account, its name in the text): merged into the one deal that matches best, or a new deal for a new RFQ at a known account, a tie merging nothing; deal values it states are weighed against the stored ones (CRM > email > transcript, a reviewer correction above all) and every disagreement is recorded; embedded for semantic search. Bounces and auto-replies are kept but make no interaction. A message that cannot be read is rejected with its position and reason; the rest still import. Importing the same mail again changes nothing.',
  input: ingestEmailInput,
  output: ingestEmailOutput,
  annotations: { title: 'Ingest email', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  minRole: 'rep',
  execute: (input, ctx) => runIngestEmail(input, ctx),
  audit: (input, output) => ({
    action: 'email.imported',
    changes: {
      source: input.path ?? 'content',
      created: output.created,
      unchanged: output.unchanged,
      rejected: output.rejectedCount,
      interactions: output.interactions,
      threads: output.threads,
      leadsCreated: output.leadsCreated.map((l) => l.id),
      sourceItemIds: output.items.map((i) => i.sourceItemId),
    },
  }),
});
