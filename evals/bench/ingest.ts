import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { simpleParser } from 'mailparser';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import { openStore, type Store } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';
import { dropChunkVectorIndex, ensureChunkVectorIndex } from '../../db/repos/ingest-vector-index.ts';
import { writeMailbox } from '../../test/fixtures/email/generate.ts';
import { createFixtureOrg, ORG_NOW } from '../../test/helpers/org.ts';
import { EMAIL_BATCH, importEmail } from '../../tools/ingest/email/import.ts';
import { mboxFromFile } from '../../tools/ingest/email/mbox.ts';
import { parseEmail } from '../../tools/ingest/email/parse.ts';
import { extractSignals } from '../../tools/ingest/signals/index.ts';
import { writeFigures } from './figures.ts';

// `npm run bench:ingest [-- --messages 5000 --batch 200 --workers N --transcripts 300 --rows 5000 --email-only]`:
// email ingestion throughput on a generated
// mailbox (realistic sales threads from the demo phrase library), stage by stage, against the MIME
// library alone parsing the same file (the ceiling). The full imports run into an on-disk PGlite store
// (as `npm run ingest` does) holding the fixture org, with lead creation, signal extraction and local
// embeddings, one transaction per batch.

// the transcript and CSV part (ingest-formats.ts) reads its own flags from the same command line; --figures FILE
// also writes the email stages' items/s as JSON rows (for `npm run bench`, evals/bench/all.ts)
const { values } = parseArgs({ options: { messages: { type: 'string', default: '5000' }, batch: { type: 'string' }, workers: { type: 'string' }, 'email-only': { type: 'boolean', default: false }, figures: { type: 'string' } }, strict: false });
const messages = Number(values.messages);
const batch = values.batch === undefined ? EMAIL_BATCH : Number(values.batch);
const workerCount = values.workers === undefined ? Math.min(4, Math.max(1, os.cpus().length - 1)) : Number(values.workers);

interface Row {
  stage: string;
  items: number;
  ms: number;
  note: string;
  /** user + system CPU seconds of the whole process (every thread) during the stage */
  cpuS: number;
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'dealwise-bench-ingest-'));
const rowsOut: Row[] = [];
const time = async (stage: string, note: string, fn: () => Promise<number>) => {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const items = await fn();
  const used = process.cpuUsage(cpu);
  // CPU seconds beside the wall clock: on a shared, loaded machine they stay comparable between runs
  const row = { stage, items, ms: performance.now() - start, note, cpuS: (used.user + used.system) / 1e6 };
  rowsOut.push(row);
  process.stderr.write(`  ${stage}: ${items} in ${(row.ms / 1000).toFixed(2)} s\n`);
  return row;
};

async function freshStore(name: string): Promise<Store> {
  const dataDir = path.join(dir, name);
  await mkdir(dataDir, { recursive: true });
  const store = await openStore({ kind: 'pglite', dataDir });
  await migrateStore(store);
  await createFixtureOrg(store.db);
  return store;
}

try {
  const file = path.join(dir, 'bench.mbox');
  const bytes = await writeMailbox(file, { messages, seed: 5 });
  process.stderr.write(`generated ${messages} messages (${(bytes / 1048576).toFixed(1)} MB) in ${file}\n`);

  await time('mbox split (stream reader)', 'reading and cutting the file only', async () => {
    let n = 0;
    for await (const _ of mboxFromFile(file)) n++;
    return n;
  });
  const ceiling = await time('mailparser alone (ceiling)', 'simpleParser on every message, nothing else', async () => {
    let n = 0;
    for await (const m of mboxFromFile(file)) {
      await simpleParser(m.raw, { skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true });
      n++;
    }
    return n;
  });
  const bodies: string[] = [];
  await time('parse (mailparser + clean body)', 'quoted history and signatures removed, machine mail flagged', async () => {
    for await (const m of mboxFromFile(file)) {
      const r = await parseEmail(m.raw, { separator: m.separator });
      if (r.ok) bodies.push(r.email.body);
    }
    return bodies.length;
  });
  await time('signal extraction alone', 'extractSignals on every clean body', async () => {
    for (const b of bodies) extractSignals(b, { now: ORG_NOW });
    return bodies.length;
  });

  const variants = [
    { name: 'import, index kept, 1 thread', defer: false, workers: 0, note: 'HNSW index maintained row by row' },
    { name: 'import, index deferred, 1 thread', defer: true, workers: 0, note: 'index dropped, rebuilt once at the end' },
    { name: `import, index deferred, +${workerCount} worker(s)`, defer: true, workers: workerCount, note: 'MIME/signals/embeddings on worker threads (CLI default)' },
  ];
  for (const v of variants) {
    const store = await freshStore(`${v.defer ? 'deferred' : 'kept'}-${v.workers}`);
    try {
      let created = 0;
      let indexMs = 0;
      const row = await time(v.name, v.note, async () => {
        if (v.defer) await dropChunkVectorIndex(store.db);
        const { report } = await importEmail(store.db, { kind: 'path', path: file }, {
          embedder: createLocalEmbedder(), now: ORG_NOW, scope: { kind: 'all' }, log: silentLogger, createLeads: true, itemsPerCommit: batch, keepItems: 0, workers: v.workers,
        });
        const started = performance.now();
        if (v.defer) await ensureChunkVectorIndex(store.db);
        indexMs = performance.now() - started;
        created = report.created;
        return report.created + report.unchanged + report.rejected.length;
      });
      row.note += `; ${created} created${v.defer ? `; index rebuild ${(indexMs / 1000).toFixed(1)} s of it (import alone ${(row.items / ((row.ms - indexMs) / 1000)).toFixed(0)}/s)` : ''}`;
    } finally {
      await store.close();
    }
  }

  const width = Math.max(...rowsOut.map((r) => r.stage.length));
  const header = `${'stage'.padEnd(width)}  ${'items'.padStart(6)}  ${'seconds'.padStart(8)}  ${'items/s'.padStart(8)}  ${'vs ceiling'.padStart(10)}  ${'CPU s/1000'.padStart(10)}  note`;
  const lines = rowsOut.map((r) => {
    const rate = r.items / (r.ms / 1000);
    const ratio = rate / (ceiling.items / (ceiling.ms / 1000));
    return `${r.stage.padEnd(width)}  ${String(r.items).padStart(6)}  ${(r.ms / 1000).toFixed(2).padStart(8)}  ${rate.toFixed(0).padStart(8)}  ${`${(ratio * 100).toFixed(0)}%`.padStart(10)}  ${((r.cpuS / Math.max(1, r.items)) * 1000).toFixed(2).padStart(10)}  ${r.note}`;
  });
  process.stdout.write(`\nemail ingestion, ${messages} messages, batches of ${batch}, ${os.cpus().length} CPUs, Node ${process.versions.node}\n${header}\n${'-'.repeat(header.length)}\n${lines.join('\n')}\n`);
  const figuresFile = typeof values.figures === 'string' ? values.figures : undefined;
  writeFigures(figuresFile, rowsOut.map((r) => ({ area: 'ingest' as const, name: `email: ${r.stage}`, metric: 'items/s', value: r.items / (r.ms / 1000), unit: '/s', note: `${r.items} items` })));
} finally {
  await rm(dir, { recursive: true, force: true });
}

if (!values['email-only']) await import('./ingest-formats.ts');
if (!values['email-only']) await import('./ingest-recorrelate.ts');
