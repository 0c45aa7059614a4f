// The new words of an email: quoted history and the signature removed, so signals, sentiment and
// search see what this message says rather than what the thread said before.
//
// Quoted history: "> " lines anywhere (inline replies keep the unquoted lines between them), and
// everything from a reply header down: "On <date>, <who> wrote:" (also wrapped over two lines, and
// the French/German/Spanish/Dutch forms), "-----Original Message-----", "---------- Forwarded
// message ---------", an Outlook "From: / Sent: / To: / Subject:" block, or a "____" rule before one.
// Signature: from a "-- " delimiter, "Sent from my ..." lines, and the name/title/phone lines after a
// sign-off ("Best,", "Thanks,") when at most 8 short lines follow it (the sign-off itself stays).

export interface CleanBody {
  body: string;
  /** characters of quoted history removed */
  quotedChars: number;
  signatureRemoved: boolean;
}

const REPLY_HEADER = [
  /^On\b.{0,300}\bwrote:\s*$/i,
  /^Le\b.{0,300}\ba écrit\s*:\s*$/i,
  /^Am\b.{0,300}\bschrieb\b.{0,100}:\s*$/i,
  /^El\b.{0,300}\bescribió:\s*$/i,
  /^Op\b.{0,300}\bschreef\b.{0,100}:\s*$/i,
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^-{2,}\s*(?:Forwarded|Weitergeleitete) (?:message|Nachricht)\s*-{2,}\s*$/i,
  /^Begin forwarded message:\s*$/i,
];
const OUTLOOK_FROM = /^\*?From:\*?\s+\S/;
const OUTLOOK_FIELD = /^\*?(?:Sent|Date|To|Subject|Cc):\*?\s/;
const RULE = /^_{10,}\s*$/;
const SIG_DELIMITER = /^--\s?$/;
const SENT_FROM = /^Sent from (?:my |Outlook|Mail for|Yahoo|AOL)/i;
const SIGN_OFF = /^(?:best|best regards|best wishes|kind regards|warm regards|warmest regards|regards|many thanks|thanks|thank you|thanks again|thx|cheers|sincerely|yours sincerely|yours truly|all the best|talk soon|speak soon|br|mit freundlichen grüßen|cordialement)[,.!]?\s*$/i;

/** index of the first line where quoted history starts, or -1 */
function historyStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (!line) continue;
    const wrapped = /^On\b/i.test(line) && i + 1 < lines.length ? `${line} ${(lines[i + 1] as string).trim()}` : line;
    if (REPLY_HEADER.some((rx) => rx.test(line) || rx.test(wrapped))) return i;
    if (RULE.test(line) && OUTLOOK_FROM.test((lines[i + 1] ?? '').trim())) return i;
    if (OUTLOOK_FROM.test(line)) {
      const next = lines.slice(i + 1, i + 5).map((l) => l.trim());
      if (next.filter((l) => OUTLOOK_FIELD.test(l)).length >= 2) return i;
    }
  }
  return -1;
}

/** index of the first signature line, or -1 */
function signatureStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (SIG_DELIMITER.test(raw) || SENT_FROM.test(raw.trim())) return i;
  }
  const content = lines.map((l, i) => ({ l: l.trim(), i })).filter((x) => x.l.length > 0);
  for (let k = Math.max(0, content.length - 9); k < content.length; k++) {
    const { l, i } = content[k]!;
    if (!SIGN_OFF.test(l)) continue;
    const after = content.slice(k + 1);
    if (after.length <= 8 && after.every((a) => a.l.length <= 80)) return after.length > 0 ? i + 1 : -1;
  }
  return -1;
}

const collapse = (lines: string[]) =>
  lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

export function cleanBody(text: string): CleanBody {
  const normalised = text.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ');
  let lines = normalised.split('\n');
  let quotedChars = 0;
  const start = historyStart(lines);
  if (start >= 0) {
    quotedChars += lines.slice(start).join('\n').length;
    lines = lines.slice(0, start);
  }
  const kept: string[] = [];
  for (const line of lines) {
    if (/^\s*>/.test(line)) quotedChars += line.length + 1;
    else kept.push(line);
  }
  lines = kept;
  const sig = signatureStart(lines);
  const signatureRemoved = sig >= 0;
  if (signatureRemoved) lines = lines.slice(0, sig);
  const body = collapse(lines);
  // a message that is all quote (a bare forward) keeps its text: better than an empty interaction
  if (!body) return { body: collapse(normalised.split('\n')), quotedChars: 0, signatureRemoved: false };
  return { body, quotedChars, signatureRemoved };
}
