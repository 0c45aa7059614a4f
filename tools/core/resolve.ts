import { findLeads, findOpportunities, findUsers, type Match } from '../../db/repos/resolve.ts';
import type { ToolContext } from './context.ts';
import { ambiguous, notFound } from './errors.ts';

// The one way a tool turns "Dana Ruiz", "dana@acme.com" or an id into a record id. Never a guess:
// several equally plausible matches come back as candidates.

// A fuzzy winner must lead the runner-up by this much similarity to be taken without asking.
const CLEAR_LEAD = 0.15;

function pick(entity: string, reference: string, matches: Match[]): Match {
  const [best, second] = matches;
  if (!best) throw notFound(entity, reference);
  const exact = best.score >= 1;
  if (!second) return best;
  if (exact && second.score < 1) return best;
  if (!exact && best.score - second.score >= CLEAR_LEAD) return best;
  throw ambiguous(
    entity,
    reference,
    matches.filter((m) => (exact ? m.score >= 1 : best.score - m.score < CLEAR_LEAD)).map(({ id, label, detail }) => ({ id, label, detail })),
  );
}

export async function resolveLead(ctx: ToolContext, reference: string): Promise<Match> {
  return pick('lead', reference, await findLeads(ctx.db, ctx.scope, reference));
}

export async function resolveOpportunity(ctx: ToolContext, reference: string): Promise<Match> {
  return pick('opportunity', reference, await findOpportunities(ctx.db, ctx.scope, reference));
}

export async function resolveUser(ctx: ToolContext, reference: string): Promise<Match> {
  return pick('user', reference, await findUsers(ctx.db, reference));
}
