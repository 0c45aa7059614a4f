import type { Executor } from '../../db/client.ts';
import { interactionWindowCounts, type LinkedInteraction } from '../../db/repos/interactions.ts';
import { interactionTexts, riskTimelines } from '../../db/repos/risk-timelines.ts';
import { dealFieldEvents, leadsForRisk, openDealsForRisk, type FieldEvent, type RiskDeal, type RiskLead } from '../../db/repos/risk.ts';
import type { Scope } from '../../db/repos/scope.ts';
import { stageDurationStats } from '../../db/repos/stage-stats.ts';
import { customerDisengaging, negativeSentiment } from './risk-trends.ts';
import {
  closeDateSlipped,
  DAY_MS,
  noContact,
  noResponse,
  probabilityDrop,
  stuckInStage,
  windowValues,
  type SignalFinding,
} from './risk-signals.ts';
import { SEVERITY_RANK, severityOf, SIGNAL_WEIGHT, type RiskThresholds, type Severity } from './risk-thresholds.ts';

// Loads what the signals need for every open deal and watched lead in scope (a handful of set-based
// queries, not one per record), runs the signals and folds the findings into one alert per record.
// Timelines come without text (db/repos/risk-timelines.ts); the alerts whose evidence will be shown get
// their interactions' text afterwards and their signals run again on it (same findings, quotes filled in).

export interface RiskAlert {
  dedupeKey: string;
  recordType: 'opportunity' | 'lead';
  recordId: string;
  name: string;
  account: string | null;
  ownerId: string | null;
  owner: string | null;
  valueMinor: number | null;
  currency: string | null;
  severity: Severity;
  /** sum of the signal weights (see SIGNAL_WEIGHT) */
  weight: number;
  signals: SignalFinding[];
}

export interface ScanScope {
  db: Executor;
  scope: Scope;
  now: Date;
}

export interface ScanFilter {
  recordType?: 'opportunity' | 'lead' | undefined;
  /** only these records (ids already resolved) */
  opportunityIds?: string[] | undefined;
  leadIds?: string[] | undefined;
  ownerId?: string | undefined;
}

const group = <T>(items: T[], key: (t: T) => string) => {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
};

export interface ScanOptions {
  /**
   * The alerts (given sorted) whose evidence will be shown: only these get interaction text in their evidence
   * quotes, the others' quotes stay empty. Default: all of them.
   */
  evidenceFor?: (sorted: RiskAlert[]) => RiskAlert[];
}

export async function scanRisks(
  ctx: ScanScope,
  t: RiskThresholds,
  filter: ScanFilter = {},
  options: ScanOptions = {},
): Promise<{ alerts: RiskAlert[]; scanned: { deals: number; leads: number } }> {
  const { db, scope, now } = ctx;
  const wantDeals = filter.recordType !== 'lead' && !(filter.leadIds && !filter.opportunityIds);
  const wantLeads = filter.recordType !== 'opportunity' && !(filter.opportunityIds && !filter.leadIds);
  const deals = wantDeals ? await openDealsForRisk(db, scope, { ...(filter.opportunityIds ? { ids: filter.opportunityIds } : {}), ...(filter.ownerId ? { ownerId: filter.ownerId } : {}) }) : [];
  const leads = wantLeads ? await leadsForRisk(db, scope, { ...(filter.leadIds ? { ids: filter.leadIds } : {}), ...(filter.ownerId ? { ownerId: filter.ownerId } : {}) }) : [];
  const latest = Math.max(20, t.noResponseCount + 5);
  const alerts: RiskAlert[] = [];
  // how to run an alert's signals again once its timeline has text
  const rerun = new Map<string, { timeline: LinkedInteraction[]; alert: () => RiskAlert | null }>();

  if (deals.length > 0) {
    const ids = deals.map((d) => d.id);
    const timelines = await riskTimelines(db, 'opportunity', scope, ids, { asOf: now, latest, latestWithSentiment: t.sentimentWindow });
    const stats = await stageDurationStats(db, { asOf: now, minSamples: t.stuckMinSamples });
    const probStart = new Date(now.getTime() - t.probabilityWindowDays * DAY_MS);
    const closeStart = new Date(now.getTime() - t.closeSlipWindowDays * DAY_MS);
    const prob = group(await dealFieldEvents(db, scope, ids, 'probability', { windowStart: probStart, asOf: now }), (e) => e.dealId);
    const close = group(await dealFieldEvents(db, scope, ids, 'expectedCloseDate', { windowStart: closeStart, asOf: now }), (e) => e.dealId);
    for (const deal of deals) {
      const timeline = timelines.get(deal.id) ?? [];
      const alert = () => {
        const signals = dealSignals(deal, timeline, { stats: stats.get(deal.stage), prob: prob.get(deal.id) ?? [], close: close.get(deal.id) ?? [], probStart, closeStart }, now, t);
        return signals.length > 0 ? toAlert('opportunity', deal.id, deal.name, deal.accountName, deal.ownerId, deal.ownerName, deal.valueMinor, deal.currency, signals) : null;
      };
      const found = alert();
      if (found) alerts.push(found);
      if (found) rerun.set(found.dedupeKey, { timeline, alert });
    }
  }

  if (leads.length > 0) {
    const ids = leads.map((l) => l.id);
    const timelines = await riskTimelines(db, 'lead', scope, ids, { asOf: now, latest, latestWithSentiment: t.sentimentWindow });
    const customers = leads.filter((l) => l.lifecycleStage === 'customer').map((l) => l.id);
    const recentFrom = new Date(now.getTime() - t.disengageRecentDays * DAY_MS);
    const priorFrom = new Date(recentFrom.getTime() - t.disengagePriorDays * DAY_MS);
    const counts = new Map((await interactionWindowCounts(db, 'lead', scope, customers, { asOf: now, recentFrom, priorFrom })).map((c) => [c.recordId, c]));
    for (const lead of leads) {
      const timeline = timelines.get(lead.id) ?? [];
      const alert = () => {
        const signals = leadSignals(lead, timeline, counts.get(lead.id) ?? { recent: 0, prior: 0 }, now, t);
        return signals.length > 0 ? toAlert('lead', lead.id, lead.fullName, lead.accountName, lead.ownerId, lead.ownerName, null, null, signals) : null;
      };
      const found = alert();
      if (found) alerts.push(found);
      if (found) rerun.set(found.dedupeKey, { timeline, alert });
    }
  }
  const sorted = sortAlerts(alerts);
  const shown = options.evidenceFor ? options.evidenceFor(sorted) : sorted;
  const withText = await withEvidenceText(db, shown.map((a) => rerun.get(a.dedupeKey)!));
  return { alerts: sorted.map((a) => withText.get(a.dedupeKey) ?? a), scanned: { deals: deals.length, leads: leads.length } };
}

