import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../db/repos/scope.ts';
import { rows } from '../../db/rows.ts';
import type { CallServices, ToolRegistry } from '../../tools/registry.ts';

// The three demo leads of the closing note, found in the demo org's data (never hard-coded ids):
// one whose own messages read formal, one casual (both as draft_email measures them), and one with an
// objection raised in their latest inbound message while their deal is still open.

export interface DemoLead {
  kind: 'formal' | 'casual' | 'open objection';
  leadId: string;
  name: string;
  opportunityId: string | null;
  owner: Actor;
  /** the objection's words, for the open-objection lead */
  objection?: string;
  why: string;
}

interface Candidate {
  leadId: string;
  name: string;
  opportunityId: string | null;
  userId: string;
  role: Actor['role'];
  teamId: string | null;
}

// leads with an owner, an open deal and at least two messages of their own, in a stable order
const CANDIDATES = sql`
  select l.id as "leadId", l.full_name as name, u.id as "userId", u.role, u.team_id as "teamId",
    (select o.id from opportunities o where o.primary_contact_id = l.id and o.closed_at is null order by o.created_at limit 1) as "opportunityId"
  from leads l join users u on u.id = l.owner_id
  where (select count(*) from interactions i where i.lead_id = l.id and i.direction = 'inbound') >= 2
    and exists (select 1 from opportunities o where o.primary_contact_id = l.id and o.closed_at is null)
  order by l.id limit 300`;

const actorOf = (c: Candidate): Actor => ({ userId: c.userId, role: c.role, teamId: c.teamId });

export async function findDemoLeads(db: Db, registry: ToolRegistry, services: CallServices): Promise<DemoLead[]> {
  const candidates = await rows<Candidate>(db, CANDIDATES);
  const found: DemoLead[] = [];
  for (const want of ['formal', 'casual'] as const) {
    for (const c of candidates) {
      if (found.some((f) => f.leadId === c.leadId)) continue;
      const r = await registry.execute('draft_email', { lead: c.leadId, purpose: 'follow_up' }, actorOf(c), services);
      const tone = r.ok ? (r.data as { tone: { formality: string; source: string; score: number } }).tone : undefined;
      if (tone?.source === 'measured' && tone.formality === want) {
        found.push({ kind: want, leadId: c.leadId, name: c.name, opportunityId: c.opportunityId, owner: actorOf(c), why: `first candidate whose own messages draft_email measures ${want} (score ${tone.score})` });
        break;
      }
    }
  }
  const [objection] = await rows<Candidate & { objection: string; type: string }>(db, sql`
    select c."leadId", c.name, c."userId", c.role, c."teamId", c."opportunityId", i.body as objection, i.objection_type as type
    from (${CANDIDATES}) c
    join lateral (select * from interactions i where i.lead_id = c."leadId" and i.direction = 'inbound' order by i.occurred_at desc limit 1) i on true
    where i.objection_type is not null
    order by c."leadId" limit 1`);
  if (objection && !found.some((f) => f.leadId === objection.leadId)) {
    found.push({ kind: 'open objection', leadId: objection.leadId, name: objection.name, opportunityId: objection.opportunityId, owner: actorOf(objection), objection: objection.objection, why: `first candidate whose latest message raises an objection (${objection.type}) on an open deal` });
  }
  return found;
}
