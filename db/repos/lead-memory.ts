import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { leads } from '../schema/index.ts';

// Per-lead memory: what a conversation said about a lead. Pain points go to leads.pain_points (read by
// scoring and drafting), everything else to attributes.memory, a list of dated notes.

export interface LeadMemoryNote {
  note: string;
  kind: 'preference' | 'pain_point';
  at: string;
  byUserId: string;
}

export async function readLeadMemory(ex: Executor, leadId: string): Promise<{ ownerId: string | null; painPoints: string[]; memory: LeadMemoryNote[] } | undefined> {
  const [row] = await ex.select({ ownerId: leads.ownerId, painPoints: leads.painPoints, attributes: leads.attributes }).from(leads).where(eq(leads.id, leadId));
  if (!row) return undefined;
  const memory = Array.isArray(row.attributes.memory) ? (row.attributes.memory as LeadMemoryNote[]) : [];
  return { ownerId: row.ownerId, painPoints: row.painPoints, memory };
}

export async function appendLeadMemory(ex: Executor, leadId: string, entry: LeadMemoryNote, at: Date): Promise<void> {
  const memory = sql`coalesce(${leads.attributes} -> 'memory', '[]'::jsonb) || ${JSON.stringify([entry])}::jsonb`;
  await ex
    .update(leads)
    .set({
      attributes: sql`jsonb_set(${leads.attributes}, '{memory}', ${memory})`,
      ...(entry.kind === 'pain_point' ? { painPoints: sql`array_append(${leads.painPoints}, ${entry.note})` } : {}),
      updatedAt: at,
    })
    .where(eq(leads.id, leadId));
}
