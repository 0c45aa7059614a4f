import { readFileSync } from 'node:fs';

// The learned sales concepts (scripts/build-sales-concepts.ts writes them): the file's shape and its reader.

export interface ConceptEntry {
  name: string;
  /** words passages about the concept use, weight 0..1 (1 = the most distinctive) */
  passageTerms: [string, number][];
  /** folded word -> how strongly it points a question to this concept */
  queryWords: Record<string, number>;
  /** labelled texts (phrase templates, dev questions) for the nearest-example vote */
  examples: string[];
}

export interface ConceptsFile {
  version: 1;
  concepts: ConceptEntry[];
}

export const CONCEPTS_FILE = new URL('./data/sales-concepts.json', import.meta.url);

let cached: ConceptsFile | undefined;

export function loadConcepts(): ConceptsFile {
  if (!cached) {
    const parsed = JSON.parse(readFileSync(CONCEPTS_FILE, 'utf8')) as ConceptsFile;
    if (parsed.version !== 1 || !Array.isArray(parsed.concepts)) throw new Error('sales-concepts.json: unknown format (run npm run build:sales-concepts)');
    cached = parsed;
  }
  return cached;
}
