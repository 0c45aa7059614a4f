import { sql } from 'drizzle-orm';
import type { OpportunityStage } from '../../core/domain.ts';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';

export interface StageDurationStats {
  stage: OpportunityStage;
  /** completed stays (the deal entered and later left the stage) */
  samples: number;
  p50Days: number;
  p80Days: number;
  meanDays: number;
}

/**
 * How long deals stay in each stage, from the stage history: a stay runs from entering a stage to the next
 * change. Only stays that had ended by `asOf` count, so a replay never sees the future. Stages with fewer
 * than `minSamples` completed stays are left out (too few to call anything "stuck").
 */
export async function stageDurationStats(
  ex: Executor,
  options: { asOf: Date; minSamples?: number },
): Promise<Map<OpportunityStage, StageDurationStats>> {
  const asOf = options.asOf.toISOString();
  const result = await rows<{ stage: OpportunityStage; samples: number; p50: number; p80: number; mean: number }>(
    ex,
    sql`
      with stays as (
        select to_stage as stage,
               changed_at as entered_at,
               lead(changed_at) over (partition by opportunity_id order by changed_at, id) as left_at
        from opportunity_stage_history
        where changed_at < ${asOf}::timestamptz
      )
      select stage,
             count(*)::int as samples,
             percentile_cont(0.5) within group (order by extract(epoch from left_at - entered_at) / 86400)::float8 as p50,
             percentile_cont(0.8) within group (order by extract(epoch from left_at - entered_at) / 86400)::float8 as p80,
             avg(extract(epoch from left_at - entered_at) / 86400)::float8 as mean
      from stays
      where left_at is not null and left_at <= ${asOf}::timestamptz
        and stage not in ('closed_won', 'closed_lost')
      group by stage
      having count(*) >= ${options.minSamples ?? 5}
    `,
  );
  return new Map(
    result.map((r) => [r.stage, { stage: r.stage, samples: r.samples, p50Days: r.p50, p80Days: r.p80, meanDays: r.mean }]),
  );
}
