import type { Citation } from '../agents/models/types.ts';

// Citations for answers whose model gives none (LLMs): the evidence rows this turn's tools returned
// ({ sourceId, kind, date, quote }, the registry's evidence shape), deduped, in the order the tools gave them.

const CAP = 8;
const MAX_DEPTH = 6;

function isEvidence(value: unknown): value is { sourceId: string; kind: string; quote: string } {
  const v = value as Record<string, unknown> | null;
  return typeof v === 'object' && v !== null && typeof v.sourceId === 'string' && typeof v.kind === 'string' && typeof v.quote === 'string';
}

export function citationsFromOutputs(outputs: readonly unknown[]): Citation[] {
  const seen = new Set<string>();
  const found: Citation[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (found.length >= CAP || depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
    if (isEvidence(value)) {
      if (!seen.has(value.sourceId)) {
        seen.add(value.sourceId);
        found.push({ kind: value.kind, id: value.sourceId, quote: value.quote.length > 200 ? `${value.quote.slice(0, 199)}…` : value.quote });
      }
      return;
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) visit(child, depth + 1);
  };
  for (const output of outputs) visit(output, 0);
  return found;
}