/** Fills in the text of these alerts' timelines and runs their signals again: the findings are the same, the quotes now real. */
async function withEvidenceText(db: Executor, runs: { timeline: LinkedInteraction[]; alert: () => RiskAlert | null }[]): Promise<Map<string, RiskAlert>> {
  const texts = await interactionTexts(db, [...new Set(runs.flatMap((r) => r.timeline.map((ix) => ix.id)))]);
  const out = new Map<string, RiskAlert>();
  for (const run of runs) {
    for (const ix of run.timeline) Object.assign(ix, texts.get(ix.id));
    const alert = run.alert();
    if (alert) out.set(alert.dedupeKey, alert);
  }
  return out;
}

interface DealFacts {
  stats: Parameters<typeof stuckInStage>[1];
  prob: FieldEvent[];
  close: FieldEvent[];
  probStart: Date;
  closeStart: Date;
}

export function dealSignals(deal: RiskDeal, timeline: LinkedInteraction[], facts: DealFacts, now: Date, t: RiskThresholds): SignalFinding[] {
  return [
    noContact(timeline, { createdAt: deal.createdAt, lastContactedAt: null, recordId: deal.id, kind: 'opportunity' }, now, t),
    noResponse(timeline, t),
    stuckInStage(deal, facts.stats, now),
    probabilityDrop(deal.probability, windowValues(facts.prob, facts.probStart), t),
    closeDateSlipped(deal.expectedCloseDate, windowValues(facts.close, facts.closeStart), t),
    negativeSentiment(timeline, t),
  ].filter((s): s is SignalFinding => s !== null);
}

/** Which signals watch a lead: silence for hot prospects, unanswered outreach for active ones, mood for all, drift for customers. */
export function leadSignals(lead: RiskLead, timeline: LinkedInteraction[], counts: { recent: number; prior: number }, now: Date, t: RiskThresholds): SignalFinding[] {
  const customer = lead.lifecycleStage === 'customer';
  const hot = !customer && lead.score !== null && lead.score >= t.hotLeadScore;
  return [
    hot ? noContact(timeline, { createdAt: lead.createdAt, lastContactedAt: lead.lastContactedAt, recordId: lead.id, kind: 'lead' }, now, t) : null,
    customer ? null : noResponse(timeline, t),
    negativeSentiment(timeline, t),
    customer ? customerDisengaging(lead, counts, t) : null,
  ].filter((s): s is SignalFinding => s !== null);
}

export function toAlert(
  recordType: 'opportunity' | 'lead',
  recordId: string,
  name: string,
  account: string | null,
  ownerId: string | null,
  owner: string | null,
  valueMinor: number | null,
  currency: string | null,
  signals: SignalFinding[],
): RiskAlert {
  const weight = signals.reduce((s, f) => s + SIGNAL_WEIGHT[f.signal], 0);
  return { dedupeKey: `risk:${recordType}:${recordId}`, recordType, recordId, name, account, ownerId, owner, valueMinor, currency, severity: severityOf(weight), weight, signals };
}

/** severity first, then value (largest first; leads have none), then name and id so the order never wobbles */
export function sortAlerts(alerts: RiskAlert[]): RiskAlert[] {
  return [...alerts].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      (b.valueMinor ?? -1) - (a.valueMinor ?? -1) ||
      a.name.localeCompare(b.name) ||
      a.recordId.localeCompare(b.recordId),
  );
}
