import type { OpportunityStage } from '../../../core/domain.ts';
import { activeAnnotations } from '../../../db/repos/feedback.ts';
import { appendCsvFieldHistory, appendCsvStageHistory, insertCsvDeal, updateCsvDeal, type CsvDeal, type CsvDealPatch } from '../../../db/repos/ingest-csv-deals.ts';
import type { CsvProduct } from '../../../db/repos/ingest-csv.ts';
import { findOpportunitiesByName } from '../../../db/repos/opportunities.ts';
import { inScope } from '../../../db/repos/scope.ts';
import { pct } from '../../core/schemas.ts';
import { ItemRejected, type ItemContext } from '../core/index.ts';
import type { Normalisation, RowData } from './map.ts';
import type { Status, Tally } from './people.ts';
import type { CsvRunState } from './state.ts';
import type { MappingOptions } from './types.ts';
import { adoptCorrelatedDeal, correlateCrmRow, crmTags, tagKeys } from './correlate.ts';

// Opportunities, upserted by external id: a new id is created with a stage history built from the
// row's dates (engaged -> discovery, closed -> won/lost) and a field history of its starting values; a
// known id is updated where the row now says something else, with stage and field history, except fields a
// reviewer corrected (feedback_annotate). Value, close date and probability of a known deal are weighed
// by correlation (correlate.ts), which also ties the deal to the RFQ/PO tags the row names.

export interface DealRefs {
  accountId: string;
  accountName: string;
  ownerId: string;
  product: CsvProduct | null;
  contactId: string | null;
  /** which references the file gives at all (a column absent from the file never changes the deal) */
  given: { account: boolean; owner: boolean };
}

const CLOSED = new Set<OpportunityStage>(['closed_won', 'closed_lost']);
const day = (date: string) => new Date(`${date}T00:00:00Z`);
// reviewer-corrected fields (feedback_annotate names) -> our columns
const ANNOTATED: Record<string, keyof CsvDealPatch> = { stage: 'stage', owner: 'ownerId', value: 'valueMinor', expectedCloseDate: 'expectedCloseDate', probability: 'probability', name: 'name', nextSteps: 'nextSteps' };

type Deal = NonNullable<RowData['opportunity']>;

/** The amount: the file's, else (mapping permitting) the product's list price for a blank or a lost deal's 0. */
function amountOf(o: Deal, stage: OpportunityStage, refs: DealRefs, options: MappingOptions, notes: Normalisation[]): number | null {
  const list = refs.product?.listPriceMinor ?? null;
  if (options.amountFallback === 'list_price' && list !== null && (o.amountMinor === null || (o.amountMinor === 0 && stage === 'closed_lost'))) {
    notes.push({ column: 'amount', from: o.amountMinor === null ? '' : '0', to: 'list price of the product' });
    return list;
  }
  return o.amountMinor;
}

export function desired(o: Deal, refs: DealRefs, options: MappingOptions, ctx: { now: Date }, notes: Normalisation[]) {
  const stage = o.stage ?? 'prospecting';
  const closed = CLOSED.has(stage);
  const valueMinor = amountOf(o, stage, refs, options, notes);
  const list = refs.product?.listPriceMinor ?? null;
  const discountPct = stage === 'closed_won' && list && o.amountMinor !== null && o.amountMinor <= list ? pct(((list - o.amountMinor) / list) * 100) : null;
  const closedAt = closed ? day(o.closeDate ?? o.engagedDate ?? o.createdDate ?? ctx.now.toISOString().slice(0, 10)) : null;
  const name = o.name ?? options.dealNameFormat.replace('{account}', refs.accountName).replace('{product}', refs.product?.name ?? 'deal').replace('{id}', o.externalId ?? '');
  return {
    stage,
    closed,
    patch: {
      name: (o.name || !o.externalId) ? name : undefined,
      ...(refs.given.account ? { accountId: refs.accountId } : {}),
      ...(refs.given.owner ? { ownerId: refs.ownerId } : {}),
      ...(refs.product ? { productId: refs.product.id } : {}),
      ...(refs.contactId ? { primaryContactId: refs.contactId } : {}),
      valueMinor: valueMinor ?? undefined,
      currency: o.currency ?? undefined,
      ...(o.stage ? { stage, closedAt, outcome: closed ? (stage === 'closed_won' ? 'won' as const : 'lost' as const) : null, forecastCategory: closed ? 'closed' as const : 'pipeline' as const } : {}),
      expectedCloseDate: o.closeDate ?? undefined,
      probability: o.probability ?? (o.stage && closed ? (stage === 'closed_won' ? 100 : 0) : undefined),
      discountPct: discountPct ?? undefined,
      lostReason: o.lostReason ?? undefined,
      nextSteps: o.nextStep ?? undefined,
    } satisfies CsvDealPatch,
    name,
    valueMinor: valueMinor ?? 0,
  };
}

