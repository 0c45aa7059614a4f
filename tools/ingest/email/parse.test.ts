import { describe, expect, it } from 'vitest';
import { parseLabels } from './labels.ts';
import { messageIds, parseEmail, separatorDate } from './parse.ts';

const parse = async (text: string | Buffer) => {
  const r = await parseEmail(Buffer.isBuffer(text) ? text : Buffer.from(text));
  if (!r.ok) throw new Error(r.reason);
  return r.email;
};

describe('parseEmail', () => {
  it('reads addresses lower-cased with names, ids without brackets, and a Latin-1 subject sent raw', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: "Ruiz, Dana" <Dana.Ruiz@ACME.com>\nTo: a@x.com, "B" <b@x.com>\nCc: Team: c@x.com, d@x.com;\nSubject: Angebot f'),
      Buffer.from([0xfc]),
      Buffer.from('r M\u00fcnchen\nMessage-ID: <m1@acme.com>\nReferences: <r0@x> <r1@x>\nIn-Reply-To: <r1@x>\nDate: Mon, 08 Jun 2026 09:00:00 +0200\n\nHallo\n', 'latin1'),
    ]);
    const e = await parse(raw);
    expect(e.from).toEqual({ email: 'dana.ruiz@acme.com', name: 'Ruiz, Dana' });
    expect(e.to.map((p) => p.email)).toEqual(['a@x.com', 'b@x.com']);
    expect(e.cc.map((p) => p.email)).toEqual(['c@x.com', 'd@x.com']);
    expect(e.subject).toBe('Angebot für München');
    expect([e.messageId, e.inReplyTo, e.references]).toEqual(['m1@acme.com', 'r1@x', ['r0@x', 'r1@x']]);
    expect(e.date?.toISOString()).toBe('2026-06-08T07:00:00.000Z');
  });

  it('converts an HTML-only body to text and lists attachments without keeping them', async () => {
    const e = await parse('From: a@x.com\nSubject: html\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/html\n\n<p>Hello <b>there</b></p><p>Second</p>\n--b\nContent-Type: image/png; name="logo.png"\nContent-Disposition: inline; filename="logo.png"\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--b--\n');
    expect(e.text).toContain('Hello there');
    expect(e.attachments).toEqual([{ filename: 'logo.png', contentType: 'image/png', size: 8, checksum: expect.any(String), inline: true }]);
  });

  it('flags machine mail: DSNs, auto-replies, read receipts', async () => {
    const dsn = await parse('From: MAILER-DAEMON@mx.x.com\nSubject: Undelivered\nContent-Type: multipart/report; report-type=delivery-status; boundary="r"\n\n--r\nContent-Type: text/plain\n\nfailed\n--r\nContent-Type: message/delivery-status\n\nStatus: 5.1.1\n--r--\n');
    expect(dsn.automated).toBe('bounce');
    expect((await parse('From: a@x.com\nSubject: Out of office: back Monday\nAuto-Submitted: auto-replied\n\naway\n')).automated).toBe('auto_reply');
    expect((await parse('From: a@x.com\nSubject: Pricing\n\nWe need 40 seats.\n')).automated).toBeNull();
  });

  it('rejects text that is not a message, and empty input', async () => {
    expect(await parseEmail(Buffer.from('just some notes\nwithout headers\n'))).toEqual({ ok: false, reason: 'not an email message: no From, Subject, Date, Message-ID or Received header' });
    expect(await parseEmail(Buffer.from('  \n'))).toEqual({ ok: false, reason: 'empty message' });
  });
});

describe('header helpers', () => {
  it('reads message ids, separator dates and label sidecars', () => {
    expect(messageIds('<a@x> <b@y>')).toEqual(['a@x', 'b@y']);
    expect(messageIds('bare@x')).toEqual(['bare@x']);
    expect(separatorDate('From - Mon Jun  3 12:50:27 1996')?.toISOString()).toBe('1996-06-03T12:50:27.000Z');
    expect(separatorDate('From -')).toBeNull();
    const labels = parseLabels([{ messageId: '<m1@x>', labels: ['A'], threadId: 't1' }, { message_id: 'm2@x', labelIds: ['B', 3] }]);
    expect([...labels]).toEqual([['m1@x', { labels: ['A'], threadId: 't1' }], ['m2@x', { labels: ['B'], threadId: null }]]);
    expect(() => parseLabels('nope')).toThrow('expected an object keyed by Message-ID');
  });
});
