import { ratio } from '../../core/stats/descriptive.ts';
import type { LeadProfileRow } from '../../db/repos/analytics-engagement.ts';
import { pct } from '../core/schemas.ts';

// What converts: leads created in the period grouped by seniority, industry and company size band.
//   conversion rate = leads that converted (joined a deal) / leads in the group, percent
//   customer rate   = leads whose lifecycle reached customer / leads in the group, percent
// A group under `minSample` leads (default 30) is flagged: its rate moves a lot with one lead more or less.

export const INDUSTRY_CAP = 15;

/** Company size bands by head count; unknown when the account has no head count. */
export function sizeBand(employees: number | null): string {
  if (employees === null || employees < 1) return 'unknown';
  if (employees < 50) return '1-49';
  if (employees < 200) return '50-199';
  if (employees < 1000) return '200-999';
  if (employees < 5000) return '1000-4999';
  return '5000+';
}
const SIZE_ORDER = ['1-49', '50-199', '200-999', '1000-4999', '5000+', 'unknown'];
const SENIORITY_ORDER = ['c_level', 'vp', 'director', 'manager', 'individual', 'unknown'];

export interface ConversionGroup {
  group: string;
  n: number;
  converted: number;
  conversionRate: number | null;
  customers: number;
  customerRate: number | null;
  smallSample: boolean;
}

const rate = (part: number, whole: number) => {
  const r = ratio(part, whole);
  return r === null ? null : pct(r * 100);
};

function groupBy(leads: readonly LeadProfileRow[], keyOf: (l: LeadProfileRow) => string, minSample: number): ConversionGroup[] {
  const groups = new Map<string, { n: number; converted: number; customers: number }>();
  for (const lead of leads) {
    const key = keyOf(lead);
    const g = groups.get(key) ?? { n: 0, converted: 0, customers: 0 };
    g.n++;
    if (lead.converted) g.converted++;
    if (lead.customer) g.customers++;
    groups.set(key, g);
  }
  return [...groups.entries()].map(([group, g]) => ({
    group,
    n: g.n,
    converted: g.converted,
    conversionRate: rate(g.converted, g.n),
    customers: g.customers,
    customerRate: rate(g.customers, g.n),
    smallSample: g.n < minSample,
  }));
}

const byOrder = (order: readonly string[]) => (a: ConversionGroup, b: ConversionGroup) => order.indexOf(a.group) - order.indexOf(b.group);

export function conversionByDimension(leads: readonly LeadProfileRow[], minSample: number) {
  const industries = groupBy(leads, (l) => l.industry?.trim() || 'unknown', minSample).sort((a, b) => b.n - a.n || a.group.localeCompare(b.group));
  return {
    overall: groupBy(leads, () => 'all', minSample)[0] ?? { group: 'all', n: 0, converted: 0, conversionRate: null, customers: 0, customerRate: null, smallSample: true },
    bySeniority: groupBy(leads, (l) => l.seniority ?? 'unknown', minSample).sort(byOrder(SENIORITY_ORDER)),
    byIndustry: industries.slice(0, INDUSTRY_CAP),
    industriesOmitted: Math.max(0, industries.length - INDUSTRY_CAP),
    bySize: groupBy(leads, (l) => sizeBand(l.employees), minSample).sort(byOrder(SIZE_ORDER)),
  };
}
