import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns.ts';
import { id, ts } from './columns.ts';
import { leads } from './leads.ts';
import { opportunities } from './opportunities.ts';

// Attribution: every marketing touch a lead had, so first-touch and any-touch can both be computed.
export const campaignTouches = pgTable(
  'campaign_touches',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    opportunityId: uuid('opportunity_id').references(() => opportunities.id, { onDelete: 'set null' }),
    touchedAt: ts('touched_at').notNull(),
    kind: text('kind').notNull().default('touch'),
  },
  (t) => [
    index('campaign_touches_lead_idx').on(t.leadId, t.touchedAt),
    uniqueIndex('campaign_touches_uq').on(t.campaignId, t.leadId, t.touchedAt),
  ],
);
