import { createRng, type Rng } from '../../core/random.ts';

export type { Rng };

// Each part of the generator draws from its own stream, so changing how leads are built
// does not reshuffle the deals: the seed plus a label fully determines a stream.
export function forkRng(seed: number, label: string): Rng {
  let hash = 0x811c9dc5;
  const text = `${seed}:${label}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return createRng(hash >>> 0);
}

/** v4-shaped uuids from the seeded stream: the database never picks an id, so reruns give identical rows. */
export function uuidFactory(rng: Rng): () => string {
  return () => {
    const words = [0, 1, 2, 3].map(() => Math.floor(rng.next() * 4294967296));
    const hex = words.map((w) => w.toString(16).padStart(8, '0')).join('');
    const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
}

export const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** a positive multiplier around 1 with the given spread (log-normal) */
export function lognormal(rng: Rng, sd: number): number {
  return Math.exp(rng.normal(0, sd));
}

/** n distinct items in random order (all of them when n >= length) */
export function sample<T>(rng: Rng, items: readonly T[], n: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, Math.max(0, n));
}

/** a random hex string of the given length, e.g. for provider message ids */
export function hexId(rng: Rng, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(rng.next() * 4294967296).toString(16).padStart(8, '0');
  return out.slice(0, length);
}