export async function upsertDeal(ctx: ItemContext, state: CsvRunState, tally: Tally, o: Deal, refs: DealRefs, options: MappingOptions): Promise<{ status: Status; dealId: string; changed: string[]; kept: string[]; notes: Normalisation[] }> {
  if (!inScope(ctx.scope, refs.ownerId)) throw new ItemRejected(`owner is outside your scope: you may import deals owned by you${ctx.scope.kind === 'owners' && ctx.scope.userIds.length > 1 ? ' or your team' : ''}`);
  if (o.externalId && state.hiddenDeals.has(o.externalId)) throw new ItemRejected(`opportunity ${o.externalId} exists but is owned outside your scope`);
  const notes: Normalisation[] = [];
  const want = desired(o, refs, options, ctx, notes);
  const tags = crmTags(want.name, o.nextStep);
  const existing = o.externalId
    ? (state.deals.get(o.externalId) ?? (await adoptCorrelatedDeal(ctx, state, o.externalId, tags, refs.accountId)))
    : await dealByName(ctx, want.name, refs.accountId);
  if (!existing) return { ...(await createDeal(ctx, state, tally, o, refs, options, want, tags)), changed: [], kept: [], notes };

  const p = want.patch;
  const crm = await correlateCrmRow(ctx, existing, { name: want.name, nextStep: o.nextStep }, { valueMinor: p.valueMinor, currency: p.currency, expectedCloseDate: p.expectedCloseDate, probability: p.probability });
  const current: CsvDeal = { ...existing, ...(crm.set as Partial<CsvDeal>) };
  const corrected = new Set((await activeAnnotations(ctx.tx, 'opportunity', existing.id)).map((a) => ANNOTATED[a.field]).filter(Boolean));
  const set: Record<string, unknown> = {};
  const kept: string[] = [...crm.kept];
  const differs = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b);
  for (const [key, value] of Object.entries(want.patch)) {
    // outcome, forecast category and closing time follow the stage (below); correlation weighed its fields
    if (value === undefined || key === 'outcome' || key === 'forecastCategory' || key === 'closedAt' || crm.handled.includes(key)) continue;
    if (!differs(value, (existing as unknown as Record<string, unknown>)[key])) continue;
    if (corrected.has(key as keyof CsvDealPatch)) kept.push(key);
    else set[key] = value;
  }
  if (o.competitor && !existing.competitors.includes(o.competitor)) set.competitors = [...existing.competitors, o.competitor];
  if (o.stage && ('stage' in set || (want.closed && differs(want.patch.closedAt, existing.closedAt)))) {
    set.closedAt = want.patch.closedAt;
    set.outcome = want.patch.outcome;
    set.forecastCategory = want.patch.forecastCategory;
  }
  const correlated = Object.keys(crm.set);
  if (Object.keys(set).length === 0 && correlated.length === 0) return { status: 'unchanged', dealId: existing.id, changed: [], kept, notes };
  if (Object.keys(set).length > 0) {
    if ('stage' in set) set.stageEnteredAt = want.closed ? (want.patch.closedAt ?? ctx.now) : ctx.now;
    set.updatedAt = ctx.now;
    if (!(await updateCsvDeal(ctx.tx, ctx.scope, existing.id, set as CsvDealPatch))) throw new ItemRejected(`opportunity ${o.externalId} is owned outside your scope`);
  }
  if ('stage' in set) {
    await appendCsvStageHistory(ctx.tx, [{ opportunityId: existing.id, fromStage: existing.stage, toStage: want.stage, probability: current.probability, valueMinor: current.valueMinor, expectedCloseDate: current.expectedCloseDate, reason: 'CRM import', changedById: ctx.actor?.userId ?? null, changedAt: set.stageEnteredAt as Date }]);
  }
  // value, close date and probability have their history rows from correlation; the owner from here (column names, as everywhere)
  if ('ownerId' in set) await appendCsvFieldHistory(ctx.tx, [{ opportunityId: existing.id, field: 'owner_id', oldValue: existing.ownerId, newValue: set.ownerId, changedById: ctx.actor?.userId ?? null, sourceItemId: ctx.sourceItemId, changedAt: ctx.now }]);
  if (existing.externalId) state.putDeal({ ...current, ...(set as Partial<CsvDeal>) }, ctx);
  tally.add('opportunities', 'updated');
  // in the order the row's fields come (as the report has always listed them), then competitors and closing
  const order = [...Object.keys(want.patch).filter((k) => !['outcome', 'forecastCategory', 'closedAt'].includes(k)), 'competitors', 'closedAt'];
  const changed = order.filter((k) => k in set || correlated.includes(k));
  return { status: 'updated', dealId: existing.id, changed, kept, notes };
}

