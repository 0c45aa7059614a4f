import type { IngestReport } from '../core/index.ts';
import { outcomeOutput } from '../correlation/schema.ts';
import type { CorrelationOutcome } from '../correlation/types.ts';
import type { TranscriptPayload, TranscriptResult } from './handler.ts';
import type { AttendeeMatch } from './match.ts';
import type { IngestTranscriptOutput } from './schema.ts';
import type { TranscriptSections } from './sections.ts';
import type { TranscriptFormat } from './types.ts';

// The tool's answer for each outcome. Lists are capped; the full sections stay in the interaction's metadata.

const CAP = 20;

function money(p: { amountMinor: number; amountMaxMinor: number | null; currency: string; per: string | null }): string {
  const fmt = (minor: number) => (minor / 100).toFixed(2);
  const amount = p.amountMaxMinor === null ? fmt(p.amountMinor) : `${fmt(p.amountMinor)}-${fmt(p.amountMaxMinor)}`;
  return `${p.currency} ${amount}${p.per ? ` per ${p.per}` : ''}`;
}

interface Stored {
  sourceItemId: string | null;
  interactionId: string | null;
  sections: TranscriptSections;
  matches: (AttendeeMatch | null)[];
  opportunityId?: string | null;
  correlation?: CorrelationOutcome;
  taskIds?: string[];
  taskOwners?: (string | null)[];
}

function described(status: 'imported' | 'unchanged', p: TranscriptPayload, s: Stored, report: IngestReport): IngestTranscriptOutput {
  const sec = s.sections;
  const sourceId = s.interactionId ?? s.sourceItemId ?? 'unknown';
  const date = p.occurredAt.toISOString();
  // task ids line up with the action items that got an owner, in order
  const taskIds = [...(s.taskIds ?? [])];
  const actionItems = sec.actionItems.slice(0, 50).map((a, i) => ({
    turn: a.turn,
    line: a.line,
    start: a.start,
    speaker: a.speaker,
    quote: a.quote,
    text: a.text,
    owner: a.owner,
    ownerIsAttendee: a.ownerIsAttendee,
    due: a.due,
    taskId: s.taskOwners?.[i] ? (taskIds.shift() ?? null) : null,
    taskOwnerId: s.taskOwners?.[i] ?? null,
  }));
  const evidence = [
    ...sec.actionItems.slice(0, CAP).map((a) => ({ sourceId, kind: 'meeting', date, quote: `${a.speaker ?? 'unknown'} (line ${a.line}): ${a.quote}` })),
    ...sec.objections.slice(0, CAP).map((o) => ({ sourceId, kind: 'meeting', date, quote: `${o.type} objection, ${o.speaker ?? 'unknown'} (line ${o.line}): ${o.quote}` })),
    ...sec.pricing.slice(0, CAP).map((x) => ({ sourceId, kind: 'meeting', date, quote: `${x.speaker ?? 'unknown'} (line ${x.line}): ${x.quote}` })),
    ...sec.decisions.slice(0, CAP).map((d) => ({ sourceId, kind: 'meeting', date, quote: `decision, ${d.speaker ?? 'unknown'} (line ${d.line}): ${d.quote}` })),
  ];
  return {
    status,
    rejection: null,
    report: { created: report.created, unchanged: report.unchanged, rejected: report.rejected.length, chunks: report.chunks, tasks: report.counts.tasks ?? 0 },
    sourceItemId: s.sourceItemId,
    interactionId: s.interactionId,
    opportunityId: s.opportunityId ?? p.opportunityId,
    correlation: s.correlation ? outcomeOutput(s.correlation) : null,
    format: p.transcript.format,
    title: p.title,
    occurredAt: date,
    durationSeconds: p.transcript.durationSeconds,
    cues: p.transcript.cues.length,
    turns: p.turns.length,
    speakers: sec.attendees.map((a, i) => ({ name: a.name, spoke: a.spoke, turns: a.turns, words: a.words, seconds: a.seconds, match: s.matches[i] ?? null })),
    sections: {
      attendees: sec.attendees.length,
      pricing: sec.pricing.slice(0, CAP).map(({ prices, quantities: _q, ...at }) => ({ ...at, prices: prices.map(money) })),
      margins: sec.margins.slice(0, CAP),
      objections: sec.objections.slice(0, CAP),
      decisions: sec.decisions.slice(0, CAP),
      competitors: [...new Set(sec.competitors.map((c) => c.name))],
    },
    actionItems,
    warnings: p.transcript.warnings.slice(0, CAP),
    evidence,
  };
}

export const transcriptOutput = {
  imported: (p: TranscriptPayload, r: TranscriptResult, report: IngestReport) => described('imported', p, r, report),
  unchanged: (p: TranscriptPayload, s: Stored, report: IngestReport) => described('unchanged', p, s, report),
  rejected: (format: TranscriptFormat | null, reason: string, line: number | null): IngestTranscriptOutput => ({
    status: 'rejected',
    rejection: { reason, line },
    report: { created: 0, unchanged: 0, rejected: 1, chunks: 0, tasks: 0 },
    sourceItemId: null,
    interactionId: null,
    opportunityId: null,
    correlation: null,
    format,
    title: null,
    occurredAt: null,
    durationSeconds: null,
    cues: 0,
    turns: 0,
    speakers: [],
    sections: { attendees: 0, pricing: [], margins: [], objections: [], decisions: [], competitors: [] },
    actionItems: [],
    warnings: [],
    evidence: [],
  }),
};
