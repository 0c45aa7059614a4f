import type { ObjectionType, Sentiment } from '../../../core/domain.ts';

// What extractSignals returns. Every span keeps the exact matched `text` and its [start, end)
// offsets into the input, so a stored signal can always be traced back to the words it came from.

export interface SignalContext {
  /** reference instant for relative dates ("tomorrow", "by Friday") */
  now: Date;
  /** IANA zone the writer lives in; relative dates resolve to that zone's calendar day (default UTC) */
  timeZone?: string;
  /** names matched as competitors (case-insensitive, whole words) */
  knownCompetitors?: string[];
  /** who wrote / said the text: the owner of "I'll send..." */
  speaker?: string;
  /** people in the conversation: a vocative "Dana, can you..." or "Dana to review" resolves to them */
  participants?: string[];
}

export interface Span {
  text: string;
  start: number;
  end: number;
}

export type QuantityUnit =
  | 'seats' | 'users' | 'licenses' | 'units' | 'reps' | 'employees' | 'people' | 'customers' | 'accounts'
  | 'attendees' | 'members' | 'stores' | 'locations' | 'sites' | 'shares' | 'devices'
  | 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'years'
  | 'mw' | 'kw' | 'kwh' | 'mmcf' | 'bcf' | 'mmbtu';

export interface Quantity extends Span {
  value: number;
  valueMax?: number;
  unit: QuantityUnit;
}

export type PriceUnit = 'user' | 'seat' | 'license' | 'unit' | 'month' | 'year' | 'week' | 'day' | 'hour' | 'sqft' | 'lot' | 'kwh' | 'mmbtu';

export interface Price extends Span {
  /** minor units (cents); fractional only for sub-cent commodity prices such as $2.895 */
  amountMinor: number;
  amountMaxMinor?: number;
  /** ISO 4217 */
  currency: string;
  per?: PriceUnit;
}

export type DateKind = 'deadline' | 'meeting' | 'timeline' | 'mention';

export interface DateMention extends Span {
  /** YYYY-MM-DD in context.timeZone */
  date: string;
  kind: DateKind;
}

export interface PercentMention extends Span {
  percent: number;
}

export interface CompetitorMention extends Span {
  name: string;
}

export interface Objection extends Span {
  type: ObjectionType;
}

export interface Question extends Span {
  /** 'question' asks for information, 'request' asks the reader to do something */
  kind: 'question' | 'request';
}

export interface ActionItem extends Span {
  /** resolved person; null when the owner is "we", a team, an unnamed "you", or "I" with no context.speaker */
  owner: string | null;
  /** how the owner was found: the writer ("I'll..."), a named person ("Dana to..."), a team ("we need to..."), the reader ("can you...") */
  ownerRole: 'speaker' | 'named' | 'team' | 'addressee';
  /** YYYY-MM-DD; the first non-meeting date in the sentence */
  due: string | null;
}

export interface SentimentScore {
  label: Sentiment;
  /** -1..1 */
  score: number;
}

export interface Signals {
  quantities: Quantity[];
  prices: Price[];
  dates: DateMention[];
  margins: PercentMention[];
  discounts: PercentMention[];
  competitors: CompetitorMention[];
  objections: Objection[];
  questions: Question[];
  sentiment: SentimentScore;
  actionItems: ActionItem[];
}
