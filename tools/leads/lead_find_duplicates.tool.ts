import { z } from 'zod';
import { duplicateCandidates } from '../../db/repos/lead-duplicates.ts';
import { resolveLead } from '../core/resolve.ts';
import { evidenceList, pageOutput, reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { pairSimilarity } from './duplicates.ts';
import { FREE_MAIL_DOMAINS } from './lead-upsert-fields.ts';

// at most this many candidate pairs are scored per call; the page is cut from the best of them
const CANDIDATE_CAP = 5000;

const side = z
  .object({
    id: z.string().describe('lead id'),
    name: z.string().describe('full name'),
    email: z.string().nullable().describe('email'),
    phone: z.string().nullable().describe('phone'),
    account: z.string().nullable().describe('company'),
    owner: z.string().nullable().describe('owning rep'),
    createdAt: z.string().describe('when the record was created'),
  })
  .describe('one lead of the pair');

export const leadFindDuplicates = defineTool({
  name: 'lead_find_duplicates',
  description:
    'Find likely duplicate leads among those you can see: the same email (ignoring case, and dots/+tags in gmail addresses), the same phone (last 10 digits), or similar names (pg_trgm) at the same account or email domain. Each pair has a similarity 0-1 and the fields that match; best first, paginated. Merge a pair with lead_merge.',
  input: z.object({
    lead: reference('lead').optional().describe('only pairs involving this lead (id, email or name)'),
    minSimilarity: z.number().min(0).max(1).default(0.5).describe('lowest similarity to list (0-1)'),
    limit: z.number().int().min(1).max(100).default(20).describe('how many pairs to return (1-100)'),
    offset: z.number().int().min(0).default(0).describe('pairs to skip, for the next page'),
  }),
  output: z.object({
    pairs: z
      .array(
        z
          .object({
            a: side,
            b: side,
            similarity: z.number().describe('0-1: 1 - (1-email 0.9)(1-phone 0.7)(1-name similarity x 0.9 same account / 0.8 same domain)'),
            matches: z
              .array(
                z.object({ field: z.enum(['email', 'phone', 'name']).describe('what matched'), detail: z.string().describe('the matching values') }).describe('one matching field'),
              )
              .describe('the fields that match'),
          })
          .describe('one candidate pair; a is the older record'),
      )
      .describe('candidate pairs, most similar first'),
    page: pageOutput,
    capped: z.boolean().describe(`true when more than ${CANDIDATE_CAP} candidate pairs existed and only the first were scored`),
    evidence: evidenceList,
  }),
  annotations: { title: 'Find duplicate leads', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const leadId = input.lead ? (await resolveLead(ctx, input.lead)).id : undefined;
    const { candidates, capped } = await duplicateCandidates(ctx.db, ctx.scope, {
      ...(leadId ? { leadId } : {}),
      freeMailDomains: [...FREE_MAIL_DOMAINS],
      cap: CANDIDATE_CAP,
    });
    const scored = candidates
      .map((c) => {
        // the older record first: it is the natural survivor of a merge
        const [a, b] = c.a.createdAt.getTime() <= c.b.createdAt.getTime() ? [c.a, c.b] : [c.b, c.a];
        return { a, b, ...pairSimilarity(c) };
      })
      .filter((p) => p.matches.length > 0 && p.similarity >= input.minSimilarity)
      .sort((x, y) => y.similarity - x.similarity || (x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : x.b.id < y.b.id ? -1 : 1));
    const page = scored.slice(input.offset, input.offset + input.limit);
    const show = (l: (typeof page)[number]['a']) => ({
      id: l.id, name: l.fullName, email: l.email, phone: l.phone, account: l.accountName, owner: l.ownerName, createdAt: l.createdAt.toISOString(),
    });
    return {
      pairs: page.map((p) => ({ a: show(p.a), b: show(p.b), similarity: p.similarity, matches: p.matches })),
      page: { total: scored.length, limit: input.limit, offset: input.offset, hasMore: input.offset + page.length < scored.length },
      capped,
      evidence: page.map((p) => ({
        sourceId: p.b.id,
        kind: 'lead',
        date: p.b.createdAt.toISOString(),
        quote: `${p.b.fullName} (${[p.b.email, p.b.phone].filter(Boolean).join(', ')}) ~ ${p.a.fullName} (${[p.a.email, p.a.phone].filter(Boolean).join(', ')})`,
      })),
    };
  },
});
