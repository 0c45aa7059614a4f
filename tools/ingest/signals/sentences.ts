// The sentence splitter moved to core/text (the demo seed's passage chunking needs it too, and db/ may not import tools/).
export { splitSentences } from '../../../core/text/sentences.ts';
