import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { rows } from '../rows.ts';
import { toDate } from './interactions.ts';
import { type Scope } from './scope.ts';

// Where a deal's field values came from: the field history rows that set them (with the source item each
// came from, or a person), and the other source items that confirmed or contradicted them, recorded on
// their own metadata.correlation. Together they are the fields' backlinks.

export interface FieldSourceRow {
  field: string;
  oldValue: unknown;
  newValue: unknown;
  changedAt: Date;
  changedById: string | null;
  sourceItemId: string | null;
  /** the source item's kind and time, when the row has one */
  sourceKind: string | null;
  sourceAt: Date | null;
}

/**
 * The field history rows of one deal for these field names, newest first, with their source items' kind and
 * time (the caller has checked the deal is visible). Capped: a deal's field history is short.
 */
export async function fieldSourceRows(ex: Executor, dealId: string, fields: readonly string[], limit = 500): Promise<FieldSourceRow[]> {
  if (fields.length === 0) return [];
  const found = await rows<Omit<FieldSourceRow, 'changedAt' | 'sourceAt'> & { changedAt: Date | string; sourceAt: Date | string | null }>(
    ex,
    sql`
      select f.field, f.old_value as "oldValue", f.new_value as "newValue", f.changed_at as "changedAt", f.changed_by_id as "changedById",
             f.source_item_id as "sourceItemId", s.kind::text as "sourceKind", s.occurred_at as "sourceAt"
      from opportunity_field_history f left join source_items s on s.id = f.source_item_id
      where f.opportunity_id = ${dealId}::uuid and f.field = any(${`{${fields.join(',')}}`}::text[])
      order by f.changed_at desc, f.id desc
      limit ${limit}`,
  );
  return found.map((r) => ({ ...r, changedAt: toDate(r.changedAt), sourceAt: r.sourceAt === null ? null : toDate(r.sourceAt) }));
}

export interface FieldBacklinkRow {
  /** correlation's field name (value, expectedCloseDate, probability, quantity, stage) */
  field: string;
  sourceItemId: string;
  kind: string;
  title: string | null;
  occurredAt: Date | null;
  /** set = the source's value was written; supports = it stated the stored value; conflicts = it disagreed */
  role: 'set' | 'supports' | 'conflicts';
  /** the value the source gave (for a `set` value row: the amount in minor units, as field history keeps it) */
  value: unknown;
  /** for conflicts: which side won and why */
  detail: Record<string, unknown> | null;
}

/**
 * Every source item behind a deal's fields, for a deal in the caller's scope (nothing otherwise), newest
 * source first, capped. Reads source items linked through metadata.correlation.opportunityId.
 */
export async function fieldBacklinks(ex: Executor, scope: Scope, dealId: string, limit = 200): Promise<FieldBacklinkRow[]> {
  const visible = scope.kind === 'all' ? sql`true` : sql`o.owner_id = any(${`{${scope.userIds.join(',')}}`}::uuid[])`;
  const found = await rows<Omit<FieldBacklinkRow, 'occurredAt'> & { occurredAt: Date | string | null }>(
    ex,
    sql`
      with deal as (select o.id from opportunities o where o.id = ${dealId}::uuid and ${visible}),
      linked as (
        select s.* from source_items s, deal
        where s.metadata -> 'correlation' ->> 'opportunityId' = deal.id::text
      )
      select case f.field when 'value_minor' then 'value' when 'expected_close_date' then 'expectedCloseDate' else f.field end as field,
             s.id as "sourceItemId", s.kind::text as kind, s.title, s.occurred_at as "occurredAt", 'set' as role, f.new_value as value, null::jsonb as detail
      from opportunity_field_history f join deal on deal.id = f.opportunity_id join source_items s on s.id = f.source_item_id
      union all
      select sup.field, l.id, l.kind::text, l.title, l.occurred_at, 'supports', sup.value, null
      from linked l, jsonb_to_recordset(coalesce(l.metadata -> 'correlation' -> 'supportedValues', '[]'::jsonb)) as sup(field text, value jsonb)
      union all
      select c.field, l.id, l.kind::text, l.title, l.occurred_at, 'conflicts', c.incoming, jsonb_build_object('stored', c.stored, 'winner', c.winner, 'why', c.why)
      from linked l, jsonb_to_recordset(coalesce(l.metadata -> 'correlation' -> 'conflicts', '[]'::jsonb)) as c(field text, incoming jsonb, stored jsonb, winner text, why text)
      order by 5 desc nulls last, 1, 2
      limit ${limit}`,
  );
  return found.map((r) => ({ ...r, occurredAt: r.occurredAt === null ? null : toDate(r.occurredAt) }));
}
