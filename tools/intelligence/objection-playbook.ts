import type { ObjectionType } from '../../core/domain.ts';

// How to handle each kind of objection: a documented sales heuristic (not learned from the store), used
// by next_best_action's "address the objection" and deal_strategy's negotiation advice.

export const OBJECTION_PLAYBOOK: Record<ObjectionType, { title: string; advice: string }> = {
  price: {
    title: 'price',
    advice: 'Re-anchor on value: quantify the cost of the problem and the payback. Trade rather than give: a discount only for a longer term, more seats or a faster signature.',
  },
  timing: {
    title: 'timing',
    advice: 'Tie the start to a compelling event (budget cycle, renewal, launch) and offer a phased start so the project can begin inside the current period.',
  },
  authority: {
    title: 'authority',
    advice: 'Ask who else signs off and offer a short call with the economic buyer; give the champion a one-page business case to forward.',
  },
  need: {
    title: 'need',
    advice: 'Go back to the pain points in their own words and share a case study with a measured outcome from a similar company.',
  },
  competitor: {
    title: 'competitor',
    advice: 'Agree the two or three decision criteria that matter most and show where you win on them; offer a reference who switched from that competitor.',
  },
  trust: {
    title: 'trust',
    advice: 'Offer references, the security and compliance pack, and a scoped pilot with written success criteria.',
  },
  feature: {
    title: 'feature',
    advice: 'Confirm whether the missing feature is a must-have; show the workaround or the roadmap date, and bring in a product specialist.',
  },
  contract: {
    title: 'contract',
    advice: 'Bring legal in early, send the standard fallback positions (liability cap, terms), and agree a timeline for redlines.',
  },
};
