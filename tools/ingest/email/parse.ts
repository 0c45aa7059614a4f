import { simpleParser, type AddressObject, type EmailAddress, type HeaderValue, type ParsedMail } from 'mailparser';
import type { Person } from '../core/index.ts';
import { cleanBody } from './clean.ts';
import { automatedKind, type AutomatedKind } from './automated.ts';
import { htmlToText } from './html.ts';

// One RFC 5322 message -> the fields ingestion needs, with mailparser doing the MIME work (charsets,
// RFC 2047 words, transfer encodings, multipart walking, HTML-only bodies converted to text).

export interface AttachmentInfo {
  filename: string | null;
  contentType: string;
  size: number;
  /** md5 of the content, as mailparser reports it */
  checksum: string | null;
  inline: boolean;
}

export interface ParsedEmail {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  gmailThreadId: string | null;
  gmailMessageId: string | null;
  labels: string[];
  from: Person | null;
  to: Person[];
  cc: Person[];
  bcc: Person[];
  replyTo: Person[];
  subject: string | null;
  date: Date | null;
  /** the whole text body as decoded (HTML converted when there is no text part) */
  text: string;
  /** the new words: quoted history and signature removed */
  body: string;
  quotedChars: number;
  signatureRemoved: boolean;
  attachments: AttachmentInfo[];
  automated: AutomatedKind | null;
}

const ID = /<([^<>\s]+)>/g;
/** message ids without angle brackets; bare ids accepted when there are no brackets at all */
export function messageIds(value: string | string[] | undefined): string[] {
  if (!value) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  const bracketed = [...text.matchAll(ID)].map((m) => m[1] as string);
  if (bracketed.length > 0) return bracketed;
  return text.split(/[\s,]+/).filter((t) => t.includes('@'));
}

function people(value: AddressObject | AddressObject[] | undefined): Person[] {
  const out: Person[] = [];
  const walk = (a: EmailAddress) => {
    if (a.group) a.group.forEach(walk);
    else if (a.address && a.address.includes('@')) out.push({ email: a.address.trim().toLowerCase(), name: a.name?.trim() || null });
  };
  for (const obj of Array.isArray(value) ? value : value ? [value] : []) obj.value.forEach(walk);
  return out;
}

const headerText = (value: HeaderValue | undefined): string | null => {
  if (value === undefined) return null;
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) return headerText(value[0] as HeaderValue);
  if (value instanceof Date) return value.toISOString();
  if ('value' in value && typeof value.value === 'string') return value.value;
  return null;
};

const validDate = (d: Date | undefined): Date | null => (d && !Number.isNaN(d.getTime()) ? d : null);

/** "Mon Jun  3 12:50:27 1996" on an mbox separator line, as a fallback date (read as UTC) */
export function separatorDate(separator: string | undefined): Date | null {
  const m = /\s([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{2}:\d{2}(?::\d{2})?)\s+(?:([+-]\d{4})\s+)?(\d{4})\s*$/.exec(separator ?? '');
  if (!m) return null;
  const d = new Date(`${m[1]} ${m[2]} ${m[5]} ${m[3]} ${m[4] ?? '+0000'}`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Latin-1 mail headers sent raw (no RFC 2047): mailparser reads them as UTF-8 and leaves U+FFFD */
function repairHeader(decoded: string | undefined, raw: Buffer, key: string): string | undefined {
  if (!decoded || !decoded.includes('\uFFFD')) return decoded;
  const headerEnd = raw.indexOf('\n\n') >= 0 ? raw.indexOf('\n\n') : raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, headerEnd < 0 ? Math.min(raw.length, 64 * 1024) : headerEnd).toString('latin1');
  const m = new RegExp(`^${key}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  if (!m || /=\?[^?]+\?[bq]\?/i.test(m[1] as string)) return decoded;
  return (m[1] as string).replace(/\r?\n[ \t]+/g, ' ').trim();
}

export type ParseResult = { ok: true; email: ParsedEmail } | { ok: false; reason: string };

export async function parseEmail(raw: Buffer, options: { separator?: string } = {}): Promise<ParseResult> {
  if (raw.length === 0 || raw.toString('latin1').trim() === '') return { ok: false, reason: 'empty message' };
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true, keepCidLinks: false });
  } catch (error) {
    return { ok: false, reason: `MIME parse failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  const from = people(mail.from)[0] ?? null;
  const subject = repairHeader(mail.subject, raw, 'subject') ?? null;
  const messageId = messageIds(mail.messageId)[0] ?? null;
  const date = validDate(mail.date) ?? separatorDate(options.separator);
  // a message needs a sender, a subject, a date, an id or a relay stamp: otherwise it is a text file or a
  // MIME document (a saved web page), not an email
  if (!from && !subject && !messageId && !validDate(mail.date) && !mail.headers.has('received')) {
    return { ok: false, reason: 'not an email message: no From, Subject, Date, Message-ID or Received header' };
  }
  const plain = (mail.text ?? '').trim() ? (mail.text as string) : typeof mail.html === 'string' ? htmlToText(mail.html) : '';
  const text = plain.replace(/\r\n?/g, '\n');
  const cleaned = cleanBody(text);
  const gmLabels = headerText(mail.headers.get('x-gmail-labels'));
  return {
    ok: true,
    email: {
      messageId,
      inReplyTo: messageIds(mail.inReplyTo)[0] ?? null,
      references: messageIds(mail.references),
      gmailThreadId: headerText(mail.headers.get('x-gm-thrid')),
      gmailMessageId: headerText(mail.headers.get('x-gm-msgid')),
      labels: gmLabels ? gmLabels.split(',').map((l) => l.trim()).filter(Boolean) : [],
      from,
      to: people(mail.to),
      cc: people(mail.cc),
      bcc: people(mail.bcc),
      replyTo: people(mail.replyTo),
      subject,
      date,
      text,
      body: cleaned.body,
      quotedChars: cleaned.quotedChars,
      signatureRemoved: cleaned.signatureRemoved,
      attachments: mail.attachments.map((a) => ({
        filename: a.filename ?? null,
        contentType: a.contentType,
        size: a.size,
        checksum: a.checksum ?? null,
        inline: a.contentDisposition === 'inline' || a.related === true,
      })),
      automated: automatedKind(mail, from),
    },
  };
}
