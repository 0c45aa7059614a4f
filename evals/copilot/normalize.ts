import type { Executor } from '../../db/client.ts';
import { findAccounts, findLeads, findOpportunities, findProducts, findTeams, findUsers, type Match } from '../../db/repos/resolve.ts';
import type { Scope } from '../../db/repos/scope.ts';
import { parsePeriod } from '../../tools/analytics/period.ts';
import { parseDue } from '../../tools/automation/due.ts';
import { pickMatch } from '../../tools/core/resolve.ts';

// Both sides of a comparison in one form: names -> record ids through the tool layer's resolver as the
// actor sees them, every time span -> a [start, end) range under the eval clock, free text -> content words.

const ENTITY: Record<string, (ex: Executor, scope: Scope, ref: string) => Promise<Match[]>> = {
  lead: (ex, scope, ref) => findLeads(ex, scope, ref),
  survivor: (ex, scope, ref) => findLeads(ex, scope, ref),
  duplicate: (ex, scope, ref) => findLeads(ex, scope, ref),
  primaryContact: (ex, scope, ref) => findLeads(ex, scope, ref),
  opportunity: (ex, scope, ref) => findOpportunities(ex, scope, ref),
  account: (ex, _scope, ref) => findAccounts(ex, ref),
  owner: (ex, _scope, ref) => findUsers(ex, ref),
  team: (ex, _scope, ref) => findTeams(ex, ref),
  product: (ex, _scope, ref) => findProducts(ex, ref),
};
const TIME_FIELDS = ['period', 'from', 'to', 'closeFrom', 'closeTo', 'lastContactedAfter', 'lastContactedBefore'];
export const TEXT_FIELDS = new Set(['query', 'note', 'reason', 'text', 'title', 'objection', 'nextSteps', 'lostReason', 'wonReason']);
const IGNORED = new Set(['limit', 'offset', 'dryRun']);
const DAY = 86_400_000;
const STOP = new Set('the a an and or of to for in on at with about is are was were be that this it my our their her his them me i we you what did say said any all'.split(' '));

export const contentWords = (text: string) => new Set(text.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').split(/\s+/).filter((w) => w.length > 1 && !STOP.has(w)));

function day(value: string): number {
  return Date.parse(`${value.slice(0, 10)}T00:00:00Z`);
}

/** A time span, from any of the ways a call or a label writes it, as "start..end" (ms, end exclusive). */
export function timeRange(args: Record<string, unknown>, now: Date): string | undefined {
  const p = args.period;
  if (typeof p === 'string') {
    const value = /^(ytd|year_to_date)$/i.test(p) ? 'this_year' : /^(qtd)$/i.test(p) ? 'this_quarter' : /^(mtd)$/i.test(p) ? 'this_month' : p;
    try {
      const period = parsePeriod(value, now);
      return `${period.start.getTime()}..${period.end.getTime()}`;
    } catch {
      return `bad:${p}`;
    }
  }
  if (p && typeof p === 'object') {
    const { from, to } = p as { from?: string; to?: string };
    return `${from ? day(from) : '-'}..${to ? day(to) + DAY : '-'}`;
  }
  const from = (args.from ?? args.closeFrom ?? args.lastContactedAfter) as string | undefined;
  const to = (args.to ?? args.closeTo ?? args.lastContactedBefore) as string | undefined;
  if (!from && !to) return undefined;
  return `${from ? day(from) : '-'}..${to ? day(to) + DAY : '-'}`;
}

export interface Normalizer {
  /** a comparable form of each argument (time fields folded into one "time" key) */
  normalize(args: Record<string, unknown>): Promise<Map<string, string>>;
}

export function createNormalizer(ex: Executor, scope: Scope, now: Date): Normalizer {
  const cache = new Map<string, string>();
  async function entity(field: string, ref: string): Promise<string> {
    const key = `${field}:${ref.toLowerCase()}`;
    const hit = cache.get(key);
    if (hit) return hit;
    let value: string;
    try {
      value = `id:${pickMatch(field, ref, await ENTITY[field]!(ex, scope, ref)).id}`;
    } catch {
      value = `ref:${ref.trim().toLowerCase()}`;
    }
    cache.set(key, value);
    return value;
  }
  return {
    async normalize(args) {
      const out = new Map<string, string>();
      const time = timeRange(args, now);
      if (time) out.set('time', time);
      for (const [field, value] of Object.entries(args)) {
        if (IGNORED.has(field) || TIME_FIELDS.includes(field) || value === undefined) continue;
        if (field in ENTITY && typeof value === 'string') out.set(field, await entity(field, value));
        // "tomorrow", "next monday" and "2026-06-16" are the same due day under the eval clock: compare the day the tool would set
        else if (field === 'due' && typeof value === 'string') out.set(field, dueDay(value, now));
        else if (TEXT_FIELDS.has(field) && typeof value === 'string') out.set(field, `text:${[...contentWords(value)].sort().join(' ')}`);
        // objects compare by content, whatever order their keys were written in (a list of objects item by item, not as "[object Object]")
        else if (Array.isArray(value)) out.set(field, JSON.stringify([...value].map((v) => (v !== null && typeof v === 'object' ? stableJson(v) : String(v))).sort()));
        else out.set(field, typeof value === 'string' ? value.toLowerCase() : stableJson(value));
      }
      return out;
    },
  };
}

function dueDay(value: string, now: Date): string {
  try {
    return `day:${parseDue(value, now, 'UTC').toISOString().slice(0, 10)}`;
  } catch {
    return value.toLowerCase();
  }
}

/** JSON with every object's keys sorted, so {a, b} and {b, a} compare equal. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
