import { z } from 'zod';
import { closedDeals, repsInScope, type ClosedDealRow } from '../../db/repos/win-loss.ts';
import { invalidInput } from '../core/errors.ts';
import { resolveProduct, resolveTeam, resolveUser } from '../core/resolve.ts';
import { evidenceList, isoDateTime, money, percent } from '../core/schemas.ts';
import { resolveSpan, spanBound, spanInput } from '../analytics/period.ts';
import { defineTool } from '../registry.ts';
import { addDays, currencyField, formatMoney, moneyOf } from './opportunity-shared.ts';
import { competitorGroups, findPatterns, groupDeals, topReasons, winRatePercent, type GroupStats } from './win-loss.ts';

const DEFAULT_DAYS = 180;
const COMPETITOR_CAP = 20;
const EVIDENCE_CAP = 15;

const groupFields = {
  label: z.string().describe('the rep, product, competitor or source'),
  n: z.number().int().describe('closed deals in the group'),
  wins: z.number().int().describe('won'),
  losses: z.number().int().describe('lost'),
  winRate: percent.nullable().describe('wins / n in percent; null when n = 0'),
  smallSample: z.boolean().describe('true when n < 5: too few deals to read much into the rate'),
};
const group = z.object(groupFields).describe('win/loss counts of one group');
const reason = z
  .object({
    reason: z.string().describe('the reason as recorded'),
    count: z.number().int().describe('deals giving it'),
    share: percent.nullable().describe('share of the won (or lost) deals giving it'),
  })
  .describe('one reason and how often it was given');

const toGroup = (g: GroupStats) => ({ label: g.label, n: g.n, wins: g.wins, losses: g.losses, winRate: g.winRate, smallSample: g.smallSample });

