import type { FieldSourceRow } from '../../../db/repos/correlation-fields.ts';
import { canonicalJson as json } from './json.ts';
import { authorityOf, type StoredProvenance } from './precedence.ts';

// Reading a deal's field history for correlation. Rows written in one import run share one timestamp (the
// run's clock), so "the latest row" is not enough to know the order they were written in:
//   - the value in force of a history-only field (quantity) is the end of the chain at the latest time:
//     the row whose new value no other row of that moment started from;
//   - the stored value's provenance is the strongest row that set exactly that value (highest authority,
//     then most recent source): the value is as good as the best source that stated it. A value no row set
//     was typed by a person (authority of a person, dated by the deal's own edit time).

/** The value in force of a field kept only in history (rows newest first), or null. */
export function currentHistoryValue(rows: readonly FieldSourceRow[], field: string): unknown {
  const own = rows.filter((r) => r.field === field);
  const first = own[0];
  if (!first) return null;
  const latest = own.filter((r) => r.changedAt.getTime() === first.changedAt.getTime());
  const started = new Set(latest.map((r) => json(r.oldValue)));
  return (latest.find((r) => !started.has(json(r.newValue))) ?? first).newValue;
}

const provenanceOfRow = (r: FieldSourceRow): StoredProvenance =>
  r.sourceItemId && r.sourceKind ? { kind: 'source', sourceKind: r.sourceKind, sourceItemId: r.sourceItemId, at: r.sourceAt } : { kind: 'manual', at: r.changedAt };

const strength = (p: StoredProvenance) => [authorityOf(p.kind === 'source' ? p.sourceKind : 'manual'), p.at?.getTime() ?? Number.NEGATIVE_INFINITY] as const;

/** Where the stored `value` (as field history writes it) came from; undefined when no row set it. */
export function provenanceOfValue(rows: readonly FieldSourceRow[], field: string, value: unknown): StoredProvenance | undefined {
  let best: StoredProvenance | undefined;
  for (const row of rows) {
    if (row.field !== field || json(row.newValue) !== json(value)) continue;
    const candidate = provenanceOfRow(row);
    if (!best) best = candidate;
    else {
      const [a, b] = [strength(candidate), strength(best)];
      if (a[0] > b[0] || (a[0] === b[0] && a[1] > b[1])) best = candidate;
    }
  }
  return best;
}
