import type { ActionItem, DateMention, Question, SignalContext, Span } from './types.ts';

// Action items: a commitment or an assignment of a concrete task, one per owner per sentence.
// - "I'll send the proposal by Friday", "Let me check internally" -> owner = context.speaker
// - "Dana to review the MSA", "Colleen is setting up a meeting" -> owner = the named person
// - "we need to...", "our onboarding team will reach out" -> owner null (a team)
// - "Can you send me...", "Please review...", "Send the questionnaire by July 2" -> owner = the person
//   addressed by name ("..., Baba, ...") when they are a participant, else null
// due = the first date in the sentence that is not a meeting time ("send it today for Saturday delivery" -> today).

const VERBS = [
  'send', 'call', 'e-?mail', 'follow[- ]up', 'review', 'check(?! out)', 'get back', 'come back', 'circle back', 'forward', 'mail',
  'fax', 'deliver', 'order', 'look into', 'have a look', 'take a look', 'find', 'prepare', 'set up', 'setup', 're-?schedule',
  'schedule', 'book', 'contact', 'update', 'share', 'put together', 'pull together', 'draft', 'write', 'reach out', 'confirm',
  'provide', 'arrange', 'talk to', 'discuss', 'work on', 'work', 'meet', 'sign', 'submit', 'complete', 'fill', 'relay', 'walk',
  'make sure', 'ensure', 'see that', 'get', 'ping', 'loop in', 'organi[sz]e', 'invite', 'present', 'fix', 'call back',
  'respond', 'reply', 'finali[sz]e', 'introduce', 'ship', 'pay', 'wire', 'return', 'line up', 'try again', 'decide',
  'define', 'evaluate', 'figure out', 'agree on', 'research', 'investigate', 'analy[sz]e', 'calculate', 'estimate',
  'test', 'build', 'create', 'design', 'document', 'summari[sz]e', 'write up', 'collect', 'gather', 'compile', 'finish',
  'describe', 'get with', 'give (?:me|us|him|her|them|you) (?:an? )?(?:update|call|ring|heads-up|summary|overview)',
];
const VERB = `(?:${VERBS.join('|')})\\b`;
// what the reader is asked to do may also be "use the second check", "try and pull together..."
const ASKED_VERB = `(?:${[...VERBS, 'use', 'try (?:and|to) \\w+', 'have (?:the |someone|somebody|\\w+ )'].join('|')})\\b`;
const ING = '(?:sending|setting up|preparing|reviewing|scheduling|calling|following up|working on|drafting|booking|checking|arranging|organi[sz]ing|writing|putting together|pulling together|reaching out|looking into|getting|updating|sharing|finali[sz]ing|emailing|contacting)\\b';
const FILLER = '(?:\\s+(?:also|then|just|probably|likely|definitely|quickly|still|go ahead and|try to|need to|have to|be able to|be sure to|personally))*';

