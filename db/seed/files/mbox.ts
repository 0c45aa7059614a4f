import type { Person } from '../model.ts';
import { DAY, HOUR, MINUTE, addMs } from '../time.ts';
import { workdayAgo, type Story } from './story.ts';

// RFC 5322 messages in mboxrd files: real threading headers (Message-ID, In-Reply-To, References)
// and bodies that carry quantities, prices and dates for the extraction tools to find.

interface Mail {
  from: Pick<Person, 'fullName' | 'email'>;
  to: Pick<Person, 'fullName' | 'email'>;
  cc?: Pick<Person, 'fullName' | 'email'>;
  at: Date;
  body: string;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');
const clock = (d: Date) => `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
const rfc5322 = (d: Date) => `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${clock(d)} +0000`;
const asctime = (d: Date) => `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${clock(d)} ${d.getUTCFullYear()}`;
const addr = (p: Pick<Person, 'fullName' | 'email'>) => `${p.fullName} <${p.email}>`;
/** a reply some hours later, moved past the weekend as people's replies are */
function after(at: Date, ms: number): Date {
  let d = addMs(at, ms);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d = addMs(d, DAY);
  return d;
}

function thread(subject: string, key: string, mails: Mail[]): string {
  const ids: string[] = [];
  return mails
    .map((m, i) => {
      const domain = m.from.email.split('@')[1] ?? 'mail.example';
      const id = `<${key}.${i + 1}.${m.at.getTime().toString(36)}@${domain}>`;
      const headers = [
        `From ${m.from.email} ${asctime(m.at)}`,
        `From: ${addr(m.from)}`,
        `To: ${addr(m.to)}`,
        ...(m.cc ? [`Cc: ${addr(m.cc)}`] : []),
        `Subject: ${i === 0 ? subject : `Re: ${subject}`}`,
        `Date: ${rfc5322(m.at)}`,
        `Message-ID: ${id}`,
        ...(i > 0 ? [`In-Reply-To: ${ids[i - 1]}`, `References: ${ids.join(' ')}`] : []),
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
      ];
      ids.push(id);
      // mboxrd: body lines that look like a From_ separator get a '>'
      const body = m.body.replace(/^(>*From )/gm, '>$1');
      return `${headers.join('\n')}\n\n${body}\n`;
    })
    .join('\n');
}

/** pricing and security threads for one deal */
export function pricingMbox(s: Story, now: Date): string {
  const rep = { fullName: s.rep.fullName, email: s.rep.email };
  const buyer = { fullName: s.buyer.fullName, email: s.buyer.email };
  const it = { fullName: s.second.fullName, email: s.second.email };
  const t0 = workdayAgo(now, 9, s.rep.timeZone, 10, 12);
  const pricing = thread(`${s.product} pricing for ${s.seats} seats`, `${s.slug}-pricing`, [
    { from: rep, to: buyer, at: t0, body: `Hi ${s.buyer.first},\n\nAs promised, here is the pricing for ${s.company}:\n\n- ${s.product}, ${s.seats} seats at $${s.perSeat} per user per month\n- Annual total: ${s.total}, billed annually\n- Onboarding and admin training included\n\nIf we can get the order form signed by ${s.dates[1]}, I can hold this rate for 24 months.\n\nBest,\n${s.rep.first}` },
    { from: buyer, to: rep, at: after(t0, 26 * HOUR + 13 * MINUTE), body: `Hi ${s.rep.first},\n\nThanks. Honestly ${s.total} is above what we budgeted. ${s.competitor} quoted us roughly 15% less for the same number of users.\nWould you consider a three-year term in exchange for a better per-seat price? We would also like to start with a pilot of ${s.pilotSeats} reps.\n\nCan you come back to me by ${s.dates[0]}? Our budget meeting is that week.\n\nThanks,\n${s.buyer.first}` },
    { from: rep, to: buyer, at: after(t0, 2 * DAY + 3 * HOUR), body: `Hi ${s.buyer.first},\n\nUnderstood. For a three-year term we can do 10% off, which brings the annual total to ${s.discounted}. The ${s.pilotSeats}-seat pilot can start on ${s.dates[0]} at no cost and convert into the full order.\n\nWould Thursday at 10am work to walk your CFO through it?\n\nBest,\n${s.rep.first}\n\n> Honestly ${s.total} is above what we budgeted.` },
  ]);
  const t1 = workdayAgo(now, 4, s.second.timeZone, 9, 47);
  const security = thread(`Security review: ${s.company} and Dealwise`, `${s.slug}-security`, [
    { from: it, to: rep, cc: buyer, at: t1, body: `Hello ${s.rep.first},\n\nBefore we can sign we need your SOC 2 Type II report, a completed security questionnaire and confirmation that you support SSO via Okta and SCIM provisioning.\nOur security review board meets on ${s.dates[1]}, so we would need everything by ${s.dates[0]}.\n\nRegards,\n${s.second.fullName}\n${s.second.title}, ${s.company}` },
    { from: rep, to: it, cc: buyer, at: after(t1, 5 * HOUR + 41 * MINUTE), body: `Hi ${s.second.first},\n\nAttached are the SOC 2 Type II report (period ending March 31) and the completed questionnaire. We support SAML SSO with Okta and SCIM 2.0 provisioning; data for EU customers stays in Frankfurt.\n\nOur security lead can join a 30-minute call any day before ${s.dates[0]}.\n\nBest,\n${s.rep.first}` },
  ]);
  return `${pricing}\n${security}`;
}

/** pilot results and contract redlines for another deal */
export function contractMbox(s: Story, now: Date): string {
  const rep = { fullName: s.rep.fullName, email: s.rep.email };
  const buyer = { fullName: s.buyer.fullName, email: s.buyer.email };
  const legal = { fullName: s.second.fullName, email: s.second.email };
  const t0 = workdayAgo(now, 12, s.buyer.timeZone, 14, 5);
  const pilot = thread(`Pilot results and next steps`, `${s.slug}-pilot`, [
    { from: buyer, to: rep, at: t0, body: `Hi ${s.rep.first},\n\nThe two-week pilot with ${s.pilotSeats} reps went well. Forecast calls were 30 minutes shorter and the managers liked the deal risk alerts.\nWe would like to roll out to all ${s.seats} users. What would that cost, and could we go live by ${s.dates[2]}?\n\nBest,\n${s.buyer.first}` },
    { from: rep, to: buyer, at: after(t0, 4 * HOUR + 20 * MINUTE), body: `Great news, ${s.buyer.first}!\n\nFor ${s.seats} users of ${s.product} the price is $${s.perSeat} per user per month, ${s.total} per year. Go-live by ${s.dates[2]} is realistic if we sign by ${s.dates[1]}; onboarding takes about three weeks.\n\nI will send the order form today.\n\nBest,\n${s.rep.first}` },
    { from: buyer, to: rep, at: after(t0, 1 * DAY + 2 * HOUR), body: `Thanks. Looping in ${s.second.first} from legal, who will review the terms.\n\n${s.buyer.first}` },
  ]);
  const t1 = workdayAgo(now, 6, s.second.timeZone, 11, 30);
  const redlines = thread(`Order form redlines - ${s.company}`, `${s.slug}-redlines`, [
    { from: legal, to: rep, cc: buyer, at: t1, body: `Hi ${s.rep.first},\n\nOur redlines are attached. Main points:\n1. Payment terms net-60 instead of net-30.\n2. Liability cap at 12 months of fees.\n3. Remove auto-renewal, or give us 90 days' notice.\n\nWe aim to sign by ${s.dates[1]}.\n\n${s.second.fullName}\n${s.second.title}, ${s.company}` },
    { from: rep, to: legal, cc: buyer, at: after(t1, 22 * HOUR + 5 * MINUTE), body: `Hi ${s.second.first},\n\nWe can accept the liability cap and 60 days' renewal notice. On payment we can meet you at net-45. The annual total stays at ${s.total} for ${s.seats} seats.\n\nRevised order form attached; can you confirm by ${s.dates[0]}?\n\nBest,\n${s.rep.first}` },
  ]);
  return `${pilot}\n${redlines}`;
}
