// Slot rules for the action tools' fields (tasks, schedules, approvals, undo, logging, imports,
// corrections): general readings of a field named in a tool's JSON Schema, whichever tool carries it.

type Props = Record<string, { type?: string; enum?: string[] }>;

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const ZONES: [RegExp, string][] = [
  [/\b(new york|nyc|eastern|est|edt|et)\b/, 'America/New_York'],
  [/\b(chicago|central|cst|cdt)\b/, 'America/Chicago'],
  [/\b(denver|mountain|mst)\b/, 'America/Denver'],
  [/\b(san francisco|sf|la|los angeles|pacific|pst|pdt|pt|seattle)\b/, 'America/Los_Angeles'],
  [/\b(london|uk|gmt|bst)\b/, 'Europe/London'],
  [/\b(berlin|germany|cet|cest)\b/, 'Europe/Berlin'],
  [/\b(paris|france)\b/, 'Europe/Paris'],
  [/\b(madrid|spain)\b/, 'Europe/Madrid'],
  [/\b(amsterdam)\b/, 'Europe/Amsterdam'],
  [/\b(stockholm|sweden)\b/, 'Europe/Stockholm'],
  [/\b(tokyo|japan|jst)\b/, 'Asia/Tokyo'],
  [/\b(singapore)\b/, 'Asia/Singapore'],
  [/\b(sydney|australia)\b/, 'Australia/Sydney'],
  [/\b(utc)\b/, 'UTC'],
];

/** "every monday 9am", "daily at 7", "each weekday at 8:30", "every friday at 4pm" -> a cron line */
export function cronFrom(text: string): string | undefined {
  const time = /\b(?:at )?(\d{1,2})(?::(\d{2}))? ?(am|pm)?\b(?! ?(?:step|days?|touch))/.exec(text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, ''));
  const morning = /\bmorning\b/.test(text);
  const hasCadence = /\b(every|each|daily|weekly|weekdays?|mondays|tuesdays|wednesdays|thursdays|fridays|nightly|monthly)\b/.test(text);
  if (!time && !morning && !hasCadence) return undefined;
  let hour = time ? Number(time[1]) : morning ? 8 : 8;
  const minute = time?.[2] ? Number(time[2]) : 0;
  if (time?.[3] === 'pm' && hour < 12) hour += 12;
  if (time?.[3] === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return undefined;
  const day = WEEKDAYS.findIndex((d) => new RegExp(`\\b${d}s?\\b`).test(text));
  let dow = '*';
  if (/\bweekdays?\b|\bwork ?days?\b|\bmon(day)? ?-? ?fri(day)?\b/.test(text)) dow = '1-5';
  else if (day >= 0) dow = String(day);
  else if (/\bweekly\b|\bevery week\b/.test(text)) dow = '1';
  return `${minute} ${hour} * * ${dow}`;
}

function zoneFrom(text: string): string | undefined {
  const iana = /\b([A-Z][a-z]+\/[A-Z][A-Za-z_]+)\b/.exec(text);
  if (iana) return iana[1];
  const n = text.toLowerCase();
  return ZONES.find(([re]) => re.test(n))?.[1];
}

