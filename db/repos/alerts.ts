import { asc, eq, inArray, like, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { alerts, leads } from '../schema/index.ts';
import { dealInScope } from './opportunity-columns.ts';
import { ownedBy, type Scope } from './scope.ts';
import { where } from './where.ts';

// Alerts are keyed by dedupeKey: a finding seen again updates the alert it already has. An alert follows
// its record: the caller sees (and may change) it when they may see the deal or lead it is about, so a
// reassigned deal's alert moves with it. An alert about no record falls back to its own owner.

export type AlertRow = typeof alerts.$inferSelect;
export type NewAlertRow = typeof alerts.$inferInsert;

export function alertInScope(scope: Scope): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  return sql`(
    ${dealInScope(scope, alerts.opportunityId)}
    or exists (select 1 from ${leads} where ${leads.id} = ${alerts.leadId} and ${ownedBy(scope, leads.ownerId)})
    or (${alerts.opportunityId} is null and ${alerts.leadId} is null and ${ownedBy(scope, alerts.ownerId)})
  )`;
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/** Alerts in scope whose dedupeKey starts with `prefix` (e.g. 'risk:'), optionally only unresolved ones. */
export async function alertsByPrefix(ex: Executor, scope: Scope, prefix: string, options: { unresolvedOnly?: boolean } = {}): Promise<AlertRow[]> {
  return ex
    .select()
    .from(alerts)
    .where(where(like(alerts.dedupeKey, `${escapeLike(prefix)}%`), options.unresolvedOnly ? ne(alerts.status, 'resolved') : undefined, alertInScope(scope)))
    .orderBy(asc(alerts.dedupeKey));
}

/** Alerts in scope with these dedupe keys. */
export async function alertsByKeys(ex: Executor, scope: Scope, keys: string[]): Promise<AlertRow[]> {
  if (keys.length === 0) return [];
  return ex.select().from(alerts).where(where(inArray(alerts.dedupeKey, keys), alertInScope(scope))).orderBy(asc(alerts.dedupeKey));
}

/** Inserts new alerts; one whose key another sync wrote meanwhile is skipped (and not returned). */
export async function insertAlerts(ex: Executor, rowsToWrite: NewAlertRow[]): Promise<{ id: string; dedupeKey: string }[]> {
  if (rowsToWrite.length === 0) return [];
  return ex
    .insert(alerts)
    .values(rowsToWrite)
    .onConflictDoNothing({ target: alerts.dedupeKey })
    .returning({ id: alerts.id, dedupeKey: alerts.dedupeKey });
}

/** Changes one alert the caller may see; false when it is outside the scope. */
export async function updateAlert(ex: Executor, scope: Scope, id: string, set: Partial<NewAlertRow>): Promise<boolean> {
  const changed = await ex.update(alerts).set(set).where(where(eq(alerts.id, id), alertInScope(scope))).returning({ id: alerts.id });
  return changed.length > 0;
}

/** Marks these alerts resolved (those in scope and not resolved yet); returns the ids it changed. */
export async function resolveAlerts(ex: Executor, scope: Scope, ids: string[], at: Date): Promise<string[]> {
  if (ids.length === 0) return [];
  const changed = await ex
    .update(alerts)
    .set({ status: 'resolved', resolvedAt: at })
    .where(where(inArray(alerts.id, ids), ne(alerts.status, 'resolved'), alertInScope(scope)))
    .returning({ id: alerts.id });
  return changed.map((r) => r.id);
}
