import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../../core/embeddings/local.ts';
import { silentLogger } from '../../../core/logger.ts';
import type { Store } from '../../../db/client.ts';
import { leads } from '../../../db/schema/index.ts';
import { createTestStore } from '../../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, ORG_NOW, type FixtureOrg } from '../../../test/helpers/org.ts';
import { nameOf, ParticipantMatcher, type StagedLead } from './participants.ts';
import type { PrepareContext } from './types.ts';

let store: Store;
let org: FixtureOrg;
const dana = fixtureId();

beforeAll(async () => {
  store = await createTestStore();
  org = await createFixtureOrg(store.db);
  await store.db.insert(leads).values({ id: dana, fullName: 'Dana Ruiz', email: 'Dana@Acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId });
});
afterAll(() => store.close());

function ctx(scope: PrepareContext['scope'], undo: (() => void)[] = []): PrepareContext {
  return { db: store.db, sourceItemId: fixtureId(), contentHash: 'h', now: ORG_NOW, scope, actor: undefined, embedder: createLocalEmbedder(), log: silentLogger, onRollback: (fn) => undo.push(fn) };
}

describe('ParticipantMatcher', () => {
  it('matches users and leads case-insensitively, hides leads out of scope, links unknown addresses to the account by domain', async () => {
    const matcher = new ParticipantMatcher({ createLeads: false });
    const people = [
      { email: 'ANNA.REP@dealwise.demo', name: null },
      { email: 'dana@acme.com', name: 'Dana' },
      { email: 'new.person@globex.com', name: null },
      { email: 'someone@gmail.com', name: null },
    ];
    const all = await matcher.match(ctx({ kind: 'all' }), { people });
    expect([...all.values()].map((m) => [m.email, m.kind, 'id' in m ? m.id : null, 'accountId' in m ? m.accountId : null])).toEqual([
      ['anna.rep@dealwise.demo', 'user', org.users.repAnna.userId, null],
      ['dana@acme.com', 'lead', dana, org.accounts.acme],
      ['new.person@globex.com', 'unknown', null, org.accounts.globex],
      ['someone@gmail.com', 'unknown', null, null],
    ]);
    const asBen = await new ParticipantMatcher({ createLeads: true }).match(ctx({ kind: 'owners', userIds: [org.users.repBen.userId] }), { people, create: ['dana@acme.com'], staged: [] });
    expect(asBen.get('dana@acme.com')).toEqual({ kind: 'hidden', email: 'dana@acme.com', name: 'Dana' });
  });

  it('plans a lead for an unknown counterpart, reuses it in the run, and forgets it when the item rolls back', async () => {
    const matcher = new ParticipantMatcher({ createLeads: true });
    const undo: (() => void)[] = [];
    const staged: StagedLead[] = [];
    const first = await matcher.match(ctx({ kind: 'all' }, undo), { people: [{ email: 'tom.novak@globex.com', name: 'Novak, Tom' }, { email: 'no-reply@globex.com', name: null }], create: ['tom.novak@globex.com', 'no-reply@globex.com'], staged, ownerId: org.users.repBen.userId });
    expect(staged).toEqual([{ id: expect.any(String), email: 'tom.novak@globex.com', fullName: 'Tom Novak', firstName: 'Tom', lastName: 'Novak', accountId: org.accounts.globex, ownerId: org.users.repBen.userId, at: ORG_NOW }]);
    expect(first.get('no-reply@globex.com')?.kind).toBe('unknown');
    const again = await matcher.match(ctx({ kind: 'all' }), { people: [{ email: 'tom.novak@globex.com', name: null }], create: ['tom.novak@globex.com'], staged: [] });
    expect(again.get('tom.novak@globex.com')).toMatchObject({ kind: 'lead', id: staged[0]!.id, created: false });
    for (const fn of undo) fn();
    const staged2: StagedLead[] = [];
    await matcher.match(ctx({ kind: 'all' }), { people: [{ email: 'tom.novak@globex.com', name: null }], create: ['tom.novak@globex.com'], staged: staged2 });
    expect(staged2).toHaveLength(1);
    expect(staged2[0]!.id).not.toBe(staged[0]!.id);
  });

  it('names people from display names or addresses', () => {
    expect(nameOf({ email: 'dana.ruiz@acme.com', name: null })).toEqual({ fullName: 'Dana Ruiz', firstName: 'Dana', lastName: 'Ruiz' });
    expect(nameOf({ email: 'x@acme.com', name: '"Ruiz, Dana"' })).toEqual({ fullName: 'Dana Ruiz', firstName: 'Dana', lastName: 'Ruiz' });
    expect(nameOf({ email: 'sales+eu@acme.com', name: 'bob@acme.com' })).toEqual({ fullName: 'Sales', firstName: 'Sales', lastName: null });
  });
});
