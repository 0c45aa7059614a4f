import { randomUUID } from 'node:crypto';
import type { Executor } from '../../../db/client.ts';
import {
  accountsByDomains,
  allUsersByEmail,
  insertIngestLead,
  leadsByEmails,
  type AccountByDomain,
  type LeadByEmail,
  type NewIngestLead,
  type UserByEmail,
} from '../../../db/repos/ingest-participants.ts';
import type { ItemContext, PrepareContext } from './types.ts';

// Who is on an imported item: each address becomes one of our users, a lead (matched case-insensitively,
// or created for an unknown external counterpart when the run allows it, linked to the account whose
// domain matches), a lead the caller may not see ("hidden": never linked, never duplicated), or unknown.
// One matcher per run: it caches lookups, and undoes the leads it created when their item rolls back.
// With an ItemContext a new lead is inserted at once; with a PrepareContext (bulk) it is planned (id
// made here) and pushed to request.staged for the handler's write() to insert.

export interface Person {
  email: string;
  name: string | null;
}

export type ParticipantMatch =
  | { kind: 'user'; email: string; name: string | null; id: string; fullName: string; timeZone: string }
  | { kind: 'lead'; email: string; name: string | null; id: string; fullName: string; accountId: string | null; ownerId: string | null; timeZone: string | null; created: boolean }
  | { kind: 'hidden'; email: string; name: string | null }
  | { kind: 'unknown'; email: string; name: string | null; accountId: string | null };

export interface MatchRequest {
  people: Person[];
  /** addresses to create a lead for when unknown (only if the matcher was built with createLeads) */
  create?: string[];
  /** owner of created leads; undefined = the owner of the matched account */
  ownerId?: string | null;
  /** bulk: planned leads are pushed here instead of inserted */
  staged?: StagedLead[];
}

export type StagedLead = NewIngestLead & { id: string };
type MatchContext = ItemContext | PrepareContext;
const readerOf = (ctx: { tx: Executor } | { db: Executor }): Executor => ('tx' in ctx ? ctx.tx : ctx.db);

// Personal mailboxes: their domain says nothing about the sender's company.
const FREE_MAIL = new Set(
  'gmail.com googlemail.com yahoo.com yahoo.co.uk hotmail.com outlook.com live.com msn.com aol.com icloud.com me.com mac.com proton.me protonmail.com gmx.com gmx.de web.de mail.com yandex.ru qq.com 163.com 126.com'.split(' '),
);
// Machines, not people: never a lead.
const AUTOMATED = /^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounces?|notifications?|alerts?|daemon|root|abuse)([+.-]|@)/i;

export const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
export const isFreeMail = (domain: string) => FREE_MAIL.has(domain);
export const isAutomated = (email: string) => AUTOMATED.test(email);

