import { defineTool } from '../registry.ts';
import { ingestTranscript as run } from './transcripts/run.ts';
import { ingestTranscriptInput, ingestTranscriptOutput } from './transcripts/schema.ts';

export const ingestTranscript = defineTool({
  name: 'ingest_transcript',
  description:
    'Import a meeting transcript: WebVTT (Teams <v Speaker> tags, Zoom "Name: text" cues, YouTube/Netflix captions), SRT, SBV, Zoom/Teams text exports ("[Name] 10:02:15", "10:02:15 From Name : text", "Name  0:03"), plain "Speaker: text" files, or JSON (AMI/QMSum, ASR segments). Finds speakers and turns, and the sections: attendees, pricing, margins and discounts, objections, action items (owner resolved against the attendees, due date) and decisions. Stores one meeting interaction linked to the matched leads/users and the deal (the one given, else the one correlation finds from the people, account, deal tags and names; a tie links none; values it states lose to an email, a CRM row or a reviewer, and disagreements are recorded), with the raw file, signals and embeddings for search; action items optionally become tasks. A file that cannot be read is rejected with the reason and line. Importing the same content again changes nothing.',
  input: ingestTranscriptInput,
  output: ingestTranscriptOutput,
  annotations: { title: 'Ingest transcript', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  minRole: 'rep',
  execute: (input, ctx) => run(input, ctx),
  audit: (input, output) => ({
    action: `transcript.${output.status}`,
    ...(output.interactionId ? { recordType: 'interaction' as const, recordId: output.interactionId } : {}),
    changes: {
      source: input.path ?? 'content',
      sourceItemId: output.sourceItemId,
      opportunityId: output.opportunityId,
      format: output.format,
      speakers: output.speakers.length,
      actionItems: output.actionItems.length,
      tasks: output.report.tasks,
      rejection: output.rejection,
    },
  }),
});
