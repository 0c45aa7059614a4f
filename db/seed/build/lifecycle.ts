import type { LeadStage } from '../../../core/domain.ts';
import { DECISION_TIMELINES } from '../catalog/market.ts';
import type { DealModel, InteractionRow, LeadModel, SeedCtx } from '../model.ts';
import { forkRng, uuidFactory, type Rng } from '../rng.ts';
import { localHour, maxDate } from '../time.ts';

// Derives each lead's lifecycle, status, stage history and contact summary from what actually
// happened to it, so "leads that became deals are opportunities" holds by construction.

const BUDGET: Record<string, readonly [number, number]> = { smb: [5_000, 40_000], mid: [30_000, 180_000], ent: [120_000, 900_000] };
const PREFERRED = [['email', 60], ['call', 25], ['sms', 7], ['whatsapp', 8]] as const;

export function finalizeLeads(ctx: SeedCtx, leads: LeadModel[], deals: DealModel[]): void {
  const rng = ctx.rng('lifecycle');
  const nextId = uuidFactory(forkRng(ctx.seed, 'lead-field-history'));
  const byLead = new Map<string, InteractionRow[]>();
  for (const row of ctx.data.interactions) {
    if (!row.leadId) continue;
    const list = byLead.get(row.leadId) ?? [];
    list.push(row);
    byLead.set(row.leadId, list);
  }
  const dealsOf = new Map<string, DealModel[]>();
  for (const deal of deals) for (const c of deal.contacts) dealsOf.set(c.id, [...(dealsOf.get(c.id) ?? []), deal]);
  const decisionMakers = new Map<string, string[]>();
  for (const lead of leads) {
    if (lead.seniority !== 'c_level' && lead.seniority !== 'vp') continue;
    decisionMakers.set(lead.account.id, [...(decisionMakers.get(lead.account.id) ?? []), lead.fullName]);
  }

  for (const lead of leads) {
    const m = lead.milestones;
    for (const deal of dealsOf.get(lead.id) ?? []) {
      const joined = maxDate(deal.createdAt, lead.createdAt);
      if (!m.opportunityAt || joined < m.opportunityAt) m.opportunityAt = joined;
      if (deal.outcome === 'won' && deal.closedAt && (!m.customerAt || deal.closedAt < m.customerAt)) m.customerAt = deal.closedAt;
    }
    const rows = (byLead.get(lead.id) ?? []).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    const outbound = rows.filter((r) => r.direction === 'outbound');
    const lastOut = outbound[outbound.length - 1];
    const history = stageHistory(lead);
    const stage = history[history.length - 1]?.to ?? 'new';
    for (let i = 0; i < history.length; i++) {
      const h = history[i] as (typeof history)[number];
      ctx.data.leadStageHistory.push({ id: ctx.id(), leadId: lead.id, fromStage: history[i - 1]?.to ?? null, toStage: h.to, reason: h.reason, changedById: i === 0 ? null : lead.owner.id, changedAt: h.at });
    }
    const firstOpen = rows.find((r) => r.firstOpenedAt)?.firstOpenedAt;
    const qualifiedPlus = stage === 'qualified' || stage === 'opportunity' || stage === 'customer';
    const [lo, hi] = BUDGET[lead.account.segment] ?? [10_000, 50_000];
    const budgetMin = Math.round((lo + rng.next() * (hi - lo) * 0.5) / 1000) * 1000;
    const lastChange = history[history.length - 1]?.at ?? lead.createdAt;
    const lastTouch = rows[rows.length - 1]?.occurredAt ?? lead.createdAt;
    lead.row = {
      id: lead.id, accountId: lead.account.id, ownerId: lead.owner.id, firstName: lead.first, lastName: lead.last, fullName: lead.fullName,
      email: lead.email, phone: rng.chance(0.85) ? phone(rng, lead.account.place.phonePrefix) : null, title: lead.title, seniority: lead.seniority,
      department: lead.department, emailStatus: m.bounced ? 'bounced' : m.unsubscribed ? 'unsubscribed' : rows.some((r) => r.firstOpenedAt || r.direction === 'inbound') ? 'valid' : 'unverified',
      lifecycleStage: stage, status: statusOf(stage, m.nurturing === true), source: lead.source, campaignId: lead.campaign?.id ?? null,
      qualificationStatus: qualifiedPlus ? 'qualified' : stage === 'disqualified' ? 'disqualified' : stage === 'contacted' ? 'in_progress' : 'not_started',
      lastContactedAt: lastOut?.occurredAt ?? null, lastContactedById: lastOut?.userId ?? null, interactionCount: rows.length,
      preferredChannel: rng.weighted(PREFERRED), preferredContactHour: firstOpen ? localHour(firstOpen, lead.timeZone) : rng.chance(0.3) ? rng.int(8, 16) : null,
      timeZone: lead.timeZone, painPoints: lead.painPoints,
      budgetMinMinor: qualifiedPlus ? budgetMin * 100 : null, budgetMaxMinor: qualifiedPlus ? Math.round(budgetMin * (1.3 + rng.next()) / 1000) * 1000 * 100 : null,
      decisionTimeline: qualifiedPlus ? rng.pick(DECISION_TIMELINES) : null,
      decisionMakers: qualifiedPlus ? (decisionMakers.get(lead.account.id) ?? []).filter((n) => n !== lead.fullName).slice(0, 3) : [],
      isDecisionMaker: lead.seniority === 'c_level' || lead.seniority === 'vp', convertedAt: m.opportunityAt ?? null,
      attributes: lead.kind === 'duplicate' && lead.source === 'import' ? { importedFrom: 'revops-summit-badge-scans.csv' } : {},
      createdAt: lead.createdAt, updatedAt: maxDate(lastChange, lastTouch),
    };
    ctx.data.leads.push(lead.row);
    recordQualificationHistory(ctx, lead, nextId);
  }
}

