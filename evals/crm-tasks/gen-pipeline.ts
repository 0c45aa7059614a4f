import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/rows.ts';
import { NOW, visibleOwners } from './sql.ts';
import type { CrmTask } from './task.ts';

// Pipeline and revenue figures for a period and scope. Definitions:
//   open pipeline = sum of value of deals with no outcome, owned by someone the actor sees (all USD here)
//   won           = sum of value of deals with outcome won whose closed_at falls in the period (UTC), to now
//   scope         = a rep their own deals, a manager their team's, the exec everyone's; "the X team" = its members

interface Ask { actor: string; question: string; what: 'open_value' | 'open_count' | 'won'; from?: string; to?: string; team?: string; label: string }

const Q1 = { from: '2026-01-01', to: '2026-04-01' };
const Q2 = { from: '2026-04-01', to: '2026-07-01' };
const MAY = { from: '2026-05-01', to: '2026-06-01' };

async function figure(db: Db, a: Ask): Promise<number> {
  const team: SQL = a.team ? sql`o.owner_id in (select u.id from users u join teams t on t.id = u.team_id where t.name = ${a.team})` : sql`true`;
  const where = a.what === 'won'
    ? sql`o.outcome = 'won' and o.closed_at >= ${a.from!}::timestamptz and o.closed_at < ${a.to!}::timestamptz and o.closed_at <= ${NOW}`
    : sql`o.outcome is null`;
  const [row] = await rows<{ v: number }>(db, sql`
    select ${a.what === 'open_count' ? sql`count(*)` : sql`coalesce(sum(o.value_minor), 0)`}::float8 as v
    from opportunities o where o.owner_id in ${visibleOwners(a.actor)} and ${team} and ${where}`);
  return row!.v;
}

export async function pipelineTasks(db: Db): Promise<CrmTask[]> {
  const reps = await rows<{ email: string }>(db, sql`select email from users where role = 'rep' and active order by email`);
  const managers = await rows<{ email: string }>(db, sql`select email from users where role = 'manager' and active order by email`);
  const teams = await rows<{ name: string }>(db, sql`select name from teams order by name`);
  const asks: Ask[] = [];
  const repAsks: ((e: string) => Ask)[] = [
    (e) => ({ actor: e, question: "what's my open pipeline worth?", what: 'open_value', label: 'open pipeline value' }),
    (e) => ({ actor: e, question: 'how much did I win last quarter?', what: 'won', ...Q1, label: 'won in 2026-Q1' }),
    (e) => ({ actor: e, question: 'how many open deals have I got', what: 'open_count', label: 'open deals' }),
    (e) => ({ actor: e, question: 'my closed-won revenue this quarter so far?', what: 'won', ...Q2, label: 'won in 2026-Q2 to date' }),
  ];
  reps.forEach((r, i) => asks.push(repAsks[i % repAsks.length]!(r.email)));
  managers.forEach((m, i) => {
    asks.push({ actor: m.email, question: i % 2 === 0 ? "what's the team's open pipeline value?" : 'total value of open deals on my team', what: 'open_value', label: 'team open pipeline value' });
    asks.push({ actor: m.email, question: i % 2 === 0 ? 'how much did my team win last month?' : 'team won revenue in May', what: 'won', ...MAY, label: 'team won in 2026-05' });
  });
  for (const t of teams) asks.push({ actor: 'exec@dealwise.demo', question: `How much did the ${t.name} team win last quarter?`, what: 'won', ...Q1, team: t.name, label: `${t.name} won in 2026-Q1` });
  asks.push({ actor: 'exec@dealwise.demo', question: 'what is our total open pipeline?', what: 'open_value', label: 'org open pipeline value' });
  const tasks: CrmTask[] = [];
  for (const [i, a] of asks.entries()) {
    const value = await figure(db, a);
    const unit = a.what === 'open_count' ? 'count' : 'money_minor';
    tasks.push({
      id: `pipe-${String(i + 1).padStart(2, '0')}`,
      type: 'pipeline_figures',
      actor: a.actor,
      question: a.question,
      expect: { kind: 'number', numbers: [{ label: a.label, value, unit }] },
      answer: `${a.label}: ${unit === 'count' ? value : `$${(value / 100).toLocaleString('en-US')}`}`,
    });
  }
  return tasks;
}
