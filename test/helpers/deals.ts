import { fixtureId, ORG_NOW, type NewOpportunity } from './org.ts';

// Fixture deals for tool tests: time relative to ORG_NOW, deals made by key (so a test refers to them by
// name), and the stage/outcome/close-time triple a closed deal needs to be consistent.

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** ORG_NOW minus `days` days and `hours` hours. */
export const ago = (days: number, hours = 0) => new Date(ORG_NOW.getTime() - days * DAY - hours * HOUR);

/** What every deal of one test shares: at least the account, owner and value a deal row requires. */
export type DealDefaults = Pick<NewOpportunity, 'accountId' | 'ownerId' | 'valueMinor'> & Partial<NewOpportunity>;

/**
 * A maker of keyed deals: `deal(key, overrides)` returns a deal named `key` with a fresh fixture id,
 * which it records as `ids[key]`; `overrides` go on top of `defaults`.
 */
export function dealMaker(ids: Record<string, string>, defaults: DealDefaults) {
  return (key: string, overrides: Partial<NewOpportunity> = {}): NewOpportunity => {
    const id = fixtureId();
    ids[key] = id;
    return { id, name: key, ...defaults, ...overrides };
  };
}

/** The stage, outcome and close time of a deal won or lost at `closedAt`. */
export function closedAs(outcome: 'won' | 'lost', closedAt: Date) {
  return outcome === 'won'
    ? { stage: 'closed_won' as const, outcome: 'won' as const, closedAt }
    : { stage: 'closed_lost' as const, outcome: 'lost' as const, closedAt };
}