// What qualification learns is not known before it: the budget, timeline and decision makers appear at
// the qualification date, and the qualification status moves with the stages. Recorded as field history
// (own id stream, so the rest of the seed keeps its ids) for as-of reads, e.g. the lead-score backtest.
function recordQualificationHistory(ctx: SeedCtx, lead: LeadModel, nextId: () => string): void {
  const row = lead.row!;
  const m = lead.milestones;
  const push = (field: string, oldValue: unknown, newValue: unknown, at: Date | undefined) => {
    if (!at || JSON.stringify(oldValue) === JSON.stringify(newValue)) return;
    ctx.data.leadFieldHistory.push({ id: nextId(), leadId: lead.id, field, oldValue, newValue, changedById: lead.owner.id, changedAt: at });
  };
  if (row.qualificationStatus === 'qualified' && m.qualifiedAt) {
    push('budgetMinMinor', null, row.budgetMinMinor, m.qualifiedAt);
    push('budgetMaxMinor', null, row.budgetMaxMinor, m.qualifiedAt);
    push('decisionTimeline', null, row.decisionTimeline, m.qualifiedAt);
    push('decisionMakers', [], row.decisionMakers, m.qualifiedAt);
  }
  const steps: [string, Date | undefined][] = [['in_progress', m.contactedAt], ['qualified', row.qualificationStatus === 'qualified' ? m.qualifiedAt : undefined], ['disqualified', row.qualificationStatus === 'disqualified' ? m.disqualifiedAt : undefined]];
  let status = 'not_started';
  for (const [to, at] of steps) {
    if (!at) continue;
    push('qualificationStatus', status, to, at);
    status = to;
  }
}

function stageHistory(lead: LeadModel): { to: LeadStage; at: Date; reason: string | null }[] {
  const m = lead.milestones;
  const steps: { to: LeadStage; at: Date | undefined; reason: string | null }[] = [
    { to: 'new', at: lead.createdAt, reason: `Created from ${lead.source}` },
    { to: 'contacted', at: m.contactedAt, reason: 'First outreach' },
    { to: 'qualified', at: m.qualifiedAt, reason: 'Qualified on call' },
  ];
  if (m.opportunityAt) steps.push({ to: 'opportunity', at: m.opportunityAt, reason: 'Added to an opportunity' }, { to: 'customer', at: m.customerAt, reason: 'Deal won' });
  else steps.push({ to: 'disqualified', at: m.disqualifiedAt, reason: m.disqualifyReason ?? 'Disqualified' });
  const out: { to: LeadStage; at: Date; reason: string | null }[] = [];
  for (const s of steps) {
    if (!s.at) continue;
    const prev = out[out.length - 1];
    // same-moment changes still get a strict order, a second apart
    const at = prev && s.at.getTime() <= prev.at.getTime() ? new Date(prev.at.getTime() + 1000) : s.at;
    out.push({ to: s.to, at, reason: s.reason });
  }
  return out;
}

function statusOf(stage: LeadStage, nurturing: boolean): 'open' | 'working' | 'nurturing' | 'unqualified' | 'converted' {
  if (stage === 'opportunity' || stage === 'customer') return 'converted';
  if (stage === 'disqualified') return 'unqualified';
  if (stage === 'new') return 'open';
  return nurturing ? 'nurturing' : 'working';
}

function phone(rng: Rng, prefix: string): string {
  return `${prefix} ${rng.int(200, 999)} ${String(rng.int(0, 9999)).padStart(4, '0')}`;
}
