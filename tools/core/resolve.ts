import { findAccounts, findLeads, findOpportunities, findProducts, findTeams, findUsers, type Match } from '../../db/repos/resolve.ts';
import { findTasks } from '../../db/repos/tasks.ts';
import type { ToolContext } from './context.ts';
import { ambiguous, notFound } from './errors.ts';

// The one way a tool turns "Dana Ruiz", "dana@acme.com" or an id into a record id. Never a guess:
// several equally plausible matches come back as candidates.

// A fuzzy winner must lead the runner-up by this much similarity to be taken without asking.
const CLEAR_LEAD = 0.15;

/** Decides between found, ambiguous (candidates) and not found, for any finder's matches. */
export function pickMatch(entity: string, reference: string, matches: Match[]): Match {
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
  return pickMatch('lead', reference, await findLeads(ctx.db, ctx.scope, reference));
}

export async function resolveOpportunity(ctx: ToolContext, reference: string): Promise<Match> {
  return pickMatch('opportunity', reference, await findOpportunities(ctx.db, ctx.scope, reference));
}

export async function resolveUser(ctx: ToolContext, reference: string): Promise<Match> {
  return pickMatch('user', reference, await findUsers(ctx.db, reference));
}

export async function resolveAccount(ctx: ToolContext, reference: string): Promise<Match> {
  return pickMatch('account', reference, await findAccounts(ctx.db, reference));
}

/** An account if the reference names one (ambiguity still asks); undefined when nothing is close enough. */
export async function findAccountOrNone(ctx: ToolContext, reference: string, floor: number): Promise<Match | undefined> {
  const matches = await findAccounts(ctx.db, reference, { floor });
  return matches.length === 0 ? undefined : pickMatch('account', reference, matches);
}

export async function resolveProduct(ctx: ToolContext, reference: string): Promise<Match> {
  return pickMatch('product', reference, await findProducts(ctx.db, reference));
}

export async function resolveTeam(ctx: ToolContext, reference: string): Promise<Match> {
  return pickMatch('team', reference, await findTeams(ctx.db, reference));
}

export async function resolveTask(ctx: ToolContext, reference: string): Promise<Match> {
  return pickMatch('task', reference, await findTasks(ctx.db, ctx.scope, reference));
}
