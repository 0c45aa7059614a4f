// The patterns lead_qualify reads interaction text with. Each rule says: a sentence matching `pattern`
// is evidence that `criterion` is met (or unmet). Matching is per sentence, case-insensitive, with
// curly apostrophes straightened. A sentence may count for several criteria: "the final call sits with
// our CFO" means this person lacks authority (BANT) but the economic buyer is known (MEDDIC).

export const FRAMEWORKS = {
  BANT: ['budget', 'authority', 'need', 'timeline'],
  MEDDIC: ['metrics', 'economic_buyer', 'decision_criteria', 'decision_process', 'identify_pain', 'champion'],
} as const;
export type Framework = keyof typeof FRAMEWORKS;
export type Criterion = (typeof FRAMEWORKS)[Framework][number];

export interface TextRule {
  criteria: readonly Criterion[];
  status: 'met' | 'unmet';
  /** what the rule recognises, for the reason text */
  label: string;
  pattern: RegExp;
}

const NEED: readonly Criterion[] = ['need', 'identify_pain'];
const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
/** a when: a quarter, a month, a date, "the end of", "next month", "this quarter", "6 weeks" */
const WHEN = `(q[1-4]\\b|(${MONTHS})\\b|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}|(the )?end of|(next|this) (week|month|quarter|year)\\b|\\d+ (days|weeks|months)\\b)`;

