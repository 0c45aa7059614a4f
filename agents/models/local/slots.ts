import { isoDay, parsePeriod } from '../../../tools/analytics/period.ts';
import type { FocusEntity, NamedEntity, ToolSpec } from '../types.ts';
import { NOUN, pickEntity } from './entities-pick.ts';
import type { Mention } from './mentions.ts';
import { findTimeSpans, type TimeSpan } from './periods.ts';
import { spell } from './intents.ts';
import { normalize, prepare } from './text.ts';
import { fillActionSlots } from './slots-actions.ts';
import { emailEvent } from './slots-events.ts';
import { fillOptionSlots, outcomeReason } from './slots-options.ts';
import { leadFields, recordIds } from './slots-records.ts';
import { shiftedSpan } from './slots-shift.ts';
import * as V from './vocab.ts';

// Slot filling: from a request (and, for a follow-up, the call it amends) to the tool's input, guided by
// the tool's JSON Schema: which fields exist, which are required, which enum values they take.

export interface SlotRequest {
  tool: ToolSpec;
  text: string;
  mentions: Mention[];
  focus: FocusEntity[];
  entities: readonly NamedEntity[];
  now: Date;
  /** a follow-up: the earlier call's input the new request changes */
  previous?: Record<string, unknown>;
  /** a terse follow-up ("and the odds?"): a required record missing from the text is the one in focus */
  implicitFocus?: boolean;
}

export type SlotResult = { kind: 'call'; input: Record<string, unknown> } | { kind: 'clarify'; text: string };

interface Schema {
  properties?: Record<string, { type?: string; enum?: string[]; items?: { enum?: string[] } }>;
  required?: string[];
}

const ENTITY_FIELDS: Record<string, FocusEntity['kind']> = {
  lead: 'lead', survivor: 'lead', duplicate: 'lead', primaryContact: 'lead',
  opportunity: 'opportunity', account: 'account', owner: 'user', team: 'team', product: 'product',
};
const FUTURE_TOOLS = /forecast(?!_accuracy)|pipeline|opportunity_search|followups|task/;
const DAY_MS = 86_400_000;

/** The request's time span as dates, both inclusive. */
export function spanDates(span: TimeSpan, now: Date): { from: string; to: string } {
  if (span.kind === 'range') return { from: span.from, to: span.to };
  const p = parsePeriod(span.value, now);
  return { from: isoDay(p.start), to: isoDay(new Date(p.end.getTime() - DAY_MS)) };
}

function amountMinor(text: string): { value: number; start: number }[] {
  const out: { value: number; start: number }[] = [];
  for (const m of text.matchAll(/\$ ?(\d+(?:[.,]\d+)?) ?(k|m|mm|million|thousand|grand)?\b|\b(\d+(?:\.\d+)?) ?(k|m|million|thousand|grand)\b/g)) {
    const n = Number((m[1] ?? m[3])!.replace(',', ''));
    const unit = m[2] ?? m[4];
    const mult = unit === 'k' || unit === 'thousand' || unit === 'grand' ? 1e3 : unit === 'm' || unit === 'mm' || unit === 'million' ? 1e6 : 1;
    out.push({ value: Math.round(n * mult * 100), start: m.index! });
  }
  return out;
}

function freeText(text: string, after: RegExp): string | undefined {
  const m = after.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m.index + m[0].length).trim().replace(/^[:,-]\s*/, '').replace(/[.?!]+$/, '');
  return rest.length >= 2 ? rest : undefined;
}

