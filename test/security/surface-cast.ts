import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/rows.ts';
import type { Actor } from '../../db/repos/scope.ts';
import { createLogger, type Logger } from '../../core/logger.ts';
import { loadCast, targetsOf, type MatrixCast, type Targets } from '../role-matrix/records.ts';

// What the surface-matrix files share: the cast of the role matrix (rep A, manager A, exec, admin; rep B of
// another team) with their emails and a teammate of rep A, the records each owns, a digest of every table to
// prove a refused call changed nothing, and a logger that keeps every line it is given.

export interface SurfaceCast extends MatrixCast {
  /** another rep of rep A's team */
  repA2: Actor;
  /** the manager of rep B's team */
  managerB: Actor;
  emails: Map<string, string>;
  own: Targets;
  other: Targets;
  /** the name of rep B's target deal and lead, which must never show to rep A or manager A */
  otherNames: { deal: string; lead: string };
}

const one = async <T>(db: Db, query: ReturnType<typeof sql>): Promise<T> => {
  const [row] = await rows<T>(db, query);
  if (!row) throw new Error('surface matrix: the demo org lacks a row the cast needs');
  return row;
};

export async function loadSurfaceCast(db: Db): Promise<SurfaceCast> {
  const cast = await loadCast(db);
  const repA2 = await one<Actor>(db, sql`select id as "userId", role, team_id as "teamId" from users where role = 'rep' and team_id = ${cast.repA.teamId} and id <> ${cast.repA.userId} order by email limit 1`);
  const managerB = await one<Actor>(db, sql`select id as "userId", role, team_id as "teamId" from users where role = 'manager' and team_id = ${cast.repB.teamId} order by email limit 1`);
  const emails = new Map((await rows<{ id: string; email: string }>(db, sql`select id, email from users`)).map((u) => [u.id, u.email]));
  const own = await targetsOf(db, cast.repA);
  const other = await targetsOf(db, cast.repB);
  const deal = await one<{ name: string }>(db, sql`select name from opportunities where id = ${other.deal}`);
  const lead = await one<{ name: string }>(db, sql`select full_name as name from leads where id = ${other.lead}`);
  return { ...cast, repA2, managerB, emails, own, other, otherNames: { deal: deal.name, lead: lead.name } };
}

// tables a refused request may still touch: the audit trail, and a chat turn's own conversation state
const BOOKKEEPING = new Set(['audit_log', 'copilot_checkpoints', 'copilot_checkpoint_writes', '__drizzle_migrations']);
// columns any authenticated request stamps (a key's last use)
const STAMPS: Record<string, string[]> = { api_keys: ['last_used_at'] };

/** md5 of every row of every table (bookkeeping aside), per table. */
export async function tableDigest(db: Db): Promise<Record<string, string>> {
  const tables = await rows<{ name: string }>(db, sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (BOOKKEEPING.has(name)) continue;
    const row$ = STAMPS[name] ? `(to_jsonb(t) - '{${STAMPS[name].join(',')}}'::text[])::text` : 't::text';
    const [row] = await rows<{ digest: string | null }>(db, sql.raw(`select md5(coalesce(string_agg(md5(${row$}), ',' order by md5(${row$})), '')) as digest from "${name}" t`));
    out[name] = row?.digest ?? '';
  }
  return out;
}

/** The tables whose contents differ between two digests. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}

/** A body with every given id replaced by <id>: two "not found" answers must then be byte-for-byte equal. */
export function withoutIds(body: string, ...ids: string[]): string {
  return ids.reduce((text, id) => text.split(id).join('<id>'), body);
}

export interface CapturedLog {
  log: Logger;
  lines: string[];
}

/** A logger at trace level (everything any surface writes) keeping its lines. */
export function capturedLog(): CapturedLog {
  const lines: string[] = [];
  return { lines, log: createLogger('trace', { write: (line: string) => void lines.push(line) }) };
}

/** A uuid no row has (v4 shape, all zeros but the version bits). */
export const NO_SUCH_ID = '00000000-0000-4000-8000-0000deadbeef';
