import type { Turn } from './turns.ts';

// Who attended: the speakers (with how much each said) plus people named in a "Participants:" /
// "Attendees:" header or in the tool input who may not have spoken.

export interface Attendee {
  name: string;
  email: string | null;
  /** "VP Ops, Acme" from "Dana Ruiz (VP Ops, Acme)" */
  detail: string | null;
  spoke: boolean;
  turns: number;
  words: number;
  /** speaking time from cue timings, when the file has them */
  seconds: number | null;
  source: 'speaker' | 'header' | 'input';
}

const LIST_HEADERS = ['participants', 'attendees', 'present', 'invitees'];

/** "Dana Ruiz (VP Ops, Acme), Sam Lee <sam@x.com>; Kim" -> names with detail and email. */
export function splitPeople(list: string): { name: string; email: string | null; detail: string | null }[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of list) {
    if (ch === '(' || ch === '<') depth++;
    if (ch === ')' || ch === '>') depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === ',' || ch === ';')) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts
    .flatMap((p) => p.split(/\s+and\s+/))
    .map((p) => {
      const email = /<?([\w.+-]+@[\w-]+(?:\.[\w-]+)+)>?/.exec(p)?.[1] ?? null;
      const detail = /\(([^)]*)\)/.exec(p)?.[1]?.trim() || null;
      const name = p.replace(/<[^>]*>|\([^)]*\)/g, '').replace(email ?? '\u0000', '').replace(/\s+/g, ' ').trim();
      return { name: name || email || '', email, detail };
    })
    .filter((p) => p.name !== '');
}

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;

export function namedAttendees(
  turns: readonly Turn[],
  speakers: readonly string[],
  ctx: { participants?: { name: string; email?: string }[]; headers?: Record<string, string> },
): Attendee[] {
  const out: Attendee[] = speakers.map((name) => {
    const own = turns.filter((t) => t.speaker === name);
    const timed = own.filter((t) => t.start !== undefined && t.end !== undefined);
    return {
      name,
      email: null,
      detail: null,
      spoke: true,
      turns: own.length,
      words: own.reduce((n, t) => n + t.text.split(/\s+/).filter(Boolean).length, 0),
      seconds: timed.length === 0 ? null : Math.round(timed.reduce((s, t) => s + ((t.end as number) - (t.start as number)), 0) * 10) / 10,
      source: 'speaker',
    };
  });
  const add = (person: { name: string; email: string | null; detail: string | null }, source: Attendee['source']) => {
    const known = out.find((a) => sameName(a.name, person.name) || (person.email !== null && a.email !== null && sameName(a.email, person.email)));
    if (known) {
      known.email ??= person.email;
      known.detail ??= person.detail;
      return;
    }
    out.push({ ...person, spoke: false, turns: 0, words: 0, seconds: null, source });
  };
  for (const key of LIST_HEADERS) for (const p of splitPeople(ctx.headers?.[key] ?? '')) add(p, 'header');
  for (const p of ctx.participants ?? []) add({ name: p.name, email: p.email ?? null, detail: null }, 'input');
  return out;
}

/** An action item's owner as one of the attendees: the full name, else a first name only one attendee has. */
export function resolveOwner(owner: string | null, people: readonly string[]): string | null {
  if (!owner) return null;
  const exact = people.find((p) => sameName(p, owner));
  if (exact) return exact;
  const byFirst = people.filter((p) => sameName(p.split(/\s+/)[0] ?? '', owner.split(/\s+/)[0] ?? ''));
  return byFirst.length === 1 ? (byFirst[0] as string) : null;
}
