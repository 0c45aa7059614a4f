import { defineAgent } from './agent.ts';

export const communicationAgent = defineAgent({
  name: 'communication',
  description: 'Talking to customers: draft emails, sequences and short messages, call scripts, objection handling, meeting briefs and summaries, logging calls and emails; importing mail, meeting transcripts and engagement events.',
  prompt: 'communication',
  toolNames: ['ingest_email', 'ingest_transcript', 'ingest_events', 'draft_email', 'draft_sequence', 'draft_message', 'call_script', 'objection_response', 'meeting_brief', 'meeting_summary', 'interaction_log'],
  readsLeadMemory: true,
});
