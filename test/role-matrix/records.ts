import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/rows.ts';
import type { Actor } from '../../db/repos/scope.ts';

// Who plays which role in the role matrix, and the records each call targets: "own" records belong to
// rep A (inside rep A's and manager A's scope), "other" records to rep B of another team (outside both).

export interface MatrixCast {
  admin: Actor;
  exec: Actor;
  managerA: Actor;
  repA: Actor;
  repB: Actor;
}

export interface Targets {
  lead: string;
  lead2: string;
  deal: string;
  /** an open task the owner holds */
  task: string;
}

const actorOf = async (db: Db, where: ReturnType<typeof sql>): Promise<Actor> => {
  const [row] = await rows<{ userId: string; role: Actor['role']; teamId: string | null }>(
    db,
    sql`select id as "userId", role, team_id as "teamId" from users where ${where} limit 1`,
  );
  if (!row) throw new Error('role matrix: demo org lacks a user');
  return row;
};

async function repWithMostOpenDeals(db: Db, excludeTeam: string | null): Promise<Actor> {
  return actorOf(
    db,
    sql`role = 'rep' and ${excludeTeam === null ? sql`true` : sql`team_id <> ${excludeTeam}`}
        order by (select count(*) from opportunities o where o.owner_id = users.id and o.closed_at is null) desc, email`,
  );
}

export async function loadCast(db: Db): Promise<MatrixCast> {
  const repA = await repWithMostOpenDeals(db, null);
  const repB = await repWithMostOpenDeals(db, repA.teamId);
  return {
    admin: await actorOf(db, sql`role = 'admin'`),
    exec: await actorOf(db, sql`role = 'exec'`),
    managerA: await actorOf(db, sql`role = 'manager' and team_id = ${repA.teamId}`),
    repA,
    repB,
  };
}

/** Two open leads and an open deal owned by `owner`. */
export async function targetsOf(db: Db, owner: Actor): Promise<Targets> {
  const leads = await rows<{ id: string }>(
    db,
    sql`select id from leads where owner_id = ${owner.userId} and status <> 'merged' and lifecycle_stage not in ('customer', 'disqualified') order by email limit 2`,
  );
  const [deal] = await rows<{ id: string }>(
    db,
    sql`select id from opportunities where owner_id = ${owner.userId} and closed_at is null order by name limit 1`,
  );
  const [task] = await rows<{ id: string }>(
    db,
    sql`select id from tasks where owner_id = ${owner.userId} and status in ('open', 'in_progress') order by id limit 1`,
  );
  if (leads.length < 2 || !deal || !task) throw new Error('role matrix: owner lacks open leads, deals or tasks');
  return { lead: leads[0]!.id, lead2: leads[1]!.id, deal: deal.id, task: task.id };
}

// A deal's owner sees the people on the deal and their touchpoints (opportunity_get lists the contacts, and
// risk_scan reads a contact's interactions that no deal claims), even when a teammate owns the lead.
const contactOfDealOwners = (leadId: SQL) => sql`array(
  select o.owner_id from opportunities o where o.primary_contact_id = ${leadId}
  union select o.owner_id from opportunity_contacts oc join opportunities o on o.id = oc.opportunity_id where oc.lead_id = ${leadId})`;

/**
 * The owner ids that make each kind of record visible, for every uuid found in a tool's output: one query
 * for all of them (a query per uuid made the matrix spend most of its time on round trips).
 */
export async function ownersOf(db: Db, ids: string[]): Promise<Map<string, { kind: string; owners: string[] }>> {
  const found = new Map<string, { kind: string; owners: string[] }>();
  if (ids.length === 0) return found;
  // the ids matched the uuid pattern, so the array literal is safe; = any(uuid[]) keeps the primary-key lookups
  const wanted = sql`any(${`{${ids.join(',')}}`}::uuid[])`;
  const all = await rows<{ id: string; kind: string; owners: (string | null)[] }>(
    db,
    sql`
      select id::text, 'lead' as kind, array[owner_id] || ${contactOfDealOwners(sql`leads.id`)} as owners from leads where id = ${wanted}
      union all select id::text, 'opportunity', array[owner_id] from opportunities where id = ${wanted}
      union all select id::text, 'task', array[owner_id] from tasks where id = ${wanted}
      union all select i.id::text, 'interaction', array[i.user_id, l.owner_id, o.owner_id] || ${contactOfDealOwners(sql`i.lead_id`)}
        from interactions i left join leads l on l.id = i.lead_id left join opportunities o on o.id = i.opportunity_id where i.id = ${wanted}
      union all select c.id::text, 'chunk', array[i.user_id, l.owner_id, o.owner_id]
        from chunks c join interactions i on i.id = c.interaction_id left join leads l on l.id = i.lead_id
        left join opportunities o on o.id = i.opportunity_id where c.id = ${wanted}
    `,
  );
  // as before: the first kind a uuid is found as names it (ids are unique across these tables in practice)
  for (const row of all) if (!found.has(row.id)) found.set(row.id, { kind: row.kind, owners: row.owners.filter((o): o is string => o !== null) });
  return found;
}

export interface RowStamp {
  table: string;
  id: string;
  owner: string | null;
  stamp: string;
}

/** Every row of the scoped tables with its owner and a hash of its contents, to diff before and after a call. */
export async function snapshot(db: Db): Promise<Map<string, RowStamp>> {
  const all = await rows<RowStamp>(
    db,
    sql`
      select 'leads' as "table", id::text, owner_id::text as owner, md5(l::text) as stamp from leads l
      union all select 'opportunities', id::text, owner_id::text, md5(o::text) from opportunities o
      union all select 'tasks', id::text, owner_id::text, md5(t::text) from tasks t
      union all select 'alerts', id::text, owner_id::text, md5(a::text) from alerts a
      union all select 'lead_qualifications', q.id::text, l.owner_id::text, md5(q::text) from lead_qualifications q join leads l on l.id = q.lead_id
      union all select 'score_history', s.id::text, l.owner_id::text, md5(s::text) from score_history s join leads l on l.id = s.lead_id
    `,
  );
  return new Map(all.map((r) => [`${r.table}:${r.id}`, r]));
}
