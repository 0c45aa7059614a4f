import type { QualifyText } from '../../db/repos/lead-qualify.ts';
import type { LeadRecord } from '../../db/repos/leads.ts';
import { sentences, shortQuote } from './lead-text.ts';
import { FRAMEWORKS, normaliseSentence, TEXT_RULES, type Criterion, type Framework } from './qualify-rules.ts';

// How each criterion is decided:
//   1. interaction text: every sentence matching a rule (qualify-rules.ts) is a dated passage; the most
//      recent one decides (people change their minds: "budget frozen" in May, "budget approved" in June
//      means met). Between passages of the same instant, unmet wins.
//   2. else the lead's own fields: budget range known -> budget met; decision timeline -> timeline met;
//      isDecisionMaker -> authority met, else decision makers named -> authority unmet (someone else
//      decides) ; decision makers or isDecisionMaker -> economic buyer met; pain points -> need / pain met.
//   3. else unknown.
// Status: BANT qualified when all 4 met, MEDDIC when >= 5 of 6; disqualified on a hard unmet (no need or
// no budget in BANT, no pain in MEDDIC); otherwise in progress.

export type CriterionStatus = 'met' | 'unknown' | 'unmet';

export interface Passage {
  sourceId: string;
  kind: string;
  date: string | null;
  quote: string;
}

export interface CriterionAssessment {
  criterion: Criterion;
  status: CriterionStatus;
  basis: 'interaction' | 'lead_field' | 'none';
  reason: string;
  evidence: Passage[];
}

const MAX_EVIDENCE = 3;
const HARD_UNMET: Record<Framework, readonly Criterion[]> = { BANT: ['need', 'budget'], MEDDIC: ['identify_pain'] };
const QUALIFIED_AT: Record<Framework, number> = { BANT: 4, MEDDIC: 5 };

interface Hit extends Passage {
  status: 'met' | 'unmet';
  label: string;
  at: number;
}

function fieldEvidence(criterion: Criterion, lead: LeadRecord): { status: 'met' | 'unmet'; quote: string } | undefined {
  const budget = lead.budgetMaxMinor ?? lead.budgetMinMinor;
  switch (criterion) {
    case 'budget':
      return budget !== null ? { status: 'met', quote: `budget recorded: ${[lead.budgetMinMinor, lead.budgetMaxMinor].filter((v) => v !== null).join(' to ')} (minor units)` } : undefined;
    case 'timeline':
      return lead.decisionTimeline ? { status: 'met', quote: `decision timeline recorded: ${lead.decisionTimeline}` } : undefined;
    case 'authority':
      if (lead.isDecisionMaker) return { status: 'met', quote: 'marked as a decision maker' };
      return lead.decisionMakers.length > 0 ? { status: 'unmet', quote: `decision makers recorded: ${lead.decisionMakers.join(', ')}` } : undefined;
    case 'economic_buyer':
      if (lead.decisionMakers.length > 0) return { status: 'met', quote: `decision makers recorded: ${lead.decisionMakers.join(', ')}` };
      return lead.isDecisionMaker ? { status: 'met', quote: 'the lead is marked as a decision maker' } : undefined;
    case 'need':
    case 'identify_pain':
      return lead.painPoints.length > 0 ? { status: 'met', quote: `pain points recorded: ${lead.painPoints.join('; ')}` } : undefined;
    default:
      return undefined;
  }
}

/** Every rule match in the texts, per criterion, newest first (unmet before met at the same instant). */
export function textHits(texts: readonly QualifyText[]): Map<Criterion, Hit[]> {
  const hits = new Map<Criterion, Hit[]>();
  for (const text of texts) {
    for (const sentence of sentences(text.body)) {
      const plain = normaliseSentence(sentence);
      for (const rule of TEXT_RULES) {
        if (!rule.pattern.test(plain)) continue;
        for (const criterion of rule.criteria) {
          const list = hits.get(criterion) ?? [];
          // one passage per sentence and criterion: the first rule that matched says why
          if (list.some((h) => h.sourceId === text.id && h.quote === shortQuote(sentence, 200) && h.status === rule.status)) continue;
          list.push({
            sourceId: text.id, kind: text.type, date: text.occurredAt.toISOString(), quote: shortQuote(sentence, 200),
            status: rule.status, label: rule.label, at: text.occurredAt.getTime(),
          });
          hits.set(criterion, list);
        }
      }
    }
  }
  for (const list of hits.values()) list.sort((a, b) => b.at - a.at || (a.status === b.status ? 0 : a.status === 'unmet' ? -1 : 1));
  return hits;
}

export function assessCriteria(framework: Framework, lead: LeadRecord, texts: readonly QualifyText[]): CriterionAssessment[] {
  const hits = textHits(texts);
  return FRAMEWORKS[framework].map((criterion): CriterionAssessment => {
    const found = hits.get(criterion) ?? [];
    const field = fieldEvidence(criterion, lead);
    const fieldPassage = field ? { sourceId: lead.id, kind: 'lead_field', date: null, quote: field.quote } : undefined;
    const [decisive] = found;
    if (decisive) {
      const evidence = [...found.slice(0, MAX_EVIDENCE), ...(fieldPassage ? [fieldPassage] : [])].slice(0, MAX_EVIDENCE)
        .map(({ sourceId, kind, date, quote }) => ({ sourceId, kind, date, quote }));
      return { criterion, status: decisive.status, basis: 'interaction', reason: `latest passage: ${decisive.label}`, evidence };
    }
    if (field && fieldPassage) return { criterion, status: field.status, basis: 'lead_field', reason: field.quote, evidence: [fieldPassage] };
    return { criterion, status: 'unknown', basis: 'none', reason: 'nothing in the record or the interactions read says', evidence: [] };
  });
}

export function qualificationStatus(framework: Framework, criteria: readonly CriterionAssessment[]): 'qualified' | 'disqualified' | 'in_progress' {
  if (criteria.some((c) => c.status === 'unmet' && HARD_UNMET[framework].includes(c.criterion))) return 'disqualified';
  const met = criteria.filter((c) => c.status === 'met').length;
  return met >= QUALIFIED_AT[framework] ? 'qualified' : 'in_progress';
}
