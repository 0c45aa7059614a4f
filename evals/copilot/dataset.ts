import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

// The copilot eval format, shared by the dev set and the held-out set (one conversation per JSONL line).

const call = z.object({ tool: z.string(), args: z.record(z.string(), z.unknown()).default({}) });
export const expectation = z.union([
  z.object({ calls: z.array(call).min(1) }),
  z.object({ clarify: z.literal(true) }),
  z.object({ decline: z.literal(true) }),
]);
export const conversation = z.object({
  id: z.string(),
  category: z.enum(['single', 'compound', 'followup', 'ambiguous', 'out_of_scope', 'missing_slot']),
  actor: z.string(),
  turns: z.array(z.object({ user: z.string(), expect: expectation })).min(1),
});

export type Expectation = z.infer<typeof expectation>;
export type Conversation = z.infer<typeof conversation>;
export type ExpectedCall = z.infer<typeof call>;

export interface Dataset {
  path: string;
  sha256: string;
  conversations: Conversation[];
}

export function loadDataset(path: string): Dataset {
  const text = readFileSync(path, 'utf8');
  const conversations = text
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, n }) => {
      const parsed = conversation.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${n}: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    });
  return { path, sha256: createHash('sha256').update(text).digest('hex'), conversations };
}
