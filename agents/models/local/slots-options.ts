import type { Mention } from './mentions.ts';
import * as V from './vocab.ts';

// Options people state in passing, read wherever a tool's JSON Schema has the field: a count of recent
// interactions, a similarity or sample threshold, flags ("create tasks", "include open ones", "refit"),
// a lead's working status, a forecast category, a win or loss reason, competitors named in a list.

type Props = Record<string, { type?: string; enum?: string[]; properties?: Record<string, unknown> }>;

export interface OptionSlots {
  name: string;
  props: Props;
  /** normalized, names taken out, typos read */
  text: string;
  raw: string;
  mentions: Mention[];
  input: Record<string, unknown>;
}

const LEAD_STATUS: Record<string, RegExp> = {
  nurturing: /\bnurtur\w*\b/,
  working: /\bworking\b|\bbeing worked\b/,
  converted: /\bconverted\b/,
  unqualified: /\bunqualified\b/,
};

/** "Quotient CRM and SalesSphere as competitors", "competitors are X and Y", "watch for X, Y" */
function competitorList(raw: string): string[] | undefined {
  const m =
    /\bcompetitors?\s*(?:are|:|=|include|like)\s*([^.;]+)/i.exec(raw) ??
    /\b(?:watch(?:ing)? (?:out )?for|look(?:ing)? for|flag)\s+([^.;]+?)\s+as (?:a )?competitors?\b/i.exec(raw) ??
    /\b(?:up against|competing with|vs\.?)\s+([^.;]+)/i.exec(raw);
  if (!m) return undefined;
  const names = m[1]!
    .split(/\s*(?:,|\band\b|&|\bor\b)\s*/i)
    .map((s) => s.trim().replace(/\s+as (?:a )?competitors?$/i, '').replace(/^(?:the|and)\s+/i, ''))
    .filter((s) => /^[A-Z0-9]/.test(s) && s.length >= 2 && s.split(/\s+/).length <= 4);
  return names.length > 0 ? names : undefined;
}

