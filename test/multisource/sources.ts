import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/rows.ts';
import { fieldSourceRows } from '../../db/repos/correlation-fields.ts';
import { canonicalJson } from '../../tools/ingest/correlation/json.ts';
import { currentHistoryValue } from '../../tools/ingest/correlation/provenance.ts';
import type { Actor } from '../../db/repos/scope.ts';
import { callOk } from '../helpers/tools.ts';

// The multi-source cases of test/fixtures/multisource (issue 16): each deal told by a mail thread, a call
// and a CRM export row. `importSource` runs one source through its real importer; `snapshot` reads what
// the store ends up believing about every deal, in a form that does not depend on import order: links,
// field values, contacts, and conflicts as "the value kept" plus "the values it overruled".

const DIR = path.join(import.meta.dirname, '..', 'fixtures', 'multisource');

interface CaseManifest {
  name: string;
  call: { title: string; occurredAt: string };
}
export const CASES: CaseManifest[] = (JSON.parse(readFileSync(path.join(DIR, 'cases.json'), 'utf8')) as { cases: CaseManifest[] }).cases;

export type SourceKind = 'mail' | 'call' | 'crm';
export interface Source {
  deal: string;
  kind: SourceKind;
}
export const SOURCE_KINDS: SourceKind[] = ['mail', 'call', 'crm'];

const read = (name: string, ext: string) => readFileSync(path.join(DIR, `${name}.${ext}`), 'utf8');

export async function importSource(db: Db, actor: Actor, source: Source, now: Date, csvInput: Record<string, unknown> = { preset: 'salesforce' }): Promise<void> {
  const c = CASES.find((x) => x.name === source.deal);
  if (!c) throw new Error(`no case ${source.deal}`);
  if (source.kind === 'mail') await callOk(db, actor, 'ingest_email', { content: read(c.name, 'mbox'), format: 'mbox' }, now);
  if (source.kind === 'call') await callOk(db, actor, 'ingest_transcript', { content: read(c.name, 'vtt'), title: c.call.title, occurredAt: c.call.occurredAt }, now);
  if (source.kind === 'crm') await callOk(db, actor, 'ingest_crm_csv', { content: read(c.name, 'csv'), fileName: `${c.name}.csv`, ...csvInput }, now);
}

/** every ordering of a list (for three sources: six) */
export function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

interface DealRow {
  id: string;
  name: string;
  account: string;
  stage: string;
  value: number;
  currency: string;
  close: string | null;
  probability: number | null;
  owner: string;
  external: Record<string, string>;
  candidates: { name: string; phrase: string; price: { amountMinor: number } | null }[];
}

export interface DealSnapshot {
  name: string;
  account: string;
  stage: string;
  value: { amountMinor: number; currency: string };
  expectedCloseDate: string | null;
  probability: number | null;
  quantity: unknown;
  unitPrice: unknown;
  owner: string;
  keys: string[];
  contacts: string[];
  /** "kind:title" of the interactions on the deal */
  interactions: string[];
  /** field -> values other sources stated that the stored value overruled (canonical JSON, sorted) */
  overruled: Record<string, string[]>;
  /** unconfirmed competitors: "name phrase price" */
  competitorCandidates: string[];
}

export interface StoreSnapshot {
  deals: DealSnapshot[];
  /** source items still waiting for a deal: "kind:title:result" */
  pending: string[];
  /** tasks made from action items: "owner | title | due (UTC) | deal" */
  tasks: string[];
}

export async function snapshot(db: Db): Promise<StoreSnapshot> {
  const deals = await rows<DealRow>(
    db,
    sql`select o.id, o.name, a.name as account, o.stage::text as stage, o.value_minor::int as value, o.currency, o.expected_close_date::text as close, o.probability,
               u.email as owner, o.external_ids as external, o.competitor_candidates as candidates
        from opportunities o join accounts a on a.id = o.account_id join users u on u.id = o.owner_id order by o.name`,
  );
  const out: DealSnapshot[] = [];
  for (const d of deals) {
    // rows written in one run share its clock: the value in force is the end of their chain, as correlation reads it
    const latest = async (field: string) => {
      const v = currentHistoryValue(await fieldSourceRows(db, d.id, [field]), field);
      return v === null ? undefined : { v };
    };
    const quantity = await latest('quantity');
    const unitPrice = await latest('unit_price');
    const contacts = await rows<{ email: string }>(
      db,
      sql`select distinct l.email from leads l where l.id in (select lead_id from opportunity_contacts where opportunity_id = ${d.id} union select primary_contact_id from opportunities where id = ${d.id}) order by 1`,
    );
    const interactions = await rows<{ k: string }>(db, sql`select type::text || ':' || coalesce(subject, '') as k from interactions where opportunity_id = ${d.id} order by 1`);
    const conflicts = await rows<{ field: string; stored: unknown; incoming: unknown }>(
      db,
      sql`select c.field, c.stored, c.incoming from source_items s, jsonb_to_recordset(coalesce(s.metadata -> 'correlation' -> 'conflicts', '[]'::jsonb)) as c(field text, stored jsonb, incoming jsonb)
          where s.metadata -> 'correlation' ->> 'opportunityId' = ${d.id}`,
    );
    const current: Record<string, unknown> = {
      value: { amountMinor: d.value, currency: d.currency }, expectedCloseDate: d.close, probability: d.probability, stage: d.stage, quantity: quantity?.v ?? null,
      unitPrice: unitPrice?.v ?? null,
    };
    const overruled: Record<string, Set<string>> = {};
    for (const c of conflicts) {
      for (const v of [c.stored, c.incoming]) {
        if (canonicalJson(v) === canonicalJson(current[c.field])) continue;
        (overruled[c.field] ??= new Set()).add(canonicalJson(v));
      }
    }
    out.push({
      name: d.name, account: d.account, stage: d.stage, value: { amountMinor: d.value, currency: d.currency }, expectedCloseDate: d.close, probability: d.probability,
      quantity: quantity?.v ?? null, unitPrice: unitPrice?.v ?? null, owner: d.owner, keys: Object.keys(d.external).sort(), contacts: contacts.map((c) => c.email),
      interactions: interactions.map((i) => i.k),
      competitorCandidates: d.candidates.map((c) => `${c.name} ${c.phrase} ${c.price?.amountMinor ?? '-'}`),
      overruled: Object.fromEntries(Object.entries(overruled).map(([f, s]) => [f, [...s].sort()]).sort()),
    });
  }
  const pending = await rows<{ k: string }>(
    db,
    sql`select kind::text || ':' || coalesce(title, '') || ':' || (metadata -> 'correlation' ->> 'result') as k from source_items
        where metadata -> 'correlation' ->> 'result' in ('unmatched', 'ambiguous') order by 1`,
  );
  // action items as tasks (issue 16, point 2): whose, due when, on which deal, whatever the order of arrival
  const tasks = await rows<{ k: string }>(
    db,
    sql`select u.email || ' | ' || t.title || ' | ' || coalesce(to_char(t.due_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI'), '-') || ' | ' || coalesce(o.name, '-') as k
        from tasks t join users u on u.id = t.owner_id left join opportunities o on o.id = t.opportunity_id where t.rule_key like 'action:%' order by 1`,
  );
  return { deals: out, pending: pending.map((p) => p.k), tasks: tasks.map((t) => t.k) };
}
