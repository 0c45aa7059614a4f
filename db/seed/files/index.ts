import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Generated } from '../generate.ts';
import type { DealModel } from '../model.ts';
import { isoDay } from '../time.ts';
import { contractMbox, pricingMbox } from './mbox.ts';
import { storyOf, workdayAgo } from './story.ts';
import { negotiationSrt, plainTranscript, teamsVtt } from './transcripts.ts';

// Sample files for the ingestion tools, about deals that exist in the seeded store.

/** open deals late in the funnel, memorable accounts first */
function pickDeals(g: Generated): DealModel[] {
  const heroes = new Set(g.accounts.slice(0, 6).map((a) => a.id));
  const rank = (d: DealModel) =>
    (heroes.has(d.account.id) ? 0 : 2) + (d.closedAt ? 4 : 0) + (d.row.stage === 'proposal' || d.row.stage === 'negotiation' ? 0 : 1) + (d.contacts.length > 1 ? 0 : 1);
  const chosen: DealModel[] = [];
  for (const deal of [...g.deals].sort((a, b) => rank(a) - rank(b))) {
    if (chosen.some((c) => c.account.id === deal.account.id)) continue;
    chosen.push(deal);
    if (chosen.length === 3) break;
  }
  return chosen;
}

/** writes 2 MBOX files and 3 transcripts; returns how many files were written */
export async function writeDemoFiles(dir: string, g: Generated): Promise<number> {
  const now = g.ctx.now;
  const [a, b, c] = pickDeals(g).map((d) => storyOf(d, now));
  if (!a || !b || !c) return 0;
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    // fixed names: a reseed overwrites the previous set instead of piling up files about other accounts
    ['pricing-and-security.mbox', pricingMbox(a, now)],
    ['pilot-and-contract.mbox', contractMbox(b, now)],
    ['discovery-call.vtt', teamsVtt(a)],
    ['negotiation-call.srt', negotiationSrt(b)],
    ['qualification-call.txt', plainTranscript(c, isoDay(workdayAgo(now, 2, c.rep.timeZone, 11, 0)))],
  ];
  for (const [name, text] of files) await writeFile(path.join(dir, name), text, 'utf8');
  return files.length;
}
