// The CRM vocabulary, defined once. The database enums (db/schema) and the tool
// schemas (zod) are both built from these lists, so they cannot drift apart.

export const ROLES = ['rep', 'manager', 'exec', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const SENIORITIES = ['c_level', 'vp', 'director', 'manager', 'individual'] as const;
export type Seniority = (typeof SENIORITIES)[number];

export const LEAD_STAGES = ['new', 'contacted', 'qualified', 'opportunity', 'customer', 'disqualified'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];

export const LEAD_STATUSES = ['open', 'working', 'nurturing', 'unqualified', 'converted', 'merged'] as const;
export const EMAIL_STATUSES = ['valid', 'unverified', 'bounced', 'unsubscribed', 'invalid'] as const;
export const QUALIFICATION_STATUSES = ['not_started', 'in_progress', 'qualified', 'disqualified'] as const;

export const LEAD_SOURCES = [
  'website',
  'referral',
  'event',
  'outbound',
  'partner',
  'paid_search',
  'social',
  'webinar',
  'content',
  'import',
] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

// Ordered: the open stages in the order a deal moves through them, then the two closed ones.
export const OPEN_OPPORTUNITY_STAGES = ['prospecting', 'qualification', 'discovery', 'proposal', 'negotiation'] as const;
export const OPPORTUNITY_STAGES = [...OPEN_OPPORTUNITY_STAGES, 'closed_won', 'closed_lost'] as const;
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number];
export type OpenOpportunityStage = (typeof OPEN_OPPORTUNITY_STAGES)[number];

export const FORECAST_CATEGORIES = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;
export const OUTCOMES = ['won', 'lost'] as const;

export const INTERACTION_TYPES = ['email', 'call', 'meeting', 'sms', 'whatsapp', 'note'] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];
export const DIRECTIONS = ['inbound', 'outbound', 'internal'] as const;
export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const OBJECTION_TYPES = ['price', 'timing', 'authority', 'need', 'competitor', 'trust', 'feature', 'contract'] as const;
export type ObjectionType = (typeof OBJECTION_TYPES)[number];

export const ENGAGEMENT_EVENT_TYPES = [
  'sent',
  'delivered',
  'opened',
  'clicked',
  'bounced',
  'replied',
  'unsubscribed',
] as const;
export type EngagementEventType = (typeof ENGAGEMENT_EVENT_TYPES)[number];

export const TASK_TYPES = ['call', 'email', 'meeting', 'follow_up', 'todo'] as const;
export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;

export const CAMPAIGN_CHANNELS = ['email', 'paid_search', 'social', 'event', 'webinar', 'content', 'partner'] as const;
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export const SEVERITIES = ['low', 'medium', 'high'] as const;

export const SOURCE_ITEM_KINDS = ['email', 'transcript', 'crm_csv_row', 'webhook', 'note', 'document'] as const;
export const RECORD_TYPES = ['lead', 'opportunity', 'account', 'interaction', 'task', 'user', 'campaign'] as const;

export const SCHEDULE_CHANNELS = ['slack', 'teams', 'email', 'web'] as const;
export const RUN_STATUSES = ['running', 'succeeded', 'failed', 'skipped'] as const;
/** a scheduled briefing's delivery: sending (posting under a lease), sent, failed (retried while nextAttemptAt is set), unknown (a person must check), skipped (missed slot) */
export const DELIVERY_STATUSES = ['sending', 'sent', 'failed', 'unknown', 'skipped'] as const;
