import { date, index, jsonb, pgTable, real, text, uuid, vector } from 'drizzle-orm/pg-core';
import { EMBEDDING_DIMENSIONS } from '../../core/embeddings/dimensions.ts';
import { accounts } from './accounts.ts';
import { campaigns } from './campaigns.ts';
import { createdAt, currency, id, money, ts, updatedAt } from './columns.ts';
import { forecastCategoryEnum, leadSourceEnum, opportunityStageEnum, outcomeEnum } from './enums.ts';
import { leads } from './leads.ts';
import { users } from './org.ts';
import { products } from './products.ts';

export const opportunities = pgTable(
  'opportunities',
  {
    id: id(),
    name: text('name').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    primaryContactId: uuid('primary_contact_id').references(() => leads.id, { onDelete: 'set null' }),
    productId: uuid('product_id').references(() => products.id),
    valueMinor: money('value_minor').notNull(),
    currency: currency(),
    /** discount off list price, percent (0-100) */
    discountPct: real('discount_pct'),
    stage: opportunityStageEnum('stage').notNull().default('prospecting'),
    stageEnteredAt: ts('stage_entered_at').notNull().defaultNow(),
    forecastCategory: forecastCategoryEnum('forecast_category').notNull().default('pipeline'),
    /** percent 0-100 as last set on the deal (the rep's or the model's) */
    probability: real('probability'),
    expectedCloseDate: date('expected_close_date', { mode: 'string' }),
    closedAt: ts('closed_at'),
    outcome: outcomeEnum('outcome'),
    wonReason: text('won_reason'),
    lostReason: text('lost_reason'),
    lostToCompetitor: text('lost_to_competitor'),
    competitors: text('competitors').array().notNull().default([]),
    /** competitors named in the deal's mail and calls ("Sensortec quoted us $45"), unconfirmed until a person adds them to competitors */
    competitorCandidates: jsonb('competitor_candidates').$type<CompetitorCandidate[]>().notNull().default([]),
    decisionCriteria: text('decision_criteria').array().notNull().default([]),
    nextSteps: text('next_steps'),
    source: leadSourceEnum('source'),
    campaignId: uuid('campaign_id').references(() => campaigns.id),
    externalIds: jsonb('external_ids').$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('opportunities_owner_idx').on(t.ownerId),
    index('opportunities_account_idx').on(t.accountId),
    index('opportunities_stage_idx').on(t.stage),
    index('opportunities_close_idx').on(t.expectedCloseDate),
    index('opportunities_closed_at_idx').on(t.closedAt),
    // correlation: the deals of an email's people (primary contact) and of its deal tags / CRM ids
    // (`external_ids ?| keys`, `@> {system: id}`; jsonb_ops, which serves both operators)
    index('opportunities_primary_contact_idx').on(t.primaryContactId),
    index('opportunities_external_ids_idx').using('gin', t.externalIds),
  ],
);

export const opportunityContacts = pgTable(
  'opportunity_contacts',
  {
    id: id(),
    opportunityId: uuid('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    /** champion, economic_buyer, decision_maker, influencer, user, blocker */
    role: text('role').notNull(),
  },
  (t) => [index('opportunity_contacts_opp_idx').on(t.opportunityId), index('opportunity_contacts_lead_idx').on(t.leadId)],
);

export const opportunityStageHistory = pgTable(
  'opportunity_stage_history',
  {
    id: id(),
    opportunityId: uuid('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    fromStage: opportunityStageEnum('from_stage'),
    toStage: opportunityStageEnum('to_stage').notNull(),
    /** the deal's probability, value and close date at the moment of the change: what was known then */
    probability: real('probability'),
    valueMinor: money('value_minor'),
    expectedCloseDate: date('expected_close_date', { mode: 'string' }),
    reason: text('reason'),
    changedById: uuid('changed_by_id').references(() => users.id),
    changedAt: ts('changed_at').notNull(),
  },
  (t) => [index('opportunity_stage_history_opp_idx').on(t.opportunityId, t.changedAt)],
);

// Changes of single fields outside stage moves (close date slips, probability and value edits),
// so risk checks and as-of replays can see what a deal looked like on any past day.
export const opportunityFieldHistory = pgTable(
  'opportunity_field_history',
  {
    id: id(),
    opportunityId: uuid('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    field: text('field').notNull(),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    changedById: uuid('changed_by_id').references(() => users.id),
    sourceItemId: uuid('source_item_id'),
    changedAt: ts('changed_at').notNull(),
  },
  (t) => [index('opportunity_field_history_opp_idx').on(t.opportunityId, t.field, t.changedAt)],
);

// One embedding per deal, of its profile text (product, segment, size, source, competitors...),
// so "deals like this one" is a pgvector nearest-neighbour query.
export const opportunityEmbeddings = pgTable(
  'opportunity_embeddings',
  {
    opportunityId: uuid('opportunity_id')
      .primaryKey()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    profileText: text('profile_text').notNull(),
    embedding: vector('embedding', { dimensions: EMBEDDING_DIMENSIONS }).notNull(),
    embeddingModel: text('embedding_model').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('opportunity_embeddings_hnsw_idx').using('hnsw', t.embedding.op('vector_cosine_ops'))],
);

/** A competitor a source named for a deal (tools/ingest/competitors/candidates.ts). */
export interface CompetitorCandidate {
  name: string;
  /** the words it was read from */
  quote: string;
  /** "quoted", "talking to", "going with", "considering" */
  phrase: string;
  price: { amountMinor: number; currency: string } | null;
  sourceItemId: string | null;
  at: string;
}
