import { sql } from 'drizzle-orm';
import type { CopilotModel } from '../../agents/models/types.ts';
import type { Db } from '../../db/client.ts';
import { loadScope, type Actor } from '../../db/repos/scope.ts';
import { parsePeriod } from '../../tools/analytics/period.ts';
import type { CallServices, ToolRegistry } from '../../tools/registry.ts';
import { openThread } from './driver.ts';

// Answer correctness: the figures in the model's plain-words answer against figures computed here, by
// SQL over the store, for the right scope and period. Not the tool's output: an independent count.

export interface AnswerCheck {
  question: string;
  actor: string;
  expected: string;
  got: string;
  ok: boolean;
}

type Rows<T> = { rows: T[] };
const rowsOf = async <T>(query: Promise<unknown>): Promise<T[]> => ((await query) as Rows<T>).rows;
const dollars = (minor: number) => `$${Math.round(minor / 100).toLocaleString('en-US')}`;
const scopeSql = async (db: Db, actor: Actor) => {
  const scope = await loadScope(db, actor);
  return scope.kind === 'all' ? sql`true` : sql`o.owner_id in (${sql.join(scope.userIds.map((id) => sql`${id}::uuid`), sql`, `)})`;
};

async function openPipeline(db: Db, actor: Actor): Promise<{ count: number; value: number }> {
  const [row] = await rowsOf<{ n: number; v: string | null }>(
    db.execute(sql`select count(*)::int as n, sum(o.value_minor)::text as v from opportunities o where o.stage not in ('closed_won', 'closed_lost') and ${await scopeSql(db, actor)}`),
  );
  return { count: Number(row!.n), value: Number(row!.v ?? 0) };
}

async function wonIn(db: Db, actor: Actor, period: string, now: Date): Promise<{ count: number; value: number }> {
  const p = parsePeriod(period, now);
  const [row] = await rowsOf<{ n: number; v: string | null }>(
    db.execute(sql`select count(*)::int as n, sum(o.value_minor)::text as v from opportunities o
        where o.stage = 'closed_won' and o.closed_at >= ${p.start.toISOString()}::timestamptz and o.closed_at < ${p.end.toISOString()}::timestamptz and ${await scopeSql(db, actor)}`),
  );
  return { count: Number(row!.n), value: Number(row!.v ?? 0) };
}

export interface AnswerOptions {
  model: CopilotModel;
  registry: ToolRegistry;
  services: CallServices;
  db: Db;
  now: Date;
}

export async function checkAnswers(options: AnswerOptions): Promise<AnswerCheck[]> {
  const users = await rowsOf<{ id: string; email: string; role: Actor['role']; team_id: string | null }>(options.db.execute(sql`select id, email, role, team_id from users where active order by email`));
  const actorOf = (u: (typeof users)[number]): Actor => ({ userId: u.id, role: u.role, teamId: u.team_id });
  const out: AnswerCheck[] = [];
  const ask = async (actor: Actor, question: string) => (await openThread({ model: options.model, registry: options.registry, services: options.services, actor }).send(question)).text;

  // every user's own pipeline: open deals and their value, in their scope
  for (const u of users) {
    const want = await openPipeline(options.db, actorOf(u));
    const text = await ask(actorOf(u), "how's my pipeline looking");
    const m = /(\d+) open deals worth (\$[\d,]+)/.exec(text);
    const got = m ? `${m[1]} deals, ${m[2]}` : text.slice(0, 60);
    const expected = `${want.count} deals, ${dollars(want.value)}`;
    out.push({ question: "how's my pipeline looking", actor: u.email, expected, got, ok: got === expected });
  }
  // won revenue for periods people name, by scope: the exec (everyone), managers (their team), reps (their own)
  const asks: [string, string, string][] = [
    ['exec@dealwise.demo', 'how much did we close this quarter', 'this_quarter'],
    ['exec@dealwise.demo', 'revenue last quarter', 'last_quarter'],
    ['exec@dealwise.demo', 'what did we book last month', 'last_month'],
    ['exec@dealwise.demo', 'revenue for 2025', '2025'],
    ['exec@dealwise.demo', 'won revenue ytd', 'this_year'],
    ['exec@dealwise.demo', 'revenue in q4 2025', '2025-Q4'],
    ['exec@dealwise.demo', 'revenue in march', '2026-03'],
    ['daniel.okafor@dealwise.demo', "my team's revenue last quarter", 'last_quarter'],
    ['sofia.alvarez@dealwise.demo', 'how much did we close this year', 'this_year'],
    ['rachel.kim@dealwise.demo', 'revenue q1', '2026-Q1'],
    ['maya.chen@dealwise.demo', 'what did i close this year', 'this_year'],
    ['tom.becker@dealwise.demo', 'my revenue last quarter', 'last_quarter'],
    ['priya.raman@dealwise.demo', 'how much did I close in 2025', '2025'],
    ['hannah.park@dealwise.demo', 'revenue this year', 'this_year'],
    ['admin@dealwise.demo', 'bookings last month', 'last_month'],
    ['lucas.moreau@dealwise.demo', 'what did i book in q2', '2026-Q2'],
  ];
  for (const [email, question, period] of asks) {
    const u = users.find((x) => x.email === email);
    if (!u) continue;
    const want = await wonIn(options.db, actorOf(u), period, options.now);
    const text = await ask(actorOf(u), question);
    const m = /: (\$[\d,]+(?:\.\d\d)?) from (\d+) deals/.exec(text);
    const got = m ? `${m[2]} deals, ${m[1]!.replace(/\.\d\d$/, '')}` : text.slice(0, 60);
    const expected = `${want.count} deals, ${dollars(want.value)}`;
    out.push({ question, actor: email, expected, got, ok: got === expected });
  }
  return out;
}

export function formatAnswers(checks: AnswerCheck[]): string {
  const ok = checks.filter((c) => c.ok).length;
  const lines = [`Answer correctness: ${ok} of ${checks.length} answers carry the figures computed independently by SQL`, '', '| question | actor | SQL | answer | ok |', '| --- | --- | --- | --- | --- |'];
  for (const c of checks) lines.push(`| ${c.question} | ${c.actor} | ${c.expected} | ${c.got.replace(/\|/g, '/')} | ${c.ok ? 'yes' : 'NO'} |`);
  return lines.join('\n');
}