export const winLossAnalysis = defineTool({
  name: 'win_loss_analysis',
  description:
    'Why deals were won or lost over a period (by close date: a period such as "2017", "2026-Q3", last_quarter, or from/to; default the last 180 days): won and lost counts, win rate and value, the most frequent won and lost reasons, breakdowns by rep, product, competitor (deals listing it and deals lost to it) and source with small samples flagged, and the groups whose win rate differs most from the overall one, in words. Only deals you can see.',
  input: z.object({
    period: spanInput.optional().describe('deals closed in this period: "2026", "2026-Q3", "2026-07", last_quarter, this_year, last_90_days, ytd... (default the last 180 days); or give from/to'),
    from: spanBound.optional().describe('first close date (or instant) to include; with to, instead of period (default 180 days ago)'),
    to: spanBound.optional().describe('last close date to include, inclusive: a date includes its whole day (default now)'),
    owner: z.string().trim().min(1).optional().describe('only this rep\'s deals (id, email or name)'),
    team: z.string().trim().min(1).optional().describe('only deals owned by this team\'s members (team id or name)'),
    product: z.string().trim().min(1).optional().describe('only deals for this product (id, name or SKU)'),
    currency: currencyField.default('USD').describe('currency the won and lost values are summed in (other deals count in the rates only)'),
  }),
  output: z.object({
    period: z
      .object({ label: z.string().describe('the period as named, or the custom range'), from: isoDateTime.describe('start, inclusive'), to: isoDateTime.describe('end, exclusive') })
      .describe('the close dates covered'),
    overall: z
      .object({
        closed: z.number().int().describe('deals closed in the period'),
        won: z.number().int().describe('won'),
        lost: z.number().int().describe('lost'),
        winRate: percent.nullable().describe('won / closed in percent; null when nothing closed'),
        wonValue: money.describe('value of the won deals'),
        lostValue: money.describe('value of the lost deals'),
      })
      .describe('the period as a whole'),
    wonReasons: z.array(reason).describe('most frequent reasons for wins (at most 10)'),
    lostReasons: z.array(reason).describe('most frequent reasons for losses (at most 10)'),
    byRep: z.array(group).describe('one row per rep you can see, including reps with no closed deals'),
    byProduct: z.array(group).describe('one row per product with closed deals'),
    byCompetitor: z
      .array(group.extend({ lostTo: z.number().int().describe('deals lost to this competitor') }).describe('win/loss counts of deals listing one competitor'))
      .describe('one row per competitor named on a closed deal (at most 20, most frequent first)'),
    bySource: z.array(group).describe('one row per deal source'),
    patterns: z
      .array(
        z
          .object({
            dimension: z.enum(['rep', 'product', 'competitor', 'source']).describe('which breakdown'),
            group: z.string().describe('the group'),
            n: z.number().int().describe('deals in the group'),
            winRate: percent.describe('the group\'s win rate'),
            differencePoints: z.number().describe('group win rate minus overall, in points'),
            text: z.string().describe('the pattern in words'),
          })
          .describe('a group whose win rate stands out'),
      )
      .describe('groups of 5+ deals whose win rate differs most from the overall one (at most 5)'),
    otherCurrencyDeals: z.number().int().describe('closed deals in other currencies: counted in rates, not in values'),
    evidence: evidenceList,
  }),
  annotations: { title: 'Win/loss analysis', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    // default and open ends: 180 days back, up to and including now
    const span = resolveSpan(input, ctx.now, { label: `last ${DEFAULT_DAYS} days`, start: null, end: null })!;
    const from = span.start ?? addDays(ctx.now, -DEFAULT_DAYS);
    const toExclusive = span.end ?? new Date(ctx.now.getTime() + 1);
    if (from.getTime() >= toExclusive.getTime()) throw invalidInput([{ field: 'from', message: 'must be on or before to' }]);
    const currency = input.currency.toUpperCase();
    const [owner, team, product] = await Promise.all([
      input.owner ? resolveUser(ctx, input.owner) : undefined,
      input.team ? resolveTeam(ctx, input.team) : undefined,
      input.product ? resolveProduct(ctx, input.product) : undefined,
    ]);
    const filters = { ...(owner ? { ownerId: owner.id } : {}), ...(team ? { teamId: team.id } : {}), ...(product ? { productId: product.id } : {}) };
    const [deals, reps] = await Promise.all([
      closedDeals(ctx.db, ctx.scope, { from, toExclusive, ...filters }),
      repsInScope(ctx.db, ctx.scope, { ...(team ? { teamId: team.id } : {}), ...(owner ? { userId: owner.id } : {}) }),
    ]);

    const won = deals.filter((d) => d.outcome === 'won');
    const valueOf = (list: ClosedDealRow[]) => list.filter((d) => d.currency.trim().toUpperCase() === currency).reduce((s, d) => s + d.valueMinor, 0);
    const overallRate = winRatePercent(won.length, deals.length);
    const byRep = groupDeals(deals, (d) => [{ key: d.ownerId, label: d.owner }], reps.map((r) => ({ key: r.id, label: r.name })));
    const byProduct = groupDeals(deals, (d) => [{ key: d.productId ?? '-', label: d.product ?? '(no product)' }]);
    const byCompetitor = competitorGroups(deals).slice(0, COMPETITOR_CAP);
    const bySource = groupDeals(deals, (d) => [{ key: d.source ?? '-', label: d.source ?? '(unknown)' }]);
    const wonReasons = topReasons(deals, 'won');
    const lostReasons = topReasons(deals, 'lost');
    const patterns = findPatterns({ rep: byRep, product: byProduct, competitor: byCompetitor, source: bySource }, overallRate);

    const byId = new Map(deals.map((d) => [d.id, d]));
    const exampleIds = [
      ...wonReasons.slice(0, 3).map((r) => r.dealIds[0]),
      ...lostReasons.slice(0, 3).map((r) => r.dealIds[0]),
      ...patterns.flatMap((p) => p.group.dealIds.slice(0, 2)),
    ].filter((id): id is string => id !== undefined);
    const evidence = [...new Set(exampleIds)].slice(0, EVIDENCE_CAP).map((id) => {
      const d = byId.get(id)!;
      const why = d.outcome === 'won' ? d.wonReason : [d.lostReason, d.lostToCompetitor ? `lost to ${d.lostToCompetitor}` : null].filter(Boolean).join('; ');
      return {
        sourceId: d.id,
        kind: 'opportunity',
        date: d.closedAt.toISOString(),
        quote: `${d.name} (${d.account}, ${d.owner}): ${d.outcome}, ${formatMoney(d.valueMinor, d.currency)}${why ? `: ${why}` : ''}`,
      };
    });

    return {
      period: { label: span.label, from: from.toISOString(), to: toExclusive.toISOString() },
      overall: {
        closed: deals.length,
        won: won.length,
        lost: deals.length - won.length,
        winRate: overallRate,
        wonValue: moneyOf(valueOf(won), currency),
        lostValue: moneyOf(valueOf(deals.filter((d) => d.outcome === 'lost')), currency),
      },
      wonReasons: wonReasons.map(({ reason: r, count, share }) => ({ reason: r, count, share })),
      lostReasons: lostReasons.map(({ reason: r, count, share }) => ({ reason: r, count, share })),
      byRep: byRep.map(toGroup),
      byProduct: byProduct.map(toGroup),
      byCompetitor: byCompetitor.map((g) => ({ ...toGroup(g), lostTo: g.lostTo })),
      bySource: bySource.map(toGroup),
      patterns: patterns.map((p) => ({
        dimension: p.dimension,
        group: p.group.label,
        n: p.group.n,
        winRate: p.group.winRate ?? 0,
        differencePoints: p.differencePoints,
        text: p.text,
      })),
      otherCurrencyDeals: deals.filter((d) => d.currency.trim().toUpperCase() !== currency).length,
      evidence,
    };
  },
});
