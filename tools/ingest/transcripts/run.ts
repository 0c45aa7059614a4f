import { serverPathFor } from '../core/server-path.ts';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sourceItemByHash } from '../../../db/repos/ingest-sources.ts';
import { visibleInteractionOfSource } from '../../../db/repos/ingest-transcript.ts';
import type { ToolContext } from '../../core/context.ts';
import { invalidInput } from '../../core/errors.ts';
import { resolveOpportunity } from '../../core/resolve.ts';
import { contentHash, ingestItems, type RawItem } from '../core/index.ts';
import { transcriptHandler, type TranscriptPayload, type TranscriptResult } from './handler.ts';
import { matchAttendee } from './match.ts';
import { parseTranscript } from './parse.ts';
import type { IngestTranscriptInput, IngestTranscriptOutput } from './schema.ts';
import { buildSections } from './sections.ts';
import { transcriptOutput } from './output.ts';
import { mergeTurns } from './turns.ts';
import type { Transcript } from './types.ts';

// ingest_transcript: read, parse (or reject with the reason and line), resolve the deal, then one item
// through the ingestion core (content hash: a second import of the same file is `unchanged`).

async function readInput(input: IngestTranscriptInput, ctx: ToolContext): Promise<{ content: string; fileName?: string }> {
  if ((input.path === undefined) === (input.content === undefined)) {
    throw invalidInput([{ field: 'path', message: 'give either path or content (exactly one)' }]);
  }
  if (input.content !== undefined) return { content: input.content };
  const file = serverPathFor(ctx, input.path as string, 'transcripts');
  try {
    return { content: await readFile(file, 'utf8'), fileName: path.basename(file) };
  } catch (error) {
    throw invalidInput([{ field: 'path', message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
  }
}

/** "Date: 2026-06-12" (+ "Time: 14:30") as an instant in UTC; undefined for anything less certain. */
function headerDate(headers: Record<string, string>): Date | undefined {
  const date = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}:\d{2}))?/.exec(headers.date ?? '');
  if (!date) return undefined;
  const time = date[2] ?? /^(\d{1,2}:\d{2})/.exec(headers.time ?? '')?.[1] ?? '00:00';
  const at = new Date(`${date[1]}T${time.padStart(5, '0')}:00Z`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

const toPeople = (list: IngestTranscriptInput['participants']) =>
  (list ?? []).flatMap((p) => {
    if (typeof p === 'string') return [p.includes('@') ? { name: p, email: p } : { name: p }];
    const name = p.name ?? p.email;
    return name ? [{ name, ...(p.email ? { email: p.email } : {}) }] : [];
  });

export async function ingestTranscript(input: IngestTranscriptInput, ctx: ToolContext): Promise<IngestTranscriptOutput> {
  const { content, fileName } = await readInput(input, ctx);
  const parsed = parseTranscript(content, { ...(input.format ? { format: input.format } : {}), ...(fileName ? { fileName } : {}) });
  if (!parsed.ok) return transcriptOutput.rejected(parsed.format, parsed.reason, parsed.line);
  const transcript: Transcript = parsed.transcript;
  const opportunityId = input.opportunity ? (await resolveOpportunity(ctx, input.opportunity)).id : null;
  if (input.occurredAt !== undefined && Number.isNaN(new Date(input.occurredAt).getTime())) throw invalidInput([{ field: 'occurredAt', message: 'not a date' }]);
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : (headerDate(transcript.headers) ?? ctx.now);
  const title = input.title ?? transcript.headers.title ?? fileName ?? 'Meeting transcript';
  const turns = mergeTurns(transcript.cues);
  const payload: TranscriptPayload = {
    transcript,
    turns,
    title,
    occurredAt,
    opportunityId,
    participants: toPeople(input.participants),
    createTasks: input.createTasks,
    ...(input.knownCompetitors ? { knownCompetitors: input.knownCompetitors } : {}),
  };
  const item: RawItem<TranscriptPayload> = {
    kind: 'transcript',
    position: 1,
    rawText: content,
    externalIds: fileName ? { file: fileName } : {},
    title,
    origin: input.path ?? 'upload',
    occurredAt,
    metadata: { format: transcript.format, speakers: transcript.speakers, durationSeconds: transcript.durationSeconds, warnings: transcript.warnings.slice(0, 50) },
    payload,
  };
  const results = new Map<number, TranscriptResult>();
  const report = await ingestItems(ctx.db, (async function* () { yield item; })(), transcriptHandler(results), {
    embedder: ctx.embedder,
    now: ctx.now,
    scope: ctx.scope,
    actor: ctx.actor,
    log: ctx.log,
  });
  const failed = report.rejected[0];
  if (failed) return transcriptOutput.rejected(transcript.format, failed.reason, null);
  const done = results.get(1);
  if (done) return transcriptOutput.imported(payload, done, report);

  // unchanged: the same content is stored; report what it holds, linked as the caller may see it
  const stored = await sourceItemByHash(ctx.db, contentHash('transcript', content));
  const interactionId = stored ? ((await visibleInteractionOfSource(ctx.db, ctx.scope, stored.id)) ?? null) : null;
  const sections = buildSections(turns, transcript.speakers, { now: occurredAt, participants: payload.participants, headers: transcript.headers });
  const matches = [];
  for (const a of sections.attendees) matches.push(await matchAttendee(ctx.db, ctx.scope, a));
  return transcriptOutput.unchanged(payload, { sourceItemId: stored?.id ?? null, interactionId, sections, matches }, report);
}
