import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/rows.ts';
import type { Actor } from '../../db/repos/scope.ts';
import { EXAMPLES } from '../../test/role-matrix/examples.ts';
import { targetsOf, type Targets } from '../../test/role-matrix/records.ts';

// Who the tool bench calls as, and with what: every rep who has records to aim at, the managers of their
// teams, the admin; and for each call a variant of the tool's role-matrix example (another rep's records,
// another period, another question), so no two consecutive calls ask the database the same thing.

export type BenchRole = 'rep' | 'manager' | 'admin';

export interface BenchCaller {
  actor: Actor;
  /** records owned by a rep inside the caller's scope */
  targets: Targets;
}

const PERIODS = ['this_quarter', 'last_quarter', 'this_year', 'last_month', 'this_month', 'last_year'];
const QUESTIONS = ['pricing discount budget', 'security review concerns', 'contract renewal timeline', 'integration with our CRM', 'competitor is cheaper', 'legal redlines on the MSA'];

/** Per role, the callers a bench cycles through (reps with open leads, deals and tasks; their managers; admins). */
export async function benchCallers(db: Db): Promise<Record<BenchRole, BenchCaller[]>> {
  const people = await rows<{ userId: string; role: Actor['role']; teamId: string | null }>(
    db,
    sql`select id as "userId", role, team_id as "teamId" from users where role in ('rep', 'manager', 'admin') order by email`,
  );
  const reps: BenchCaller[] = [];
  for (const rep of people.filter((p) => p.role === 'rep')) {
    const targets = await targetsOf(db, rep).catch(() => undefined); // a rep with nothing open has nothing to aim at
    if (targets) reps.push({ actor: rep, targets });
  }
  const managers = people
    .filter((p) => p.role === 'manager')
    .flatMap((m) => {
      const teamRep = reps.find((r) => r.actor.teamId === m.teamId);
      return teamRep ? [{ actor: m, targets: teamRep.targets }] : [];
    });
  const admins = people.filter((p) => p.role === 'admin').flatMap((a) => reps.map((r) => ({ actor: a, targets: r.targets })));
  return { rep: reps, manager: managers, admin: admins };
}

/** The i-th input for a tool: its example aimed at the caller's records, with the period or question varied. */
export function benchInput(tool: string, caller: BenchCaller, i: number, writes: boolean): Record<string, unknown> {
  const example = EXAMPLES[tool]!(caller.targets);
  const input: Record<string, unknown> = { ...example };
  if (typeof example.period === 'string') input.period = PERIODS[i % PERIODS.length];
  if (typeof example.query === 'string') input.query = QUESTIONS[i % QUESTIONS.length];
  // the forecast at its default run count, as a user would get it
  if ('simulations' in example) delete input.simulations;
  if (writes) input.dryRun = true;
  return input;
}
