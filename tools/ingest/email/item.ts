import type { IngestInput, RawItem } from '../core/index.ts';
import type { AnalyseResult } from './analyse.ts';
import type { LabelMap } from './labels.ts';
import type { ParsedEmail } from './parse.ts';
import type { ThreadResolver } from './thread.ts';
import type { Signals } from '../signals/index.ts';

// One analysed message -> the RawItem the ingestion core stores: raw text kept (whole up to 1 MB),
// the content hash's canonical form, external ids, thread key, labels from a sidecar, metadata.

export interface EmailItem extends ParsedEmail {
  threadKey: string | null;
  /** move earlier messages of a provisional thread onto this one's (see thread.ts) */
  threadRekey: { from: string; to: string } | null;
  signals: Signals | null;
  embedText: string;
  chunks: { text: string; embedding: number[] }[] | null;
}

export interface Where {
  origin: string;
  format: 'mbox' | 'eml';
  index: number;
  /** bytes of the input consumed once this message was read */
  sourceOffset: number;
}

/** raw text kept on the source item: whole up to this size, else headers + decoded text */
const RAW_KEEP_BYTES = 1 << 20;

function rawTextOf(raw: Buffer, email: ParsedEmail): { rawText: string; truncated: boolean } {
  if (raw.length <= RAW_KEEP_BYTES) return { rawText: raw.toString('utf8'), truncated: false };
  const end = raw.indexOf('\n\n');
  const headers = raw.subarray(0, end < 0 ? Math.min(raw.length, 64 * 1024) : end).toString('utf8');
  return { rawText: `${headers}\n\n${email.text}`, truncated: true };
}

/** what the content hash covers: the message's identity and words, not transport headers */
function canonical(raw: Buffer, e: ParsedEmail): string {
  if (!e.messageId) return raw.toString('latin1');
  return [`message-id:${e.messageId}`, `date:${e.date?.toISOString() ?? ''}`, `from:${e.from?.email ?? ''}`, `subject:${e.subject ?? ''}`, '', e.text].join('\n');
}

export async function toInput(
  raw: Buffer,
  result: AnalyseResult,
  where: Where,
  position: number,
  threads: ThreadResolver,
  labels: LabelMap | undefined,
): Promise<IngestInput<EmailItem>> {
  if (!result.ok) return { rejected: result.reason, position, origin: where.origin, sourceOffset: where.sourceOffset };
  const { email: e, signals, embedText, chunks } = result.analysed;
  const side = e.messageId ? labels?.get(e.messageId) : undefined;
  if (side) {
    e.labels = [...new Set([...e.labels, ...side.labels])];
    e.gmailThreadId ??= side.threadId;
  }
  const { key: threadKey, rekey } = await threads.keyFor(e);
  const { rawText, truncated } = rawTextOf(raw, e);
  const externalIds: Record<string, string> = {};
  if (e.messageId) externalIds.messageId = e.messageId;
  if (e.gmailMessageId) externalIds.gmailMessageId = e.gmailMessageId;
  if (e.gmailThreadId) externalIds.gmailThreadId = e.gmailThreadId;
  const item: RawItem<EmailItem> = {
    kind: 'email',
    position,
    rawText,
    content: canonical(raw, e),
    externalIds,
    threadKey,
    title: e.subject,
    origin: where.origin,
    occurredAt: e.date,
    sourceOffset: where.sourceOffset,
    metadata: {
      format: where.format,
      messageIndex: where.index,
      from: e.from,
      to: e.to,
      cc: e.cc,
      bcc: e.bcc,
      replyTo: e.replyTo,
      inReplyTo: e.inReplyTo,
      references: e.references.slice(0, 50),
      labels: e.labels,
      attachments: e.attachments.slice(0, 100),
      automated: e.automated,
      quotedChars: e.quotedChars,
      signatureRemoved: e.signatureRemoved,
      rawBytes: raw.length,
      ...(truncated ? { rawTruncated: true } : {}),
    },
    payload: { ...e, threadKey, threadRekey: rekey, signals, embedText, chunks },
  };
  return item;
}