const FIRST_PERSON = new RegExp(`\\b(?:(?:i'll|i will)\\s+)*(i|we)(?:'ll|’ll|\\s+will|\\s+shall|\\s+am going to|'m going to|\\s+are going to|'re going to|\\s+can|\\s+need to|\\s+have to|\\s+must|\\s+should|\\s+plan to|\\s+intend to)${FILLER}\\s+${VERB}`, 'i');
const ELIDED = new RegExp(`\\band\\s+(?:will|'ll|shall)${FILLER}\\s+${VERB}`, 'i');
const LET_ME = new RegExp(`\\blet (me|us)\\s+(?!know\\b)${VERB}|\\blet's\\s+(?:plan to\\s+|try to\\s+)?${VERB}`, 'i');
// note style, subject left out: "Will follow up by email."
const SUBJECTLESS = new RegExp(`^(?:will|'ll|need to|must)${FILLER}\\s+${VERB}`, 'i');
const NAMED = new RegExp(`^(?:(?:ps|fyi|note|update|next steps?)\\s*[:.-]\\s*)?([A-Z][a-z]+(?:\\s+[A-Z][a-z]+)?)\\s+(?:will|'ll|is going to|is to|to|has to|needs to|should|is|are)(?:\\s+(?:also|trying to|going to|planning to))*\\s+(?:${VERB}|${ING})`);
const TEAM = new RegExp(`^(?:our|the|my)\\s+(?:[a-z-]+\\s+){0,2}team\\s+(?:will|'ll|is going to|to|needs to|should)${FILLER}\\s+${VERB}`, 'i');
const ASK = new RegExp(`\\b(?:can|could|would|will) you\\s+(?:please\\s+|kindly\\s+|also\\s+)*${ASKED_VERB}|\\bplease\\s+(?:also\\s+|kindly\\s+)?${ASKED_VERB}|\\b(?:may|can|could) i (?:have|get) your\\b|\\byou(?:'ll|\\s+will)?\\s+(?:may need to|might need to|need to|have to|must|should)\\s+${VERB}`, 'i');
const IMPERATIVE = new RegExp(`(?:^(?:(?:[A-Z][a-z]+|hi \\w+|fyi|ps|so|and|also)[,.:]\\s+)?|(?:,\\s*but|;)\\s+)${ASKED_VERB}`, 'i');
const NOT_PEOPLE = new Set(['He', 'She', 'It', 'They', 'We', 'I', 'The', 'This', 'That', 'These', 'Those', 'There', 'Our', 'Your', 'My', 'His', 'Her', 'Their', 'Everyone', 'Someone', 'Who', 'What', 'If', 'When', 'Please', 'Gas', 'Security', 'Legal', 'Finance', 'Leadership']);
const CONDITIONAL = /^(?:if|should|when|whenever)\b|\banytime\b|\bif you have (?:any )?(?:further |additional )?questions\b/i;

function vocative(text: string, participants: readonly string[] | undefined): string | null {
  for (const p of participants ?? []) {
    const first = p.split(/\s+/)[0] as string;
    for (const name of [p, first]) {
      const at = text.indexOf(name);
      if (at >= 0 && (/(?:^|,)\s*$/.test(text.slice(0, at)) || /^\s*,/.test(text.slice(at + name.length)))) return p;
    }
  }
  return null;
}

export function extractActionItems(sentence: Span, dates: DateMention[], ctx: SignalContext, question: Question | null): ActionItem[] {
  const t = sentence.text;
  const due = dates.find((d) => d.kind !== 'meeting')?.date ?? null;
  const items: ActionItem[] = [];
  const add = (owner: string | null, ownerRole: ActionItem['ownerRole']): void => {
    if (!items.some((i) => i.owner === owner && i.ownerRole === ownerRole)) items.push({ owner, ownerRole, due, text: t, start: sentence.start, end: sentence.end });
  };
  const first = FIRST_PERSON.exec(t);
  if (!first && SUBJECTLESS.test(t)) add(ctx.speaker ?? null, 'speaker');
  if (first) add((first[1] as string).toLowerCase() === 'i' ? (ctx.speaker ?? null) : null, (first[1] as string).toLowerCase() === 'i' ? 'speaker' : 'team');
  else if (/\bI\b/.test(t) && ELIDED.test(t)) add(ctx.speaker ?? null, 'speaker');
  const letMe = LET_ME.exec(t);
  if (letMe) add(letMe[1]?.toLowerCase() === 'me' ? (ctx.speaker ?? null) : null, letMe[1]?.toLowerCase() === 'me' ? 'speaker' : 'team');
  const named = NAMED.exec(t);
  if (named && !NOT_PEOPLE.has((named[1] as string).split(' ')[0] as string)) {
    const name = named[1] as string;
    add(ctx.participants?.find((p) => p === name || p.split(/\s+/)[0] === name) ?? name, 'named');
  }
  if (TEAM.test(t)) add(null, 'team');
  if (question?.kind === 'request' && !CONDITIONAL.test(t) && (ASK.test(t) || IMPERATIVE.test(t))) add(vocative(t, ctx.participants), 'addressee');
  else if (!question && /\byou(?:'ll|\s+will)?\s+(?:may need to|might need to|need to|have to|must)\b/i.test(t) && ASK.test(t)) add(vocative(t, ctx.participants), 'addressee');
  return items;
}
