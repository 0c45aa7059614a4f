import * as chrono from 'chrono-node';

const EVENT_TYPES: [RegExp, string][] = [
  [/\bunsubscrib\w*|\bopt(ed)? ?-?out\b/, 'unsubscribed'],
  [/\bbounc\w*/, 'bounced'],
  [/\bclick\w*|\bhit the link\b/, 'clicked'],
  [/\brepl(y|ied|ies)\b|\bresponded\b/, 'replied'],
  [/\bopen(ed|s)?\b|\bread\b/, 'opened'],
  [/\bdelivered\b/, 'delivered'],
];

/** "x@y.com opened my email at 9:12 UTC today": one email-tracking event (type, when, who, link). */
export function emailEvent(raw: string, text: string, now: Date): Record<string, unknown> | undefined {
  const type = EVENT_TYPES.find(([re]) => re.test(text))?.[1];
  if (!type) return undefined;
  const instant = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/i.exec(raw)?.[0];
  let occurredAt: string;
  if (instant) occurredAt = /(Z|[+-]\d{2}:?\d{2})$/i.test(instant) ? instant.toUpperCase() : `${instant}Z`;
  else {
    const parsed = chrono.parseDate(raw.replace(/(\d)\s*z\b/gi, '$1 UTC'), { instant: now, timezone: 'UTC' });
    occurredAt = (parsed ?? now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  if (/T\d{2}:\d{2}Z$/.test(occurredAt)) occurredAt = occurredAt.replace(/Z$/, ':00Z');
  const event: Record<string, unknown> = { type, occurredAt };
  const email = /[\w.+-]+@[\w.-]+\.\w+/.exec(raw)?.[0];
  if (email) event.lead = email;
  const url = /\bhttps?:\/\/\S+/.exec(raw)?.[0];
  if (url && type === 'clicked') event.url = url.replace(/[.,;)]+$/, '');
  return event;
}
