import type { Prepared } from '../drafting/prepare.ts';
import type { FactLedger } from '../facts/fact.ts';

// The pre-call / pre-meeting brief about one person: each line built from facts, left out when the
// record has nothing for it.

export function briefLines(p: Prepared, ledger: FactLedger): string[] {
  const { book, context } = p;
  const lines: string[] = [];
  const role = [book.title ? ledger.use(book.title) : null, book.company ? `at ${ledger.use(book.company)}` : null].filter(Boolean).join(' ');
  const industry = book.industry ? ` (${ledger.use(book.industry)})` : '';
  lines.push(`Who: ${ledger.use(book.fullName)}${role ? `, ${role}` : ''}${industry}`);
  if (book.deal) {
    const d = book.deal;
    const close = d.close ? `, expected close ${ledger.use(d.close)}` : '';
    const next = d.nextSteps ? `; next step: ${ledger.use(d.nextSteps)}` : '';
    lines.push(`Deal: ${ledger.use(d.name)}, ${ledger.use(d.stage)}, ${ledger.use(d.value)}${close}${next}`);
    if (d.competitors.length > 0) lines.push(`Competitors: ${d.competitors.map((c) => ledger.use(c)).join(', ')}`);
  }
  const t = book.lastTouch;
  if (t) lines.push(`Last touch: ${ledger.use(t.kind)} on ${ledger.use(t.day)}${t.what ? `: ${ledger.use(t.what)}` : ''}`);
  for (const q of book.openQuestions) lines.push(`Open question: ${ledger.use(q)}`);
  for (const o of [...new Map(book.objections.map((x) => [x.type, x])).values()].slice(0, 2)) lines.push(`Objection (${o.type}): ${ledger.use(o)}`);
  if (book.pains.length > 0) lines.push(`Pain points: ${book.pains.map((x) => ledger.use(x)).join('; ')}`);
  if (book.preferredChannel || book.contactHour) {
    const channel = book.preferredChannel ? `prefers ${ledger.use(book.preferredChannel)}` : '';
    const hour = book.contactHour ? `${channel ? ', ' : ''}best around ${ledger.use(book.contactHour)} their time (${ledger.use({ key: 'lead.timeZone', fact: book.zone, source: { kind: 'lead', id: book.leadId, field: 'timeZone' } })})` : '';
    lines.push(`Preferences: ${channel}${hour}`);
  }
  for (const task of context.openTasks.slice(0, 3)) {
    const due = task.dueAt ? ` (due ${ledger.use({ key: 'task.dueAt', fact: task.dueAt.toISOString().slice(0, 10), source: { kind: 'task', id: task.id, field: 'dueAt' } })})` : '';
    lines.push(`Open task: ${ledger.use({ key: 'task.title', fact: task.title, source: { kind: 'task', id: task.id, field: 'title' } })}${due}`);
  }
  return lines;
}
