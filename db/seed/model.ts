import type { Faker } from '@faker-js/faker';
import type { LeadSource, OpportunityStage, Seniority } from '../../core/domain.ts';
import type * as s from '../schema/index.ts';
import type { IndustryDef, PlaceDef } from './catalog/market.ts';
import type { CampaignDef } from './catalog/marketing.ts';
import type { ProductDef, RepDef, Segment } from './catalog/org.ts';
import type { Rng } from './rng.ts';

// The in-memory picture the builders share: table rows ready to insert, plus the few facts
// about each record (segment, time zone, fate) later builders need and no column holds.

export interface Dataset {
  teams: (typeof s.teams.$inferInsert)[];
  users: (typeof s.users.$inferInsert)[];
  products: (typeof s.products.$inferInsert)[];
  campaigns: (typeof s.campaigns.$inferInsert)[];
  templates: (typeof s.templates.$inferInsert)[];
  abTests: (typeof s.abTests.$inferInsert)[];
  accounts: (typeof s.accounts.$inferInsert)[];
  leads: (typeof s.leads.$inferInsert)[];
  leadStageHistory: (typeof s.leadStageHistory.$inferInsert)[];
  leadFieldHistory: (typeof s.leadFieldHistory.$inferInsert)[];
  opportunities: (typeof s.opportunities.$inferInsert)[];
  opportunityContacts: (typeof s.opportunityContacts.$inferInsert)[];
  opportunityStageHistory: (typeof s.opportunityStageHistory.$inferInsert)[];
  opportunityFieldHistory: (typeof s.opportunityFieldHistory.$inferInsert)[];
  campaignTouches: (typeof s.campaignTouches.$inferInsert)[];
  interactions: (typeof s.interactions.$inferInsert)[];
  engagementEvents: (typeof s.engagementEvents.$inferInsert)[];
  tasks: (typeof s.tasks.$inferInsert)[];
  alerts: (typeof s.alerts.$inferInsert)[];
  schedules: (typeof s.schedules.$inferInsert)[];
}

export type InteractionRow = Dataset['interactions'][number];

export const emptyDataset = (): Dataset => ({
  teams: [], users: [], products: [], campaigns: [], templates: [], abTests: [], accounts: [], leads: [],
  leadStageHistory: [], leadFieldHistory: [], opportunities: [], opportunityContacts: [], opportunityStageHistory: [],
  opportunityFieldHistory: [], campaignTouches: [], interactions: [], engagementEvents: [], tasks: [], alerts: [], schedules: [],
});

export interface SeedCtx {
  seed: number;
  scale: number;
  now: Date;
  faker: Faker;
  /** the id stream: every row id comes from here */
  id: () => string;
  rng: (label: string) => Rng;
  data: Dataset;
}

export interface Person {
  id: string;
  first: string;
  last: string;
  fullName: string;
  email: string;
  timeZone: string;
}

export interface RepModel extends Person {
  def: RepDef;
  teamId: string;
  managerId: string;
}

export interface OrgModel {
  reps: RepModel[];
  managers: Person[];
  exec: Person;
  admin: Person;
  products: ProductModel[];
}

export interface ProductModel {
  id: string;
  def: ProductDef;
}

export interface CampaignModel {
  id: string;
  def: CampaignDef;
  startsAt: Date;
  endsAt: Date | undefined;
}

export interface MarketingModel {
  campaigns: Map<string, CampaignModel>;
  templates: Map<string, string>;
  abTests: { id: string; key: string; step: number; metric: 'opened' | 'replied'; a: string; b: string; rateA: number; rateB: number; startsAt: Date; endsAt: Date | undefined }[];
}

export interface AccountModel {
  id: string;
  name: string;
  domain: string;
  segment: Segment;
  industry: IndustryDef;
  place: PlaceDef;
  employees: number;
  technologies: string[];
  owner: RepModel;
  createdAt: Date;
  leads: LeadModel[];
  usedEmails: Set<string>;
  row: Dataset['accounts'][number];
}

/** what happened to a lead, filled in as its timeline is built; lifecycle and history derive from it */
export interface LeadMilestones {
  contactedAt?: Date;
  qualifiedAt?: Date;
  opportunityAt?: Date;
  customerAt?: Date;
  disqualifiedAt?: Date;
  disqualifyReason?: string;
  nurturing?: boolean;
  bounced?: boolean;
  unsubscribed?: boolean;
}

export type LeadKind = 'prospect' | 'primary' | 'contact' | 'duplicate';

export interface LeadModel {
  id: string;
  kind: LeadKind;
  account: AccountModel;
  first: string;
  last: string;
  fullName: string;
  email: string;
  title: string;
  seniority: Seniority;
  department: string;
  timeZone: string;
  source: LeadSource;
  campaign: CampaignModel | undefined;
  createdAt: Date;
  owner: RepModel;
  painPoints: string[];
  /** how responsive this person is (multiplies open and reply odds) */
  responsiveness: number;
  milestones: LeadMilestones;
  row: Dataset['leads'][number];
}

export interface StagePoint {
  stage: OpportunityStage;
  at: Date;
  probability: number;
  valueMinor: number;
  expectedClose: Date;
}

export interface DealModel {
  id: string;
  name: string;
  account: AccountModel;
  owner: RepModel;
  product: ProductModel;
  primary: LeadModel;
  contacts: LeadModel[];
  seats: number;
  /** per seat per month after any discount, whole dollars */
  pricePerSeat: number;
  createdAt: Date;
  /** latent chance of winning, the cause behind every outcome */
  propensity: number;
  outcome: 'won' | 'lost' | undefined;
  closedAt: Date | undefined;
  lostReason: { reason: string; objection: string } | undefined;
  lostToCompetitor: string | undefined;
  competitors: string[];
  path: StagePoint[];
  stuck: boolean;
  row: Dataset['opportunities'][number];
}
