import { z } from 'zod';
import { INTERACTION_TYPES, LEAD_SOURCES, SENIORITIES } from '../../core/domain.ts';
import { createAccount, insertLead, updateLead } from '../../db/repos/lead-upsert.ts';
import { invalidInput, notFound } from '../core/errors.ts';
import { reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { companyDomain, fullNameOf, isValidPhone, isValidTimeZone, planLeadPatch, splitName } from './lead-upsert-fields.ts';
import { chooseOwner, findCompany, findUpsertTarget } from './lead-upsert-target.ts';

const text = (what: string, max = 200) => z.string().trim().min(1).max(max).optional().describe(what);

export const leadUpsert = defineTool({
  name: 'lead_upsert',
  description:
    'Create a lead or update an existing one. Finds the existing record by the lead named, else by email (ignoring case), else by the same name (trigram similarity >= 0.8) at the same company; returns created, updated or unchanged with each changed field. Lists (pain points, decision makers) gain new entries, attributes merge by key; calling twice changes nothing the second time. A rep owns the leads they create.',
  input: z.object({
    lead: reference('lead').optional().describe('the existing lead to update (id, email or name); leave out to create or match by email/name'),
    fullName: text('full name of the person'),
    firstName: text('first name'),
    lastName: text('last name'),
    email: z.email('not a valid email address').max(254).optional().describe('email address'),
    phone: z.string().trim().max(40).refine(isValidPhone, 'not a valid phone number (7-15 digits, optional +, spaces, dashes, brackets)').optional().describe('phone number'),
    title: text('job title'),
    seniority: z.enum(SENIORITIES).optional().describe('seniority level'),
    department: text('department'),
    company: text('the company: an account id, name or domain; a company not in the store yet is created'),
    source: z.enum(LEAD_SOURCES).optional().describe('where the lead came from'),
    timeZone: z.string().trim().refine(isValidTimeZone, 'not an IANA time zone such as Europe/Berlin').optional().describe('the person\'s IANA time zone'),
    preferredChannel: z.enum(INTERACTION_TYPES).optional().describe('channel they prefer'),
    preferredContactHour: z.number().int().min(0).max(23).optional().describe('preferred hour of day (0-23) in their time zone'),
    painPoints: z.array(z.string().trim().min(1).max(200).describe('one pain point')).max(20).optional().describe('pain points to remember (added to those known)'),
    budgetMinMinor: z.number().int().min(0).optional().describe('lowest budget mentioned, minor units'),
    budgetMaxMinor: z.number().int().min(0).optional().describe('highest budget mentioned, minor units'),
    decisionTimeline: text('when they expect to decide, in their words or as a date'),
    decisionMakers: z.array(z.string().trim().min(1).max(200).describe('one person or role')).max(20).optional().describe('who decides (added to those known)'),
    isDecisionMaker: z.boolean().optional().describe('whether this person decides'),
    attributes: z.record(z.string(), z.unknown()).optional().describe('other preferences and facts to remember, merged by key'),
    owner: z.string().trim().min(1).optional().describe('owning rep (id, email or name); managers within their team, admins anyone; reps own what they create'),
  }),
  output: z.object({
    result: z.enum(['created', 'updated', 'unchanged']).describe('what happened'),
    leadId: z.string().describe('the lead written'),
    lead: z.string().describe('the lead\'s name'),
    matchedBy: z.enum(['reference', 'email', 'name_and_company']).nullable().describe('how the existing record was found; null when created'),
    similarity: z.number().nullable().describe('name similarity 0-1 of a name+company match'),
    changes: z
      .array(
        z
          .object({
            field: z.string().describe('the field'),
            from: z.unknown().describe('value before (null when new)'),
            to: z.unknown().describe('value after'),
          })
          .describe('one changed field'),
      )
      .describe('every field that changed'),
    account: z
      .object({
        id: z.string().describe('account id'),
        name: z.string().describe('company name'),
        created: z.boolean().describe('true when this call created the account'),
      })
      .nullable()
      .describe('the company the lead is linked to by this call'),
  }),
  annotations: { title: 'Create or update lead', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const { lead: leadRef, company, owner: ownerRef, ...fields } = input;
    if (fields.budgetMinMinor !== undefined && fields.budgetMaxMinor !== undefined && fields.budgetMinMinor > fields.budgetMaxMinor) {
      throw invalidInput([{ field: 'budgetMaxMinor', message: 'must be at least budgetMinMinor' }]);
    }
    const fullName = fullNameOf(fields);
    let account = await findCompany(ctx, company, fields.email);
    const target = await findUpsertTarget(ctx, { lead: leadRef, email: fields.email }, fullName, account);
    const ownerId = ownerRef || !target.lead ? await chooseOwner(ctx, ownerRef) : undefined;

    let accountCreated = false;
    if (company && !account) {
      account = await createAccount(ctx.db, { name: company, domain: companyDomain(fields.email) ?? null, ownerId: ownerId ?? target.lead?.ownerId ?? null, at: ctx.now });
      accountCreated = true;
    }
    const linked = account ? { id: account.id, name: account.name, created: accountCreated } : null;

    if (!target.lead) {
      if (!fullName) throw invalidInput([{ field: 'fullName', message: 'a new lead needs a name (fullName, or firstName and lastName)' }]);
      const names = fields.firstName || fields.lastName ? {} : splitName(fullName);
      const { patch, changes } = planLeadPatch(undefined, { ...names, ...fields, fullName });
      const created = await insertLead(ctx.db, {
        ...patch,
        fullName,
        ownerId: ownerId ?? ctx.actor.userId,
        accountId: account?.id ?? null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      const extra = [
        { field: 'ownerId', from: null, to: created.ownerId },
        ...(account ? [{ field: 'accountId', from: null, to: account.id }] : []),
      ];
      return { result: 'created' as const, leadId: created.id, lead: created.fullName, matchedBy: null, similarity: null, changes: [...changes, ...extra], account: linked };
    }

    const current = target.lead;
    const { patch, changes } = planLeadPatch(current, fields);
    if (account && account.id !== current.accountId) {
      patch.accountId = account.id;
      changes.push({ field: 'accountId', from: current.accountId, to: account.id });
    }
    if (ownerId && ownerId !== current.ownerId) {
      patch.ownerId = ownerId;
      changes.push({ field: 'ownerId', from: current.ownerId, to: ownerId });
    }
    if (changes.length === 0) {
      return { result: 'unchanged' as const, leadId: current.id, lead: current.fullName, matchedBy: target.matchedBy, similarity: target.similarity, changes, account: linked };
    }
    const written = await updateLead(ctx.db, ctx.scope, current.id, { ...patch, updatedAt: ctx.now }, ctx.actor.userId);
    if (!written) throw notFound('lead', leadRef ?? current.id);
    return {
      result: 'updated' as const,
      leadId: current.id,
      lead: patch.fullName ?? current.fullName,
      matchedBy: target.matchedBy,
      similarity: target.similarity,
      changes,
      account: linked,
    };
  },
  audit: (_input, output) => ({
    action: `lead.${output.result}`,
    recordType: 'lead',
    recordId: output.leadId,
    changes: { matchedBy: output.matchedBy, fields: output.changes, account: output.account },
  }),
});
