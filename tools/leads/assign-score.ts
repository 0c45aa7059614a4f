import type { RepCandidate } from '../../db/repos/lead-assign.ts';
import { territoryCover, type LeadPlace } from '../../core/territory.ts';
import { pct } from '../core/schemas.ts';

// lead_assign's weighted choice. Each candidate rep gets four components in 0..1:
//   territory      1 when the rep's territory is the lead's (from the account's time zone, else the lead's,
//                  else the account's region); 0.5 when the rep covers it more broadly (same continent,
//                  "Global", or a territory text naming the region); 0 otherwise or when the place is unknown
//   specialisation share of what the lead needs that the rep specialises in: the account's industry and
//                  the products in attributes.productInterest (0 when neither is known)
//   workload       1 - load / heaviest load among the candidates, load = open leads + open deals
//                  (the lead being assigned does not count; all 1 when nobody has any load)
//   winRate        (won + PRIOR x p0) / (closed + PRIOR): the rep's closed-deal win rate pulled towards
//                  the candidates' pooled rate p0 (0.5 when nobody has closed a deal) by PRIOR = 10 deals,
//                  so 2 wins out of 2 is not 100%
// score = 100 x (0.35 territory + 0.25 specialisation + 0.20 workload + 0.20 winRate), one decimal.

export const ASSIGN_WEIGHTS = { territory: 0.35, specialisation: 0.25, workload: 0.2, winRate: 0.2 } as const;
export const WIN_RATE_PRIOR_DEALS = 10;
type Component = keyof typeof ASSIGN_WEIGHTS;

export { placeOf, regionFamily, territoryOfZone, type LeadPlace } from '../../core/territory.ts';

export function territoryMatch(rep: RepCandidate, place: LeadPlace): { value: number; detail: string } {
  return territoryCover(rep.territory, place);
}

export function specialisationMatch(rep: RepCandidate, needs: string[]): { value: number; detail: string } {
  if (needs.length === 0) return { value: 0, detail: 'no industry or product interest known' };
  const skills = new Set(rep.specialisations.map((s) => s.trim().toLowerCase()));
  const hits = needs.filter((n) => skills.has(n.toLowerCase()));
  return { value: hits.length / needs.length, detail: hits.length > 0 ? `specialises in ${hits.join(', ')} (${hits.length} of ${needs.length} needs)` : `none of ${needs.join(', ')}` };
}

export interface CandidateScore {
  rep: RepCandidate;
  score: number;
  components: Record<Component, { value: number; weight: number; detail: string }>;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function scoreCandidates(candidates: readonly RepCandidate[], place: LeadPlace, needs: string[]): CandidateScore[] {
  const maxLoad = Math.max(0, ...candidates.map((c) => c.openLeads + c.openDeals));
  const won = candidates.reduce((s, c) => s + c.won, 0);
  const closed = candidates.reduce((s, c) => s + c.closed, 0);
  const p0 = closed > 0 ? won / closed : 0.5;
  const scored = candidates.map((rep): CandidateScore => {
    const load = rep.openLeads + rep.openDeals;
    const workload = maxLoad === 0 ? 1 : 1 - load / maxLoad;
    const rate = (rep.won + WIN_RATE_PRIOR_DEALS * p0) / (rep.closed + WIN_RATE_PRIOR_DEALS);
    const parts = {
      territory: territoryMatch(rep, place),
      specialisation: specialisationMatch(rep, needs),
      workload: { value: workload, detail: `${load} open (${rep.openLeads} leads + ${rep.openDeals} deals) against the heaviest ${maxLoad}` },
      winRate: { value: rate, detail: `${rep.won} won of ${rep.closed} closed, with a ${WIN_RATE_PRIOR_DEALS}-deal prior at ${pct(100 * p0)}%: ${pct(100 * rate)}%` },
    };
    const components = Object.fromEntries(
      (Object.keys(ASSIGN_WEIGHTS) as Component[]).map((k) => [k, { value: round3(parts[k].value), weight: ASSIGN_WEIGHTS[k], detail: parts[k].detail }]),
    ) as CandidateScore['components'];
    const total = (Object.keys(ASSIGN_WEIGHTS) as Component[]).reduce((s, k) => s + ASSIGN_WEIGHTS[k] * parts[k].value, 0);
    return { rep, score: pct(100 * total), components };
  });
  // best score, then the lighter load, then name and id for a stable order
  return scored.sort(
    (a, b) =>
      b.score - a.score ||
      a.rep.openLeads + a.rep.openDeals - (b.rep.openLeads + b.rep.openDeals) ||
      a.rep.fullName.localeCompare(b.rep.fullName) ||
      (a.rep.userId < b.rep.userId ? -1 : 1),
  );
}

/** One sentence per choice: the winner, the runner-up and every component with its value and weight. */
export function explain(chosen: CandidateScore, runnerUp: CandidateScore | undefined): string {
  const parts = (Object.keys(ASSIGN_WEIGHTS) as Component[])
    .map((k) => `${k} ${chosen.components[k].value} x ${chosen.components[k].weight} (${chosen.components[k].detail})`)
    .join('; ');
  const over = runnerUp ? ` over ${runnerUp.rep.fullName} (${runnerUp.score})` : '';
  return `Chose ${chosen.rep.fullName} (score ${chosen.score})${over}: ${parts}.`;
}
