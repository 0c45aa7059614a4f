import { directoryAccounts, directoryDeals, directoryLeads, directoryProducts, directoryTeams, directoryUsers } from '../../db/repos/directory.ts';
import { loadScope, type Actor } from '../../db/repos/scope.ts';
import type { Executor } from '../../db/client.ts';

// The copilot's read service over the names a caller may see (leads, deals, accounts, reps, teams), so the
// model layer finds mentions in text without touching the database. Scoped like the tools' resolver;
// cached per directory for a short TTL (writes through the copilot can call invalidate()).

export interface DirectoryServices {
  db: Executor;
  /** the clock used for the TTL; defaults to the system clock */
  clock?: () => number;
}

export type EntityKind = 'lead' | 'opportunity' | 'account' | 'user' | 'team' | 'product';

/** A named record the caller may see (structurally agents/models/types.ts NamedEntity; tools may not import agents). */
export interface NamedEntity {
  kind: EntityKind;
  id: string;
  name: string;
  aliases?: string[];
  detail?: string;
}

export interface CachedEntityDirectory {
  names(kinds?: EntityKind[]): Promise<NamedEntity[]>;
  invalidate(): void;
}

const TTL_MS = 60_000;

const money = (minor: number, currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(minor / 100);

async function loadAll(db: Executor, actor: Actor): Promise<NamedEntity[]> {
  const scope = await loadScope(db, actor);
  const [leadRows, dealRows, userRows, accountRows, teamRows, productRows] = await Promise.all([
    directoryLeads(db, scope),
    directoryDeals(db, scope),
    directoryUsers(db),
    directoryAccounts(db),
    directoryTeams(db),
    directoryProducts(db),
  ]);
  const out: NamedEntity[] = [];
  for (const l of leadRows) {
    const aliases = [l.email, l.firstName].filter((a): a is string => Boolean(a));
    out.push({ kind: 'lead', id: l.id, name: l.fullName, aliases, detail: [l.account, l.stage].filter(Boolean).join(', ') });
  }
  for (const d of dealRows) out.push({ kind: 'opportunity', id: d.id, name: d.name, aliases: [d.account], detail: `${d.stage}, ${money(d.valueMinor, d.currency)}` });
  for (const u of userRows) out.push({ kind: 'user', id: u.id, name: u.fullName, aliases: [u.email], detail: u.role });
  for (const a of accountRows) out.push({ kind: 'account', id: a.id, name: a.name, aliases: a.domain ? [a.domain] : [], detail: a.industry ?? '' });
  for (const t of teamRows) out.push({ kind: 'team', id: t.id, name: t.name, detail: t.region ?? '' });
  for (const p of productRows) out.push({ kind: 'product', id: p.id, name: p.name, aliases: p.sku ? [p.sku] : [], detail: p.family ?? '' });
  return out;
}

/** The entity directory of one caller. */
export function createEntityDirectory(services: DirectoryServices, actor: Actor): CachedEntityDirectory {
  const clock = services.clock ?? (() => Date.now());
  let cached: { at: number; entities: Promise<NamedEntity[]> } | undefined;
  return {
    async names(kinds?: EntityKind[]) {
      if (!cached || clock() - cached.at > TTL_MS) {
        const entities = loadAll(services.db, actor);
        cached = { at: clock(), entities };
        entities.catch(() => (cached = undefined));
      }
      const all = await cached.entities;
      return kinds ? all.filter((e) => kinds.includes(e.kind)) : all;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
