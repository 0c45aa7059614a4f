// What came of a logged call, meeting or message, read from the words used to log it. The vocabulary is
// the one the rest of the store uses (seed, risk and engagement tools): meeting_booked, next_steps_agreed,
// voicemail, no_answer, no_show, not_interested, connected.

const RULES: [string, RegExp][] = [
  ['no_show', /\b(?:no[- ]show|did(?: not|n'?t) (?:show|join|turn up))\b/i],
  ['voicemail', /\b(?:voice ?mail|left (?:a )?(?:message|vm))\b/i],
  ['no_answer', /\b(?:no answer|did(?: not|n'?t) (?:pick up|answer)|straight to|rang out|unreachable)\b/i],
  ['not_interested', /\b(?:not interested|no longer interested|take (?:me|us) off|stop (?:emailing|calling|contacting)|unsubscribe)\b/i],
  ['meeting_booked', /\b(?:booked|scheduled|set up|put in)\b[^.]*\b(?:meeting|demo|call|session)\b|\b(?:meeting|demo|call)\b[^.]*\b(?:booked|scheduled|confirmed)\b/i],
  ['next_steps_agreed', /\b(?:next steps?|agreed (?:to|on|that)|will (?:send|follow up|review|share)|action items?)\b/i],
];

export function detectOutcome(kind: string, text: string): string | null {
  for (const [outcome, rx] of RULES) if (rx.test(text)) return outcome;
  // a call or meeting that happened and matched nothing else still connected
  return kind === 'call' || kind === 'meeting' ? 'connected' : null;
}