export function fillSlots(req: SlotRequest): SlotResult {
  const schema = req.tool.inputSchema as Schema;
  const props = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const has = (field: string) => field in props;
  // enums and dates are read with the names taken out ("New Horizons" is no stage)
  const text = spell(withoutMentions(normalize(prepare(req.text)), req.mentions));
  const input: Record<string, unknown> = {};
  const used = new Set<Mention>();
  const name = req.tool.name;

  // --- records
  const productMention = req.mentions.find((m) => m.entities.some((e) => e.kind === 'product'));
  const product = productMention?.entities.find((e) => e.kind === 'product');
  const entityFields = Object.keys(props).filter((f) => f in ENTITY_FIELDS);
  // the order slots take mentions in: specific records first, owners and teams after
  // a company named in a search of conversations, or called "the ... account", is the account, not one of its deals
  const accountFirst = has('account') && (name === 'semantic_search' || /\baccount\b/.test(normalize(req.text)));
  const order = (accountFirst ? ['survivor', 'duplicate', 'lead', 'account', 'opportunity', 'primaryContact', 'product', 'owner', 'team'] : ['survivor', 'duplicate', 'lead', 'opportunity', 'account', 'primaryContact', 'product', 'owner', 'team']).filter((f) => entityFields.includes(f));
  if (name === 'lead_merge') order.splice(0, 2, 'duplicate', 'survivor'); // "merge A into B": A goes, B stays
  // pasted record ids are exact: they fill their fields before any name is read
  recordIds(req.text, input, order, name === 'lead_merge');
  for (const field of order) {
    if (input[field] !== undefined) continue;
    const kind = ENTITY_FIELDS[field]!;
    // "new deal for Northwind, Forecast Pro": a deal to create names its account and product, not a deal
    const creating = name === 'opportunity_upsert' && /\b(new|create|add|open|log)\b/.test(text);
    if (field === 'opportunity' && creating) continue;
    if (field === 'account' && has('opportunity') && name !== 'opportunity_search' && !creating && !accountFirst) continue;
    if (field === 'product' && has('opportunity') && !has('account')) continue;
    // "my" owner means the caller, which the scope already applies; "his pipeline" after naming a rep is that rep
    const focus = field === 'team' ? [] : field === 'owner' ? (/\b(his|her|their)\b/.test(text) ? req.focus.filter((f) => f.kind === 'user') : []) : req.focus;
    const pick = pickEntity(kind, req.mentions, used, text, focus, req.entities, {
      ...(kind === 'opportunity' && product ? { productHint: product } : {}),
      ...(req.implicitFocus && required.has(field) ? { pronounOnly: false } : {}),
    });
    if (pick.kind === 'ambiguous') return { kind: 'clarify', text: pick.question };
    if (pick.kind === 'found') {
      input[field] = pick.entity.name;
      if (field === 'opportunity' && pick.mention?.entities.some((e) => e.kind === 'account') && has('account')) delete input.account;
    }
  }
  if (name === 'opportunity_upsert' && /\b(new|create|add|open|log)\b/.test(text) && input.account === undefined) {
    // the text named an existing deal's account and product together ("Northwind Health, Forecast Pro")
    const deal = req.mentions.flatMap((m) => m.entities).find((e) => e.kind === 'opportunity');
    if (deal?.aliases?.[0]) {
      input.account = deal.aliases[0];
      const product = req.entities.find((e) => e.kind === 'product' && deal.name.includes(e.name));
      if (product) input.product = product.name;
    }
  }
  // a later part of a compound ("... and tell me what to do next"): the record the earlier part named
  if (req.implicitFocus && !entityFields.some((f) => input[f] !== undefined && f !== 'owner' && f !== 'team')) {
    const inPlay = req.focus.find((f) => (f.kind === 'lead' && has('lead')) || (f.kind === 'opportunity' && has('opportunity')));
    if (inPlay && (has('lead') || has('opportunity')) && !required.has('survivor')) input[inPlay.kind] = inPlay.name;
  }
  if (name === 'lead_merge' && typeof input.survivor === 'string' && input.survivor === input.duplicate) delete input.survivor;

  // --- time
  const spans = findTimeSpans(text, req.now, FUTURE_TOOLS.test(name) ? 'future' : 'past');
  const span = (req.previous && shiftedSpan(text, req.previous, req.now)) || spans[0]?.span;
  if (span) {
    const timeFields = ['period', 'from', 'to', 'closeFrom', 'closeTo', 'lastContactedAfter', 'lastContactedBefore', 'expectedCloseDate'];
    for (const f of timeFields) delete input[f];
    const notSince = /\b(not|never|haven ?t|hasn ?t|havent|hasnt|no)\b.*\b(contact|touch|spoke|talk|reach|call|email)\w*.*\bsince\b/.test(text);
    if (notSince && has('from') && has('to')) {
      // "not contacted since May 1": last contact before that day
      input.to = isoDay(new Date(Date.parse(`${spanDates(span, req.now).from}T00:00:00Z`) - DAY_MS));
    } else if (has('period') && span.kind === 'period') input.period = span.value;
    else if (has('from') && has('to')) Object.assign(input, spanDates(span, req.now));
    else if (has('closeFrom') && (name === 'opportunity_search' || name === 'pipeline_summary')) {
      const d = spanDates(span, req.now);
      input.closeFrom = d.from;
      input.closeTo = d.to;
    } else if (has('lastContactedAfter')) {
      const d = spanDates(span, req.now);
      if (/\b(not|haven ?t|hasn ?t|no)\b.*\b(contact|touch|spoke|talk)\w*/.test(text) || /\bsince\b/.test(text) && /\bnot\b/.test(text)) input.lastContactedBefore = d.from;
      else {
        input.lastContactedAfter = d.from;
        input.lastContactedBefore = d.to;
      }
    } else if (has('expectedCloseDate')) {
      // an ISO date is that day, not the year it starts with
      const iso = /\b(\d{4}-\d{2}-\d{2})\b/.exec(req.text);
      input.expectedCloseDate = iso ? iso[1] : spanDates(span, req.now).to;
    }
    else if (has('period') && span.kind === 'range') input.period = labelFor(span, req.now) ?? undefined;
    if (input.period === undefined) delete input.period;
  }

  // --- enums and numbers, field by field
  const set = (field: string, value: unknown) => {
    if (has(field) && value !== undefined) input[field] = value;
  };
  const first = (words: Record<string, RegExp>) => V.matchAll(text, words)[0];
  if (has('stage')) {
    const stageText = text.replace(/\b(lost to|lose to)\b.*/, ' lost');
    const isLead = props.stage?.enum?.includes('contacted');
    set('stage', first(isLead ? V.LEAD_STAGE_WORDS : V.DEAL_STAGE_WORDS) ?? (isLead ? undefined : /\bnext stage\b/.test(text) ? undefined : undefined));
    if (!isLead && input.stage === undefined && /\bwon\b|\bwin\b/.test(stageText)) input.stage = 'closed_won';
  }
  if (has('stages')) {
    const stages = V.matchAll(text, V.DEAL_STAGE_WORDS);
    if (stages.length > 0) input.stages = stages;
  }
  const neverContacted = /\bnever (been )?(contacted|touched|called|reached)\b|\b(haven ?t|hasn ?t|not) (yet )?(been )?(contacted|reached|called)\b|\buncontacted\b/.test(text);
  if (has('lifecycleStage')) set('lifecycleStage', V.matchAll(neverContacted ? text.replace(/\bcontacted\b/g, '') : text, V.LEAD_STAGE_WORDS)[0]);
  if (has('status') && props.status?.enum?.includes('closed')) {
    if (/\bopen\b|\bactive\b|\blive\b/.test(text)) input.status = 'open';
    else if (/\bclosed\b(?! ?(won|lost))/.test(text)) input.status = 'closed';
  }
  if (has('source') && name === 'lead_search') set('source', first(V.LEAD_SOURCE_WORDS));
  if (has('channel') && name === 'campaign_roi') set('channel', first(V.CAMPAIGN_CHANNEL_WORDS));
  if (has('groupBy')) set('groupBy', V.matchAll(text, V.GROUP_WORDS).find((g) => props.groupBy?.enum?.includes(g)));
  if (has('bucket')) set('bucket', /\b(by|per|each) month\b|\bmonthly\b|\bmonth by month\b/.test(text) ? 'month' : /\b(by|per) quarter\b|\bquarterly\b/.test(text) ? 'quarter' : undefined);
  if (name === 'rep_leaderboard') {
    const rank = first(V.LEADERBOARD_RANK_WORDS);
    if (rank && rank !== 'revenue') input.rankBy = rank;
  }
  if (name === 'engagement_insights' && /\brepl(y|ies)\b/.test(text)) input.rankBy = 'reply';
  else if (name === 'engagement_insights' && /\bopens?\b|\bopen rates?\b/.test(text)) input.rankBy = 'open';
  if (name === 'risk_scan') {
    set('signal', first(V.RISK_SIGNAL_WORDS));
    if (/\b(deals?|opps?|opportunit\w*)\b/.test(text) && !/\bleads?\b/.test(text)) input.recordType = 'opportunity';
    else if (/\bleads?\b/.test(text) && !/\b(deals?|opps?)\b/.test(text)) input.recordType = 'lead';
    if (/\b(high|serious|critical|severe|biggest) ?-?risk|\bhigh severity\b|\bmost at risk\b/.test(text)) input.minSeverity = 'high';
    else if (/\bmedium\b/.test(text)) input.minSeverity = 'medium';
  }
  if (has('framework') && /\bmeddi?c\b/.test(text)) input.framework = 'MEDDIC';
  else if (has('framework') && /\bbant\b/.test(text)) input.framework = 'BANT';
  if (props.tone?.enum?.includes('formal')) set('tone', /\bformal\b|\bprofessional\b|\bbusiness ?like\b/.test(text) && !/\binformal\b/.test(text) ? 'formal' : /\bcasual\b|\binformal\b|\bfriendly\b|\brelaxed\b|\bchatty\b/.test(text) ? 'casual' : undefined);
  if (has('strategy') && /\bround ?-?robin\b/.test(text)) input.strategy = 'round_robin';
  if (has('probabilitySource') && /\bmodel\b/.test(text)) input.probabilitySource = 'model';
  if (has('neverContacted') && neverContacted && !span) input.neverContacted = true;
  if (has('purpose')) set('purpose', first(V.PURPOSE_WORDS));
  if (has('types')) {
    // "meeting notes" are meetings; "emails mentioning X", "calls about Y" name the kind searched even without a search verb
    const kinds = text.replace(/\bmeeting notes\b/g, 'meetings');
    const types = V.matchAll(kinds, V.INTERACTION_TYPE_WORDS);
    if (types.length > 0 && (/\b(search|find|look)\b.*\b(emails?|calls?|transcripts?|notes?|meetings?)\b/.test(kinds) || /\b(emails?|calls?|transcripts?|notes?|meetings?)\b\s+(mentioning|about|where|that|which|from|with|regarding|on)\b/.test(kinds))) input.types = types;
  }

  const amounts = amountMinor(text);
  if (amounts.length > 0) {
    const before = (at: number) => text.slice(Math.max(0, at - 24), at);
    for (const a of amounts) {
      if (has('valueMin') && /\b(over|above|more than|bigger than|greater than|at least|min|>|north of)\s*$/.test(before(a.start))) input.valueMin = a.value;
      else if (has('valueMax') && /\b(under|below|less than|smaller than|at most|max|<)\s*$/.test(before(a.start))) input.valueMax = a.value;
      else if (has('valueMinor')) input.valueMinor = a.value;
    }
  } else if (has('valueMinor')) {
    // "bump X to 72,000": a bare number of four or more digits after "to", "at", "worth" is the amount (not a year)
    const bare = /\b(?:to|at|worth|is|of|=)\s*(\d{4,9})\b/.exec(text);
    if (bare && !/^(19|20)\d\d$/.test(bare[1]!)) input.valueMinor = Number(bare[1]) * 100;
  }
  // "new deal: Acme - Data Connect, $40k": the name given to a deal being created
  if (name === 'opportunity_upsert' && has('name') && input.name === undefined && input.opportunity === undefined) {
    const called = /\b(?:new|create|add|open)\s+(?:a\s+)?(?:deal|opportunity|opp)\s*(?:called|named|:|-)?\s*([^,;]+?\s-\s[^,;]+?)\s*(?:,|;|$)/i.exec(req.text);
    if (called) input.name = called[1]!.trim();
  }
  const top = /\b(?:top|first|best|bottom|biggest|largest|worst) (\d{1,3})\b|\b(\d{1,3}) (?:biggest|largest|top|best|hottest)\b/.exec(text);
  if (top && has('limit')) input.limit = Number(top[1] ?? top[2]);
  if (has('sort') && /\b(biggest|largest|top|highest value|most valuable)\b/.test(text) && name === 'opportunity_search') {
    input.sort = 'value';
    input.direction = 'desc';
  }
  const score = /\bscores? (?:of )?(?:over|above|greater than|more than|at least|>=?) ?(\d{1,3})\b/.exec(text);
  if (score) set('scoreMin', Number(score[1]));
  const scoreMax = /\bscores? (?:under|below|less than|<) ?(\d{1,3})\b/.exec(text);
  if (scoreMax) set('scoreMax', Number(scoreMax[1]));
  const days = /\b(?:over|more than|at least|longer than|for) (\d{1,4}) days\b/.exec(text);
  if (days && has('minDaysInStage')) input.minDaysInStage = Number(days[1]);
  const pct = /\b(\d{1,3}) ?(%|percent|pct)/.exec(text);
  if (pct && has('probability') && name === 'opportunity_upsert') input.probability = Number(pct[1]);

  // --- free text
  const raw = req.text.trim();
  if (has('reason')) {
    input.reason =
      freeText(raw, /\b(because|reason:?|due to|cause|as (?=they|she|he|we)|since (?=they|she|he|we))/i) ??
      freeText(raw.replace(/^[^,]*\s-\s[^,]*$/, ''), /,/) ??
      `requested in chat: ${raw}`.slice(0, 500);
  }
  if (has('lostToCompetitor')) {
    const lostTo = /\blost (?:it )?to ([A-Za-z0-9&.' -]{2,40}?)(?:[,.]|$| because)/i.exec(raw);
    if (lostTo && input.stage === 'closed_lost') input.lostToCompetitor = lostTo[1]!.trim();
  }
  if (has('note') && name === 'lead_remember') {
    let note = raw
      .replace(/^(please |pls |hey |ok )?(remember|note|fyi|keep in mind|make a note|jot down|save a note|note down|for the record)( that|:)?\s*/i, '')
      .replace(/,?\s*(remember|note) (that|this)\.?$/i, '');
    const leadName = typeof input.lead === 'string' ? input.lead : undefined;
    const mention = req.mentions.find((m) => m.entities.some((e) => e.name === leadName));
    if (mention) note = note.replace(new RegExp(`^${mention.text.split(' ').join("[\\s']*")}('s)?\\s*`, 'i'), '');
    input.note = note.replace(/^(that\s+)?((she|he|they|her|his|their)\s+(?=\w))?/i, (_, _that, pronoun) => (/^(her|his|their)\b/i.test(pronoun ?? '') ? pronoun : '')).trim() || raw;
  }
  if (has('query') && name === 'semantic_search') {
    const q =
      freeText(raw, /\b(about|mentioning|mentioned|regarding|re:|on the topic of|where|for)\b/i) ??
      raw.replace(/^(search|find|look( for)?|show)( me)?( emails?| calls?| transcripts?| notes?| conversations?)?( for)?\s*/i, '');
    input.query = stripTime(q, req.now);
  }
  if (has('nextSteps') && /\bnext steps?\b/.test(text)) input.nextSteps = freeText(raw, /\bnext steps?( to| are| is)?\b/i);
  // lead_search has no account filter: its free text matches the company
  if (name === 'lead_search') {
    const company = req.mentions.find((m) => m.entities.some((e) => e.kind === 'account'));
    if (company) input.query = company.entities.find((e) => e.kind === 'account')!.name;
  }
  if (name === 'lead_upsert') {
    Object.assign(input, leadFields(raw));
    // contact details stated anywhere: an email that is not the lead being named, a phone number, a time zone, a channel
    const named = new Set(req.mentions.map((m) => m.text.toLowerCase()));
    const email = [...raw.matchAll(/[\w.+-]+@[\w.-]+\.\w+/g)].map((m) => m[0]).find((e) => !named.has(e.toLowerCase()) && e.toLowerCase() !== String(input.lead ?? '').toLowerCase());
    if (email && input.email === undefined) input.email = email;
    const phone = /(?:^|[\s:])(\+?\d[\d\s().-]{6,}\d)\b/.exec(raw.replace(/[\w.+-]+@[\w.-]+\.\w+/g, ' '));
    if (phone && input.phone === undefined && /\b(phone|number|mobile|cell|tel)\b|\+\d/i.test(raw) && !/\b\d{4}-\d{2}-\d{2}\b/.test(phone[1]!)) input.phone = phone[1]!.trim();
    const zone = /\b([A-Z][a-z]+\/[A-Z][A-Za-z_]+)\b/.exec(raw);
    if (zone && has('timeZone')) input.timeZone = zone[1];
    const prefers = /\bprefers?\s+(?:to be reached by |a |an )?(e-?mail|calls?|phone|meetings?|sms|texts?|whats ?app)\b/i.exec(raw);
    if (prefers && has('preferredChannel')) {
      const w = prefers[1]!.toLowerCase();
      input.preferredChannel = /mail/.test(w) ? 'email' : /call|phone/.test(w) ? 'call' : /meet/.test(w) ? 'meeting' : /sms|text/.test(w) ? 'sms' : 'whatsapp';
    }
    const company = req.mentions.find((m) => m.entities.some((e) => e.kind === 'account'));
    if (company && input.lead === undefined) input.company = company.entities.find((e) => e.kind === 'account')!.name;
  }
  const file = /(?:^|\s)((?:\/|\.\/|~\/)?[\w./-]+\.(?:csv|eml|mbox|vtt|srt|sbv|txt|json))\b/i.exec(raw);
  if (file && has('path')) input.path = file[1];
  if (has('query') && (name === 'lead_search' || name === 'opportunity_search')) {
    const named = /\b(?:named|called|matching|containing)\s+"?([^"]+?)"?$/i.exec(raw);
    if (named) input.query = named[1];
  }

  fillOptionSlots({ name, props, text, raw, mentions: req.mentions, input });
  if (name === 'opportunity_set_stage') Object.assign(input, outcomeReason(raw, input.stage));
  if (has('strategy') && input.strategy === undefined && /\brotation\b|\brotate\b|\bnext (rep|person) (up|in line)\b/.test(text)) input.strategy = 'round_robin';

  // --- action tools: tasks, schedules, approvals, undo, logging, imports, corrections
  const named = req.mentions.flatMap((m) => m.entities).find((e) => e.kind === 'lead' || e.kind === 'opportunity');
  fillActionSlots({ props, required, text, raw, input, ...(named ? { record: { kind: named.kind as 'lead' | 'opportunity', name: named.name } } : {}) });
  if (has('field') && has('target') && input.field === undefined) {
    const isLead = input.record === 'lead';
    const stage = first(isLead ? V.LEAD_STAGE_WORDS : V.DEAL_STAGE_WORDS);
    const rep = req.mentions.flatMap((m) => m.entities).find((e) => e.kind === 'user');
    // the corrected value: what follows "should be", "it's", "is", "to" (up to a comma, "not ..." or the end)
    const body = raw.replace(/^(correction|annotate|fix|data fix)\s*:\s*/i, '');
    const said = [...body.matchAll(/\b(?:should (?:be|read|say)|it'?s|is actually|is really|is|to)\s+(.+?)(?=,|;|\.\s|\s+not\b|\s+the import\b|$)/gi)].find((m) => !/^(wrong|incorrect|off|bad|outdated|out of date|a typo|misspelled|broken)\b/i.test(m[1]!));
    const isoDate = /\b(\d{4}-\d{2}-\d{2})\b/.exec(raw);
    const number = /\b(\d{1,3})\s*(?:%|percent)?(?![\d-])/.exec(text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, ' '));
    if (/stage/.test(text) && stage) Object.assign(input, { field: isLead ? 'lifecycleStage' : 'stage', value: stage });
    else if (/\b(close|closing) date|\bclose by\b|\bexpected close\b/.test(text) && isoDate) Object.assign(input, { field: 'expectedCloseDate', value: isoDate[1] });
    else if (/\b(probability|odds|likelihood)\b/.test(text) && number) Object.assign(input, { field: 'probability', value: Number(number[1]) });
    else if (/\b(value|amount|worth|price|size)\b/.test(text) && amounts.length > 0) Object.assign(input, { field: 'value', value: amounts[0]!.value });
    else if (/\b(owner|belongs to|owned by)\b/.test(text) && rep) Object.assign(input, { field: 'owner', value: rep.name });
    else if (/\b(quantity|seats|units|licen[cs]es)\b/.test(text) && number) Object.assign(input, { field: 'quantity', value: Number(number[1]) });
    else if (/\b(phone|number)\b/.test(text) && /[+\d][\d\s().-]{6,}\d/.test(raw)) Object.assign(input, { field: 'phone', value: /[+\d][\d\s().-]{6,}\d/.exec(raw)![0].trim() });
    else if (/\b(title|job)\b/.test(text) && said) Object.assign(input, { field: 'title', value: said[1]!.trim() });
    else if (/\bnext steps?\b/.test(text) && said) Object.assign(input, { field: 'nextSteps', value: said[1]!.trim() });
    else if (/\bname\b/.test(text) && said) Object.assign(input, { field: isLead ? 'fullName' : 'name', value: said[1]!.trim() });
    else if (stage) Object.assign(input, { field: isLead ? 'lifecycleStage' : 'stage', value: stage });
  }
  if (has('events') && input.events === undefined) {
    const event = emailEvent(raw, text, req.now);
    if (event) input.events = [event];
  }
  // "remind me to call him monday": the task's title names the person, not the pronoun
  if (typeof input.title === 'string' && typeof input.lead === 'string' && required.has('title')) {
    input.title = input.title.replace(/\b(him|her|them)\b/i, input.lead);
  }
  if (name === 'draft_email' && input.lead === undefined && input.opportunity === undefined && !req.previous) {
    return { kind: 'clarify', text: missingQuestion('lead', req.tool) };
  }

  // --- follow-up: the earlier call with what this request changes
  const merged = req.previous ? { ...req.previous, ...input } : input;
  if (req.previous && span) {
    for (const f of ['period', 'from', 'to', 'closeFrom', 'closeTo']) if (!(f in input)) delete merged[f];
  }

  for (const field of required) {
    if (merged[field] !== undefined) continue;
    return { kind: 'clarify', text: missingQuestion(field, req.tool) };
  }
  return { kind: 'call', input: merged };
}

function stripTime(text: string, now: Date): string {
  const n = normalize(text);
  const spans = findTimeSpans(n, now);
  let out = n;
  for (const s of [...spans].reverse()) out = out.slice(0, s.start) + out.slice(s.end);
  return out.replace(/\b(in|from|during|over)\s*$/, '').replace(/\s+/g, ' ').trim() || n;
}

function labelFor(span: TimeSpan, now: Date): string | undefined {
  if (span.kind === 'period') return span.value;
  const from = new Date(`${span.from}T00:00:00Z`);
  const to = new Date(`${span.to}T00:00:00Z`);
  if (from.getUTCMonth() === to.getUTCMonth() && from.getUTCFullYear() === to.getUTCFullYear()) return span.from.slice(0, 7);
  void now;
  return undefined;
}

function missingQuestion(field: string, tool: ToolSpec): string {
  const kind = ENTITY_FIELDS[field];
  const what: Record<string, string> = {
    stage: 'Which stage should it move to?',
    query: 'What should I search for?',
    note: 'What should I remember?',
    events: 'Which events should I import? Paste them or give me a file.',
    reason: 'Why is it changing? A few words are enough.',
    target: 'Which record should I correct?',
    field: 'Which field is wrong?',
    value: 'What should the value be?',
  };
  if (kind) return `Which ${NOUN[kind]} do you mean? Give me a name or an email.`;
  return what[field] ?? `I need the ${field} to run ${tool.name}. What should it be?`;
}

function withoutMentions(normalized: string, mentions: Mention[]): string {
  if (mentions.length === 0) return normalized;
  const ws = normalized.split(' ');
  return ws.filter((_, i) => !mentions.some((m) => i >= m.start && i < m.end && m.entities.every((e) => e.kind !== 'product'))).join(' ');
}
