import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { leads } from '../schema/index.ts';
import { rows } from '../rows.ts';
import { ownedByClause, type Scope } from './scope.ts';

// Candidate duplicate pairs among the leads a caller can see (both sides in scope, neither merged).
// A pair is a candidate when any of these holds:
//   - the same normalised email: lower-case; for gmail.com / googlemail.com also without dots and +tag in the local part
//   - the same normalised phone: digits only, the last 10, at least 7 digits
//   - names with trigram similarity >= NAME_FLOOR at the same account, or at the same (non free-mail) email domain
// The repo reports what matched; tools/leads/duplicates.ts turns that into one similarity.

export const NAME_FLOOR = 0.5;

export interface DuplicateCandidate {
  a: CandidateLead;
  b: CandidateLead;
  emailMatch: boolean;
  phoneMatch: boolean;
  nameSimilarity: number;
  sameAccount: boolean;
  sameDomain: boolean;
}

export interface CandidateLead {
  id: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  accountName: string | null;
  ownerName: string | null;
  createdAt: Date;
}

type Raw = Record<string, unknown>;

export async function duplicateCandidates(
  ex: Executor,
  scope: Scope,
  options: { leadId?: string; freeMailDomains: readonly string[]; cap: number },
): Promise<{ candidates: DuplicateCandidate[]; capped: boolean }> {
  const free = `{${options.freeMailDomains.join(',')}}`;
  const involving = options.leadId ? sql`and (a.id = ${options.leadId}::uuid or b.id = ${options.leadId}::uuid)` : sql``;
  const result = await rows<Raw>(ex, sql`
    with l as (
      select ${leads.id} as id, ${leads.fullName} as full_name, ${leads.accountId} as account_id, ${leads.email} as email,
             ${leads.phone} as phone, ${leads.createdAt} as created_at, acc.name as account_name, u.full_name as owner_name,
             case when split_part(lower(${leads.email}), '@', 2) in ('gmail.com', 'googlemail.com')
                  then replace(split_part(split_part(lower(${leads.email}), '@', 1), '+', 1), '.', '') || '@gmail.com'
                  else nullif(lower(trim(${leads.email})), '') end as norm_email,
             case when length(regexp_replace(coalesce(${leads.phone}, ''), '\\D', '', 'g')) >= 7
                  then right(regexp_replace(${leads.phone}, '\\D', '', 'g'), 10) end as norm_phone,
             case when split_part(lower(${leads.email}), '@', 2) <> '' and not (split_part(lower(${leads.email}), '@', 2) = any(${free}::text[]))
                  then split_part(lower(${leads.email}), '@', 2) end as domain
      from ${leads}
      left join accounts acc on acc.id = ${leads.accountId}
      left join users u on u.id = ${leads.ownerId}
      where ${leads.status} <> 'merged' and ${ownedByClause(scope, leads.ownerId)}
    ),
    p as (
      select a.id as a_id, b.id as b_id from l a join l b on a.id < b.id and a.norm_email = b.norm_email where true ${involving}
      union
      select a.id, b.id from l a join l b on a.id < b.id and a.norm_phone = b.norm_phone where true ${involving}
      union
      select a.id, b.id from l a join l b on a.id < b.id and a.account_id = b.account_id
        where similarity(a.full_name, b.full_name) >= ${NAME_FLOOR} ${involving}
      union
      select a.id, b.id from l a join l b on a.id < b.id and a.domain = b.domain
        where similarity(a.full_name, b.full_name) >= ${NAME_FLOOR} ${involving}
    )
    select a.id as a_id, a.full_name as a_name, a.email as a_email, a.phone as a_phone, a.account_name as a_account, a.owner_name as a_owner, a.created_at as a_created,
           b.id as b_id, b.full_name as b_name, b.email as b_email, b.phone as b_phone, b.account_name as b_account, b.owner_name as b_owner, b.created_at as b_created,
           coalesce(a.norm_email = b.norm_email, false) as email_match,
           coalesce(a.norm_phone = b.norm_phone, false) as phone_match,
           similarity(a.full_name, b.full_name)::float8 as name_similarity,
           coalesce(a.account_id = b.account_id, false) as same_account,
           coalesce(a.domain = b.domain, false) as same_domain
    from p join l a on a.id = p.a_id join l b on b.id = p.b_id
    order by a.id, b.id
    limit ${options.cap + 1}
  `);
  const lead = (r: Raw, side: 'a' | 'b'): CandidateLead => ({
    id: r[`${side}_id`] as string,
    fullName: r[`${side}_name`] as string,
    email: (r[`${side}_email`] as string | null) ?? null,
    phone: (r[`${side}_phone`] as string | null) ?? null,
    accountName: (r[`${side}_account`] as string | null) ?? null,
    ownerName: (r[`${side}_owner`] as string | null) ?? null,
    createdAt: new Date(r[`${side}_created`] as string),
  });
  return {
    capped: result.length > options.cap,
    candidates: result.slice(0, options.cap).map((r) => ({
      a: lead(r, 'a'),
      b: lead(r, 'b'),
      emailMatch: r.email_match === true,
      phoneMatch: r.phone_match === true,
      nameSimilarity: Number(r.name_similarity),
      sameAccount: r.same_account === true,
      sameDomain: r.same_domain === true,
    })),
  };
}
