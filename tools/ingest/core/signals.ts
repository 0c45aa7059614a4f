import type { ObjectionType, Sentiment } from '../../../core/domain.ts';
import { extractSignals, type SignalContext, type Signals } from '../signals/index.ts';

// Signals of one imported text, in the two forms the store keeps: every signal with its span and the
// source item it came from (interactions.metadata.signals, spans are offsets into `field` of the
// interaction), and the summary columns the analytics read (sentiment, objection type, question).

type WithSource<T> = T & { sourceItemId: string };
type ListKeys = Exclude<keyof Signals, 'sentiment'>;

export type StoredSignals = { [K in ListKeys]: WithSource<Signals[K][number]>[] } & {
  sourceItemId: string;
  /** which interaction column the spans index into */
  field: 'body';
  sentiment: Signals['sentiment'];
};

export interface InteractionSignalFields {
  sentiment: Sentiment;
  sentimentScore: number;
  objectionType: ObjectionType | null;
  question: string | null;
}

const LIST_KEYS: ListKeys[] = ['quantities', 'prices', 'dates', 'margins', 'discounts', 'competitors', 'objections', 'questions', 'actionItems'];

export interface InteractionSignals {
  stored: StoredSignals;
  fields: InteractionSignalFields;
  total: number;
}

export function interactionSignals(text: string, sourceItemId: string, context: SignalContext): InteractionSignals {
  return storeSignals(extractSignals(text, context), sourceItemId);
}

/** signals extracted elsewhere (a worker thread) in their stored form, each naming the source item */
export function storeSignals(signals: Signals, sourceItemId: string): InteractionSignals {
  const stored = { sourceItemId, field: 'body', sentiment: signals.sentiment } as StoredSignals;
  let total = 0;
  for (const key of LIST_KEYS) {
    const list = (signals[key] as object[]).map((s) => ({ ...s, sourceItemId }));
    total += list.length;
    (stored as unknown as Record<string, unknown>)[key] = list;
  }
  return {
    stored,
    total,
    fields: {
      sentiment: signals.sentiment.label,
      sentimentScore: Math.round(signals.sentiment.score * 1000) / 1000,
      objectionType: signals.objections[0]?.type ?? null,
      question: signals.questions[0]?.text.slice(0, 500) ?? null,
    },
  };
}
