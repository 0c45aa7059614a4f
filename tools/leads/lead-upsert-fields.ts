import type { InteractionType, LeadSource, Seniority } from '../../core/domain.ts';
import type { LeadRecord } from '../../db/repos/leads.ts';
import type { LeadPatch } from '../../db/repos/lead-upsert.ts';

// What lead_upsert changes on a record, field by field. Scalars are replaced when they differ; lists
// (pain points, decision makers) only gain entries they lack (case-insensitive); attributes merge key by key.
// So repeating the same call changes nothing the second time.

export interface LeadFieldsInput {
  fullName?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  title?: string | undefined;
  seniority?: Seniority | undefined;
  department?: string | undefined;
  source?: LeadSource | undefined;
  timeZone?: string | undefined;
  preferredChannel?: InteractionType | undefined;
  preferredContactHour?: number | undefined;
  painPoints?: string[] | undefined;
  budgetMinMinor?: number | undefined;
  budgetMaxMinor?: number | undefined;
  decisionTimeline?: string | undefined;
  decisionMakers?: string[] | undefined;
  isDecisionMaker?: boolean | undefined;
  attributes?: Record<string, unknown> | undefined;
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

const SCALARS = [
  'fullName', 'firstName', 'lastName', 'email', 'phone', 'title', 'seniority', 'department', 'source', 'timeZone',
  'preferredChannel', 'preferredContactHour', 'budgetMinMinor', 'budgetMaxMinor', 'decisionTimeline', 'isDecisionMaker',
] as const satisfies readonly (keyof LeadFieldsInput & keyof LeadRecord)[];

const LISTS = ['painPoints', 'decisionMakers'] as const satisfies readonly (keyof LeadFieldsInput & keyof LeadRecord)[];

const same = (field: string, a: unknown, b: unknown) =>
  field === 'email' && typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;

function union(current: readonly string[], added: readonly string[]): string[] {
  const seen = new Set(current.map((v) => v.trim().toLowerCase()));
  const out = [...current];
  for (const value of added) {
    const key = value.trim().toLowerCase();
    if (key && !seen.has(key)) {
      seen.add(key);
      out.push(value.trim());
    }
  }
  return out;
}

/** The patch that brings `current` (or an empty record) up to the input, and the changes it makes. */
export function planLeadPatch(current: LeadRecord | undefined, input: LeadFieldsInput): { patch: LeadPatch; changes: FieldChange[] } {
  const patch: Record<string, unknown> = {};
  const changes: FieldChange[] = [];
  for (const field of SCALARS) {
    const next = input[field];
    const before = current ? current[field] : null;
    if (next === undefined || same(field, before, next)) continue;
    patch[field] = next;
    changes.push({ field, from: before ?? null, to: next });
  }
  for (const field of LISTS) {
    const added = input[field];
    if (!added) continue;
    const before = current ? current[field] : [];
    const merged = union(before, added);
    if (merged.length === before.length) continue;
    patch[field] = merged;
    changes.push({ field, from: before, to: merged });
  }
  if (input.attributes) {
    const before = current?.attributes ?? {};
    const changedKeys = Object.keys(input.attributes).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(input.attributes![k]));
    if (changedKeys.length > 0) {
      patch.attributes = { ...before, ...input.attributes };
      for (const key of changedKeys.sort()) changes.push({ field: `attributes.${key}`, from: before[key] ?? null, to: input.attributes[key] });
    }
  }
  return { patch: patch as LeadPatch, changes };
}

/** The full name a new lead gets: as given, else first + last. */
export function fullNameOf(input: LeadFieldsInput): string | undefined {
  if (input.fullName) return input.fullName;
  const joined = [input.firstName, input.lastName].filter(Boolean).join(' ').trim();
  return joined || undefined;
}

/** First and last name from a full name when not given: the first word, and the rest. */
export function splitName(fullName: string): { firstName: string; lastName: string | undefined } {
  const [first, ...rest] = fullName.trim().split(/\s+/);
  return { firstName: first ?? fullName, lastName: rest.length > 0 ? rest.join(' ') : undefined };
}

// Free-mail domains say nothing about the company: never link or name an account after them.
export const FREE_MAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'live.com', 'icloud.com', 'me.com', 'aol.com',
  'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'web.de', 'mail.com', 'yandex.com',
]);

/** The company domain of an email, or undefined for free-mail addresses. */
export function companyDomain(email: string | undefined | null): string | undefined {
  const domain = email?.split('@')[1]?.trim().toLowerCase();
  return domain && !FREE_MAIL_DOMAINS.has(domain) ? domain : undefined;
}

/** Digits of a phone number; valid when 7 to 15 digits (E.164 allows at most 15). */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}

export function isValidPhone(phone: string): boolean {
  if (!/^\+?[\d\s().-]+(\s*(x|ext\.?)\s*\d{1,6})?$/i.test(phone.trim())) return false;
  const digits = phoneDigits(phone.replace(/(x|ext\.?)\s*\d+$/i, ''));
  return digits.length >= 7 && digits.length <= 15;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}
