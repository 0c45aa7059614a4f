import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { leadMemories, leads } from '../schema/index.ts';
import { ownedByClause, type Scope } from './scope.ts';

/** Adds a note unless the lead already has the same one (case-insensitive); returns whether it was new. */
export async function addLeadMemory(ex: Executor, row: { leadId: string; note: string; createdBy: string; createdAt: Date }): Promise<boolean> {
  const [existing] = await ex
    .select({ id: leadMemories.id })
    .from(leadMemories)
    .where(and(eq(leadMemories.leadId, row.leadId), sql`lower(${leadMemories.note}) = lower(${row.note})`));
  if (existing) return false;
  await ex.insert(leadMemories).values(row);
  return true;
}

export async function countLeadMemories(ex: Executor, leadId: string): Promise<number> {
  const [row] = await ex.select({ n: sql<number>`count(*)::int` }).from(leadMemories).where(eq(leadMemories.leadId, leadId));
  return row?.n ?? 0;
}

/** The newest notes of the given leads the scope can see, at most `perLead` each. */
export async function listLeadMemories(ex: Executor, scope: Scope, leadIds: string[], perLead: number): Promise<{ leadId: string; lead: string; note: string }[]> {
  if (leadIds.length === 0) return [];
  const rows = await ex
    .select({ leadId: leadMemories.leadId, lead: leads.fullName, note: leadMemories.note })
    .from(leadMemories)
    .innerJoin(leads, eq(leads.id, leadMemories.leadId))
    .where(and(inArray(leadMemories.leadId, leadIds), ownedByClause(scope, leads.ownerId)))
    .orderBy(desc(leadMemories.createdAt));
  const taken = new Map<string, number>();
  return rows.filter((row) => {
    const n = taken.get(row.leadId) ?? 0;
    taken.set(row.leadId, n + 1);
    return n < perLead;
  });
}
