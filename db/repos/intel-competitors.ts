import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';
import { toDate } from './interactions.ts';
import { dealInScope } from './opportunity-columns.ts';
import type { Scope } from './scope.ts';

// How deals against one competitor went. The record (win rate, lost reasons) is an org-wide aggregate: only
// counts and reason texts leave, no deal. The passages quoted from won deals come from the caller's scope only.

export interface CompetitorRecord {
  closed: number;
  won: number;
  /** lost deals whose lost_to_competitor names it */
  lostTo: number;
  lostReasons: { reason: string; count: number }[];
}

// A deal faced the competitor when its competitors list or its lost-to field names it (case-insensitive).
const faced = (competitor: string) => sql`(
  exists (select 1 from unnest(o.competitors) c where lower(c) = lower(${competitor}))
  or lower(coalesce(o.lost_to_competitor, '')) = lower(${competitor}))`;

export async function competitorRecord(
  ex: Executor,
  competitor: string,
  options: { asOf: Date; excludeId?: string; reasons?: number },
): Promise<CompetitorRecord> {
  const asOf = options.asOf.toISOString();
  const exclude = options.excludeId ? sql`and o.id <> ${options.excludeId}::uuid` : sql``;
  const [totals] = await rows<Omit<CompetitorRecord, 'lostReasons'>>(
    ex,
    sql`
      select count(*)::int as closed,
             (count(*) filter (where o.outcome = 'won'))::int as won,
             (count(*) filter (where o.outcome = 'lost' and lower(coalesce(o.lost_to_competitor, '')) = lower(${competitor})))::int as "lostTo"
      from opportunities o
      where o.closed_at is not null and o.closed_at <= ${asOf}::timestamptz and o.outcome is not null and ${faced(competitor)} ${exclude}`,
  );
  const lostReasons = await rows<{ reason: string; count: number }>(
    ex,
    sql`
      select o.lost_reason as reason, count(*)::int as count
      from opportunities o
      where o.closed_at is not null and o.closed_at <= ${asOf}::timestamptz and o.outcome = 'lost' and o.lost_reason is not null
        and ${faced(competitor)} ${exclude}
      group by o.lost_reason
      order by count(*) desc, o.lost_reason
      limit ${options.reasons ?? 3}`,
  );
  return { closed: totals?.closed ?? 0, won: totals?.won ?? 0, lostTo: totals?.lostTo ?? 0, lostReasons };
}

export interface CompetitorMention {
  interactionId: string;
  dealId: string;
  deal: string;
  occurredAt: Date;
  type: string;
  quote: string;
}

/**
 * What was said about the competitor in deals won against it: interactions of won deals the caller may see
 * that name the competitor, newest first, each quoted around the first mention.
 */
export async function mentionsInWonDeals(ex: Executor, scope: Scope, competitor: string, options: { asOf: Date; limit: number }): Promise<CompetitorMention[]> {
  const pattern = `%${competitor.replace(/[%_\\]/g, '\\$&')}%`;
  const found = await rows<Omit<CompetitorMention, 'occurredAt'> & { occurredAt: Date | string }>(
    ex,
    sql`
      select i.id as "interactionId", o.id as "dealId", o.name as deal, i.occurred_at as "occurredAt", i.type::text as type,
             substr(i.body, greatest(1, strpos(lower(i.body), lower(${competitor})) - 120), 320) as quote
      from interactions i
      join opportunities o on o.id = i.opportunity_id
      where o.outcome = 'won' and o.closed_at <= ${options.asOf.toISOString()}::timestamptz and ${faced(competitor)}
        and i.body ilike ${pattern}
        and ${dealInScope(scope, sql`o.id`)}
      order by i.occurred_at desc, i.id
      limit ${options.limit}`,
  );
  return found.map((m) => ({ ...m, occurredAt: toDate(m.occurredAt), quote: m.quote.trim() }));
}