export function fillOptionSlots({ name, props, text, raw, mentions, input }: OptionSlots): void {
  const has = (f: string) => f in props;
  const unset = (f: string) => has(f) && input[f] === undefined;

  // "just the last 3 interactions", "last 5 touches"
  const recent = /\b(?:last|latest|recent|past) (\d{1,2}) (?:interactions?|touch(?:es|points?)?|activit(?:y|ies)|emails?|calls?|messages?)\b/.exec(text);
  if (recent && unset('interactionLimit')) input.interactionLimit = Number(recent[1]);

  // "90% similar or more", "similarity of at least 0.85"
  const pct = /\b(\d{1,3}) ?(?:%|percent)\s*(?:similar|similarity|match|alike)|\bsimilar(?:ity)?\s*(?:of\s*)?(?:at least|over|above|>=?)?\s*(\d{1,3}) ?(?:%|percent)|\b(?:similar(?:ity)?)\s*(?:of\s*)?(?:at least|over|above|>=?)?\s*(0?\.\d+)\b/.exec(text);
  if (pct && unset('minSimilarity') && name !== 'semantic_search') {
    const v = pct[3] ? Number(pct[3]) : Number(pct[1] ?? pct[2]) / 100;
    if (v > 0 && v <= 1) input.minSimilarity = v;
  }

  // "only groups with at least 100 leads", "ignore segments under 50"
  const sample = /\b(?:at least|min(?:imum)?|more than|over)\s*(\d{1,5})\s*(?:leads|contacts|people|samples?|recipients|emails|sends)\b|\b(?:under|below|fewer than|less than)\s*(\d{1,5})\s*(?:leads|contacts|samples?)\b/.exec(text);
  if (sample && unset('minSample')) input.minSample = Number(sample[1] ?? sample[2]);

  // flags a request states outright
  if (unset('createTasks') && /\b(make|create|turn\b.*\binto|add|with|generate|open)\b.{0,30}\b(tasks?|action items?|to-?dos?)\b/.test(text)) input.createTasks = true;
  if (unset('createLeads') && /\b(create|make|add)\b.{0,20}\bleads?\b/.test(text)) input.createLeads = true;
  if (unset('includeOpen') && /\b(include|including|with|plus|and)\b.{0,12}\b(open|active|live) (ones|deals|too)\b|\bopen ones too\b|\bopen ones\b/.test(text)) input.includeOpen = true;
  if (unset('fit') && /\b(re-?fit|re-?train|fit|train)\b.{0,20}\b(model|scor\w*|weights)\b/.test(text)) input.fit = true;

  // a lead's working status ("still nurturing", "being worked")
  if (has('status') && props.status?.enum?.includes('nurturing') && input.status === undefined) {
    const status = V.matchAll(text, LEAD_STATUS)[0];
    if (status) input.status = status;
  }
  // a forecast category
  if (unset('forecastCategory')) {
    if (/\bcommit(ted)?\b/.test(text)) input.forecastCategory = 'commit';
    else if (/\bbest ?-?case\b|\bupside\b/.test(text)) input.forecastCategory = 'best_case';
    else if (/\bomit(ted)?\b|\bexclude it from the forecast\b/.test(text)) input.forecastCategory = 'omitted';
  }
  // lead scoring over a set: "my unscored leads", "Carlos's new leads"
  if (has('filter') && name === 'lead_score' && input.lead === undefined) {
    const filter: Record<string, unknown> = {};
    if (/\b(never (been )?scored|unscored|no score|not (been )?scored|without (a )?score)\b/.test(text)) filter.unscoredOnly = true;
    const stage = V.matchAll(text.replace(/\bnever (been )?scored\b/, ''), V.LEAD_STAGE_WORDS)[0];
    if (stage && /\bleads\b/.test(text)) filter.lifecycleStage = stage;
    const owner = mentions.flatMap((m) => m.entities).find((e) => e.kind === 'user');
    if (owner && /\bleads\b/.test(text)) filter.owner = owner.name;
    if (Object.keys(filter).length > 0) input.filter = filter;
  }
  // competitors named in a list
  for (const field of ['knownCompetitors', 'competitors']) {
    if (!unset(field)) continue;
    const list = competitorList(raw);
    if (list) input[field] = list;
  }
  // an email pasted whole is one message
  if (unset('format') && props.format?.enum?.includes('eml') && /^(from|subject|message-id):/im.test(raw.slice(raw.indexOf('\n') + 1)) && raw.includes('\n')) input.format = 'eml';
  // "title it ...", "call it ..."
  const titled = /\b(?:title(?:d)?|name(?:d)?|call)\s+it\s+["\u201c]?([^"\u201d]+?)["\u201d]?\s*$/i.exec(raw);
  if (titled && unset('title') && name.startsWith('ingest_')) input.title = titled[1]!.trim();
}

/** Why a deal was won or lost, in the user's words ("signed this morning", "on price", "budget cut"). */
export function outcomeReason(raw: string, stage: unknown): { wonReason?: string; lostReason?: string } {
  if (stage !== 'closed_won' && stage !== 'closed_lost') return {};
  const m =
    /\b(?:because|due to|reason:?|as)\s+(.+?)\s*[.!]?$/i.exec(raw) ??
    /\b(?:lost|lose)\b.*?\b(?:on|over)\s+(price|pricing|cost|budget|features?|timing|security|integration\w*|support|terms|value)\b/i.exec(raw) ??
    /(?:,|\s-\s|;|\(|:)\s*([^,;()]+?)\s*\)?[.!]?\s*$/.exec(raw);
  const why = m?.[1]?.trim();
  if (!why || why.length < 3 || /^(closed|won|lost|it|please|pls|thanks)$/i.test(why)) return {};
  return stage === 'closed_won' ? { wonReason: why } : { lostReason: why };
}
