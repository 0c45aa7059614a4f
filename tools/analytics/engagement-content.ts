import { ratio } from '../../core/stats/descriptive.ts';
import type { OutboundEmailRow } from '../../db/repos/analytics-engagement.ts';
import { pct } from '../core/schemas.ts';

// Subject lines and templates ranked by open or reply rate, over delivered outbound emails.
//   templates:     grouped by template; emails with none are left out
//   subject lines: a templated email counts under its template's subject (with {{placeholders}});
//                  any other subject is normalised: "Re:"/"Fwd:" prefixes dropped, the recipient's first
//                  name and company replaced by {{first_name}} / {{company}}, case and spaces folded,
//                  so "Re: Pricing for Acme" and "pricing for Globex" are one line.
// Groups with at least `minSample` emails rank first (by rate, then size); smaller ones follow, flagged.

export interface ContentStats {
  key: string;
  label: string;
  delivered: number;
  opened: number;
  openRate: number | null;
  replied: number;
  replyRate: number | null;
  smallSample: boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "Re: Pipeline at Acme" for Dana of Acme -> "pipeline at {{company}}" */
export function normaliseSubject(subject: string, firstName: string | null, company: string | null): string {
  let s = subject.trim();
  while (/^(re|fw|fwd|aw)\s*:/i.test(s)) s = s.replace(/^(re|fw|fwd|aw)\s*:\s*/i, '');
  if (company?.trim()) s = s.replace(new RegExp(escape(company.trim()), 'gi'), '{{company}}');
  if (firstName?.trim()) s = s.replace(new RegExp(`\\b${escape(firstName.trim())}\\b`, 'gi'), '{{first_name}}');
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

const rate = (part: number, whole: number) => {
  const r = ratio(part, whole);
  return r === null ? null : pct(r * 100);
};

function rank(
  emails: readonly OutboundEmailRow[],
  keyOf: (e: OutboundEmailRow) => { key: string; label: string } | null,
  by: 'open' | 'reply',
  minSample: number,
): ContentStats[] {
  const groups = new Map<string, { label: string; delivered: number; opened: number; replied: number }>();
  for (const e of emails) {
    if (!e.delivered) continue;
    const k = keyOf(e);
    if (!k) continue;
    const g = groups.get(k.key) ?? { label: k.label, delivered: 0, opened: 0, replied: 0 };
    g.delivered++;
    if (e.opened) g.opened++;
    if (e.replied) g.replied++;
    groups.set(k.key, g);
  }
  const exact = (s: ContentStats) => (by === 'open' ? s.opened : s.replied) / s.delivered;
  return [...groups.entries()]
    .map(([key, g]) => ({
      key, label: g.label, delivered: g.delivered, opened: g.opened, openRate: rate(g.opened, g.delivered),
      replied: g.replied, replyRate: rate(g.replied, g.delivered), smallSample: g.delivered < minSample,
    }))
    .sort((a, b) => Number(a.smallSample) - Number(b.smallSample) || exact(b) - exact(a) || b.delivered - a.delivered || a.label.localeCompare(b.label));
}

export function rankTemplates(emails: readonly OutboundEmailRow[], by: 'open' | 'reply', minSample: number): ContentStats[] {
  return rank(emails, (e) => (e.templateId ? { key: e.templateId, label: e.templateName ?? e.templateId } : null), by, minSample);
}

export function rankSubjects(emails: readonly OutboundEmailRow[], by: 'open' | 'reply', minSample: number): ContentStats[] {
  return rank(
    emails,
    (e) => {
      if (e.templateId && e.templateSubject?.trim()) return { key: `t:${e.templateSubject.trim().toLowerCase()}`, label: e.templateSubject.trim() };
      if (!e.subject?.trim()) return null;
      const normal = normaliseSubject(e.subject, e.firstName, e.accountName);
      return normal ? { key: `s:${normal}`, label: normal } : null;
    },
    by,
    minSample,
  );
}
