import { z } from 'zod';
import { LEAD_STAGES, OPPORTUNITY_STAGES } from '../../../core/domain.ts';
import type { LeadRecord } from '../../../db/repos/leads.ts';
import type { OpportunityRow } from '../../../db/repos/opportunities.ts';
import { isoDate, percent } from '../../core/schemas.ts';
import { currencyField } from '../../opportunities/opportunity-shared.ts';

// The fields a reviewer may correct, per record type: how the value is read, and what is stored now.
// Opportunity field names are the ones correlation guards (value, expectedCloseDate, probability,
// quantity, stage), so an annotation locks exactly the field imports would otherwise write.

export const OPPORTUNITY_FIELDS = ['stage', 'owner', 'value', 'expectedCloseDate', 'probability', 'quantity', 'name', 'nextSteps'] as const;
export const LEAD_FIELDS = ['lifecycleStage', 'owner', 'title', 'fullName', 'phone'] as const;
export const ANNOTATED_FIELDS = [...new Set([...OPPORTUNITY_FIELDS, ...LEAD_FIELDS])] as [string, ...string[]];

export type OpportunityField = (typeof OPPORTUNITY_FIELDS)[number];
export type LeadField = (typeof LEAD_FIELDS)[number];

const money = z.union([
  z.number().int().min(0).transform((amountMinor) => ({ amountMinor, currency: undefined as string | undefined })),
  z.object({ amountMinor: z.number().int().min(0), currency: currencyField }).transform((m) => ({ amountMinor: m.amountMinor, currency: m.currency.toUpperCase() as string | undefined })),
]);
const quantity = z.union([
  z.number().positive().transform((value) => ({ value, unit: 'units' })),
  z.object({ value: z.number().positive(), unit: z.string().trim().min(1).max(40) }),
]);
const text = (min: number, max: number) => z.string().trim().min(min).max(max);

/** How each field's value is read (before references such as an owner are resolved). */
export const VALUE_SCHEMAS: Record<OpportunityField | LeadField, z.ZodType> = {
  stage: z.enum(OPPORTUNITY_STAGES),
  owner: text(1, 200),
  value: money,
  expectedCloseDate: isoDate.nullable(),
  probability: percent.nullable(),
  quantity,
  name: text(2, 200),
  nextSteps: text(1, 1000).nullable(),
  lifecycleStage: z.enum(LEAD_STAGES),
  title: text(1, 200),
  fullName: text(1, 200),
  phone: text(1, 40),
};

/** The stored value of an opportunity field, in the form annotations keep. */
export function opportunityValue(deal: OpportunityRow, field: OpportunityField, quantityNow: unknown): unknown {
  switch (field) {
    case 'owner':
      return deal.ownerId;
    case 'value':
      return { amountMinor: deal.valueMinor, currency: deal.currency };
    case 'quantity':
      return quantityNow ?? null;
    default:
      return deal[field] ?? null;
  }
}

export function leadValue(lead: LeadRecord, field: LeadField): unknown {
  if (field === 'owner') return lead.ownerId;
  return lead[field] ?? null;
}

export { sameJson } from '../correlation/json.ts';
