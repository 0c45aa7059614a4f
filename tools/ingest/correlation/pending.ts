import type { Fragment } from './types.ts';

// A fragment that matched no deal (or several) is kept on its source item as JSON
// (metadata.correlation.pending), so it can be correlated again once the deal, contact or account it was
// waiting for exists. Everything but its dates is plain JSON already.

/** The fragment as stored: occurredAt as an ISO string; participants' match is refreshed on retry. */
export type PendingFragment = Omit<Fragment, 'occurredAt'> & { occurredAt: string };

/** text kept for matching: the part of the body correlation searches (match.ts MENTION_CHARS) */
const KEEP_TEXT = 20_000;

export function pendingOf(fragment: Fragment): PendingFragment {
  return { ...fragment, text: fragment.text?.slice(0, KEEP_TEXT) ?? null, occurredAt: fragment.occurredAt.toISOString() };
}

export function fragmentOf(pending: PendingFragment): Fragment {
  return { ...pending, occurredAt: new Date(pending.occurredAt) };
}
