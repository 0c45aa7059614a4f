import { OPEN_OPPORTUNITY_STAGES, type OpenOpportunityStage } from '../../../core/domain.ts';
import { accountBasics, type DealKeyRow } from '../../../db/repos/correlation.ts';
import { appendFieldHistory, appendStageHistory, insertOpportunity } from '../../../db/repos/opportunities.ts';
import { inScope } from '../../../db/repos/scope.ts';
import type { FragmentKeys } from './match.ts';
import { HISTORY_FIELD, historyValue } from './precedence.ts';
import { CORRELATED_FIELDS, type CorrelationContext, type FieldChange, type Fragment } from './types.ts';

// A new deal from a fragment that matched none. Only when the fragment clearly describes a deal:
//   - it carries a deal identifier (a tag such as RFQ-1234, or another system's deal id) or states a deal
//     name, AND
//   - its account is known (given, or the account of its external participants), AND
//   - an owner can be chosen inside the caller's scope: a rep owns what they import (as with
//     opportunity_upsert); otherwise the fragment's owner, then one of our users on it, then the account
//     owner, then the caller.
// A mail that only mentions a price, or a transcript with no identifier, stays unmatched instead of
// spawning deals. The new deal's values come from the fragment, each with a field history row naming it.

export type CreateRefusal = { refused: string };

function chooseOwner(ctx: CorrelationContext, fragment: Fragment, keys: FragmentKeys, accountOwner: string | null): string | undefined {
  if (ctx.actor?.role === 'rep') return ctx.actor.userId;
  const options = [fragment.ownerId ?? null, ...keys.userIds, accountOwner, ctx.actor?.userId ?? null];
  return options.find((id): id is string => id !== null && inScope(ctx.scope, id));
}

export function describesNewDeal(keys: FragmentKeys): boolean {
  return keys.tags.length > 0 || Object.keys(keys.systemIds).length > 0 || keys.name !== null;
}

export async function createDealFromFragment(
  ctx: CorrelationContext,
  fragment: Fragment,
  keys: FragmentKeys,
): Promise<{ opportunityId: string; applied: FieldChange[]; deal: DealKeyRow } | CreateRefusal> {
  if (!describesNewDeal(keys)) return { refused: 'no deal identifier or deal name in the fragment: not enough to open a deal' };
  if (!keys.accountId) return { refused: 'the fragment names a deal but its account is unknown' };
  const account = await accountBasics(ctx.tx, keys.accountId);
  if (!account) return { refused: 'the fragment names a deal but its account is unknown' };
  const ownerId = chooseOwner(ctx, fragment, keys, account.ownerId);
  if (!ownerId) return { refused: 'no owner for a new deal inside your scope' };

  const values = fragment.values ?? {};
  const hinted = values.stage?.value;
  const stage: OpenOpportunityStage = hinted && (OPEN_OPPORTUNITY_STAGES as readonly string[]).includes(hinted) ? (hinted as OpenOpportunityStage) : 'prospecting';
  const name = (keys.name ?? (keys.tags[0] ? `${account.name} ${keys.tags[0]}` : (fragment.title?.trim() || `${account.name} deal`))).slice(0, 200);
  const opportunityId = await insertOpportunity(ctx.tx, {
    name,
    accountId: account.id,
    ownerId,
    primaryContactId: keys.leadIds[0] ?? null,
    valueMinor: values.value?.value.amountMinor ?? 0,
    currency: values.value?.value.currency.toUpperCase() ?? 'USD',
    probability: values.probability?.value ?? null,
    expectedCloseDate: values.expectedCloseDate?.value ?? null,
    stage,
    stageEnteredAt: ctx.now,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await appendStageHistory(ctx.tx, {
    opportunityId, fromStage: null, toStage: stage, probability: values.probability?.value ?? null, valueMinor: values.value?.value.amountMinor ?? 0,
    expectedCloseDate: values.expectedCloseDate?.value ?? null, reason: `created from ${fragment.kind} (source item ${fragment.sourceItemId})`,
    changedById: ctx.actor?.userId ?? null, changedAt: ctx.now,
  });
  const applied: FieldChange[] = CORRELATED_FIELDS.flatMap((field) => {
    const given = values[field];
    if (!given || (field === 'stage' && stage !== given.value)) return [];
    return [{ field, from: null, to: given.value }];
  });
  await appendFieldHistory(
    ctx.tx,
    applied.map((c) => ({
      opportunityId, field: HISTORY_FIELD[c.field], oldValue: null, newValue: historyValue(c.field, c.to as never),
      changedById: ctx.actor?.userId ?? null, sourceItemId: fragment.sourceItemId, changedAt: ctx.now,
    })),
  );
  return { opportunityId, applied, deal: { id: opportunityId, name, accountId: account.id, ownerId, stage, externalIds: {}, open: true } };
}
