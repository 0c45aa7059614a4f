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

export async function updateContactFromMail(
  ex: Executor,
  leadId: string,
  set: { fullName?: string; firstName?: string | null; lastName?: string | null; title?: string; phone?: string },
  attributes: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await ex.execute(sql`
    update leads set
      full_name = coalesce(${set.fullName ?? null}, full_name),
      first_name = case when ${set.fullName ?? null}::text is null then first_name else ${set.firstName ?? null} end,
      last_name = case when ${set.fullName ?? null}::text is null then last_name else ${set.lastName ?? null} end,
      title = coalesce(title, ${set.title ?? null}),
      phone = coalesce(phone, ${set.phone ?? null}),
      attributes = attributes || ${JSON.stringify(attributes)}::jsonb,
      updated_at = ${now.toISOString()}::timestamptz
    where id = ${leadId}::uuid`);
}
