import { z } from 'zod';
import { evidenceList } from '../core/schemas.ts';
import type { RiskAlert } from './risk-scan.ts';
import { RISK_SIGNALS } from './risk-thresholds.ts';

// The output shape of a risk alert, shared by risk_scan, alert_sync, next_best_action and deal_strategy.

export const signalOutput = z
  .object({
    signal: z.enum(RISK_SIGNALS).describe('which risk signal fired'),
    detail: z.string().describe('what was measured, in words'),
    value: z.number().describe('the measured quantity (see unit)'),
    threshold: z.number().describe('the threshold it crossed'),
    unit: z.string().describe('unit of value and threshold'),
    evidence: evidenceList,
  })
  .describe('one risk signal with the facts behind it');

export const alertOutput = z
  .object({
    dedupeKey: z.string().describe('risk:<recordType>:<id>, the key alert_sync stores the alert under'),
    recordType: z.enum(['opportunity', 'lead']).describe('what kind of record is at risk'),
    recordId: z.string().describe('the deal or lead id'),
    name: z.string().describe('deal name or lead name'),
    account: z.string().nullable().describe('the account (company)'),
    owner: z.string().nullable().describe('the owning rep'),
    valueMinor: z.number().int().nullable().describe('deal value in minor units (null for leads)'),
    currency: z.string().nullable().describe('currency of the value'),
    severity: z.enum(['low', 'medium', 'high']).describe('from the weighted signals: 1 = low, 2 = medium, 3+ = high (probability drop, negative sentiment and customer drift weigh 2)'),
    signals: z.array(signalOutput).describe('every signal that fired for this record'),
  })
  .describe('one record at risk, with all its signals');

export function alertToOutput(a: RiskAlert): z.infer<typeof alertOutput> {
  return {
    dedupeKey: a.dedupeKey,
    recordType: a.recordType,
    recordId: a.recordId,
    name: a.name,
    account: a.account,
    owner: a.owner,
    valueMinor: a.valueMinor,
    currency: a.currency,
    severity: a.severity,
    signals: a.signals,
  };
}
