import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/rows.ts';
import type { ExpectedNumber, Tolerance } from './numbers-match.ts';

// Questions whose answers carry numbers, each with the numbers computed independently of the tools:
// raw SQL over the store, for the actor's scope and the eval clock (now = 2026-06-15T12:00Z, so
// "this quarter" = 2026-Q2 up to now, "last quarter" = 2026-Q1, "last month" = 2026-05).
// Definitions used (stated once, so a disagreement with a tool can be judged):
//   won        = outcome 'won' (stage closed_won), dated by closed_at (UTC), value summed in USD minor units
//   win rate   = won / (won + lost) among deals closed in the period, percent
//   open       = outcome is null (one of the five open stages)
//   scope      = a rep their own deals/leads, a manager their team's and their own, exec/admin all
//   leads      = not merged into another lead (merged_into_id is null and status <> 'merged')
//   target     = the sum of the quarterly quotas of the active reps in scope (role 'rep')
// Fair tolerances: sums of money and counts are exact (integers in the store); percentages are given
// by the tools to one decimal, so 0.05 points; an average or a probability-weighted sum may round per
// deal, so a relative 0.1 % / 0.01 %. In an answer text a rounded figure ("$1.2M", "41%") matches what
// it is a rounding of (numbersMatch), on top of these.

export interface AnswerCheck {
  id: string;
  /** email of the demo user asking */
  actor: string;
  question: string;
  /** the tool that should answer it, and the input the question implies */
  tool: string;
  args: Record<string, unknown>;
  compute(db: Db): Promise<ExpectedNumber[]>;
  /** the same numbers read off the tool's output, in compute's order (to compare tool and SQL) */
  read(data: unknown): number[];
  /** fair slack when comparing with the tool or an answer (tools round percentages to one decimal) */
  tolerance?: Tolerance;
}

export const EVAL_NOW_ISO = '2026-06-15T12:00:00Z';
const NOW = sql`${EVAL_NOW_ISO}::timestamptz`;

// ---- SQL building blocks --------------------------------------------------------------------------

/** Owner ids the actor may see, straight from users and roles (not through the repos' scope code). */
function visibleOwners(actor: string): SQL {
  return sql`(select u.id from users u, users a where a.email = ${actor}
    and (a.role in ('exec', 'admin') or u.id = a.id or (a.role = 'manager' and u.team_id = a.team_id)))`;
}

interface Range {
  from: string;
  /** exclusive */
  to: string;
}
const Q1: Range = { from: '2026-01-01', to: '2026-04-01' };
const Q2: Range = { from: '2026-04-01', to: '2026-07-01' };
const Q4_2025: Range = { from: '2025-10-01', to: '2026-01-01' };
const MAY: Range = { from: '2026-05-01', to: '2026-06-01' };
const Y2025: Range = { from: '2025-01-01', to: '2026-01-01' };
const Y2026: Range = { from: '2026-01-01', to: '2027-01-01' };

const closedIn = (r: Range) => sql`o.closed_at >= ${r.from}::timestamptz and o.closed_at < ${r.to}::timestamptz and o.closed_at <= ${NOW}`;

interface DealFilter {
  owner?: string;
  team?: string;
  product?: string;
}
function dealFilter(f: DealFilter): SQL {
  return sql.join(
    [
      sql`true`,
      f.owner ? sql`o.owner_id = (select id from users where full_name = ${f.owner})` : sql`true`,
      f.team ? sql`o.owner_id in (select u.id from users u join teams t on t.id = u.team_id where t.name = ${f.team})` : sql`true`,
      f.product ? sql`o.product_id = (select id from products where name = ${f.product})` : sql`true`,
    ],
    sql` and `,
  );
}

async function closedStats(db: Db, actor: string, r: Range, f: DealFilter = {}) {
  const [row] = await rows<{ won: number; lost: number; won_value: number; lost_value: number }>(
    db,
    sql`select count(*) filter (where o.outcome = 'won')::int as won,
               count(*) filter (where o.outcome = 'lost')::int as lost,
               coalesce(sum(o.value_minor) filter (where o.outcome = 'won' and o.currency = 'USD'), 0)::float8 as won_value,
               coalesce(sum(o.value_minor) filter (where o.outcome = 'lost' and o.currency = 'USD'), 0)::float8 as lost_value
        from opportunities o
        where o.owner_id in ${visibleOwners(actor)} and ${closedIn(r)} and ${dealFilter(f)}`,
  );
  return row!;
}

