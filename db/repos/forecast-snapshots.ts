import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { forecastSnapshots } from '../schema/index.ts';
import { ownedBy, type Scope } from './scope.ts';

// Forecast snapshots: one row per run and group. A snapshot belongs to whoever took it, so the caller's
// scope applies to its creator: a rep sees their own snapshots, a manager the team's, exec/admin all.

export type NewForecastSnapshot = typeof forecastSnapshots.$inferInsert;
export type ForecastSnapshotRow = typeof forecastSnapshots.$inferSelect;

const where = (...conditions: (SQL | undefined)[]) => and(...conditions.filter((c): c is SQL => c !== undefined));

export async function insertForecastSnapshots(ex: Executor, snapshotRows: readonly NewForecastSnapshot[]): Promise<number> {
  if (snapshotRows.length === 0) return 0;
  await ex.insert(forecastSnapshots).values([...snapshotRows]);
  return snapshotRows.length;
}

/** The rows of one run, if the caller may see them. */
export async function snapshotRun(ex: Executor, scope: Scope, runId: string): Promise<ForecastSnapshotRow[]> {
  return ex
    .select()
    .from(forecastSnapshots)
    .where(where(eq(forecastSnapshots.runId, runId), ownedBy(scope, forecastSnapshots.createdById)))
    .orderBy(asc(forecastSnapshots.groupBy), asc(forecastSnapshots.groupKey));
}

export interface SnapshotFilters {
  periodStart?: string;
  periodEnd?: string;
  groupBy?: string;
  runId?: string;
  currency?: string;
}

/** Snapshot rows the caller may see, newest period and run first, at most `cap`. */
export async function listForecastSnapshots(ex: Executor, scope: Scope, f: SnapshotFilters, cap: number): Promise<ForecastSnapshotRow[]> {
  return ex
    .select()
    .from(forecastSnapshots)
    .where(
      where(
        ownedBy(scope, forecastSnapshots.createdById),
        f.periodStart ? eq(forecastSnapshots.periodStart, f.periodStart) : undefined,
        f.periodEnd ? eq(forecastSnapshots.periodEnd, f.periodEnd) : undefined,
        f.groupBy ? eq(forecastSnapshots.groupBy, f.groupBy) : undefined,
        f.runId ? eq(forecastSnapshots.runId, f.runId) : undefined,
        f.currency ? eq(forecastSnapshots.currency, f.currency) : undefined,
      ),
    )
    .orderBy(desc(forecastSnapshots.periodStart), desc(forecastSnapshots.asOf), asc(forecastSnapshots.runId), asc(forecastSnapshots.groupKey))
    .limit(cap);
}
