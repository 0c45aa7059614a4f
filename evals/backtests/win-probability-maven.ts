import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { auc, baseRateBrier, brier, type Prediction } from '../../core/stats/metrics.ts';
import {
  fitWinModel,
  memoryNeighbourSearch,
  predictWithSearch,
  type ClosedDeal,
  type DealFacts,
  type TrainingExample,
  type WinModelOptions,
} from '../../tools/opportunities/win-probability/model.ts';

// Maven CRM opportunities as an as-of replay. For each month, as-of = its first day; the deals open
// that day are scored with what was known then: a model fitted on deals closed before as-of, facts
// that do not change (agent, manager, office, product, account), and the deal's age that day.
// Never close_date, time to close, close_value or the outcome of the scored deal.

const here = path.dirname(fileURLToPath(import.meta.url));
export const MAVEN_DIR = path.resolve(here, '../../../shared/data/maven_crm_sales_opportunities');
const DAY = 86_400_000;

export interface MavenDeal {
  id: string;
  facts: Omit<DealFacts, 'daysInStage'>;
  engage: number | null;
  close: number | null;
  won: boolean | null; // null: still open at the end of the data
}

const key = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, ''); // 'GTXPro' and 'GTX Pro' meet
const read = (dir: string, file: string) =>
  parse(readFileSync(path.join(dir, file), 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];

/** Employees -> size band (fixed cut-offs, not fitted). */
const sizeBand = (employees: number) => (employees < 1000 ? 'small' : employees < 5000 ? 'mid' : 'large');

export function loadMaven(dir = MAVEN_DIR): MavenDeal[] | null {
  if (!existsSync(path.join(dir, 'sales_pipeline.csv'))) return null;
  const accounts = new Map(read(dir, 'accounts.csv').map((a) => [a.account ?? '', a]));
  const products = new Map(read(dir, 'products.csv').map((p) => [key(p.product ?? ''), p]));
  const teams = new Map(read(dir, 'sales_teams.csv').map((t) => [t.sales_agent ?? '', t]));
  return read(dir, 'sales_pipeline.csv').map((row) => {
    const account = row.account ? accounts.get(row.account) : undefined; // some open deals have no account
    const product = products.get(key(row.product ?? ''));
    const team = teams.get(row.sales_agent ?? '');
    const sector = account?.sector === 'technolgy' ? 'technology' : account?.sector;
    const attributes: Record<string, string> = {};
    if (team?.regional_office) attributes.office = team.regional_office;
    if (product?.series) attributes.series = product.series;
    if (row.account) attributes.account = row.account;
    if (account?.office_location) attributes.accountCountry = account.office_location;
    const stage = row.deal_stage;
    return {
      id: row.opportunity_id ?? '',
      facts: {
        id: row.opportunity_id ?? '',
        stage: 'engaging', // every deal scored here is in Engaging: Prospecting rows have no engage date
        product: product?.product ?? row.product,
        segment: sector,
        size: account?.employees ? sizeBand(Number(account.employees)) : undefined,
        owner: row.sales_agent,
        team: team?.manager,
        attributes,
      },
      engage: row.engage_date ? Date.parse(row.engage_date) : null,
      close: row.close_date ? Date.parse(row.close_date) : null,
      won: stage === 'Won' ? true : stage === 'Lost' ? false : null,
    };
  });
}

const openOn = (d: MavenDeal, day: number) => d.engage !== null && d.engage < day && (d.close === null || d.close >= day);
const days = (from: number, to: number) => Math.round((to - from) / DAY);

export interface MavenMonth {
  asOf: string;
  open: number;
  scored: Prediction[];
  history: number;
  examples: number;
  /** scored with the win rate of deals closed before as-of (the stage-only baseline: one stage) */
  baseline: Prediction[];
  /** the fitted model's prior weight (0 = it fell back to the stage prior) */
  modelWeight?: number;
  skipped?: string;
}

export interface MavenOptions {
  dir?: string;
  model?: Partial<WinModelOptions>;
  /**
   * Training snapshots come from earlier month starts whose open deals are at least this share
   * closed by as-of (default: half). Recent snapshots hold mostly the deals that closed fast (in
   * Maven, mostly losses): skipping unresolved months keeps that censoring bias out of training.
   * Not 0.9: a tenth of Maven's deals stay in Engaging forever, so no month ever reaches it.
   */
  minResolved?: number;
}

export function mavenReplay(options: MavenOptions = {}): MavenMonth[] | null {
  const deals = loadMaven(options.dir);
  if (!deals) return null;
  const minResolved = options.minResolved ?? 0.5;
  const closed = deals.filter((d) => d.won !== null && d.close !== null && d.engage !== null);
  const asClosed = (d: MavenDeal): ClosedDeal => ({
    ...d.facts,
    id: d.id,
    won: d.won === true,
    stagesReached: ['engaging'],
    daysInStages: { engaging: days(d.engage!, d.close!) },
  });
  // one index over every deal that ever closes, built once; every search made with it (fitting
  // included) is restricted by an allow-filter to deals closed before as-of
  const everClosed = memoryNeighbourSearch(closed.map(asClosed), { cacheTop: 1024 });
  const engaged = deals.filter((d) => d.engage !== null).map((d) => d.engage!);
  const first = new Date(Math.min(...engaged));
  const last = Math.max(...deals.map((d) => Math.max(d.engage ?? 0, d.close ?? 0)));
  const monthStarts: number[] = [];
  for (let m = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1); m <= last; ) {
    monthStarts.push(m);
    const d = new Date(m);
    m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  const months: MavenMonth[] = [];
  for (const asOf of monthStarts) {
    const label = new Date(asOf).toISOString().slice(0, 10);
    const open = deals.filter((d) => openOn(d, asOf));
    const toScore = open.filter((d) => d.won !== null); // still open at the end: outcome unknown, not scored
    const history = closed.filter((d) => d.close! < asOf).map(asClosed);
    const month: MavenMonth = { asOf: label, open: open.length, scored: [], history: history.length, examples: 0, baseline: [] };
    months.push(month);
    if (toScore.length === 0) {
      month.skipped = 'no deal open on this day closes within the data';
      continue;
    }
    if (history.length === 0) {
      month.skipped = 'no deal closed before this day: nothing to learn from';
      continue;
    }
    const closedBefore = new Set(history.map((d) => d.id));
    const search = everClosed.within(closedBefore);
    const examples: TrainingExample[] = [];
    for (const snapshot of monthStarts.filter((m) => m < asOf)) {
      const then = deals.filter((d) => openOn(d, snapshot));
      const resolved = then.filter((d) => closedBefore.has(d.id));
      if (resolved.length === 0 || resolved.length < minResolved * then.length) continue;
      for (const d of resolved) {
        examples.push({ deal: { ...d.facts, id: d.id, daysInStage: days(d.engage!, snapshot) }, won: d.won === true });
      }
    }
    month.examples = examples.length;
    if (examples.length === 0) {
      month.skipped = 'no earlier month is resolved enough to train on';
      continue;
    }
    const model = fitWinModel({ history, examples, search, options: options.model });
    month.modelWeight = model.modelWeight;
    const rate = history.filter((d) => d.won).length / history.length;
    for (const d of toScore) {
      const facts = { ...d.facts, daysInStage: days(d.engage!, asOf) };
      const { probability } = predictWithSearch(model, facts, search, (id) => closedBefore.has(id));
      month.scored.push({ p: probability, y: d.won === true });
      month.baseline.push({ p: rate, y: d.won === true });
    }
  }
  return months;
}

export function mavenSummary(months: readonly MavenMonth[]) {
  const scored = months.flatMap((m) => m.scored);
  const baseline = months.flatMap((m) => m.baseline);
  return {
    n: scored.length,
    auc: auc(scored),
    brier: brier(scored),
    baselineBrier: brier(baseline),
    baseRateBrier: scored.length ? baseRateBrier(scored) : Number.NaN,
    predictions: scored,
  };
}
