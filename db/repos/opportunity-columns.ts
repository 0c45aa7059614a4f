import { eq, sql, type SQLWrapper } from 'drizzle-orm';
import type { OpportunityStage } from '../../core/domain.ts';
import { accounts, opportunities, products, teams, users } from '../schema/index.ts';
import { ownedBy, ownedByClause, type Scope } from './scope.ts';
import { where } from './where.ts';

// The column sets and joins that many deal queries share, so a listing, a risk scan, a strategy and a
// profile all read a deal the same way. Queries add their own columns and conditions on top.

/** A deal's stage, value and forecast fields, as every listing of open deals reads them. */
export const dealStateColumns = {
  stage: opportunities.stage,
  stageEnteredAt: opportunities.stageEnteredAt,
  valueMinor: opportunities.valueMinor,
  currency: opportunities.currency,
  probability: opportunities.probability,
  expectedCloseDate: opportunities.expectedCloseDate,
};

/** The fields dealStateColumns yields, for the row types of the queries that select them. */
export interface DealStateRow {
  stage: OpportunityStage;
  stageEnteredAt: Date;
  valueMinor: number;
  currency: string;
  probability: number | null;
  expectedCloseDate: string | null;
}

/** What a deal's profile text (and so its embedding) is built from (joins: account, owner, team, product). */
export const dealProfileColumns = {
  id: opportunities.id,
  productName: products.name,
  industry: accounts.industry,
  employees: accounts.employees,
  region: accounts.region,
  source: opportunities.source,
  competitors: opportunities.competitors,
  ownerName: users.fullName,
  teamName: teams.name,
};

// Join conditions of a deal to its account and owner (every deal has both: innerJoin), its product and the
// owner's team (either may be missing: leftJoin). Drizzle cannot type a generic "select these columns
// from the joined deals" helper, so queries write the joins themselves with these conditions.
export const dealAccount = eq(accounts.id, opportunities.accountId);
export const dealOwner = eq(users.id, opportunities.ownerId);
export const dealProduct = eq(products.id, opportunities.productId);
export const ownerTeam = eq(teams.id, users.teamId);

/** The condition for one deal the caller may see (a deal outside the scope matches nothing). */
export const visibleDeal = (scope: Scope, opportunityId: string) => where(eq(opportunities.id, opportunityId), ownedBy(scope, opportunities.ownerId));

/** Raw SQL: the deal whose id is `dealId` (a column, or e.g. sql`o.id`) is one the caller may see. */
export const dealInScope = (scope: Scope, dealId: SQLWrapper) =>
  sql`exists (select 1 from ${opportunities} where ${opportunities.id} = ${dealId} and ${ownedByClause(scope, opportunities.ownerId)})`;
