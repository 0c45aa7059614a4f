// Word and phrase weights for sentiment, written for business email and sales calls (not tweets):
// +2/-2 strong ("excellent", "disastrous"), +1/-1 ordinary ("good", "concern"), 0.5 polite filler
// ("thanks", "sorry"). Phrases are matched before words and take their words out of play.

export const PHRASES: [RegExp, number][] = [
  [/\bway to go\b/gi, 2], [/\bgood news\b/gi, 2], [/\blook(?:ing)? forward\b/gi, 1.5], [/\bwent well\b/gi, 1.5],
  [/\bworks? (?:for me|for us)\b/gi, 0.5], [/\bworks? (?:great|well)\b/gi, 1], [/\bsounds (?:good|great)\b/gi, 1.5], [/\bthank you\b/gi, 0.75], [/\b(?:not|n't|cannot)\b[^.]{0,25}\bmove forward\b/gi, -1.5], [/\bmove forward\b/gi, 0.5],
  [/\bnot interested\b/gi, -2], [/\bno budget\b/gi, -1.5], [/\bhard time\b/gi, -1.5], [/\bat risk\b/gi, -1.5],
  [/\bpushed back\b/gi, -1], [/\bpush ?back\b/gi, -1], [/\btoo much\b/gi, -1], [/\btoo (?:expensive|high|low|long|slow)\b/gi, -1.5],
  [/\bhold off\b/gi, -1], [/\bmomentum has stalled\b/gi, -2], [/\brunning out of\b/gi, -1.5], [/\bno longer\b/gi, -1],
  [/\bcan'?t afford\b/gi, -1.5], [/\bcannot afford\b/gi, -1.5], [/\bout of (?:my|our) (?:current )?budget\b/gi, -1.5],
  [/\bmore questions than answers\b/gi, -1.5], [/\btake me off\b/gi, -1.5], [/\bstop emailing\b/gi, -2],
  [/\bdeal[- ]?breaker\b/gi, -2], [/\bnot (?:a )?(?:good|great) (?:fit|time)\b/gi, -1.5], [/\bstruggling to see\b/gi, -1], [/\bnot convinced\b/gi, -1.5], [/\bmore than (?:we|i) (?:budgeted|can afford|expected)\b/gi, -1], [/\bhard to justify\b/gi, -1.5],
];

export const WORDS: Record<string, number> = {
  // positive
  good: 1, great: 1.5, excellent: 2, exceptional: 2, awesome: 2, perfect: 2, fantastic: 2, amazing: 2, wonderful: 2, terrific: 2,
  thrilled: 2, excited: 1.5, exciting: 1.5, delighted: 2, impressed: 1.5, impressive: 1.5, love: 1.5, loved: 1.5,
  happy: 1, glad: 1, pleased: 1.5, enjoy: 1, enjoyed: 1, fun: 1, cool: 1, nice: 1, fine: 1, promising: 1.5, successful: 1.5,
  success: 1, competitive: 1, attractive: 1, strong: 1, best: 1, better: 0.5, valuable: 1, useful: 1, helpful: 1, easy: 0.5,
  welcome: 1, congratulations: 2, congrats: 2, appreciate: 1, appreciated: 1, thanks: 0.75,
  thank: 0.75, interested: 0.5, interesting: 0.5, supportive: 1.5, agreed: 0.5, confident: 1, positive: 1, solution: 0.5,
  win: 1, winner: 1.5, reliable: 1, recommend: 1, fast: 0.5, smooth: 1, clear: 0.5, exactly: 0.5, ideal: 1.5, beauty: 1,
  // negative
  bad: -1.5, poor: -1.5, broke: -1.5, terrible: -2, awful: -2, horrible: -2, disastrous: -2, disaster: -2, hate: -2, hated: -2, ugly: -1.5,
  annoying: -1.5, annoyed: -1.5, frustrated: -2, frustrating: -2, disappointed: -2, disappointing: -2, unhappy: -1.5,
  worried: -1, worry: -1, concern: -1, concerns: -1, concerned: -1, nervous: -1, sceptical: -1.5, skeptical: -1.5,
  problem: -1, problems: -1, difficult: -1, tough: -1, brutal: -1.5, painful: -1.5, hard: -0.5,
  unfortunately: -1.5, sorry: -0.5, regret: -1, rejected: -1.5, reject: -1, stalled: -1.5, stuck: -1, delay: -1, delayed: -1,
  slow: -1, expensive: -1, overpriced: -1.5, risky: -1, fail: -1.5, failed: -1.5, failure: -1.5, lose: -1,
  losing: -1, lost: -1, loss: -1, bankruptcy: -1.5, bankrupt: -1.5, distort: -1.5, manipulate: -1.5, steal: -2, scam: -2,
  negative: -1, unclear: -0.5, confusing: -1, confusion: -1, mess: -1.5, broken: -1.5, cancel: -1, cancelled: -1,
  flagged: -1, unrealistic: -1.5, unfair: -1.5, impossible: -1.5, cheap: -0.5, struggle: -1, struggling: -1, damn: -1.5,
  worse: -1.5, worst: -2, angry: -2, upset: -1.5, complaint: -1.5, complain: -1.5, poorly: -1.5, useless: -2, waste: -1.5,
};

export const NEGATORS = new Set(['not', 'no', 'never', "n't", 'cannot', 'without', 'hardly', 'nothing', 'neither', 'nor', "don't", "didn't", "doesn't", "isn't", "wasn't", "won't", "can't", "couldn't", "wouldn't", "aren't", "weren't", 'dont', 'didnt', 'cant', 'wont']);
export const INTENSIFIERS: Record<string, number> = { very: 1.5, really: 1.5, extremely: 2, so: 1.3, truly: 1.5, quite: 1.2, super: 1.5, incredibly: 2, highly: 1.5, totally: 1.5, absolutely: 1.5 };
