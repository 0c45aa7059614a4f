import type { ObjectionType } from '../../../core/domain.ts';
import type { FactBook } from '../facts/collect.ts';
import type { FactLedger } from '../facts/fact.ts';
import type { Voice } from '../drafting/voice.ts';

// Ways a seller answers an objection. `cue` recognises the approach in a seller's past message (so the
// store can tell which approach was tried and what followed); `fits` are the objection types it is a
// textbook answer to; `compose` writes it for this person from the record, in their register.

export type ApproachId = 'value_roi' | 'trade_terms' | 'pilot' | 'proof' | 'stakeholder' | 'timing_phase' | 'compare_criteria' | 'follow_up_only';

export interface Approach {
  id: ApproachId;
  label: string;
  cue: RegExp | null;
  fits: readonly ObjectionType[];
  compose(v: Voice, book: FactBook, ledger: FactLedger): string;
}

const painOr = (book: FactBook, ledger: FactLedger, fallback: string) => (book.pains[0] ? ledger.use(book.pains[0]) : fallback);

export const APPROACHES: readonly Approach[] = [
  {
    id: 'value_roi',
    label: 'Re-anchor on value: a business case with their numbers',
    cue: /\b(?:roi|business case|payback|cost of (?:the|doing)|value)\b/i,
    fits: ['price', 'need'],
    compose: (v, book, ledger) => {
      const pain = painOr(book, ledger, v.say('the problem you described', 'the problem you mentioned'));
      return v.say(
        `I understand the investment has to be justified. I would be glad to build a short business case around ${pain} with your own figures, so the payback is clear before anyone signs.`,
        `Totally fair. How about I put together a quick ROI model around ${pain} using your numbers?`,
      );
    },
  },
  {
    id: 'trade_terms',
    label: 'Trade, do not give: terms for price (longer term, phased seats)',
    cue: /\b(?:discount|\d+% off|two-year|multi-year|current rate|longer term|onboarding for free|include onboarding)\b/i,
    fits: ['price', 'contract'],
    compose: (v, book, ledger) => {
      const value = book.deal ? ` than the ${ledger.use(book.deal.value)} currently on ${ledger.use(book.deal.name)}` : '';
      return v.say(
        `Rather than a straight discount, we can look at the terms together: a longer commitment or a phased rollout can bring the yearly figure lower${value}.`,
        `Instead of just cutting the price, we could play with the terms (longer commitment, phased seats) to land lower${value}.`,
      );
    },
  },
  {
    id: 'pilot',
    label: 'A scoped pilot with written success criteria',
    cue: /\b(?:pilot|trial)\b/i,
    fits: ['need', 'trust', 'competitor', 'feature'],
    compose: (v) =>
      v.say(
        'A short pilot with written success criteria would let your team see the results before committing.',
        'Want to try a short pilot first? We agree what success looks like up front.',
      ),
  },
  {
    id: 'proof',
    label: 'Proof: references, case studies, the security pack',
    cue: /\b(?:soc ?2|security (?:pack|questionnaire|team)|questionnaire|data residency|sso|references?|case stud(?:y|ies))\b/i,
    fits: ['trust', 'competitor', 'need'],
    compose: (v, book, ledger) => {
      const peers = book.industry ? `${ledger.use(book.industry)} companies` : v.say('companies like yours', 'teams like yours');
      return v.say(`I can share references from ${peers}, along with our security and compliance pack.`, `I can put you in touch with a couple of ${peers} using us, and send our security pack.`);
    },
  },
  {
    id: 'stakeholder',
    label: 'Bring in the person who signs off',
    cue: /\b(?:cfo|ceo|who else|buying committee|economic buyer|walk (?:your|the) \w+ through|sign-?off|approver)\b/i,
    fits: ['authority', 'price'],
    compose: (v) =>
      v.say(
        'Would it help if I joined a short call with whoever signs off, or sent a one-page summary you can forward?',
        'Happy to jump on a quick call with whoever signs off, or send a one-pager you can forward. Whatever is easier.',
      ),
  },
  {
    id: 'timing_phase',
    label: 'Tie the start to their calendar; prepare now',
    cue: /\b(?:phased|start (?:on|in|after|date)|next quarter|revisit|wraps? up|budget (?:meeting|cycle))\b/i,
    fits: ['timing'],
    compose: (v, book, ledger) => {
      const when = book.deal?.close ? v.say(` ahead of ${ledger.use(book.deal.close)}`, ` before ${ledger.use(book.deal.close)}`) : '';
      return v.say(
        `We can agree a start date that suits your calendar and do the preparation now${when}, so no time is lost once you are ready.`,
        `No rush on our side. We can pick a start date that works for you and get the prep done now${when}.`,
      );
    },
  },
  {
    id: 'compare_criteria',
    label: 'Agree the deciding criteria and compare side by side',
    cue: /\b(?:compar\w+|criteria|side[- ]by[- ]side|switched from)\b/i,
    fits: ['competitor', 'feature'],
    compose: (v, book, ledger) => {
      const criteria = book.deal?.criteria.slice(0, 2).map((c) => ledger.use(c)) ?? [];
      const named = criteria.length > 0 ? ` (${criteria.join(' and ')})` : '';
      return v.say(
        `Could we agree the two or three criteria that matter most to you${named} and compare the options side by side on those?`,
        `Could we line up the options against what matters most to you${named}? Happy to be compared side by side.`,
      );
    },
  },
  {
    id: 'follow_up_only',
    label: 'A plain follow-up, no specific answer',
    cue: null,
    fits: [],
    compose: (v) => v.say('Is there anything I could send that would help you make the case internally?', 'Anything I can send over that would help?'),
  },
];

export const approachById = (id: ApproachId): Approach => APPROACHES.find((a) => a.id === id) as Approach;

/** The approach a seller's message took: the first whose cue it matches, else a plain follow-up. */
export function classifyResponse(text: string): ApproachId {
  return APPROACHES.find((a) => a.cue?.test(text))?.id ?? 'follow_up_only';
}