async function openStats(db: Db, actor: string, where: SQL = sql`true`) {
  const [row] = await rows<{ n: number; value: number; weighted: number }>(
    db,
    sql`select count(*)::int as n, coalesce(sum(o.value_minor), 0)::float8 as value,
               coalesce(sum(o.value_minor * o.probability / 100.0), 0)::float8 as weighted
        from opportunities o
        where o.owner_id in ${visibleOwners(actor)} and o.outcome is null and o.currency = 'USD' and ${where}`,
  );
  return row!;
}

/** Quarterly quota of the active reps the actor sees (optionally one team's), in minor units. */
async function quarterTarget(db: Db, actor: string, team?: string): Promise<number> {
  const [row] = await rows<{ q: number }>(
    db,
    sql`select coalesce(sum(u.quarterly_quota_minor), 0)::float8 as q from users u
        where u.role = 'rep' and u.active and u.id in ${visibleOwners(actor)}
          and ${team ? sql`u.team_id = (select id from teams where name = ${team})` : sql`true`}`,
  );
  return row!.q;
}

async function leadCount(db: Db, actor: string, where: SQL): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from leads l
        where l.owner_id in ${visibleOwners(actor)} and l.merged_into_id is null and l.status <> 'merged' and ${where}`,
  );
  return row!.n;
}

const pct = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);
const money = (label: string, value: number): ExpectedNumber => ({ label, value, unit: 'money_minor' });
const count = (label: string, value: number): ExpectedNumber => ({ label, value, unit: 'count' });
const percent = (label: string, value: number): ExpectedNumber => ({ label, value, unit: 'percent' });

// ---- readers of tool outputs (only the fields the checks compare) ----------------------------------

type Json = Record<string, any>; // tool outputs are read loosely: only the compared fields matter
const j = (data: unknown) => data as Json;
const revenueTotal = (d: unknown) => [j(d).total.won.amountMinor, j(d).total.deals];
const winLoss = (d: unknown) => [j(d).overall.winRate, j(d).overall.won, j(d).overall.lost];
const stageOf = (d: unknown, stage: string) => j(d).stages.find((s: Json) => s.stage === stage);
const pageTotal = (d: unknown) => [j(d).page.total];

// ---- the checks -------------------------------------------------------------------------------------

const EXEC = 'exec@dealwise.demo';
const ADMIN = 'admin@dealwise.demo';
const MAYA = 'maya.chen@dealwise.demo';
const JORDAN = 'jordan.blake@dealwise.demo';
const KENJI = 'kenji.watanabe@dealwise.demo';
const HANNAH = 'hannah.park@dealwise.demo';
const DANIEL = 'daniel.okafor@dealwise.demo';
const SOFIA = 'sofia.alvarez@dealwise.demo';
const RACHEL = 'rachel.kim@dealwise.demo';

function revenueCheck(id: string, actor: string, question: string, args: Record<string, unknown>, r: Range, f: DealFilter = {}): AnswerCheck {
  return {
    id, actor, question, tool: 'revenue_report', args,
    async compute(db) {
      const s = await closedStats(db, actor, r, f);
      return [money('won revenue', s.won_value), count('deals won', s.won)];
    },
    read: revenueTotal,
  };
}

function winRateCheck(id: string, actor: string, question: string, args: Record<string, unknown>, r: Range, f: DealFilter = {}): AnswerCheck {
  return {
    id, actor, question, tool: 'win_loss_analysis', args,
    async compute(db) {
      const s = await closedStats(db, actor, r, f);
      return [percent('win rate', pct(s.won, s.won + s.lost)), count('deals won', s.won), count('deals lost', s.lost)];
    },
    read: winLoss,
    tolerance: { percent: 0.05 },
  };
}

function pipelineStageCheck(id: string, actor: string, question: string, stage: string): AnswerCheck {
  return {
    id, actor, question, tool: 'pipeline_summary', args: {},
    async compute(db) {
      const s = await openStats(db, actor, sql`o.stage = ${stage}`);
      return [count(`${stage} deals`, s.n), money(`${stage} value`, s.value)];
    },
    read: (d) => [stageOf(d, stage)?.count ?? 0, stageOf(d, stage)?.totalValue.amountMinor ?? 0],
  };
}

function leadCountCheck(id: string, actor: string, question: string, args: Record<string, unknown>, where: SQL): AnswerCheck {
  return {
    id, actor, question, tool: 'lead_search', args: { ...args, limit: 1 },
    async compute(db) {
      return [count('leads', await leadCount(db, actor, where))];
    },
    read: pageTotal,
  };
}

function openCountCheck(id: string, actor: string, question: string, args: Record<string, unknown>, where: SQL): AnswerCheck {
  return {
    id, actor, question, tool: 'opportunity_search', args: { ...args, status: 'open', limit: 1 },
    async compute(db) {
      return [count('open deals', (await openStats(db, actor, where)).n)];
    },
    read: pageTotal,
  };
}

export const answerChecks: AnswerCheck[] = [
  revenueCheck('rev-q1', EXEC, 'What did we win in Q1?', { period: '2026-Q1' }, Q1),
  revenueCheck('rev-last-month', EXEC, 'How much revenue did we close last month?', { period: 'last_month' }, MAY),
  revenueCheck('rev-qtd', EXEC, 'Revenue so far this quarter?', { period: 'this_quarter' }, Q2),
  revenueCheck('rev-2025', ADMIN, 'Total won in 2025?', { period: '2025' }, Y2025),
  revenueCheck('rev-q4-2025', EXEC, 'How many deals did we win in Q4 2025, and for how much?', { period: '2025-Q4' }, Q4_2025),
  revenueCheck('rev-team-qtd', SOFIA, 'What has my team won this quarter?', { period: 'this_quarter' }, Q2),
  revenueCheck('rev-rep-qtd', JORDAN, 'How much have I closed this quarter?', { period: 'this_quarter' }, Q2),
  revenueCheck('rev-ent-lastq', DANIEL, 'Enterprise revenue last quarter', { period: 'last_quarter' }, Q1),
  revenueCheck('rev-product-ytd', EXEC, 'How much Forecast Pro have we sold this year?', { period: 'this_year', product: 'Forecast Pro' }, Y2026, { product: 'Forecast Pro' }),
  revenueCheck('rev-smb-may', RACHEL, 'What did SMB win in May?', { period: '2026-05' }, MAY),
  revenueCheck('rev-owner-lastq', SOFIA, "What did Kenji close last quarter?", { period: 'last_quarter', owner: 'Kenji Watanabe' }, Q1, { owner: 'Kenji Watanabe' }),
  {
    id: 'target-ent-qtd', actor: DANIEL, question: "What's our quota this quarter and where are we against it?", tool: 'revenue_report', args: { period: 'this_quarter' },
    async compute(db) {
      const target = await quarterTarget(db, DANIEL);
      const s = await closedStats(db, DANIEL, Q2);
      return [money('quarter target', target), percent('attainment', pct(s.won_value, target))];
    },
    read: (d) => [j(d).total.target.amountMinor, j(d).total.attainment],
    tolerance: { percent: 0.05 },
  },
  {
    id: 'attainment-mm-lastq', actor: SOFIA, question: 'Mid-Market quota attainment last quarter?', tool: 'revenue_report', args: { period: 'last_quarter', team: 'Mid-Market' },
    async compute(db) {
      const target = await quarterTarget(db, SOFIA, 'Mid-Market');
      const s = await closedStats(db, SOFIA, Q1, { team: 'Mid-Market' });
      return [percent('attainment', pct(s.won_value, target))];
    },
    read: (d) => [j(d).total.attainment],
    tolerance: { percent: 0.05 },
  },
  winRateCheck('winrate-lastq', EXEC, 'Win rate last quarter?', { from: '2026-01-01', to: '2026-03-31' }, Q1),
  winRateCheck('winrate-2025', EXEC, 'What was our win rate in 2025?', { from: '2025-01-01', to: '2025-12-31' }, Y2025),
  winRateCheck('winrate-rep-ytd', SOFIA, "Tom's win rate this year", { owner: 'Tom Becker', from: '2026-01-01', to: '2026-06-15' }, { from: '2026-01-01', to: '2026-06-16' }, { owner: 'Tom Becker' }),
  winRateCheck('winrate-team-may', RACHEL, "My team's win rate in May", { from: '2026-05-01', to: '2026-05-31' }, MAY),
  // the tool's default window: close dates from 180 days before today up to today, inclusive
  winRateCheck('winrate-default', MAYA, "What's my win rate?", {}, { from: '2025-12-17', to: '2026-06-16' }),
  {
    id: 'lost-lastq', actor: EXEC, question: 'How much did we lose last quarter, and how many deals?', tool: 'win_loss_analysis', args: { from: '2026-01-01', to: '2026-03-31' },
    async compute(db) {
      const s = await closedStats(db, EXEC, Q1);
      return [money('lost value', s.lost_value), count('deals lost', s.lost)];
    },
    read: (d) => [j(d).overall.lostValue.amountMinor, j(d).overall.lost],
  },
  {
    id: 'avg-won-q1', actor: EXEC, question: 'Average won deal size in Q1?', tool: 'win_loss_analysis', args: { from: '2026-01-01', to: '2026-03-31' },
    async compute(db) {
      const s = await closedStats(db, EXEC, Q1);
      return [money('average won deal', s.won === 0 ? 0 : s.won_value / s.won)];
    },
    read: (d) => [j(d).overall.won === 0 ? 0 : j(d).overall.wonValue.amountMinor / j(d).overall.won],
    tolerance: { money: 0.001 },
  },
  {
    id: 'top-rep-q1', actor: EXEC, question: 'Who was the top rep in Q1 and how much did they close?', tool: 'rep_leaderboard', args: { period: '2026-Q1' },
    async compute(db) {
      const [row] = await rows<{ v: number; n: number }>(
        db,
        sql`select sum(o.value_minor)::float8 as v, count(*)::int as n from opportunities o
            where o.outcome = 'won' and o.currency = 'USD' and ${closedIn(Q1)} and o.owner_id in ${visibleOwners(EXEC)}
            group by o.owner_id order by v desc limit 1`,
      );
      return [money('top rep revenue', row?.v ?? 0), count('top rep deals won', row?.n ?? 0)];
    },
    read: (d) => [j(d).reps[0].wonRevenue.amountMinor, j(d).reps[0].dealsWon],
  },
  openCountCheck('open-deals-owner', EXEC, 'How many open deals does Tom Becker have?', { owner: 'Tom Becker' }, sql`o.owner_id = (select id from users where full_name = 'Tom Becker')`),
  openCountCheck('open-deals-mine', KENJI, 'How many deals do I have open?', {}, sql`true`),
  openCountCheck('closing-this-month', EXEC, 'How many open deals are expected to close this month?', { from: '2026-06-01', to: '2026-06-30' }, sql`o.expected_close_date between '2026-06-01' and '2026-06-30'`),
  openCountCheck('big-open-deals', EXEC, 'How many open deals are worth at least $500k?', { valueMin: 50_000_000 }, sql`o.value_minor >= 50000000`),
  pipelineStageCheck('pipeline-proposal', EXEC, "What's the pipeline value in proposal stage?", 'proposal'),
  pipelineStageCheck('pipeline-negotiation-rep', HANNAH, 'How many of my deals are in negotiation and what are they worth?', 'negotiation'),
  {
    id: 'pipeline-total', actor: EXEC, question: 'How big is the open pipeline, and what is it worth weighted by probability?', tool: 'pipeline_summary', args: {},
    async compute(db) {
      const s = await openStats(db, EXEC);
      return [count('open deals', s.n), money('open pipeline', s.value), money('weighted pipeline', s.weighted)];
    },
    read: (d) => [j(d).totals.count, j(d).totals.totalValue.amountMinor, j(d).totals.weightedValue.amountMinor],
    // the weighted sum rounds each deal to whole cents
    tolerance: { money: 0.0001 },
  },
  {
    id: 'pipeline-team', actor: RACHEL, question: "How big is my team's pipeline?", tool: 'pipeline_summary', args: {},
    async compute(db) {
      const s = await openStats(db, RACHEL);
      return [count('open deals', s.n), money('open pipeline', s.value)];
    },
    read: (d) => [j(d).totals.count, j(d).totals.totalValue.amountMinor],
  },
  {
    id: 'funnel-qualified-ytd', actor: EXEC, question: "What share of this year's leads got to qualified?", tool: 'funnel_report', args: { period: 'this_year' },
    async compute(db) {
      const inYear = sql`l.created_at >= '2026-01-01' and l.created_at < '2027-01-01'`;
      const reached = sql`${inYear} and (l.lifecycle_stage in ('qualified', 'opportunity', 'customer')
        or exists (select 1 from lead_stage_history h where h.lead_id = l.id and h.to_stage in ('qualified', 'opportunity', 'customer') and h.changed_at <= ${NOW}))`;
      const all = await leadCount(db, EXEC, inYear);
      const qualified = await leadCount(db, EXEC, reached);
      return [count('leads this year', all), count('reached qualified', qualified), percent('qualified rate', pct(qualified, all))];
    },
    read: (d) => {
      const step = j(d).overall.steps.find((s: Json) => s.step === 'qualified');
      return [j(d).overall.leads, step.count, step.shareOfCohort];
    },
    tolerance: { percent: 0.05 },
  },
  {
    id: 'rep-winrate-lastq', actor: RACHEL, question: "What was Carlos's win rate last quarter?", tool: 'rep_leaderboard', args: { period: 'last_quarter', rankBy: 'win_rate' },
    async compute(db) {
      const s = await closedStats(db, RACHEL, Q1, { owner: 'Carlos Mendes' });
      return [percent('win rate', pct(s.won, s.won + s.lost)), count('deals won', s.won), count('deals lost', s.lost)];
    },
    read: (d) => {
      const rep = j(d).reps.find((r: Json) => r.name === 'Carlos Mendes');
      return [rep.winRate, rep.dealsWon, rep.dealsLost];
    },
    tolerance: { percent: 0.05 },
  },
  {
    // the leaderboard counts every interaction recorded under the rep (inbound ones included)
    id: 'interactions-rep-q1', actor: EXEC, question: 'How many interactions were logged for Maya Chen in Q1?', tool: 'rep_leaderboard', args: { period: '2026-Q1', rankBy: 'activities' },
    async compute(db) {
      const [row] = await rows<{ n: number }>(
        db,
        sql`select count(*)::int as n from interactions i
            where i.user_id = (select id from users where full_name = 'Maya Chen')
              and i.occurred_at >= ${Q1.from}::timestamptz and i.occurred_at < ${Q1.to}::timestamptz`,
      );
      return [count('interactions', row!.n)];
    },
    read: (d) => [j(d).reps.find((r: Json) => r.name === 'Maya Chen').activities.total],
  },
  leadCountCheck('leads-referral', EXEC, 'How many referral leads do we have?', { source: 'referral' }, sql`l.source = 'referral'`),
  leadCountCheck('leads-qualified-mine', MAYA, 'How many qualified leads do I have?', { lifecycleStage: 'qualified' }, sql`l.lifecycle_stage = 'qualified'`),
  leadCountCheck('leads-disqualified', ADMIN, 'How many leads are disqualified?', { lifecycleStage: 'disqualified' }, sql`l.lifecycle_stage = 'disqualified'`),
  {
    id: 'webinar-leads-ytd', actor: EXEC, question: 'How many leads came from webinars this year?', tool: 'funnel_report', args: { period: 'this_year', groupBy: 'source' },
    async compute(db) {
      return [count('webinar leads', await leadCount(db, EXEC, sql`l.source = 'webinar' and l.created_at >= '2026-01-01' and l.created_at < '2027-01-01'`))];
    },
    read: (d) => [j(d).groups.find((g: Json) => g.key === 'webinar')?.leads ?? 0],
  },
  {
    id: 'leads-this-quarter', actor: SOFIA, question: 'How many new leads has my team had this quarter, and how many are customers already?', tool: 'funnel_report', args: { period: 'this_quarter' },
    async compute(db) {
      const inQuarter = sql`l.created_at >= '2026-04-01' and l.created_at < '2026-07-01'`;
      const customers = sql`${inQuarter} and (l.lifecycle_stage = 'customer'
        or exists (select 1 from lead_stage_history h where h.lead_id = l.id and h.to_stage = 'customer'))`;
      return [count('new leads', await leadCount(db, SOFIA, inQuarter)), count('became customers', await leadCount(db, SOFIA, customers))];
    },
    read: (d) => [j(d).overall.leads, j(d).overall.steps.find((s: Json) => s.step === 'customer').count],
  },
  {
    id: 'campaign-spend', actor: EXEC, question: 'What have we spent on campaigns in total?', tool: 'campaign_roi', args: {},
    async compute(db) {
      const [row] = await rows<{ c: number }>(db, sql`select coalesce(sum(cost_minor), 0)::float8 as c from campaigns where currency = 'USD'`);
      return [money('campaign spend', row!.c)];
    },
    read: (d) => [j(d).campaigns.reduce((sum: number, c: Json) => sum + c.cost.amountMinor, 0)],
  },
  {
    id: 'webinar-cost', actor: ADMIN, question: 'How much did the webinar campaign cost?', tool: 'campaign_roi', args: { channel: 'webinar' },
    async compute(db) {
      const [row] = await rows<{ c: number }>(db, sql`select coalesce(sum(cost_minor), 0)::float8 as c from campaigns where channel = 'webinar' and currency = 'USD'`);
      return [money('webinar spend', row!.c)];
    },
    read: (d) => [j(d).campaigns.reduce((sum: number, c: Json) => sum + c.cost.amountMinor, 0)],
  },
];

export { numbersMatch, type ExpectedNumber, type NumberMatch, type Tolerance, type Unit } from './numbers-match.ts';
