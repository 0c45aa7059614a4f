import { createHash } from 'node:crypto';
import type { SourceItemKind } from './types.ts';

// Idempotency: the same content imported twice hashes the same, whatever line endings, trailing
// blanks or Unicode composition the second copy arrived with.

/** NFC, LF line endings, no trailing whitespace on lines, no leading/trailing blank lines. */
export function normaliseContent(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/^\n+|\n+$/g, '');
}

/** sha256 (hex) of the kind and the normalised content: equal for the same item of the same kind. */
export function contentHash(kind: SourceItemKind, content: string): string {
  return createHash('sha256').update(kind).update('\n').update(normaliseContent(content)).digest('hex');
}
