import { EMBEDDING_DIMENSIONS, LOCAL_EMBEDDING_MODEL } from '../../../core/embeddings/index.ts';
import type { Executor } from '../../../db/client.ts';
import { knownCompetitorNames } from '../../../db/repos/ingest-interactions.ts';
import { allUsersByEmail } from '../../../db/repos/ingest-participants.ts';
import { sourceItemsByExternalId } from '../../../db/repos/ingest-sources.ts';
import { ingestItems, ParticipantMatcher, type IngestOptions, type IngestReport } from '../core/index.ts';
import { localAnalyser, type AnalyseContext } from './analyse.ts';
import { emailHandler, newEmailRunState, type EmailRunState } from './handler.ts';
import { emailInputs, type EmailSource } from './items.ts';
import { createAnalysePool } from './pool.ts';
import { ThreadResolver } from './thread.ts';

// An email import from start to end, shared by the ingest_email tool, the CLI and the benchmark.

/**
 * Messages per commit for the CLI and the bench: measured with `npm run bench:ingest` (2,000 messages, one
 * worker, 2 cores) 500 took ~10% fewer CPU seconds per message than 200 (fewer statements and
 * transactions per message); a killed import loses at most one batch, which a re-run redoes.
 */
export const EMAIL_BATCH = 500;

export interface EmailImportOptions extends IngestOptions {
  /** create leads for unknown external senders (and recipients of our outbound mail) */
  createLeads: boolean;
  /** competitor names to look for, besides those on the caller's deals */
  knownCompetitors?: string[];
  /** worker threads analysing messages (MIME, signals, local embeddings); 0 = in this thread */
  workers?: number;
  /** action items become tasks of the colleagues who took them (default true) */
  createTasks?: boolean;
}

export interface EmailImport {
  report: IngestReport;
  state: EmailRunState;
}

export async function importEmail(db: Executor, source: EmailSource, options: EmailImportOptions): Promise<EmailImport> {
  const threads = new ThreadResolver(async (ids) => {
    const hits = await sourceItemsByExternalId(db, 'messageId', ids);
    return new Map(hits.filter((h) => h.threadKey).map((h) => [h.externalId, h.threadKey as string]));
  });
  const competitors = [...new Set([...(options.knownCompetitors ?? []), ...(await knownCompetitorNames(db, options.scope))])];
  const users = await allUsersByEmail(db);
  const analysis: AnalyseContext = {
    users,
    competitors,
    now: options.now,
    // vectors are made with the messages only by the local embedder; another one embeds per batch
    embed: options.embedder.model === LOCAL_EMBEDDING_MODEL,
    dimensions: options.embedder.dimensions ?? EMBEDDING_DIMENSIONS,
  };
  const workers = Math.max(0, Math.floor(options.workers ?? 0));
  const pool = workers > 0
    ? createAnalysePool(workers, { users: [...users].map(([email, u]) => [email, u.timeZone]), competitors, now: options.now.toISOString(), embed: analysis.embed, dimensions: analysis.dimensions })
    : undefined;
  try {
    const state = newEmailRunState(competitors, options.createTasks ?? true);
    const matcher = new ParticipantMatcher({ createLeads: options.createLeads });
    const reader = { threads, analyse: pool?.analyse ?? localAnalyser(analysis), lookahead: pool ? Math.max(64, 2 * (options.itemsPerCommit ?? 1)) : 1 };
    const report = await ingestItems(db, emailInputs(source, reader), emailHandler(matcher, state, options.actor), options);
    return { report, state };
  } finally {
    await pool?.close();
  }
}
