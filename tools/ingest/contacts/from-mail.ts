import type { Executor } from '../../../db/client.ts';
import { contactsWithUnreadMail, updateContactsFromMail, type ContactMailRow, type ContactUpdate } from '../../../db/repos/contact-fill.ts';
import { senderFacts } from './signature.ts';

// Contacts learn their name, title and phone from the mail they send: a contact created from an address
// alone ("marta.vogel", as a CRM export with only a contact e-mail makes it) takes the From header's
// display name; an empty title or phone takes the signature's. A value already there (the CRM's, a
// person's) is never overwritten; when the mail disagrees the disagreement is kept on the contact
// (attributes.contactConflicts). Runs after every import that stored something (core/run.ts), in
// either order of mail and CRM row, and reads each contact's latest mail once.

/** a name made from the address: empty, the address, or its local part ("marta.vogel") */
const placeholder = (fullName: string, email: string) => {
  const n = fullName.trim().toLowerCase();
  const local = email.slice(0, email.indexOf('@')).toLowerCase();
  return n === '' || n === email.toLowerCase() || n === local || n === local.replace(/[._-]+/g, ' ');
};

export interface ContactFillReport {
  checked: number;
  filled: number;
  conflicts: number;
}

function plan(row: ContactMailRow) {
  const facts = senderFacts(row.rawText, row.fromName);
  const set: ContactUpdate['set'] = {};
  const conflicts: { field: string; stored: string; fromMail: string; sourceItemId: string }[] = [];
  const weigh = (field: 'fullName' | 'title' | 'phone', stored: string | null, found: string | null, empty: boolean) => {
    if (!found) return;
    if (empty) {
      set[field] = found;
      return;
    }
    if (stored && stored.replace(/\s+/g, ' ').toLowerCase() !== found.toLowerCase()) conflicts.push({ field, stored, fromMail: found, sourceItemId: row.sourceItemId });
  };
  weigh('fullName', row.fullName, facts.name, placeholder(row.fullName, row.email));
  weigh('title', row.title, facts.title, row.title === null || row.title.trim() === '');
  weigh('phone', row.phone, facts.phone, row.phone === null || row.phone.trim() === '');
  if (set.fullName) {
    const parts = set.fullName.split(' ');
    set.firstName = parts.length > 1 ? parts.slice(0, -1).join(' ') : set.fullName;
    set.lastName = parts.length > 1 ? parts[parts.length - 1]! : null;
  }
  return { set, conflicts };
}

export async function fillContactsFromMail(tx: Executor, now: Date): Promise<ContactFillReport> {
  const report: ContactFillReport = { checked: 0, filled: 0, conflicts: 0 };
  const updates: ContactUpdate[] = [];
  for (const row of await contactsWithUnreadMail(tx)) {
    report.checked++;
    const { set, conflicts } = plan(row);
    const earlier = Array.isArray(row.attributes.contactConflicts) ? (row.attributes.contactConflicts as { field: string; fromMail: string }[]) : [];
    const fresh = conflicts.filter((c) => !earlier.some((e) => e.field === c.field && e.fromMail === c.fromMail));
    const attributes: Record<string, unknown> = { contactFromMail: row.sourceItemId, ...(fresh.length > 0 ? { contactConflicts: [...earlier, ...fresh].slice(-20) } : {}) };
    updates.push({ leadId: row.leadId, set, attributes });
    if (Object.keys(set).length > 0) report.filled++;
    report.conflicts += fresh.length;
  }
  await updateContactsFromMail(tx, updates, now);
  return report;
}
