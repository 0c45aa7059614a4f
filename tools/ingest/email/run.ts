import { stat } from 'node:fs/promises';
import path from 'node:path';
import { serverPathFor } from '../core/server-path.ts';
import type { ToolContext } from '../../core/context.ts';
import { forbidden, invalidInput } from '../../core/errors.ts';
import { importEmail } from './import.ts';
import type { EmailSource } from './items.ts';
import { looksLikeMbox } from './mbox.ts';
import { LIST_CAP, type IngestEmailInput, type IngestEmailOutput } from './schema.ts';

// ingest_email: where the mail comes from, the import through the core, and the report.

async function sourceOf(input: IngestEmailInput, ctx: ToolContext): Promise<EmailSource> {
  if ((input.path === undefined) === (input.content === undefined)) {
    throw invalidInput([{ field: 'path', message: 'give either path or content (exactly one)' }]);
  }
  if (input.content !== undefined) {
    const format = input.format ?? (looksLikeMbox(Buffer.from(input.content.slice(0, 1000))) ? 'mbox' : 'eml');
    return { kind: 'content', content: input.content, format };
  }
  const full = serverPathFor(ctx, input.path as string, 'mail');
  const info = await stat(full).catch((error: NodeJS.ErrnoException) => {
    throw invalidInput([{ field: 'path', message: `no file or folder at ${full} (${error.code ?? error.message})` }]);
  });
  if (!info.isFile() && !info.isDirectory()) throw invalidInput([{ field: 'path', message: `${full} is neither a file nor a folder` }]);
  return { kind: 'path', path: full };
}

export async function runIngestEmail(input: IngestEmailInput, ctx: ToolContext): Promise<IngestEmailOutput> {
  const source = await sourceOf(input, ctx);
  const { report, state } = await importEmail(ctx.db, source, {
    embedder: ctx.embedder,
    now: ctx.now,
    scope: ctx.scope,
    actor: ctx.actor,
    log: ctx.log,
    createLeads: input.createLeads,
    createTasks: input.createTasks,
    ...(input.knownCompetitors ? { knownCompetitors: input.knownCompetitors } : {}),
    itemsPerCommit: 50,
    keepItems: 20,
  });
  const n = (key: string) => report.counts[key] ?? 0;
  const items = report.items.map((i) => ({
    position: i.position,
    sourceItemId: i.sourceItemId,
    interactionId: i.interactionId,
    subject: i.title,
    occurredAt: i.occurredAt ? i.occurredAt.toISOString() : null,
  }));
  return {
    created: report.created,
    unchanged: report.unchanged,
    rejectedCount: report.rejected.length,
    rejected: report.rejected.slice(0, LIST_CAP).map((r) => ({ position: r.position, origin: r.origin ?? null, externalId: r.externalId ?? null, reason: r.reason })),
    interactions: n('interactions'),
    inbound: n('inbound'),
    outbound: n('outbound'),
    internal: n('internal'),
    automated: n('automated'),
    threads: state.threads.size,
    linkedToLead: n('linkedToLead'),
    linkedToDeal: state.correlation.linkedToDeal,
    correlation: {
      merged: state.correlation.merged,
      created: state.correlation.created,
      ambiguous: state.correlation.ambiguous,
      unmatched: state.correlation.unmatched,
      hidden: state.correlation.hidden,
      conflicts: state.correlation.conflicts,
    },
    leadsMatched: [...state.leadsMatched].slice(0, LIST_CAP).map(([id, m]) => ({ id, name: m.name, email: m.email })),
    leadsMatchedCount: state.leadsMatched.size,
    leadsCreated: [...state.leadsCreated].slice(0, LIST_CAP).map(([id, c]) => ({ id, name: c.name, email: c.email })),
    leadsCreatedCount: state.leadsCreated.size,
    hiddenParticipants: n('hiddenParticipants'),
    signals: n('signals'),
    tasks: n('tasks'),
    attachments: n('attachments'),
    chunks: report.chunks,
    items,
    evidence: items.map((i) => ({ sourceId: i.interactionId ?? i.sourceItemId, kind: 'email', date: i.occurredAt, quote: i.subject ?? '(no subject)' })),
    ms: report.ms,
    itemsPerSecond: report.itemsPerSecond,
  };
}
