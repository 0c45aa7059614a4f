import { contentWords } from '../embeddings/words.ts';

// Sales words that mean the same topic, for the full-text half of search: a question about "cost" also looks for
// "price", "discount" and "budget". Hand-written from sales vocabulary and the DEV questions of evals/search
// (never the held-out ones), as groups: any word of a group brings the others. Words are folded like contentWords
// (plurals dropped), so "prices" finds the group of "price".

export const SALES_SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['price', 'pricing', 'cost', 'costly', 'expensive', 'budget', 'discount', 'quote', 'spend', 'money', 'afford', 'affordable', 'seat'],
  ['security', 'secure', 'compliance', 'compliant', 'soc', 'sso', 'okta', 'gdpr', 'encryption', 'privacy', 'audit', 'residency', 'questionnaire', 'protect', 'information'],
  ['pilot', 'trial', 'poc', 'try', 'proof'],
  ['timing', 'delay', 'postpone', 'later', 'next', 'hold', 'quarter', 'reorganisation', 'reorganization', 'reorg', 'freeze', 'pause'],
  ['integration', 'integrate', 'api', 'connect', 'connecting', 'sync', 'syncing', 'crm', 'salesforce', 'hubspot', 'compatible', 'compatibility', 'warehouse', 'plug', 'tool', 'system'],
  ['competitor', 'competition', 'rival', 'vendor', 'alternative', 'incumbent', 'provider', 'supplier'],
  ['approval', 'approve', 'signoff', 'sign-off', 'decision', 'committee', 'leadership', 'authority', 'boss', 'economic'],
  ['contract', 'legal', 'msa', 'term', 'clause', 'redline', 'agreement', 'lawyer', 'attorney', 'liability', 'cancellation', 'termination', 'payment', 'paperwork'],
  ['reference', 'referral', 'testimonial', 'case', 'study', 'client', 'peer', 'similar', 'sector', 'industry'],
  ['roi', 'return', 'payback', 'justify', 'justification', 'investment', 'value', 'business', 'cfo', 'finance'],
  ['declined', 'decline', 'reject', 'rejected', 'rejection', 'turned', 'proceed', 'lost'],
  ['signed', 'agreed', 'buy', 'purchase', 'closed', 'won', 'executed', 'countersigned'],
  ['onboarding', 'implementation', 'implement', 'rollout', 'roll', 'training', 'trained', 'kickoff', 'running', 'setting'],
  ['need', 'priority', 'convinced', 'point', 'process', 'problem', 'pressing', 'use'],
  ['stalled', 'stuck', 'concern', 'sceptical', 'skeptical', 'worried', 'risk', 'poorly', 'badly', 'progress', 'south'],
];

const groupsOf = new Map<string, Set<number>>();
SALES_SYNONYM_GROUPS.forEach((group, g) => {
  for (const word of group) {
    for (const key of contentWords(word)) {
      const set = groupsOf.get(key) ?? new Set<number>();
      set.add(g);
      groupsOf.set(key, set);
    }
  }
});

/** The synonyms of a question's words: every word of every group one of its words belongs to, its own words left out. */
export function salesSynonyms(text: string): string[] {
  const own = new Set(contentWords(text));
  const groups = new Set<number>();
  for (const word of own) for (const g of groupsOf.get(word) ?? []) groups.add(g);
  const out = new Set<string>();
  for (const g of [...groups].sort((a, b) => a - b)) for (const word of SALES_SYNONYM_GROUPS[g]!) if (!own.has(contentWords(word)[0] ?? word)) out.add(word);
  return [...out];
}
