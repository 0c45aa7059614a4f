import { cell, pct, table } from './format.ts';

// engagement_insights answers several questions at once (what converts, when to send, which subject lines and
// templates work, meeting show rate, the most common objections and buyer questions). The generic renderer
// showed only its first list, so "what are the top objections?" got subject lines: every section gets its line.

type Data = Record<string, unknown>;
const arr = (v: unknown): Data[] => (Array.isArray(v) ? (v as Data[]) : []);
const obj = (v: unknown): Data => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Data) : {});

const best = (slot: unknown) => {
  const s = obj(slot);
  return s.label ? `${cell(s.label)} (${pct(s.rate)} of ${cell(s.n)})` : 'not enough emails';
};

export function renderEngagement(d: Data): string {
  const lines: string[] = [`Engagement for ${cell(obj(d.period).label)}:`];
  const overall = obj(obj(d.conversion).overall);
  if (typeof overall.n === 'number') lines.push(`- Conversion: ${cell(overall.converted)} of ${cell(overall.n)} new leads joined a deal (${pct(overall.conversionRate)}).`);
  const send = obj(d.sendTimes);
  if (typeof send.delivered === 'number' && send.delivered > 0) {
    const hour = obj(send.bestHour);
    const day = obj(send.bestWeekday);
    lines.push(`- Send times (${cell(send.delivered)} delivered emails, recipient's time): best hour for opens ${best(hour.open)}, for replies ${best(hour.reply)}; best day for opens ${best(day.open)}, for replies ${best(day.reply)}.`);
  }
  const meetings = obj(d.meetings);
  if (typeof meetings.scheduled === 'number' && meetings.scheduled > 0) lines.push(`- Meetings: ${cell(meetings.held)} of ${cell(meetings.scheduled)} held (${pct(meetings.showRate)} show rate), ${cell(meetings.noShows)} no-shows.`);
  const objections = obj(d.objections);
  const objectionRows = arr(objections.items).slice(0, 6);
  const questions = arr(obj(d.questions).items).slice(0, 5);
  const subjects = arr(d.subjectLines).slice(0, 3);
  let out = lines.join('\n');
  if (objectionRows.length > 0) out += `\n\nTop objections (${cell(objections.total)} raised):\n${table(objectionRows, [['objection', 'objection'], ['times', 'count'], ['share', (r) => pct(r.share)]])}`;
  if (questions.length > 0) out += `\n\nMost asked questions:\n${table(questions, [['question', 'question'], ['times', 'count']])}`;
  if (subjects.length > 0) out += `\n\nSubject lines:\n${table(subjects, [['subject', 'label'], ['delivered', 'delivered'], ['open rate', (r) => pct(r.openRate)], ['reply rate', (r) => pct(r.replyRate)]])}`;
  return out;
}
