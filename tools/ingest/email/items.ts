import { open, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { IngestInput } from '../core/index.ts';
import type { AnalyseResult, Analyser } from './analyse.ts';
import { toInput, type EmailItem, type Where } from './item.ts';
import { isSidecar, labelsFor, type LabelMap } from './labels.ts';
import { looksLikeMbox, mboxFromBuffer, mboxFromFile, type MboxMessage } from './mbox.ts';
import type { ThreadResolver } from './thread.ts';

export type { EmailItem } from './item.ts';

// Files, folders and uploads -> ingestion inputs, one message at a time and in order. Folders are
// walked in name order (dot files skipped, labels sidecars read, not imported); each file is sniffed:
// an mbox (opens with a From separator), a binary file (rejected), or one RFC 5322 message (EML).
// Messages are analysed up to `lookahead` ahead (in parallel when the analyser is a worker pool).

export type EmailSource = { kind: 'path'; path: string } | { kind: 'content'; content: string; format: 'eml' | 'mbox'; name?: string };

/** a single-message file larger than this is refused rather than read whole */
const EML_MAX_BYTES = 64 << 20;

export interface Reader {
  threads: ThreadResolver;
  analyse: Analyser;
  /** messages analysed ahead of the one being imported (1 = none); more than a commit batch keeps workers busy while it is written */
  lookahead: number;
}

/** bytes of messages analysed ahead, at most (a mailbox of large attachments must not fill memory) */
const LOOKAHEAD_BYTES = 64 << 20;

interface Cursor {
  position: number;
  bytesBefore: number;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(full)));
    else if (e.isFile() && !isSidecar(full)) out.push(full);
  }
  return out;
}

/** the files an import reads and their total size (for progress) */
export async function emailFiles(target: string): Promise<{ files: string[]; root: string; bytes: number; folder: boolean }> {
  const info = await stat(target);
  const folder = info.isDirectory();
  const files = folder ? await listFiles(target) : [target];
  let bytes = 0;
  for (const f of files) bytes += (await stat(f)).size;
  return { files, root: folder ? target : path.dirname(target), bytes, folder };
}

async function head(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** an analysis that failed outright (a worker died) rejects its message, not the file */
const settle = (result: Promise<AnalyseResult>): Promise<AnalyseResult> =>
  result.catch((error: unknown) => ({ ok: false as const, reason: `analysis failed: ${error instanceof Error ? error.message : String(error)}` }));

/** an mbox's messages as inputs, analysed up to reader.lookahead ahead, yielded in file order */
async function* mboxInputs(messages: AsyncIterable<MboxMessage>, name: string, cursor: Cursor, reader: Reader, labels: LabelMap | undefined): AsyncIterable<IngestInput<EmailItem>> {
  const window: { m: MboxMessage; result: Promise<AnalyseResult> }[] = [];
  let windowBytes = 0;
  const emit = async () => {
    const { m, result } = window.shift()!;
    windowBytes -= m.raw.length;
    const where: Where = { origin: `${name}#${m.index}`, format: 'mbox', index: m.index, sourceOffset: cursor.bytesBefore + m.offset };
    return toInput(m.raw, await result, where, ++cursor.position, reader.threads, labels);
  };
  for await (const m of messages) {
    window.push({ m, result: settle(reader.analyse(m.raw, m.separator)) });
    windowBytes += m.raw.length;
    while (window.length >= reader.lookahead || windowBytes > LOOKAHEAD_BYTES) yield await emit();
  }
  while (window.length > 0) yield await emit();
}

async function* fileInputs(file: string, name: string, cursor: Cursor, reader: Reader, labels: LabelMap | undefined): AsyncIterable<IngestInput<EmailItem>> {
  const size = (await stat(file)).size;
  const reject = (reason: string): IngestInput<EmailItem> => ({ rejected: reason, position: ++cursor.position, origin: name, sourceOffset: cursor.bytesBefore + size });
  if (size === 0) {
    yield reject('empty file');
  } else {
    const start = await head(file, 64 * 1024);
    if (looksLikeMbox(start)) yield* mboxInputs(mboxFromFile(file), name, cursor, reader, labels);
    else if (start.subarray(0, 8192).includes(0)) yield reject('binary file, not an RFC 5322 message (export Outlook .msg files as .eml)');
    else if (size > EML_MAX_BYTES) yield reject(`a single message of ${Math.round(size / 1048576)} MB is over the ${EML_MAX_BYTES / 1048576} MB limit`);
    else {
      const raw = await readFile(file);
      const where: Where = { origin: name, format: 'eml', index: 1, sourceOffset: cursor.bytesBefore + size };
      yield await toInput(raw, await settle(reader.analyse(raw, undefined)), where, ++cursor.position, reader.threads, labels);
    }
  }
  cursor.bytesBefore += size;
}

/** the messages of a file, a folder or an upload, as ingestion inputs (parse failures as rejections) */
export async function* emailInputs(source: EmailSource, reader: Reader): AsyncIterable<IngestInput<EmailItem>> {
  const cursor: Cursor = { position: 0, bytesBefore: 0 };
  if (source.kind === 'content') {
    const buffer = Buffer.from(source.content, 'utf8');
    const name = source.name ?? `upload.${source.format}`;
    if (source.format === 'eml') {
      const where: Where = { origin: name, format: 'eml', index: 1, sourceOffset: buffer.length };
      yield await toInput(buffer, await settle(reader.analyse(buffer, undefined)), where, ++cursor.position, reader.threads, undefined);
    } else if (!looksLikeMbox(buffer)) {
      yield { rejected: 'not an mbox: the content does not open with a "From " separator line', position: 1, origin: name };
    } else yield* mboxInputs(mboxFromBuffer(buffer), name, cursor, reader, undefined);
    return;
  }
  const { files, root, folder } = await emailFiles(source.path);
  for (const file of files) {
    const name = folder ? path.relative(root, file) : path.basename(file);
    let labels: LabelMap | undefined;
    try {
      labels = await labelsFor(file);
    } catch (error) {
      yield { rejected: error instanceof Error ? error.message : String(error), position: ++cursor.position, origin: `${name}.labels.json` };
    }
    try {
      yield* fileInputs(file, name, cursor, reader, labels);
    } catch (error) {
      // an unreadable file (permissions, vanished, I/O error) is reported; the other files still import
      yield { rejected: `file unreadable: ${error instanceof Error ? error.message : String(error)}`, position: ++cursor.position, origin: name };
    }
  }
}
