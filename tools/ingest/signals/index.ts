// Signal extraction for ingestion: pure functions over one paragraph or turn.
export { extractSignals } from './extract.ts';
export { splitSentences } from './sentences.ts';
export { scoreSentiment } from './sentiment.ts';
export type * from './types.ts';
