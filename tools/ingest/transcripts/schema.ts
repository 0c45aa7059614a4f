import { z } from 'zod';
import { correlationOutcomeOutput } from '../correlation/schema.ts';
import { OBJECTION_TYPES } from '../../../core/domain.ts';
import { evidenceList, isoDate, isoDateTime } from '../../core/schemas.ts';
import { TRANSCRIPT_FORMATS } from './types.ts';

// ingest_transcript's input and output, kept beside the logic so the tool file stays a definition.

const participant = z
  .union([
    z.string().trim().min(1).describe('a name ("Dana Ruiz") or an email'),
    z.object({
      name: z.string().trim().min(1).optional().describe('full name as spoken in the transcript'),
      email: z.string().trim().email().optional().describe('email address, matched to a user or lead'),
    }).describe('a participant by name and/or email'),
  ])
  .describe('someone in the meeting (speakers are found in the file; list the others, or give emails to match speakers to leads)');

export const ingestTranscriptInput = z
  .object({
    path: z.string().trim().min(1).optional().describe('a transcript file on the server (.vtt, .srt, .sbv, .txt, .json); give path or content'),
    content: z.string().max(5_000_000).optional().describe('the transcript text itself; give path or content'),
    format: z.enum(TRANSCRIPT_FORMATS).optional().describe('force a format; default: from the file extension, else detected from the content'),
    title: z.string().trim().min(1).max(300).optional().describe('meeting title (default: the file title header, else the file name)'),
    occurredAt: isoDateTime.optional().describe('when the meeting took place (default: a Date: header in the file, else now)'),
    opportunity: z.string().trim().min(1).optional().describe('the deal the meeting is about: an id or a name (default: the deal correlation finds from the people, account, deal tags such as RFQ-1234 and deal names; none on a tie)'),
    participants: z.array(participant).max(50).optional().describe('people in the meeting besides or matching the speakers'),
    knownCompetitors: z.array(z.string().trim().min(1)).max(50).optional().describe('competitor names to look for'),
    createTasks: z.boolean().default(true).describe('store each action item as a follow-up task of the colleague who took it (default true); items taken by people outside the org stay on the meeting as their commitments'),
  })
  .describe('a transcript to import');

const located = {
  turn: z.number().int().describe('0-based turn (consecutive cues of one speaker) it was said in'),
  line: z.number().int().describe('line of the file (entry, for JSON) where that turn starts'),
  start: z.number().nullable().describe('seconds into the recording, when the file has timings'),
  speaker: z.string().nullable().describe('who said it'),
  quote: z.string().describe('the sentence'),
};

const speaker = z
  .object({
    name: z.string().describe('attendee name'),
    spoke: z.boolean().describe('false for people only listed as participants'),
    turns: z.number().int().describe('turns taken'),
    words: z.number().int().describe('words spoken'),
    seconds: z.number().nullable().describe('speaking time from cue timings'),
    match: z
      .object({ kind: z.enum(['user', 'lead']).describe('our user or a lead'), id: z.string().describe('record id'), label: z.string().describe('record name') })
      .nullable()
      .describe('the user or lead this attendee was matched to (exact email or full name), or null'),
  })
  .describe('an attendee');

const actionItem = z
  .object({
    ...located,
    text: z.string().describe('the action item sentence'),
    owner: z.string().nullable().describe('who owns it (resolved against the attendees), null for "we" or unknown'),
    ownerIsAttendee: z.boolean().describe('true when the owner is one of the attendees'),
    due: isoDate.nullable().describe('due date from the sentence'),
    taskId: z.string().nullable().describe('the task created for it (createTasks)'),
    taskOwnerId: z.string().nullable().describe('the colleague who took it and owns its task; null when someone outside the org (or your reach) took it: then it stays on the meeting as their commitment'),
  })
  .describe('an action item');

export const ingestTranscriptOutput = z
  .object({
    status: z.enum(['imported', 'unchanged', 'rejected']).describe('imported now, already imported (same content), or not importable'),
    rejection: z
      .object({ reason: z.string().describe('why the file cannot be imported'), line: z.number().int().nullable().describe('the offending line, when there is one') })
      .nullable()
      .describe('set when status is rejected'),
    report: z
      .object({
        created: z.number().int().describe('transcripts imported'),
        unchanged: z.number().int().describe('transcripts already stored'),
        rejected: z.number().int().describe('transcripts refused'),
        chunks: z.number().int().describe('passages embedded for semantic search'),
        tasks: z.number().int().describe('tasks created'),
      })
      .describe('what the import did'),
    sourceItemId: z.string().nullable().describe('the stored raw transcript'),
    interactionId: z.string().nullable().describe('the meeting interaction (null when rejected, or not visible to you)'),
    opportunityId: z.string().nullable().describe('the deal it was linked to (the one named in the input, else the one correlation merged it into or opened)'),
    correlation: correlationOutcomeOutput.nullable().describe('how the meeting was correlated with deals (null unless imported now)'),
    format: z.enum(TRANSCRIPT_FORMATS).nullable().describe('format read'),
    title: z.string().nullable().describe('meeting title'),
    occurredAt: isoDateTime.nullable().describe('when the meeting took place'),
    durationSeconds: z.number().nullable().describe('recording length from the cue timings'),
    cues: z.number().int().describe('cues (captions or lines) read'),
    turns: z.number().int().describe('speaker turns after merging consecutive cues of one speaker'),
    speakers: z.array(speaker).describe('attendees: speakers first, then people only listed'),
    sections: z
      .object({
        attendees: z.number().int().describe('attendees'),
        pricing: z.array(z.object({ ...located, prices: z.array(z.string()).describe('prices as written, e.g. "USD 45.00 per user"') }).describe('a pricing passage')).describe('price mentions (first 20)'),
        margins: z.array(z.object({ ...located, kind: z.enum(['margin', 'discount']).describe('margin or discount'), percent: z.number().describe('the percentage') }).describe('a margin or discount')).describe('margins and discounts (first 20)'),
        objections: z.array(z.object({ ...located, type: z.enum(OBJECTION_TYPES).describe('objection type') }).describe('an objection')).describe('objections raised (first 20)'),
        decisions: z.array(z.object(located).describe('a decision')).describe('decisions taken (first 20)'),
        competitors: z.array(z.string()).describe('competitors named'),
      })
      .describe('the meeting by section'),
    actionItems: z.array(actionItem).describe('action items with owner and due date (first 50)'),
    warnings: z.array(z.string()).describe('what the parser tolerated (empty cues, end before start...), with lines (first 20)'),
    evidence: evidenceList,
  })
  .describe('the import report');

export type IngestTranscriptInput = z.infer<typeof ingestTranscriptInput>;
export type IngestTranscriptOutput = z.infer<typeof ingestTranscriptOutput>;
