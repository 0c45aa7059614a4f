// What a mail says about its sender: the display name of the From header, and from the signature (the
// lines after the sender's name near the end of the message) a job title and a phone number.
// "Marta Vogel\nHead of Procurement, Koepp Inc.\nPhone: +49 341 555 0192" -> title "Head of Procurement",
// phone "+49 341 555 0192". Text from outside: only read, never followed.

export interface SenderFacts {
  name: string | null;
  title: string | null;
  phone: string | null;
}

const PHONE = /^(?:phone|tel\.?|telephone|mobile|mob\.?|cell|direct|t|m)\s*[:.]?\s*(\+?[\d][\d ()./-]{6,}\d)\s*$/i;
const TITLE_WORDS = /\b(head|manager|director|lead|officer|vp|vice president|president|chief|coordinator|engineer|buyer|purchaser|procurement|purchasing|specialist|analyst|consultant|owner|founder|partner|cfo|ceo|cto|coo)\b/i;
/** how far from the end a signature is looked for */
const TAIL_LINES = 12;

/** "Vogel, Marta" / "marta.vogel" -> a display name, or null when the header gives only an address */
export function displayName(fromName: string | null | undefined): string | null {
  const n = (fromName ?? '').replace(/["']/g, '').replace(/\s+/g, ' ').trim();
  if (!n || n.includes('@')) return null;
  const comma = /^([^,]+),\s*([^,]+)$/.exec(n);
  return comma ? `${comma[2]} ${comma[1]}` : n;
}

export function senderFacts(rawText: string, fromName: string | null | undefined): SenderFacts {
  const name = displayName(fromName);
  // the body after the header block, without quoted history
  const body = rawText.slice(rawText.search(/\r?\n\r?\n/) + 1).split(/\r?\n/).filter((l) => !/^\s*>/.test(l));
  const tail = body.slice(-TAIL_LINES).map((l) => l.trim());
  let title: string | null = null;
  let phone: string | null = null;
  const at = name ? tail.findIndex((l) => l.toLowerCase() === name.toLowerCase()) : -1;
  const after = at >= 0 ? tail.slice(at + 1) : [];
  for (const line of after) {
    const p = PHONE.exec(line);
    if (p && !phone) phone = p[1]!.replace(/\s+/g, ' ');
    else if (!title && line && TITLE_WORDS.test(line) && line.length <= 120) title = line.split(/\s*[,|–—]\s*/)[0]!.trim() || null;
  }
  return { name, title, phone };
}
