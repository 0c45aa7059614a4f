import { alertsByKeys, alertsByPrefix, insertAlerts, resolveAlerts, updateAlert, type AlertRow, type NewAlertRow } from '../../db/repos/alerts.ts';
import { scanRisks, type RiskAlert, type ScanScope } from './risk-scan.ts';
import type { Evidence } from './risk-signals.ts';
import { DEFAULT_RISK_THRESHOLDS } from './risk-thresholds.ts';

// Stores what risk_scan finds: one alert per record (dedupeKey risk:<type>:<id>). A finding seen again
// updates its alert (firstSeenAt kept, lastSeenAt = now, reopened if it had been resolved); an open risk
// alert the scan no longer finds is resolved. Running it twice at the same instant changes nothing.

export type SyncChange = 'created' | 'updated' | 'reopened' | 'refreshed' | 'unchanged' | 'resolved';

export interface SyncEntry {
  dedupeKey: string;
  alertId: string;
  severity: 'low' | 'medium' | 'high';
  change: SyncChange;
}

const MAX_EVIDENCE = 20;

/** The alert row a finding should have (everything but ids and the seen/resolved bookkeeping). */
export function alertContent(a: RiskAlert) {
  const evidence: Evidence[] = a.signals.flatMap((s) => s.evidence).slice(0, MAX_EVIDENCE);
  return {
    signal: a.signals.map((s) => s.signal).join(','),
    severity: a.severity,
    leadId: a.recordType === 'lead' ? a.recordId : null,
    opportunityId: a.recordType === 'opportunity' ? a.recordId : null,
    ownerId: a.ownerId,
    title: `${a.name}: ${a.signals.map((s) => s.signal.replace(/_/g, ' ')).join(', ')}`,
    detail: a.signals.map((s) => s.detail).join('; '),
    evidence: evidence as unknown[],
  };
}

type Content = ReturnType<typeof alertContent>;

// jsonb stores object keys in its own order, so compare evidence with keys sorted.
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

const sameContent = (row: AlertRow, c: Content) =>
  row.signal === c.signal &&
  row.severity === c.severity &&
  row.leadId === c.leadId &&
  row.opportunityId === c.opportunityId &&
  row.ownerId === c.ownerId &&
  row.title === c.title &&
  row.detail === c.detail &&
  canonical(row.evidence) === canonical(c.evidence);

export async function syncRiskAlerts(ctx: ScanScope): Promise<{ found: number; entries: SyncEntry[] }> {
  const { db, scope, now } = ctx;
  const { alerts: found } = await scanRisks(ctx, DEFAULT_RISK_THRESHOLDS);
  const existing = new Map((await alertsByKeys(db, scope, found.map((a) => a.dedupeKey))).map((r) => [r.dedupeKey, r]));
  const entries: SyncEntry[] = [];
  const toInsert: NewAlertRow[] = [];

  for (const alert of found) {
    const content = alertContent(alert);
    const row = existing.get(alert.dedupeKey);
    if (!row) {
      toInsert.push({ dedupeKey: alert.dedupeKey, ...content, status: 'open', firstSeenAt: now, lastSeenAt: now });
      continue;
    }
    const reopen = row.status === 'resolved';
    const changed = !sameContent(row, content);
    const seen = row.lastSeenAt.getTime() !== now.getTime();
    const change: SyncChange = reopen ? 'reopened' : changed ? 'updated' : seen ? 'refreshed' : 'unchanged';
    if (change !== 'unchanged') {
      await updateAlert(db, scope, row.id, { ...content, lastSeenAt: now, ...(reopen ? { status: 'open' as const, resolvedAt: null } : {}) });
    }
    entries.push({ dedupeKey: alert.dedupeKey, alertId: row.id, severity: alert.severity, change });
  }
  for (const written of await insertAlerts(db, toInsert)) {
    const severity = found.find((a) => a.dedupeKey === written.dedupeKey)!.severity;
    entries.push({ dedupeKey: written.dedupeKey, alertId: written.id, severity, change: 'created' });
  }

  const stillFound = new Set(found.map((a) => a.dedupeKey));
  const stale = (await alertsByPrefix(db, scope, 'risk:', { unresolvedOnly: true })).filter((r) => !stillFound.has(r.dedupeKey));
  const resolved = new Set(await resolveAlerts(db, scope, stale.map((r) => r.id), now));
  for (const row of stale) {
    if (resolved.has(row.id)) entries.push({ dedupeKey: row.dedupeKey, alertId: row.id, severity: row.severity, change: 'resolved' });
  }
  entries.sort((a, b) => a.dedupeKey.localeCompare(b.dedupeKey));
  return { found: found.length, entries };
}