/** "Ruiz, Dana" / "Dana Ruiz" / dana.ruiz@x -> first, last and full name */
export function nameOf(person: Person): { fullName: string; firstName: string | null; lastName: string | null } {
  let name = (person.name ?? '').replace(/["']/g, '').replace(/\s+/g, ' ').trim();
  if (!name || name.includes('@')) {
    const local = person.email.slice(0, person.email.indexOf('@')).replace(/\+.*$/, '');
    name = local
      .split(/[._-]+/)
      .filter(Boolean)
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())
      .join(' ');
  }
  const comma = /^([^,]+),\s*(.+)$/.exec(name);
  if (comma) name = `${comma[2]} ${comma[1]}`;
  const parts = name.split(' ');
  const fullName = name || person.email;
  return parts.length > 1 ? { fullName, firstName: parts[0] ?? null, lastName: parts.slice(1).join(' ') } : { fullName, firstName: parts[0] || null, lastName: null };
}

export class ParticipantMatcher {
  private users: Map<string, UserByEmail> | undefined;
  private internalDomains = new Set<string>();
  private readonly leads = new Map<string, LeadByEmail | 'hidden' | null>();
  private readonly accounts = new Map<string, AccountByDomain | null>();

  constructor(private readonly options: { createLeads: boolean }) {}

  /** our users by lower-cased email (loaded once per run) */
  async userMap(ctx: { tx: Executor } | { db: Executor }): Promise<Map<string, UserByEmail>> {
    if (!this.users) {
      this.users = await allUsersByEmail(readerOf(ctx));
      this.internalDomains = new Set([...this.users.keys()].map(domainOf));
    }
    return this.users;
  }

  /** true for addresses at one of our users' domains (a colleague, never a lead) */
  isInternal(email: string): boolean {
    return this.internalDomains.has(domainOf(email));
  }

  async match(ctx: MatchContext, request: MatchRequest): Promise<Map<string, ParticipantMatch>> {
    const users = await this.userMap(ctx);
    const people = new Map<string, Person>();
    for (const p of request.people) {
      const email = p.email.trim().toLowerCase();
      if (email.includes('@') && !people.has(email)) people.set(email, { email, name: p.name });
    }
    const external = [...people.keys()].filter((e) => !users.has(e));
    await this.load(ctx, external);
    const create = new Set((request.create ?? []).map((e) => e.toLowerCase()));
    const out = new Map<string, ParticipantMatch>();
    for (const [email, person] of people) {
      const user = users.get(email);
      if (user) {
        out.set(email, { kind: 'user', email, name: person.name, id: user.id, fullName: user.fullName, timeZone: user.timeZone });
        continue;
      }
      const lead = this.leads.get(email);
      const domain = domainOf(email);
      const account = isFreeMail(domain) ? null : (this.accounts.get(domain) ?? null);
      if (lead === 'hidden') out.set(email, { kind: 'hidden', email, name: person.name });
      else if (lead) out.set(email, { kind: 'lead', name: person.name, ...lead, created: false });
      else if (this.options.createLeads && create.has(email) && !isAutomated(email) && !this.isInternal(email)) {
        out.set(email, await this.createLead(ctx, person, account, request));
      } else out.set(email, { kind: 'unknown', email, name: person.name, accountId: account?.id ?? null });
    }
    return out;
  }

  /** looks up, in two queries, every address of a batch that is not cached yet (bulk handlers' prefetch) */
  async prefetch(ctx: Pick<PrepareContext, 'db' | 'scope'>, emails: string[]): Promise<void> {
    const users = await this.userMap(ctx);
    const external = [...new Set(emails.map((e) => e.trim().toLowerCase()))].filter((e) => e.includes('@') && !users.has(e));
    await this.load(ctx, external);
  }

  private async load(ctx: Pick<PrepareContext, 'db' | 'scope'> | MatchContext, emails: string[]): Promise<void> {
    const leadsToLoad = emails.filter((e) => !this.leads.has(e));
    if (leadsToLoad.length > 0) {
      const found = await leadsByEmails(readerOf(ctx), ctx.scope, leadsToLoad);
      for (const e of leadsToLoad) this.leads.set(e, found.visible.get(e) ?? (found.hidden.has(e) ? 'hidden' : null));
    }
    const domains = [...new Set(emails.map(domainOf))].filter((d) => !isFreeMail(d) && !this.accounts.has(d));
    if (domains.length > 0) {
      const found = await accountsByDomains(readerOf(ctx), domains);
      for (const d of domains) this.accounts.set(d, found.get(d) ?? null);
    }
  }

  private async createLead(ctx: MatchContext, person: Person, account: AccountByDomain | null, request: MatchRequest): Promise<ParticipantMatch> {
    const names = nameOf(person);
    const owner = request.ownerId === undefined ? (account?.ownerId ?? null) : request.ownerId;
    const row: NewIngestLead = { email: person.email, ...names, accountId: account?.id ?? null, ownerId: owner, at: ctx.now };
    let id: string;
    if ('tx' in ctx && !request.staged) id = await insertIngestLead(ctx.tx, row);
    else {
      if (!request.staged) throw new Error('a bulk match that may create leads needs request.staged');
      id = randomUUID();
      request.staged.push({ ...row, id });
    }
    const lead: LeadByEmail = { id, email: person.email, fullName: names.fullName, accountId: account?.id ?? null, ownerId: owner, timeZone: null };
    this.leads.set(person.email, lead);
    ctx.onRollback(() => this.leads.set(person.email, null));
    return { kind: 'lead', name: person.name, ...lead, created: true };
  }
}
