import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { looksLikeMbox } from '../email/mbox.ts';

// Which importer `npm run ingest -- <path>` uses, from the file type:
//   .csv, or a folder holding CSV files (the Maven set)         -> CRM CSV (ingest_crm_csv)
//   .vtt .srt .sbv .json, a .txt that is not mail, or a folder
//   of those                                                    -> transcripts (ingest_transcript)
//   .mbox .eml and anything else, files or folders              -> email (ingest_email), as before
// A .txt is read: an mbox ("From " line) or a message (header lines) is mail, anything else a transcript.

export const INPUT_KINDS = ['email', 'transcript', 'csv'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

const TRANSCRIPT = new Set(['.vtt', '.webvtt', '.srt', '.sbv', '.json']);
const MAIL = new Set(['.mbox', '.mbx', '.eml', '.msg']);
const HEADER = /^(return-path|received|from|to|subject|date|message-id|mime-version|delivered-to|x-[\w-]+):/i;

type FileKind = InputKind | 'other';

async function head(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function fileKind(file: string): Promise<FileKind> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (MAIL.has(ext)) return 'email';
  if (TRANSCRIPT.has(ext)) return 'transcript';
  if (ext !== '.txt') return 'other';
  const start = await head(file);
  const firstLine = start.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return looksLikeMbox(start) || HEADER.test(firstLine) ? 'email' : 'transcript';
}

/** The files of a folder (not recursive, dot files left out), in name order. */
export async function folderFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => path.join(dir, e.name)).sort();
}

export interface ImportPart {
  kind: InputKind;
  /** a file, or the whole folder when every file in it is of one kind */
  target: string;
}

/** CRM rows first (the deals), then mail, then meetings: later fragments correlate with what came before */
const ORDER: Record<InputKind, number> = { csv: 0, email: 1, transcript: 2 };

/**
 * What an import of `target` runs: one importer over a file or a one-kind folder (licences and
 * read-mes beside the data, kind 'other', do not decide); for a folder mixing kinds (the demo files:
 * mailboxes beside call transcripts), each file through its own importer.
 */
export async function importPlan(target: string): Promise<ImportPart[]> {
  if ((await stat(target)).isFile()) {
    const kind = await fileKind(target);
    return [{ kind: kind === 'other' ? 'email' : kind, target }];
  }
  const files = await folderFiles(target);
  const kinds = await Promise.all(files.map(fileKind));
  const known = new Set(kinds.filter((k): k is InputKind => k !== 'other'));
  if (known.size <= 1) return [{ kind: [...known][0] ?? 'email', target }];
  return files
    .flatMap((file, i) => (kinds[i] === 'other' ? [] : [{ kind: kinds[i] as InputKind, target: file }]))
    .sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || (a.target < b.target ? -1 : 1));
}
