import { examplesByAgent } from '../../all.examples.ts';
import { OUT_OF_SCOPE } from '../../examples.ts';
import { SoftmaxClassifier, type Prediction } from './classifier.ts';
import { maskToken, type Mention } from './mentions.ts';
import { OPTION_WORDS, Speller } from './spelling.ts';
import { normalize, prepare, words } from './text.ts';

// The intent classifier, trained at start-up from the example utterances kept beside each agent. A
// request is classified with its names masked ("score xlead"), so the model learns phrasings, not people.

export interface IntentModel {
  classifier: SoftmaxClassifier;
  /** tool -> agent, for registry tools and the catalog tools that may land later */
  agentOf: Map<string, string>;
  /** words the examples use: a one-word name equal to one of these is not taken as a mention */
  vocabulary: Set<string>;
  trainedMs: number;
}

const PERIODS = ['this quarter', 'last quarter', 'q3', 'last month', 'this year', '2025', 'ytd', 'next quarter', 'in march', 'this month'];
const STAGES = ['negotiation', 'proposal', 'discovery', 'qualification'];
const SLOT_TOKEN: Record<string, string> = { lead: 'xlead', deal: 'xdeal', account: 'xaccount', rep: 'xrep', team: 'xteam', product: 'xproduct', amount: 'xmoney', n: 'xnum' };

function expand(text: string, variant: number): string {
  return text
    .replace(/\{period\}/g, () => PERIODS[variant % PERIODS.length]!)
    .replace(/\{stage\}/g, () => STAGES[variant % STAGES.length]!)
    .replace(/\{(\w+)\}/g, (_, slot: string) => SLOT_TOKEN[slot] ?? slot);
}

let shared: IntentModel | undefined;
let speller: Speller | undefined;

/** A normalized text with its typos corrected against the words the model knows (identity before training). */
export const spell = (normalized: string) => speller?.text(normalized) ?? normalized;

/** Trains once per process (deterministic), then shares the model. */
export function intentModel(): IntentModel {
  if (shared) return shared;
  const start = performance.now();
  const agentOf = new Map<string, string>();
  const examples: { text: string; label: string }[] = [];
  for (const [agent, list] of Object.entries(examplesByAgent)) {
    for (const { tool, says } of list) {
      agentOf.set(tool, agent);
      for (const say of says) {
        const variants = /\{(period|stage)\}/.test(say) ? 3 : 1;
        for (let v = 0; v < variants; v++) examples.push({ text: maskedText(expand(say, v + say.length), []), label: tool });
      }
    }
  }
  const vocabulary = new Set(examples.flatMap((e) => words(e.text)).filter((w) => !w.startsWith('x') || w.length < 4));
  const frequency = new Map<string, number>();
  for (const w of [...examples.flatMap((e) => words(e.text)), ...OPTION_WORDS]) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  speller = new Speller(new Set([...vocabulary, ...OPTION_WORDS]), frequency);
  const classifier = new SoftmaxClassifier(examples);
  shared = { classifier, agentOf, vocabulary, trainedMs: performance.now() - start };
  return shared;
}

/** The request as the classifier reads it: normalized, names and amounts replaced by their slot tokens. */
export function maskedText(text: string, mentions: Mention[]): string {
  const ws = words(normalize(prepare(text)));
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const m = mentions.find((x) => x.start === i);
    if (m) {
      out.push(maskToken(m));
      i = m.end - 1;
      continue;
    }
    const w = speller?.word(ws[i]!) ?? ws[i]!;
    if (/^\$|^\d+(\.\d+)?(k|m)$/.test(w) || (/^\d{4,}$/.test(w) && !/^(19|20)\d\d$/.test(w))) out.push('xmoney');
    else if (/^[a-z0-9]+(_[a-z0-9]+)*_[a-z0-9]+_[a-z]{2,}$/.test(w) && !/^x/.test(w)) out.push('xemail');
    else if (/^\d{4}-\d{2}-\d{2}$/.test(w)) out.push('xdate');
    else if (/^\d{1,3}$/.test(w)) out.push('xnum');
    else out.push(w);
  }
  return out.join(' ');
}

export function classify(model: IntentModel, masked: string, only?: ReadonlySet<string>): Prediction[] {
  return model.classifier.predict(masked, only);
}

export { OUT_OF_SCOPE };
