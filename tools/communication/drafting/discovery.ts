import type { CommsContext } from '../context/load.ts';
import type { FactBook } from '../facts/collect.ts';
import type { FactLedger } from '../facts/fact.ts';
import type { Voice } from './voice.ts';

// Discovery questions aimed at what is still unknown about the lead under BANT and MEDDIC. The latest
// lead_qualify assessment decides when there is one (criteria unknown or unmet); without one, a
// criterion counts as known when the record already holds it (budget fields, pain points, the deal's
// decision criteria, a contact with that role...).

export interface DiscoveryQuestion {
  framework: 'BANT' | 'MEDDIC';
  criterion: string;
  status: 'unknown' | 'unmet';
  why: string;
  question: string;
}

const CRITERIA = {
  BANT: ['budget', 'authority', 'need', 'timeline'],
  MEDDIC: ['metrics', 'economic_buyer', 'decision_criteria', 'decision_process', 'identify_pain', 'champion'],
} as const;

function knownFromRecord(c: CommsContext, criterion: string): boolean {
  const lead = c.person.lead;
  const roles = new Set(c.people.map((p) => p.role));
  switch (criterion) {
    case 'budget': return lead.budgetMinMinor !== null || lead.budgetMaxMinor !== null;
    case 'authority': return lead.isDecisionMaker || lead.decisionMakers.length > 0;
    case 'need':
    case 'identify_pain': return lead.painPoints.length > 0;
    case 'timeline': return lead.decisionTimeline !== null || c.deal?.expectedCloseDate != null;
    case 'economic_buyer': return roles.has('economic_buyer');
    case 'decision_criteria': return (c.deal?.decisionCriteria.length ?? 0) > 0;
    case 'champion': return roles.has('champion');
    default: return false; // metrics, decision_process: only a conversation tells
  }
}

function ask(criterion: string, book: FactBook, v: Voice, ledger: FactLedger): string {
  const company = book.company ? ledger.use(book.company) : v.say('your company', 'your team');
  const pain = book.pains[0] ? ledger.use(book.pains[0]) : null;
  switch (criterion) {
    case 'budget': return v.say('Has a budget been set aside for this, and who owns it?', 'Is there budget for this yet, and whose is it?');
    case 'authority': return v.say(`Besides yourself, who at ${company} will sign off on a decision like this?`, `Who else at ${company} needs to say yes?`);
    case 'need': return pain ? v.say(`How is ${pain} affecting the team today?`, `How much is ${pain} hurting right now?`) : v.say('What prompted you to look at this now?', 'What got this on your radar?');
    case 'timeline': return v.say('By when would you need a solution in place, and what drives that date?', 'When do you need this live, and why then?');
    case 'metrics': return v.say('How would you measure success six months after go-live?', 'What number would tell you this worked?');
    case 'economic_buyer': return v.say('Who controls the budget for this decision, and what matters most to them?', 'Whose budget does this come out of?');
    case 'decision_criteria': return v.say('What criteria will you use to compare the options?', 'What will you judge the options on?');
    case 'decision_process': return v.say('What are the steps from here to a signed agreement (reviews, security, legal)?', 'What are the steps to get this signed?');
    case 'identify_pain': return pain ? v.say(`What does ${pain} cost you today, in time or money?`, `What's ${pain} costing you?`) : v.say('What is the biggest problem you are trying to solve?', "What's the main thing you're trying to fix?");
    case 'champion': return v.say('Who inside the team would benefit most and help drive this forward?', 'Who on your side would push for this internally?');
    default: return '';
  }
}

export function discoveryQuestions(c: CommsContext, book: FactBook, v: Voice, ledger: FactLedger, cap = 6): DiscoveryQuestion[] {
  const out: DiscoveryQuestion[] = [];
  for (const framework of ['BANT', 'MEDDIC'] as const) {
    const assessed = c.qualifications.find((q) => q.framework.toUpperCase() === framework);
    for (const criterion of CRITERIA[framework]) {
      // identify_pain repeats BANT need: ask it once
      if (criterion === 'identify_pain' && out.some((q) => q.criterion === 'need')) continue;
      const row = assessed?.criteria.find((x) => x.criterion === criterion);
      const status = row ? (row.status === 'met' ? null : row.status) : knownFromRecord(c, criterion) ? null : 'unknown';
      if (!status) continue;
      const why = row ? `${framework} assessment of ${assessed?.assessedAt.toISOString().slice(0, 10)}: ${row.status}` : 'not in the record yet';
      out.push({ framework, criterion, status, why, question: ask(criterion, book, v, ledger) });
    }
  }
  return out.slice(0, cap);
}