export const TEXT_RULES: readonly TextRule[] = [
  // budget
  { criteria: ['budget'], status: 'met', label: 'budget approved/allocated', pattern: /\bbudget\b[^.]*\b(approved|allocated|signed off|confirmed|set aside|secured|in place|earmarked)\b/i },
  { criteria: ['budget'], status: 'met', label: 'budget approved/allocated', pattern: /\b(approved|allocated|secured|set aside|earmarked)\b[^.]*\bbudget\b/i },
  { criteria: ['budget'], status: 'met', label: 'funding approved', pattern: /\b(funding|funds|spend)\b[^.]*\b(approved|allocated|signed off)\b/i },
  { criteria: ['budget'], status: 'unmet', label: 'no budget', pattern: /\bno budget\b|\bdon't have (the |a )?budget\b|\bdo not have (the |a )?budget\b/i },
  { criteria: ['budget'], status: 'unmet', label: 'budget frozen/cut', pattern: /\bbudget\b[^.]*\b(frozen|freeze|cut|slashed|gone|exhausted|pulled)\b|\b(spending|budget) freeze\b/i },
  { criteria: ['budget'], status: 'unmet', label: 'cannot get it approved', pattern: /\b(cannot|can't|won't be able to) get [^.]*approved\b|\bmore than we budgeted\b/i },

  // authority (of this person)
  { criteria: ['authority'], status: 'met', label: 'says they decide', pattern: /\bI (can|will|get to) (sign|approve|make the call)\b|\bI('m| am) the (decision[- ]maker|budget owner|one who (signs|decides))\b|\b(final )?(call|decision|sign-?off) (is|sits|rests) with me\b|\bI have (sign-?off|signing) authority\b/i },
  { criteria: ['authority'], status: 'unmet', label: 'has to run it by someone', pattern: /\b(run|check|clear) (it|this|that) (by|with) (my|our|the) \w+/i },
  { criteria: ['authority'], status: 'unmet', label: 'needs someone else on board', pattern: /\bneed to get (my|our|the) [^.]*\bon board\b/i },
  { criteria: ['authority'], status: 'unmet', label: 'decision sits with someone else', pattern: /\b(final )?(call|decision|say|sign-?off) (sits|is|rests|lies) with (our|my|the|their) \w+/i },
  { criteria: ['authority'], status: 'unmet', label: 'not the right person', pattern: /\bnot the right person\b|\bnot my decision\b|\bnot up to me\b/i },

  // need / pain
  { criteria: NEED, status: 'met', label: 'states a problem', pattern: /\b(is|are) a (real |big |major |constant )?(problem|pain|issue|headache) for us\b|\bmain pain\b|\bcore problem\b|\b(is|are) painful\b/i },
  { criteria: NEED, status: 'met', label: 'states a need', pattern: /\bwe (really )?need better\b|\bwe need to (fix|improve|replace|solve|get (better|visibility|control))\b|\b(have been|are) missing\b|\bstruggl(e|ing) (with|to)\b/i },
  { criteria: NEED, status: 'unmet', label: 'no need', pattern: /\bnot (sure|convinced) we need\b|\bdo(n't| not) (really )?need (this|it|that)\b|\bnot interested\b|\bstruggling to see the gap\b|\bnot convinced the problem\b|\bhappy with (it|what we have|our current)\b/i },

  // timeline
  { criteria: ['timeline'], status: 'met', label: 'a target date', pattern: new RegExp(`\\b(decision|decide|sign|signature|go[- ]?live|start|launch|kick-?off|roll ?out)\\b[^.]*\\b(by|before|on|in|for) ${WHEN}`, 'i') },
  { criteria: ['timeline'], status: 'met', label: 'a target date', pattern: /\btarget\w* [^.]*\bfor (a|the|our) decision\b/i },
  { criteria: ['timeline'], status: 'met', label: 'moving now', pattern: /\bwant to move quickly\b|\b(timing|time) is (actually )?(good|right)\b|\bready to go\b|\bthis quarter\b/i },
  { criteria: ['timeline'], status: 'unmet', label: 'not now', pattern: /\bnot the right time\b|\b(revisit|reach out again|come back|circle back)\b[^.]*\b(next|after|later|in)\b|\bcannot start before\b|\bhold off\b|\bno (timeline|timeframe|rush)\b|\bnot (be )?proceeding this year\b|\blocked into a contract until\b|\bfreeze on new (tools|vendors)\b|\bnothing gets signed before\b/i },

  // MEDDIC
  { criteria: ['metrics'], status: 'met', label: 'measurable goal', pattern: /\bmetrics (are |were )?(agreed|defined|set)\b|\b(reduce|increase|improve|cut|save|grow)\w* [^.]*\bby \d+(\.\d+)? ?(%|percent|hours|days|points)\b|\bsuccess (criteria|metrics) (are |were )?(agreed|defined)\b/i },
  { criteria: ['metrics'], status: 'unmet', label: 'no agreed ROI', pattern: /\bno (clear )?(roi|metrics|success criteria)\b|\bwants? to see a clear roi\b/i },
  { criteria: ['economic_buyer'], status: 'met', label: 'economic buyer named', pattern: /\beconomic buyer is\b|\bbudget owner is\b|\b(final )?(call|decision|sign-?off) (sits|is|rests|lies) with (our|my|the|their) \w+|\bsigns? off\b[^.]*\b(cfo|ceo|cro|vp|director|board)\b/i },
  { criteria: ['economic_buyer'], status: 'unmet', label: 'no decision owner', pattern: /\bno clear decision owner\b|\bdo(n't| not) know who (signs|decides)\b/i },
  { criteria: ['decision_criteria'], status: 'met', label: 'criteria stated', pattern: /\b(decision|evaluation|selection) criteria\b|\bscore everyone against\b|\btop requirement\b|\bmust-have\b|\bdealbreaker\b/i },
  { criteria: ['decision_process'], status: 'met', label: 'process known', pattern: /\bgo(es)? through (our|the) (procurement|legal|security|committee|board)\b|\b(procurement|security|legal) (review|committee|process)\b|\bdecision process (is|was) (agreed|mapped|clear)\b|\bplanning cycle\b/i },
  { criteria: ['decision_process'], status: 'unmet', label: 'process unclear', pattern: /\bdecision process (is |was )?(still )?unclear\b|\bno clear (decision )?process\b/i },
  { criteria: ['champion'], status: 'met', label: 'a champion', pattern: /\bchampion is\b|\blet me line up the right people\b|\bI('m| am) (supportive|pushing for this|championing)\b|\bI will (push|champion|advocate)\b/i },
  { criteria: ['champion'], status: 'unmet', label: 'no champion', pattern: /\bno (clear )?champion\b|\bopenly sceptical\b/i },
];

/** Sentence text ready for matching: curly quotes straightened. */
export function normaliseSentence(sentence: string): string {
  return sentence.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');
}
