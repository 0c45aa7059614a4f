import type { Story } from './story.ts';

// Call transcripts in the three shapes people export: Teams WebVTT with <v Speaker> voice tags,
// SRT with the speaker in the text, and plain "Speaker: text" lines.

type Line = readonly [speaker: string, text: string];

function discoveryScript(s: Story): Line[] {
  const rep = s.rep.fullName;
  const buyer = s.buyer.fullName;
  return [
    [rep, `Thanks for making time, ${s.buyer.first}. The goal today is to understand how forecasting works at ${s.company} today.`],
    [buyer, `Sure. We have about ${s.seats} people in sales and customer success, and the forecast lives in spreadsheets.`],
    [buyer, `Last quarter we missed the number by about 18 percent, and the board noticed.`],
    [rep, `That is common. What does the weekly forecast call look like?`],
    [buyer, `Two hours every Monday, and half of it is arguing about which deals are real.`],
    [rep, `With ${s.product} the deal risk alerts flag slipped close dates and deals that have gone quiet, so that call gets much shorter.`],
    [buyer, `We are also talking to ${s.competitor}. Their demo was good, but the price was similar.`],
    [rep, `Understood. For ${s.seats} seats our list price is $${s.perSeat} per user per month, so about ${s.total} a year.`],
    [buyer, `That is more than I hoped. My CFO will want to see ROI before approving anything above our budget.`],
    [rep, `Then let us build the business case together. Could we run a pilot with ${s.pilotSeats} reps starting ${s.dates[0]}?`],
    [buyer, `That could work. I need to check with IT about Okta single sign-on first.`],
    [rep, `I will send the security documentation today and a pilot plan by ${s.dates[0]}.`],
    [buyer, `Great. Let us aim to decide by ${s.dates[2]}.`],
  ];
}

function negotiationScript(s: Story): Line[] {
  const rep = s.rep.fullName;
  const buyer = s.buyer.fullName;
  const legal = s.second.fullName;
  return [
    [rep, `Thanks everyone. I wanted to close out the open points on the order form.`],
    [legal, `Our main issue is payment terms. Our standard is net-60.`],
    [rep, `We can do net-45, and we accepted the liability cap at twelve months of fees.`],
    [buyer, `On price, ${s.total} for ${s.seats} seats is still a stretch. Is there anything more for a three-year term?`],
    [rep, `For three years we can do ten percent off, which is ${s.discounted} per year, if we sign by ${s.dates[1]}.`],
    [buyer, `Okay. If legal is happy with net-45 I think we can get signature approval this month.`],
    [legal, `I will send final comments by ${s.dates[0]}.`],
    [rep, `Perfect. I will update the order form tonight and book the kickoff for the week of ${s.dates[2]}.`],
  ];
}

function qualificationScript(s: Story): Line[] {
  const rep = s.rep.fullName;
  const buyer = s.buyer.fullName;
  return [
    [rep, `Hi ${s.buyer.first}, thanks for replying to my email. Is now still a good time?`],
    [buyer, `Yes, I have fifteen minutes.`],
    [rep, `You mentioned forecasting is a pain point. Who owns that process today?`],
    [buyer, `Our VP of Sales owns the number; I run the tooling. We are about ${s.seats} users on our current CRM.`],
    [rep, `And is there budget set aside this year?`],
    [buyer, `Roughly ${s.discounted}, but it is not approved yet. The timing depends on our reorg, probably not before ${s.dates[1]}.`],
    [rep, `Understood. Would a demo for your VP next week help?`],
    [buyer, `Yes. Send me a couple of slots and a one-page summary I can forward.`],
  ];
}

const vttTime = (sec: number) => `${String(Math.floor(sec / 3600)).padStart(2, '0')}:${String(Math.floor((sec % 3600) / 60)).padStart(2, '0')}:${(sec % 60).toFixed(3).padStart(6, '0')}`;
const srtTime = (sec: number) => vttTime(sec).replace('.', ',');

/** cue timings from text length: about 15 characters a second plus a pause */
function timed(lines: Line[]): { speaker: string; text: string; start: number; end: number }[] {
  let t = 2.4;
  return lines.map(([speaker, text]) => {
    const start = t;
    const end = start + Math.max(2, text.length / 15);
    t = end + 0.6;
    return { speaker, text, start, end };
  });
}

export function teamsVtt(s: Story): string {
  const cues = timed(discoveryScript(s)).map((c, i) => `${s.deal.id.slice(0, 8)}-${s.slug}/${i + 1}-0\n${vttTime(c.start)} --> ${vttTime(c.end)}\n<v ${c.speaker}>${c.text}</v>`);
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

export function negotiationSrt(s: Story): string {
  const cues = timed(negotiationScript(s)).map((c, i) => `${i + 1}\n${srtTime(c.start)} --> ${srtTime(c.end)}\n${c.speaker}: ${c.text}`);
  return `${cues.join('\n\n')}\n`;
}

export function plainTranscript(s: Story, when: string): string {
  const lines = qualificationScript(s).map(([speaker, text]) => `${speaker}: ${text}`);
  return `Qualification call: ${s.company}\nDate: ${when}\nParticipants: ${s.rep.fullName} (Dealwise), ${s.buyer.fullName} (${s.buyer.title}, ${s.company})\n\n${lines.join('\n')}\n`;
}
