import type { Rng } from '../rng.ts';

// Templates are sentences with {slot} holes. A slot filled with a value a reader can check
// ("250 seats", "$42,000", "by March 15") is what makes extraction and search evals meaningful.

export interface Slots {
  first: string;
  contact: string;
  title: string;
  company: string;
  rep: string;
  repFull: string;
  product: string;
  seats: string;
  users: string;
  total: string;
  budget: string;
  perSeat: string;
  discount: string;
  date: string;
  date2: string;
  weekday: string;
  competitor: string;
  pain: string;
  industry: string;
  tech: string;
  criterion: string;
  count: string;
  bossTitle: string;
}

export type SlotName = keyof Slots;

/** fills {slot}s; an unknown slot is a bug in the library, so it throws */
export function fill(template: string, slots: Slots): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = (slots as unknown as Record<string, string | undefined>)[name];
    if (value === undefined) throw new Error(`seed text: unknown slot {${name}} in "${template}"`);
    return value;
  });
}

/** picks one line and fills it */
export function line(rng: Rng, options: readonly string[], slots: Slots): string {
  return fill(rng.pick(options), slots);
}

/** "$42,000" from whole dollars */
export const dollars = (amount: number): string => `$${Math.round(amount).toLocaleString('en-US')}`;

/** money rounded the way people quote it: $41,760 -> $42,000 above 10k */
export function quoteDollars(amount: number): string {
  const step = amount >= 100_000 ? 5000 : amount >= 10_000 ? 1000 : 100;
  return dollars(Math.round(amount / step) * step);
}
