import { serverPathFor } from '../core/server-path.ts';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sourceItemByHash } from '../../../db/repos/ingest-sources.ts';
import { visibleInteractionOfSource } from '../../../db/repos/ingest-transcript.ts';
import type { ToolContext } from '../../core/context.ts';
import { invalidInput } from '../../core/errors.ts';
import { resolveOpportunity } from '../../core/resolve.ts';
import { contentHash, ingestItems } from '../core/index.ts';
import { transcriptHandler, type TranscriptResult } from './handler.ts';
import { matchAttendee } from './match.ts';
import type { IngestTranscriptInput, IngestTranscriptOutput } from './schema.ts';
import { buildSections } from './sections.ts';
import { transcriptOutput } from './output.ts';
import { transcriptItem } from './item.ts';

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

const toPeople = (list: IngestTranscriptInput['participants']) =>
  (list ?? []).flatMap((p) => {
    if (typeof p === 'string') return [p.includes('@') ? { name: p, email: p } : { name: p }];
    const name = p.name ?? p.email;
    return name ? [{ name, ...(p.email ? { email: p.email } : {}) }] : [];
  });

export async function ingestTranscript(input: IngestTranscriptInput, ctx: ToolContext): Promise<IngestTranscriptOutput> {
  const { content, fileName } = await readInput(input, ctx);
  if (input.occurredAt !== undefined && Number.isNaN(new Date(input.occurredAt).getTime())) throw invalidInput([{ field: 'occurredAt', message: 'not a date' }]);
  const read = transcriptItem(content, {
    fileName, format: input.format, title: input.title, occurredAt: input.occurredAt ? new Date(input.occurredAt) : undefined, opportunityId: null,
    participants: toPeople(input.participants), createTasks: input.createTasks, knownCompetitors: input.knownCompetitors, origin: input.path ?? 'upload', now: ctx.now,
  });
  if (!read.ok) return transcriptOutput.rejected(read.format, read.reason, read.line);
  const { item, transcript } = read;
  const payload = item.payload;
  // the deal is resolved once the file is known to be readable (an unreadable file is reported as such)
  payload.opportunityId = input.opportunity ? (await resolveOpportunity(ctx, input.opportunity)).id : null;
  const { turns, occurredAt } = payload;
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
