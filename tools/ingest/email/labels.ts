import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

// Gmail labels (and thread ids) from a sidecar JSON next to the mail: `<file>.labels.json` for one
// file, `labels.json` in a folder. Either { "<message-id>": ["Label", ...] | { labels, threadId } }
// or [{ messageId, labels, threadId? }]. Message ids match with or without angle brackets.

export interface LabelInfo {
  labels: string[];
  threadId: string | null;
}

export type LabelMap = Map<string, LabelInfo>;

const bare = (id: string) => id.trim().replace(/^<|>$/g, '');
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function parseLabels(json: unknown): LabelMap {
  const out: LabelMap = new Map();
  const add = (id: unknown, labels: unknown, threadId: unknown) => {
    if (typeof id !== 'string' || !id.trim()) return;
    out.set(bare(id), { labels: strings(labels), threadId: typeof threadId === 'string' && threadId ? threadId : null });
  };
  if (Array.isArray(json)) {
    for (const entry of json) {
      if (entry && typeof entry === 'object') {
        const e = entry as Record<string, unknown>;
        add(e.messageId ?? e.message_id, e.labels ?? e.labelIds, e.threadId ?? e.thread_id);
      }
    }
    return out;
  }
  if (json && typeof json === 'object') {
    for (const [id, value] of Object.entries(json as Record<string, unknown>)) {
      if (Array.isArray(value)) add(id, value, null);
      else if (value && typeof value === 'object') {
        const v = value as Record<string, unknown>;
        add(id, v.labels ?? v.labelIds, v.threadId ?? v.thread_id);
      }
    }
    return out;
  }
  throw new Error('expected an object keyed by Message-ID or an array of { messageId, labels }');
}

const exists = (file: string) => stat(file).then((s) => s.isFile(), () => false);

export const isSidecar = (file: string) => /(^|[./\\])labels\.json$/i.test(path.basename(file));

/** a sidecar file's labels, or undefined when there is no such file; throws with the reason when it is unreadable */
export async function loadSidecar(file: string): Promise<LabelMap | undefined> {
  if (!(await exists(file))) return undefined;
  try {
    return parseLabels(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    throw new Error(`labels sidecar ${path.basename(file)} is unreadable: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** labels for the messages of `file`: its own `<file>.labels.json` over the folder's `labels.json` */
export async function labelsFor(file: string): Promise<LabelMap | undefined> {
  const folder = await loadSidecar(path.join(path.dirname(file), 'labels.json'));
  const own = await loadSidecar(`${file}.labels.json`);
  if (!folder || !own) return own ?? folder;
  return new Map([...folder, ...own]);
}