/** a due word or date as the user said it: "tomorrow", "friday", "next week", "2026-07-01" */
function dueFrom(text: string): string | undefined {
  const m =
    /\b(\d{4}-\d{2}-\d{2})\b/.exec(text) ??
    /\b((?:next |this )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/.exec(text) ??
    /\b(today|tonight|tomorrow|tmrw|tmr|next week|end of (?:the )?(?:day|week|month)|eod|eow)\b/.exec(text);
  if (!m) return undefined;
  // in the words the task tools read (tools/automation/due.ts)
  const said = m[1]!;
  if (/^(tmrw|tmr)$/.test(said)) return 'tomorrow';
  if (/^(tonight|eod|end of (the )?day)$/.test(said)) return 'today';
  if (said === 'next week') return 'next monday';
  if (/^(eow|end of (the )?week)$/.test(said)) return 'friday';
  return said.replace(/^this /, '');
}

const COMMAND = /^(?:ok |okay |hey |please |pls |can you |could you )*(?:remind me (?:to )?|set a reminder (?:to )?|create a (?:task|todo|to-?do|reminder) (?:to )?|add a (?:task|todo|to-?do|follow-?up task) (?:to |for )?|make a (?:task|todo|to-?do) (?:to |for )?|new (?:task|todo|to-?do)\s*:?\s*|task\s*:\s*|todo\s*:\s*|add to my list\s*:?\s*|put a task in (?:for \S+ )?(?:to )?|schedule a task (?:to )?)/i;

/** "remind me to send X the contract friday" -> "send X the contract" */
function taskTitle(raw: string): string | undefined {
  const cut = raw.replace(COMMAND, '');
  if (cut === raw && !/\b(task|todo|to-?do|remind)\b/i.test(raw)) return undefined;
  const title = cut
    .replace(/\b(?:by |on |for |due )?((?:next |this )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|today|tonight|tomorrow|tmrw|next week)\b/gi, '')
    .replace(/,?\s*(high|low|medium|urgent) priority\b/gi, '')
    .replace(/[\s,.!?:;-]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return title.length >= 2 ? title : undefined;
}

/** "the send pricing task is done", "complete my task to email X", "mark 'Send deck' as done" */
function taskRef(raw: string): string | undefined {
  const quoted = /["“']([^"”']{2,})["”']/.exec(raw);
  if (quoted) return quoted[1];
  const before = /\b(?:the|my|that)\s+(.+?)\s+task\b/i.exec(raw);
  if (before && !/^(last|next|same|this|that)$/i.test(before[1]!)) return before[1];
  const after = /\btask\s+(?:to|called|named|for|about)\s+(.+?)(?:\s+(?:to|as|is|for)\s+(?:done|complete|high|low|urgent|medium|next|friday|monday|tomorrow|in progress|cancel\w*)\b.*|[,.!?]|$)/i.exec(raw);
  return after?.[1];
}

/** free text after a colon, else the whole request (the scorer and the tools read content words) */
function afterColon(raw: string): string | undefined {
  const i = raw.indexOf(':');
  if (i < 0) return undefined;
  const rest = raw.slice(i + 1).trim();
  return rest.length >= 2 ? rest : undefined;
}

export interface ActionSlots {
  props: Props;
  required: Set<string>;
  /** the request, normalized, with names taken out */
  text: string;
  raw: string;
  input: Record<string, unknown>;
  /** first record the request names (for a correction's target) */
  record?: { kind: 'lead' | 'opportunity'; name: string };
}

export function fillActionSlots({ props, required, text, raw, input, record }: ActionSlots): void {
  const has = (f: string) => f in props;
  const enumHas = (f: string, v: string) => props[f]?.enum?.includes(v) ?? false;
  const lower = raw.toLowerCase();

  // message channel (sms / whatsapp) and schedule channel (slack / teams / email / web)
  if (has('channel') && input.channel === undefined) {
    if (enumHas('channel', 'whatsapp') && /\bwhats ?app\b|\bwa\b/.test(text)) input.channel = 'whatsapp';
    else if (enumHas('channel', 'sms') && /\b(text|sms|txt|texting)\b/.test(text)) input.channel = 'sms';
    else if (enumHas('channel', 'slack') && /\bslack\b/.test(text)) input.channel = 'slack';
    else if (enumHas('channel', 'teams') && /\b(ms )?teams\b/.test(text)) input.channel = 'teams';
    else if (enumHas('channel', 'email') && enumHas('channel', 'slack') && /\b(email|e-?mail|inbox|mail)\b/.test(text)) input.channel = 'email';
    else if (enumHas('channel', 'web') && required.has('channel') && enumHas('channel', 'slack')) input.channel = 'web';
  }
  // briefing audience
  if (has('audience') && input.audience === undefined) {
    if (/\b(exec|execs|executive|leadership|ceo|cro)\b/.test(text)) input.audience = 'exec';
    else if (/\bmanagers?\b|\bmy team\b|\bteam briefing\b/.test(text)) input.audience = 'manager';
    else if (required.has('audience')) input.audience = 'rep';
  }
  if (has('cron') && input.cron === undefined) {
    const cron = cronFrom(text);
    if (cron) input.cron = cron;
  }
  if (has('timezone') && input.timezone === undefined) {
    const zone = zoneFrom(raw);
    if (zone) input.timezone = zone;
  }
  // approvals
  if (has('decision') && input.decision === undefined) {
    if (/\b(reject|rejected|deny|denied|decline|declined|refuse|no go|don ?t approve)\b/.test(text)) input.decision = 'reject';
    else if (/\b(approve|approved|approval|sign off|signed off|go ahead|lgtm|yes|ok|okay|accept)\b/.test(text)) input.decision = 'approve';
  }
  if (has('workflow') && input.workflow === undefined) {
    if (/\bonboard\w*\b/.test(text)) input.workflow = 'onboard_lead';
    else if (/\bclose ?-?d? ?lost\b|\bclose_lost\b/.test(text)) input.workflow = 'close_lost';
  }
  // undo: an audit id, else the caller's last change
  if (has('auditId') && has('last') && input.auditId === undefined && input.last === undefined) {
    const id = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i.exec(raw);
    if (id) input.auditId = id[0];
    else input.last = true;
  }
  // imports
  if (has('preset') && input.preset === undefined) {
    // the words of the request first ("as a generic export"), then the file's folders ("/data/hubspot/deals.csv")
    const said = (where: string) => props.preset?.enum?.find((p) => p !== 'auto' && new RegExp(`\\b${p}\\b`).test(where.replace(/\bsfdc\b/g, 'salesforce').replace(/\bms dynamics\b/g, 'dynamics')));
    const preset = said(text) ?? said(lower.replace(/[/._-]+/g, ' '));
    if (preset) input.preset = preset;
  }
  // interaction kind
  if (has('kind') && input.kind === undefined && props.kind?.enum?.includes('call')) {
    if (/\bwhats ?app\b/.test(text)) input.kind = 'whatsapp';
    else if (/\b(sms|texted|text message|txt)\b/.test(text)) input.kind = 'sms';
    else if (/\b(emailed|email|e-?mail|mailed)\b/.test(text)) input.kind = 'email';
    else if (/\b(met|meeting|meet|in person|lunch|coffee)\b/.test(text)) input.kind = 'meeting';
    else if (/\b(call|called|calling|phone|phoned|spoke|spoken|talked|rang|voicemail|no answer)\b/.test(text)) input.kind = 'call';
  }
  // a pasted block below the request's first line is the content to import or read
  const nl = raw.indexOf('\n');
  if (has('content') && input.content === undefined && nl >= 0 && raw.slice(nl + 1).trim()) input.content = raw.slice(nl + 1).trim();
  if (has('text') && input.text === undefined) {
    const after = afterColon(raw);
    if (after) input.text = after;
    else if (required.has('text') && input.kind !== undefined) input.text = raw;
  }
  if (has('objection') && input.objection === undefined) {
    const quoted = /["“]([^"”]{2,})["”]/.exec(raw);
    const said = /\b(?:says?|said|saying|think|thinks|tells? me|told me|objection:?|claims?)\s+(?:that\s+)?(.+?)(?:[,.;?!]|\s+-\s+|\s+(?:how|what)\b|$)/i.exec(raw);
    const objection = quoted?.[1] ?? said?.[1] ?? (/\b(too expensive|pricey|no budget|not a priority|bad timing|competitor|vendor|think about it|send me info)\b/.test(lower) ? raw : undefined);
    if (objection) input.objection = objection.trim();
  }
  // tasks
  if (has('title') && required.has('title') && input.title === undefined) {
    const title = taskTitle(raw);
    if (title) input.title = title;
  }
  if (has('task') && input.task === undefined) {
    const task = taskRef(raw);
    if (task) input.task = task.trim();
  }
  if (has('due') && input.due === undefined) {
    const due = dueFrom(lower);
    if (due) input.due = due;
  }
  if (has('priority') && input.priority === undefined) {
    const p = /\b(urgent|high|medium|low)\b(?: priority| prio)?/.exec(text);
    if (p && (/\bprio(rity)?\b/.test(text) || p[1] === 'urgent')) input.priority = p[1];
  }
  if (has('status') && has('task') && input.status === undefined) {
    if (/\b(done|complete|completed|finished|finish|close out|closed)\b/.test(text)) input.status = 'done';
    else if (/\b(cancel|cancelled|canceled|drop|scrap)\b/.test(text)) input.status = 'cancelled';
    else if (/\bin progress\b|\bstarted\b|\bworking on\b/.test(text)) input.status = 'in_progress';
  }
  if (has('status') && enumHas('status', 'overdue') && input.status === undefined && /\b(overdue|late|past due)\b/.test(text)) input.status = 'overdue';
  // a task listing's status in words: "what did I finish", "tasks in progress" ("open" is the default, active)
  if (has('status') && enumHas('status', 'in_progress') && !has('task') && input.status === undefined) {
    if (/\bin progress\b|\bstarted\b/.test(text)) input.status = 'in_progress';
    else if (/\b(done|completed|finished|closed)\b/.test(text)) input.status = 'done';
    else if (/\b(cancel+ed|dropped)\b/.test(text)) input.status = 'cancelled';
  }
  // sequences
  if (has('steps') && input.steps === undefined) {
    const steps = /\b(\d{1,2})[ -]?(?:step|touch|email|part)s?\b/.exec(text);
    if (steps) input.steps = Number(steps[1]);
  }
  // corrections: the record named, the field and the value it should have
  if (has('target') && has('record') && input.target === undefined && record) {
    input.record = record.kind;
    input.target = record.name;
  }
}
