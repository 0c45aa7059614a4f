import type { ParsedMail } from 'mailparser';
import { isAutomated, type Person } from '../core/index.ts';

// Mail written by machines: bounces, auto-replies, read receipts, abuse reports. They are kept as
// source items (the record that they arrived) but make no interaction, so reply rates, sentiment
// and objection statistics only count people.

export type AutomatedKind = 'bounce' | 'auto_reply' | 'read_receipt' | 'feedback_report';

const REPORT_KIND: Record<string, AutomatedKind> = {
  'delivery-status': 'bounce',
  'disposition-notification': 'read_receipt',
  'feedback-report': 'feedback_report',
};

const BOUNCE_SUBJECT = /^(?:undeliver(?:ed|able)|delivery (?:status notification|failure|has failed)|mail delivery (?:failed|failure|subsystem)|returned mail|failure notice|delivery failure)/i;
const AUTO_SUBJECT = /^(?:auto(?:matic)?[ -]?reply|out of (?:the )?office|abwesenheit|réponse automatique)/i;
const RECEIPT_SUBJECT = /^(?:read|gelesen|lu)\s*:/i;

function structured(mail: ParsedMail, key: string): { value: string; params: Record<string, string> } | null {
  const v = mail.headers.get(key);
  return v && typeof v === 'object' && !Array.isArray(v) && 'params' in v ? (v as { value: string; params: Record<string, string> }) : null;
}

export function automatedKind(mail: ParsedMail, from: Person | null): AutomatedKind | null {
  const type = structured(mail, 'content-type');
  if (type?.value.toLowerCase() === 'multipart/report') {
    const report = (type.params['report-type'] ?? '').toLowerCase();
    return REPORT_KIND[report] ?? 'bounce';
  }
  // a report part anywhere (some bounces wrap it in multipart/mixed)
  for (const a of mail.attachments) {
    const ct = a.contentType.toLowerCase();
    if (ct === 'message/delivery-status') return 'bounce';
    if (ct === 'message/disposition-notification') return 'read_receipt';
    if (ct === 'message/feedback-report') return 'feedback_report';
  }
  const subject = (mail.subject ?? '').trim();
  if (from && /^(?:mailer-daemon|postmaster)@/i.test(from.email)) return 'bounce';
  if (BOUNCE_SUBJECT.test(subject) && (!from || isAutomated(from.email))) return 'bounce';
  const autoSubmitted = String(mail.headers.get('auto-submitted') ?? '').toLowerCase();
  if ((autoSubmitted && autoSubmitted !== 'no') || mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond') || AUTO_SUBJECT.test(subject)) return 'auto_reply';
  if (RECEIPT_SUBJECT.test(subject) && mail.headers.has('original-message-id')) return 'read_receipt';
  return null;
}
