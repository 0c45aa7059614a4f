import { getLead, type LeadRecord } from '../../db/repos/leads.ts';
import { accountById, findAccountByDomain, findLeadByEmail, findLeadByNameAtAccount, type AccountMatch } from '../../db/repos/lead-upsert.ts';
import { inScope } from '../../db/repos/scope.ts';
import type { ToolContext } from '../core/context.ts';
import { ambiguous, forbidden, notFound } from '../core/errors.ts';
import { findAccountOrNone, resolveLead, resolveUser } from '../core/resolve.ts';
import { companyDomain } from './lead-upsert-fields.ts';

// Which record lead_upsert writes to, which company it links and who owns a new lead.

/** Trigram similarity of full names at the same account at or above which two people are the same. */
export const NAME_MATCH_SIMILARITY = 0.8;
/** Trigram similarity below which a company name is taken as a new company. */
const COMPANY_MATCH_FLOOR = 0.5;

export type MatchedBy = 'reference' | 'email' | 'name_and_company';

export interface UpsertTarget {
  lead: LeadRecord | undefined;
  matchedBy: MatchedBy | null;
  similarity: number | null;
}

const outsideScope = (what: string) =>
  forbidden(
    `A lead with this ${what} already exists, but it is outside the records you can change`,
    'ask its owner or your manager to update it; creating a second record would duplicate the person',
  );

/** The existing lead to update: the one named, else the same email, else the same name at the same company. */
export async function findUpsertTarget(
  ctx: ToolContext,
  input: { lead?: string | undefined; email?: string | undefined },
  fullName: string | undefined,
  account: AccountMatch | undefined,
): Promise<UpsertTarget> {
  if (input.lead) {
    const match = await resolveLead(ctx, input.lead);
    const lead = await getLead(ctx.db, ctx.scope, match.id);
    if (!lead) throw notFound('lead', input.lead);
    return { lead, matchedBy: 'reference', similarity: null };
  }
  if (input.email) {
    const byEmail = await findLeadByEmail(ctx.db, ctx.scope, input.email);
    if (byEmail.visible) return { lead: byEmail.visible, matchedBy: 'email', similarity: 1 };
    if (byEmail.hiddenExists) throw outsideScope('email');
  }
  if (fullName && account) {
    const byName = await findLeadByNameAtAccount(ctx.db, ctx.scope, account.id, fullName, NAME_MATCH_SIMILARITY);
    if (byName.visible) return { lead: byName.visible, matchedBy: 'name_and_company', similarity: Math.round(byName.visible.similarity * 1000) / 1000 };
    if (byName.hiddenExists) throw outsideScope('name at this company');
  }
  return { lead: undefined, matchedBy: null, similarity: null };
}

/**
 * The company: named (id, exact name or domain, else a clearly closest fuzzy name; several equally
 * close names come back as candidates), else the account whose domain is the email's. `undefined`
 * with a name means "create it".
 */
export async function findCompany(ctx: ToolContext, company: string | undefined, email: string | undefined): Promise<AccountMatch | undefined> {
  if (company) {
    // a higher fuzzy floor than lookups use: linking a person to the wrong company costs more than a new account
    const match = await findAccountOrNone(ctx, company, COMPANY_MATCH_FLOOR);
    return match ? accountById(ctx.db, match.id) : undefined;
  }
  const domain = companyDomain(email);
  return domain ? findAccountByDomain(ctx.db, domain) : undefined;
}

/**
 * Who owns a new lead, or the owner asked for on an existing one. A rep owns what they create and may not
 * hand a lead to anyone else; a manager may name someone in their team; an admin anyone active.
 */
export async function chooseOwner(ctx: ToolContext, owner: string | undefined): Promise<string> {
  if (!owner) return ctx.actor.userId;
  const user = await resolveUser(ctx, owner);
  if (user.id === ctx.actor.userId) return user.id;
  if (ctx.actor.role === 'rep') throw forbidden('A rep creates and keeps leads under their own name', 'leave owner out, or ask your manager to assign the lead');
  if (!inScope(ctx.scope, user.id)) throw forbidden(`${user.label} is outside your team`, 'name a rep in your team');
  return user.id;
}
