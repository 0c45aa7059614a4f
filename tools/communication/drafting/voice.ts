import type { FactBook } from '../facts/collect.ts';
import type { FactLedger } from '../facts/fact.ts';
import type { DraftTone } from '../tone/lead-tone.ts';

// The register a draft is written in: greeting, sign-off, contractions. Formal writers get "Dear Dana
// Ruiz," and "I will"; casual ones "Hi Dana," and "I'll".

export interface Voice {
  tone: DraftTone;
  casual: boolean;
  long: boolean;
  /** picks the formal or the casual wording */
  say(formal: string, casual: string): string;
}

export function voiceOf(tone: DraftTone): Voice {
  const casual = tone.formality === 'casual';
  return { tone, casual, long: tone.length === 'long', say: (formal, casual_) => (casual ? casual_ : formal) };
}

export function greeting(v: Voice, book: FactBook, ledger: FactLedger): string {
  return v.casual ? `Hi ${ledger.use(book.firstName)},` : `Dear ${ledger.use(book.fullName)},`;
}

/** sign-off and the sender's signature (name, title, email), as the record holds them */
export function signature(v: Voice, book: FactBook, ledger: FactLedger): string {
  const s = book.sender;
  if (!s) return v.say('Kind regards,', 'Cheers,');
  if (v.casual) return `Cheers,\n${ledger.use(s.firstName)}`;
  const lines = ['Kind regards,', ledger.use(s.name)];
  if (s.title) lines.push(ledger.use(s.title));
  lines.push(ledger.use(s.email));
  return lines.join('\n');
}
