import type { Question, Span } from './types.ts';

// A sentence asks something of the reader when it is a question ("?" or an interrogative opening such
// as "What is..." / "Are you willing...", even without the "?" people drop in email) or a request
// ("could you send", "please review", "let me know", or an imperative: "Send the questionnaire by July 2").
// A conditional inversion ("Should you not be able to call, I will...") is neither.

const REQUEST = /\b(?:could|can|would|will) you\b|\bplease\b|\blet (?:me|us) know\b|\bkindly\b|\b(?:do|would) you mind\b|\bare you (?:willing|able)\b|\bi'?d appreciate (?:it )?if you\b|\b(?:may|can|could) i (?:have|get|ask)\b/i;
const WH = /^(?:who|what|when|where|why|how|which|whose)\s+(?:is|are|was|were|do|does|did|can|could|would|will|should|shall|may|might|has|have|had|much|many|long|about|often|soon|far)\b/i;
// without a "?" only a pronoun subject counts: "Third, is a pre-sold unit..." is a statement
const AUX = /^(?:is|are|was|were|do|does|did|can|could|would|will|shall|should|may|might|have|has|had)\s+(?:i|you|we|they|he|she|it|there|anyone|anybody|someone|somebody|everyone)\b/i;
const CONDITIONAL_INVERSION = /^(?:should|had|were)\s+(?:you|we|i|they|he|she|it)\b[^?]*,/i;
const IMPERATIVE = new RegExp(
  `^(?:\\w+ly\\s+)?(?:${[
    'send', 'call', 'e-?mail', 'review', 'give', 'get', 'try', 'make', 'check', 'confirm', 'book', 'schedule', 'set', 'use',
    'take', 'find', 'forward', 'provide', 'advise', 'contact', 'reply', 'respond', 'note', 'see', 'read', 'sign', 'fill',
    'fax', 'mail', 'share', 'keep', 'tell', 'ask', 'bring', 'pull', 'put', 'join', 'visit', 'click', 'choose', 'save',
    'stay', 'buy', 'order', 'mark', 're-?schedule', 'plan', 'come', 'follow', 'feel', 'look', 'reach', 'update', 'attend',
    'consider', 'select', 'register', 'return', 'complete', 'submit', 'print', 'grab', 'pick', 'stop', 'hold', 'leave',
    'drop', 'talk', 'go', 'receive', 'enjoy', 'shop', 'download', 'sign up', 'don\'t forget', 'do not forget', 'let (?:me|us) know',
  ].join('|')})\\b(?!\\s+(?:is|are|was|were|has|had)\\b)`,
  'i',
);
// an opening "Hi Dana," / "Dana," / "FYI." / "Thanks," before the sentence proper
const OPENER = /^(?:(?:hi|hello|hey|dear|thanks|thank you|ok|okay|so|well|yes|no|fyi|ps|also|and|but|great|sure|sorry)\b[^,.:!?]{0,20}[,.:!]\s*|[A-Z][a-z]+,\s+|(?:well|so|ok|okay|and|but|also|now|then|oh)\s+)/i;

function clauseStarts(text: string): string[] {
  const starts = [text];
  const opened = text.replace(OPENER, '');
  if (opened !== text) starts.push(opened);
  // "If you'd like to..., check out..." / "Should you have questions, give me a call"
  const cond = /^(?:if|should|when|whenever|once)\b[^,]*,\s*(?:then\s+)?(.*)$/i.exec(opened);
  if (cond) starts.push(cond[1] as string);
  // "Not the right time for us, but reach out again after October 1"
  const turn = /(?:,\s*but|;)\s+(.*)$/i.exec(opened);
  if (turn) starts.push(turn[1] as string);
  return starts;
}

export function detectQuestion(sentence: Span): Question | null {
  const t = sentence.text.trim();
  if (t.length === 0) return null;
  const asks = /\?["')\]\s]*$/.test(t) || /\?\s/.test(t);
  const request = REQUEST.test(t);
  const starts = clauseStarts(t);
  const imperative = starts.some((s) => IMPERATIVE.test(s) && !/^let(?:'s| me (?!know)| us (?!know))/i.test(s) && !/^(?:don'?t know|see you|talk to you)\b/i.test(s));
  const interrogative = !CONDITIONAL_INVERSION.test(t) && starts.some((s) => WH.test(s) || AUX.test(s));
  if (!asks && !request && !imperative && !interrogative) return null;
  return { kind: request || imperative ? 'request' : 'question', text: sentence.text, start: sentence.start, end: sentence.end };
}