/** Without an external id, a deal is known by its name at its account (as opportunity_upsert de-duplicates). */
async function dealByName(ctx: ItemContext, name: string, accountId: string): Promise<CsvDeal | undefined> {
  const [row] = await findOpportunitiesByName(ctx.tx, ctx.scope, name, accountId);
  return row ? { ...row, externalId: '' } : undefined;
}

/** A new deal's row, stage steps and starting field values (no writes: the bulk path inserts them set-based). */
export function planNewDeal(ctx: { now: Date; sourceItemId: string }, o: Deal, refs: DealRefs, options: MappingOptions, want: ReturnType<typeof desired>, tags: string[]) {
  // history from the row's dates: opened (engaged = discovery), then closed
  const openedOn = o.engagedDate ?? o.createdDate;
  const openedAt = openedOn ? day(openedOn) : (want.patch.closedAt ?? ctx.now);
  const firstStage: OpportunityStage = want.closed ? (o.engagedDate ? 'discovery' : 'prospecting') : want.stage;
  const steps: { from: OpportunityStage | null; to: OpportunityStage; at: Date }[] = [{ from: null, to: firstStage, at: openedAt }];
  if (want.closed) steps.push({ from: firstStage, to: want.stage, at: want.patch.closedAt ?? openedAt });
  const last = steps[steps.length - 1] as (typeof steps)[number];
  const { name: _name, ...patch } = want.patch;
  const values = {
    ...patch,
    name: want.name,
    accountId: refs.accountId,
    ownerId: refs.ownerId,
    valueMinor: want.valueMinor,
    currency: o.currency ?? options.currency,
    stage: want.stage,
    stageEnteredAt: last.at,
    competitors: o.competitor ? [o.competitor] : [],
    source: 'import' as const,
    externalIds: { ...tagKeys(tags, ctx.sourceItemId), ...(o.externalId ? { [options.system]: o.externalId } : {}) },
    createdAt: openedAt,
    updatedAt: ctx.now,
  };
  // the values it starts with, each naming this row: the CRM's word, which later emails and meetings are weighed against
  const fields = [
    ...(o.amountMinor !== null || values.valueMinor > 0 ? [{ field: 'value_minor', value: values.valueMinor }] : []),
    ...(values.expectedCloseDate ? [{ field: 'expected_close_date', value: values.expectedCloseDate }] : []),
    ...(values.probability !== undefined && values.probability !== null ? [{ field: 'probability', value: values.probability }] : []),
  ];
  return { values, steps, fields };
}

/** what the run state keeps of a deal it has just created */
export function stateDealOf(id: string, externalId: string, values: ReturnType<typeof planNewDeal>['values']): CsvDeal {
  return {
    id, externalId, name: values.name, accountId: values.accountId, ownerId: values.ownerId, productId: values.productId ?? null, primaryContactId: values.primaryContactId ?? null,
    valueMinor: values.valueMinor, currency: values.currency, discountPct: values.discountPct ?? null, stage: values.stage, stageEnteredAt: values.stageEnteredAt,
    probability: values.probability ?? null, expectedCloseDate: values.expectedCloseDate ?? null, closedAt: values.closedAt ?? null, lostReason: values.lostReason ?? null,
    competitors: values.competitors, nextSteps: values.nextSteps ?? null,
  };
}

async function createDeal(ctx: ItemContext, state: CsvRunState, tally: Tally, o: Deal, refs: DealRefs, options: MappingOptions, want: ReturnType<typeof desired>, tags: string[]): Promise<{ status: Status; dealId: string }> {
  const { values, steps, fields } = planNewDeal(ctx, o, refs, options, want, tags);
  const id = await insertCsvDeal(ctx.tx, values, steps, { reason: 'CRM import', changedById: ctx.actor?.userId ?? null, fields, sourceItemId: ctx.sourceItemId, at: ctx.now });
  if (o.externalId) state.putDeal(stateDealOf(id, o.externalId, values), ctx);
  tally.add('opportunities', 'created');
  return { status: 'created', dealId: id };
}
