import { addDealKeys } from '../../../db/repos/correlation.ts';
import { csvDealById, type CsvDeal, type CsvDealPatch } from '../../../db/repos/ingest-csv-deals.ts';
import { correlateFragment, extractDealTags, type CorrelationOutcome, type FragmentValues } from '../correlation/index.ts';
import { liveIo } from '../correlation/io.ts';
import { tagKey } from '../correlation/match.ts';
import type { ItemContext } from '../core/index.ts';
import type { CsvRunState } from './state.ts';

// CRM rows in correlation. A CRM row is the most authoritative automated source (CRM > email > transcript):
//   - its deal carries the deal tags its name and next step state ("RFQ-1234"), so an email or a meeting
//     about that request merges into it (set at creation: tagKeys);
//   - a new CRM id whose tags point at exactly one deal the other sources opened first, at the same account
//     and with no id of this CRM yet, adopts that deal instead of duplicating it (adoptCorrelatedDeal);
//   - on an existing deal, the row's value, close date and probability go through correlation's
//     precedence (correlateCrmRow): they replace what an email or transcript said, the disagreement is
//     recorded on the row's source item, a reviewer's correction stays, and each applied value gets a field
//     history row naming the row. Stage, owner, product and the rest stay the CSV upsert's (deal.ts).
// The row is dated by the import (ctx.now): an export states the CRM's values as of now, so between two
// CRM rows the later import wins, as it always has.

/** deal tags in the row's deal name and next step */
export const crmTags = (name: string, nextStep: string | null) => extractDealTags(`${name}\n${nextStep ?? ''}`);

/** external ids a new CRM deal starts with for its tags (naming the row, as correlation's links do) */
export const tagKeys = (tags: readonly string[], sourceItemId: string): Record<string, string> => Object.fromEntries(tags.map((t) => [tagKey(t), sourceItemId]));

export async function adoptCorrelatedDeal(ctx: ItemContext, state: CsvRunState, externalId: string, tags: readonly string[], accountId: string): Promise<CsvDeal | undefined> {
  if (tags.length === 0) return undefined;
  const { visible } = await liveIo(ctx.tx, ctx.scope).byKeys(tags.map(tagKey), {});
  const fits = visible.filter((d) => d.accountId === accountId && d.externalIds[state.system] === undefined);
  const [only] = fits;
  if (!only || fits.length > 1) return undefined;
  await addDealKeys(ctx.tx, only.id, { [state.system]: externalId });
  const deal = await csvDealById(ctx.tx, ctx.scope, state.system, only.id);
  if (deal) state.putDeal(deal, ctx);
  return deal;
}

/** What the row states for the fields correlation weighs (undefined: the row says nothing). */
export interface CrmValues {
  valueMinor?: number | undefined;
  currency?: string | undefined;
  expectedCloseDate?: string | undefined;
  probability?: number | undefined;
}

export interface CrmCorrelation {
  outcome: CorrelationOutcome;
  /** the columns correlation wrote, with their new values */
  set: Partial<CsvDealPatch>;
  /** columns correlation kept against the row (a reviewer's correction, or a same-time person's edit) */
  kept: string[];
  /** the columns correlation weighed (the upsert leaves them alone) */
  handled: string[];
}

/** the CSV upsert's columns correlation decides, per correlated field */
export const CORRELATED_COLUMNS: Record<string, readonly (keyof CsvDealPatch)[]> = { value: ['valueMinor', 'currency'], expectedCloseDate: ['expectedCloseDate'], probability: ['probability'] };

export async function correlateCrmRow(ctx: ItemContext, deal: CsvDeal, row: { name: string; nextStep: string | null }, want: CrmValues): Promise<CrmCorrelation> {
  const values: FragmentValues = {};
  if (want.valueMinor !== undefined) values.value = { value: { amountMinor: want.valueMinor, currency: want.currency ?? deal.currency } };
  if (want.expectedCloseDate !== undefined) values.expectedCloseDate = { value: want.expectedCloseDate };
  if (want.probability !== undefined) values.probability = { value: want.probability };
  const outcome = await correlateFragment(ctx, { sourceItemId: ctx.sourceItemId, kind: 'crm_csv_row', occurredAt: ctx.now, opportunityId: deal.id, title: row.name, text: row.nextStep, values });
  const set: Partial<CsvDealPatch> = {};
  for (const change of outcome.applied) {
    if (change.field === 'value') {
      const money = change.to as { amountMinor: number; currency: string };
      set.valueMinor = money.amountMinor;
      if (money.currency.toUpperCase() !== deal.currency) set.currency = money.currency.toUpperCase();
    } else if (change.field === 'expectedCloseDate') set.expectedCloseDate = change.to as string;
    else if (change.field === 'probability') set.probability = change.to as number;
  }
  const kept = outcome.conflicts.filter((c) => c.winner === 'stored').flatMap((c) => CORRELATED_COLUMNS[c.field]?.slice(0, 1) ?? []);
  const handled = Object.keys(values).flatMap((f) => [...(CORRELATED_COLUMNS[f] ?? [])]);
  return { outcome, set, kept, handled };
}
