import type { DateKind } from './types.ts';

// What a date is for, from the words around it: a deadline ("by Friday", "before July 20",
// "within a week"), a meeting ("call on Tuesday at 10am", "available tomorrow"), a timeline point
// ("start on June 29", "go-live", "revisit after September 15"), or a plain mention.

const DEADLINE_BEFORE = /\b(?:by|before|until|till|no later than|due(?: on| by)?|deadline(?: is| of)?|expires?(?: on)?|through|thru)\s+(?:the\s+)?(?:end\s+of\s+)?(?:this\s+)?$/i;
const DEADLINE_IN = /^(?:within|by|end of)\b/i;
const DEADLINE_AFTER = /^[\s,]*(?:at the latest|latest|or sooner)\b/i;
const MEETING = /\b(?:meet|meets|meeting|call|calls|demo|session|lunch|dinner|coffee|breakfast|chat|conference|appointment|availab\w*|see you|reception|visit|interview|seminar|workshop|kick-?off meeting|works for me|work for me|webinar|catch up|time(?=:)|reserved|come by|stop by|drop by|takes? place)\b/i;
const TIMELINE = /\b(?:start|starts|starting|begin|begins|beginning|kick-?off|go-?live|launch|roll ?out|rollout|pilot|revisit|effective|implementation|onboarding|renewal|from|after|running|consumed)\b/i;

export function dateKind(sentence: string, start: number, end: number, hasTime: boolean): DateKind {
  const before = sentence.slice(Math.max(0, start - 30), start);
  const matched = sentence.slice(start, end);
  if (DEADLINE_BEFORE.test(before) || DEADLINE_IN.test(matched) || DEADLINE_AFTER.test(sentence.slice(end, end + 16))) return 'deadline';
  // meeting words near the date, not anywhere: "call me, then I'll send a memo on Monday" is no meeting
  if (hasTime || MEETING.test(sentence.slice(Math.max(0, start - 60), end + 25))) return 'meeting';
  if (TIMELINE.test(sentence)) return 'timeline';
  return 'mention';
}
