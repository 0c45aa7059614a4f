import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { inScope, loadScope, type Actor, type Scope } from '../../db/repos/scope.ts';
import { mayCall } from '../../tools/core/roles.ts';
import { registry } from '../../tools/index.ts';
import { callWrites } from '../../tools/registry.ts';
import { createDemoStore, DEMO_NOW } from '../helpers/demo.ts';
import { call } from '../helpers/tools.ts';
import { EXAMPLES, UNTARGETED, VARIANTS } from './examples.ts';
import { loadCast, ownersOf, snapshot, targetsOf, type MatrixCast, type RowStamp, type Targets } from './records.ts';

// Every tool, called as every role, on records inside and outside the caller's scope. Proves that no row
// outside scope is ever returned or changed, that execs change nothing, and that roles below a tool's
// minimum are refused.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

describe('role matrix', () => {
  let store: Store;
  let cast: MatrixCast;

  beforeAll(async () => {
    store = await createDemoStore(0.1);
    cast = await loadCast(store.db);
  });
  afterAll(() => store.close());

  it('has an example for every tool in the registry', () => {
    expect(registry.names().filter((name) => !EXAMPLES[name])).toEqual([]);
  });

  const roles: (keyof MatrixCast)[] = ['repA', 'managerA', 'exec', 'admin'];

  /** uuids in the output that name scoped records the actor may not see */
  async function leaks(output: unknown, scope: Scope): Promise<string[]> {
    const ids = [...new Set((JSON.stringify(output).match(UUID) ?? []).map((id) => id.toLowerCase()))];
    const owners = await ownersOf(store.db, ids);
    const out: string[] = [];
    for (const id of ids) {
      const found = owners.get(id);
      // a record with no owner at all (e.g. an imported email between strangers) belongs to no other user;
      // the rule under test is that another owner's records never show
      if (found && found.owners.length > 0 && !found.owners.some((owner) => inScope(scope, owner))) out.push(`${found.kind}:${id}`);
    }
    return out;
  }

  function changes(before: Map<string, RowStamp>, after: Map<string, RowStamp>): { key: string; owners: (string | null)[] }[] {
    const changed: { key: string; owners: (string | null)[] }[] = [];
    for (const [key, row] of after) {
      const was = before.get(key);
      if (!was || was.stamp !== row.stamp) changed.push({ key, owners: [was?.owner ?? row.owner, row.owner] });
    }
    for (const [key, row] of before) if (!after.has(key)) changed.push({ key, owners: [row.owner] });
    return changed;
  }

  const cases = [
    ...Object.keys(EXAMPLES).sort().map((name) => ({ title: name, name, example: EXAMPLES[name]! })),
    ...Object.entries(VARIANTS).map(([title, v]) => ({ title, name: v.tool, example: v.example })),
  ];
  for (const { title, name, example } of cases) {
    it(`${title}: scope and role hold for every role`, async () => {
      const definition = registry.get(name);
      expect(definition, `${name} is not in the registry`).toBeDefined();
      if (!definition) return;
      const problems: string[] = [];

      for (const role of roles) {
        const actor: Actor = cast[role];
        const scope = await loadScope(store.db, actor);
        for (const label of ['own', 'other'] as const) {
          if (label === 'other' && UNTARGETED.has(name)) continue;
          // chosen afresh for every call: an earlier write (an assignment, a merge) may have moved the last ones
          const targets: Targets = await targetsOf(store.db, label === 'own' ? cast.repA : cast.repB);
          const before = await snapshot(store.db);
          const input = example(targets);
          // whether this call writes: a tool may write only on request (meeting_summary's createTasks)
          const writes = callWrites(definition, input);
          const result = await call(store.db, actor, name, input, DEMO_NOW);
          const after = await snapshot(store.db);
          const where = `${title} as ${role} on ${label} records`;

          if (!mayCall(actor.role, definition.minRole, writes)) {
            if (result.ok || result.error.code !== 'forbidden') problems.push(`${where}: expected forbidden, got ${JSON.stringify(result).slice(0, 120)}`);
          } else if (result.ok) {
            const leaked = await leaks(result.data, scope);
            if (leaked.length > 0) problems.push(`${where}: returned out-of-scope ${leaked.slice(0, 3).join(', ')}`);
            const targetVisible = label === 'own' || scope.kind === 'all';
            if (!targetVisible) problems.push(`${where}: succeeded on a record outside scope`);
          } else {
            if (result.error.code === 'internal') problems.push(`${where}: internal error ${result.error.message}`);
            const targetVisible = label === 'own' || scope.kind === 'all';
            if (targetVisible && result.error.code.startsWith('not_found')) problems.push(`${where}: could not see its own record (${result.error.message})`);
          }

          for (const change of changes(before, after)) {
            if (!writes) problems.push(`${where}: a read tool changed ${change.key}`);
            else if (actor.role === 'exec') problems.push(`${where}: an exec changed ${change.key}`);
            else if (!change.owners.every((owner) => owner === null ? scope.kind === 'all' : inScope(scope, owner))) {
              problems.push(`${where}: changed out-of-scope ${change.key}`);
            }
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
