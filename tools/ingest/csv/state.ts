import type { Executor } from '../../../db/client.ts';
import { csvDealsOf, type CsvDeal } from '../../../db/repos/ingest-csv-deals.ts';
import { allCsvAccounts, allCsvProducts, allCsvTeams, allCsvUsers, type CsvAccount, type CsvProduct, type CsvTeam, type CsvUser } from '../../../db/repos/ingest-csv.ts';
import type { Scope } from '../../../db/repos/scope.ts';
import type { ItemContext } from '../core/index.ts';

type Undoable = Pick<ItemContext, 'onRollback'>;
import { keyOf } from './normalise.ts';

// What one import run knows about the store, loaded once and kept current as rows are written, so an
// 8,800-row file costs a few queries per row instead of a lookup per reference. Every change made for a
// row is undone through ctx.onRollback if that row (or its batch) rolls back.

const lower = (s: string) => s.trim().toLowerCase();

export class CsvRunState {
  readonly usersByEmail = new Map<string, CsvUser>();
  readonly usersByName = new Map<string, CsvUser[]>();
  readonly teamsByName = new Map<string, CsvTeam>();
  readonly products = new Map<string, CsvProduct>();
  readonly accountsByName = new Map<string, CsvAccount>();
  readonly accountsByExternal = new Map<string, CsvAccount>();
  readonly deals = new Map<string, CsvDeal>();
  hiddenDeals = new Set<string>();

  private constructor(readonly system: string) {}

  static async load(ex: Executor, scope: Scope, system: string): Promise<CsvRunState> {
    const state = new CsvRunState(system);
    const [users, teams, products, accounts, deals] = await Promise.all([allCsvUsers(ex), allCsvTeams(ex), allCsvProducts(ex), allCsvAccounts(ex), csvDealsOf(ex, scope, system)]);
    for (const u of users) state.putUser(u);
    for (const t of teams) state.teamsByName.set(lower(t.name), t);
    for (const p of products) state.products.set(keyOf(p.name), p);
    // oldest first wins a shared name, as the resolver would show it first
    for (const a of accounts) state.putAccount(a, false);
    for (const d of deals.visible) state.deals.set(d.externalId, d);
    state.hiddenDeals = deals.hidden;
    return state;
  }

  private catalogCache: Map<string, string> | undefined;

  /** product key -> catalog name, for canonicalising names in rows (rebuilt after a product changes) */
  catalog(): Map<string, string> {
    this.catalogCache ??= new Map([...this.products].map(([k, p]) => [k, p.name]));
    return this.catalogCache;
  }

  userByName(name: string): CsvUser[] {
    return this.usersByName.get(lower(name)) ?? [];
  }

  putUser(u: CsvUser, ctx?: Undoable): void {
    const email = lower(u.email);
    const previous = this.usersByEmail.get(email);
    this.usersByEmail.set(email, u);
    const list = this.usersByName.get(lower(u.fullName)) ?? [];
    const replaced = list.filter((x) => x.id !== u.id);
    this.usersByName.set(lower(u.fullName), [...replaced, u]);
    ctx?.onRollback(() => {
      if (previous) this.usersByEmail.set(email, previous);
      else this.usersByEmail.delete(email);
      this.usersByName.set(lower(u.fullName), list);
    });
  }

  putTeam(t: CsvTeam, ctx: Undoable): void {
    const key = lower(t.name);
    const previous = this.teamsByName.get(key);
    this.teamsByName.set(key, t);
    ctx.onRollback(() => (previous ? this.teamsByName.set(key, previous) : this.teamsByName.delete(key)));
  }

  putProduct(p: CsvProduct, ctx: Undoable): void {
    const key = keyOf(p.name);
    const previous = this.products.get(key);
    this.products.set(key, p);
    this.catalogCache = undefined;
    ctx.onRollback(() => {
      if (previous) this.products.set(key, previous);
      else this.products.delete(key);
      this.catalogCache = undefined;
    });
  }

  putAccount(a: CsvAccount, replace = true, ctx?: Undoable): void {
    const name = lower(a.name);
    const previousName = this.accountsByName.get(name);
    if (replace || !previousName) this.accountsByName.set(name, a);
    const ext = a.externalIds[this.system];
    const previousExt = ext ? this.accountsByExternal.get(ext) : undefined;
    if (ext && (replace || !previousExt)) this.accountsByExternal.set(ext, a);
    ctx?.onRollback(() => {
      if (previousName) this.accountsByName.set(name, previousName);
      else this.accountsByName.delete(name);
      if (ext) {
        if (previousExt) this.accountsByExternal.set(ext, previousExt);
        else this.accountsByExternal.delete(ext);
      }
    });
  }

  accountByName(name: string): CsvAccount | undefined {
    return this.accountsByName.get(lower(name));
  }

  putDeal(d: CsvDeal, ctx: Undoable): void {
    const previous = this.deals.get(d.externalId);
    this.deals.set(d.externalId, d);
    ctx.onRollback(() => (previous ? this.deals.set(d.externalId, previous) : this.deals.delete(d.externalId)));
  }
}
