import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';

// Contacts (leads) and the latest mail each one sent: what fills their empty name, title and phone
// (tools/ingest/contacts/from-mail.ts). Only leads with something to fill or check against a mail they
// have not been checked against yet (attributes.contactFromMail names the last mail read).

export interface ContactMailRow {
  leadId: string;
  email: string;
  fullName: string;
  title: string | null;
  phone: string | null;
  attributes: Record<string, unknown>;
  sourceItemId: string;
  fromName: string | null;
  rawText: string;
}

export async function contactsWithUnreadMail(ex: Executor): Promise<ContactMailRow[]> {
  return rows<ContactMailRow>(
    ex,
    sql`
      select distinct on (l.id) l.id as "leadId", l.email, l.full_name as "fullName", l.title, l.phone, l.attributes,
             s.id as "sourceItemId", s.metadata -> 'from' ->> 'name' as "fromName", s.raw_text as "rawText"
      from leads l join source_items s on s.kind = 'email' and lower(s.metadata -> 'from' ->> 'email') = lower(l.email)
      where l.status <> 'merged' and l.email is not null
        and coalesce(l.attributes ->> 'contactFromMail', '') <> s.id::text
      order by l.id, s.occurred_at desc nulls last, s.id desc`,
  );
}

export interface ContactUpdate {
  leadId: string;
  set: { fullName?: string; firstName?: string | null; lastName?: string | null; title?: string; phone?: string };
  attributes: Record<string, unknown>;
}

/**
 * Every contact's fill in one statement (one jsonb parameter expanded by jsonb_to_recordset): a mail
 * import touches thousands of contacts, and a statement each cost more than the rest of the pass.
 * Same rules as before: a name only replaces a placeholder (the caller decides), title and phone only fill an empty field.
 */
export async function updateContactsFromMail(ex: Executor, updates: readonly ContactUpdate[], now: Date): Promise<void> {
  if (updates.length === 0) return;
  const records = updates.map((u) => ({
    id: u.leadId, full_name: u.set.fullName ?? null, first_name: u.set.firstName ?? null, last_name: u.set.lastName ?? null,
    title: u.set.title ?? null, phone: u.set.phone ?? null, attributes: u.attributes,
  }));
  await ex.execute(sql`
    update leads l set
      full_name = coalesce(r.full_name, l.full_name),
      first_name = case when r.full_name is null then l.first_name else r.first_name end,
      last_name = case when r.full_name is null then l.last_name else r.last_name end,
      title = coalesce(l.title, r.title),
      phone = coalesce(l.phone, r.phone),
      attributes = l.attributes || r.attributes,
      updated_at = ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(id uuid, full_name text, first_name text, last_name text, title text, phone text, attributes jsonb)
    where l.id = r.id`);
}
