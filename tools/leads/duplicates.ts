import { NAME_FLOOR, type DuplicateCandidate } from '../../db/repos/lead-duplicates.ts';

// How alike two leads are, 0-1: each matching signal is independent evidence that they are the same
// person, combined as a noisy-OR, similarity = 1 - (1 - email)(1 - phone)(1 - name):
//   email  0.9 when the normalised emails are equal
//   phone  0.7 when the normalised phones are equal
//   name   trigram similarity of the full names x 0.9 at the same account, x 0.8 at the same email
//          domain only, counted from 0.5 up (and 0 otherwise: a common name elsewhere proves nothing)
// E.g. same email and identical names at the same account: 1 - 0.1 x 1 x 0.1 = 0.99.

export const EMAIL_WEIGHT = 0.9;
export const PHONE_WEIGHT = 0.7;
export const NAME_SAME_ACCOUNT = 0.9;
export const NAME_SAME_DOMAIN = 0.8;

export interface PairMatch {
  field: 'email' | 'phone' | 'name';
  detail: string;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function pairSimilarity(c: DuplicateCandidate): { similarity: number; matches: PairMatch[] } {
  const matches: PairMatch[] = [];
  const email = c.emailMatch ? EMAIL_WEIGHT : 0;
  if (c.emailMatch) matches.push({ field: 'email', detail: `same email: ${c.a.email} / ${c.b.email}` });
  const phone = c.phoneMatch ? PHONE_WEIGHT : 0;
  if (c.phoneMatch) matches.push({ field: 'phone', detail: `same phone: ${c.a.phone} / ${c.b.phone}` });
  let name = 0;
  if (c.nameSimilarity >= NAME_FLOOR && (c.sameAccount || c.sameDomain)) {
    name = c.nameSimilarity * (c.sameAccount ? NAME_SAME_ACCOUNT : NAME_SAME_DOMAIN);
    const where = c.sameAccount ? `same account${c.a.accountName ? ` (${c.a.accountName})` : ''}` : 'same email domain';
    matches.push({ field: 'name', detail: `names ${round3(c.nameSimilarity)} alike (${c.a.fullName} / ${c.b.fullName}), ${where}` });
  }
  return { similarity: round3(1 - (1 - email) * (1 - phone) * (1 - name)), matches };
}
