// The fixed cast of the demo org. Names and emails never change with the seed, so docs,
// evals and demos can say "show me Maya Chen's pipeline" and mean the same person every time.

export type Segment = 'smb' | 'mid' | 'ent';
export type Territory = 'NA-East' | 'NA-West' | 'EMEA' | 'APAC';

export interface TeamDef {
  key: Segment;
  name: string;
  region: string;
  manager: { first: string; last: string; timeZone: string };
  /** quarterly quota per rep, whole dollars */
  repQuota: number;
}

export const TEAMS: readonly TeamDef[] = [
  { key: 'ent', name: 'Enterprise', region: 'Global', manager: { first: 'Daniel', last: 'Okafor', timeZone: 'America/New_York' }, repQuota: 900_000 },
  { key: 'mid', name: 'Mid-Market', region: 'North America & EMEA', manager: { first: 'Sofia', last: 'Alvarez', timeZone: 'America/Chicago' }, repQuota: 450_000 },
  { key: 'smb', name: 'SMB', region: 'Global', manager: { first: 'Rachel', last: 'Kim', timeZone: 'America/Los_Angeles' }, repQuota: 200_000 },
];

export interface RepDef {
  first: string;
  last: string;
  team: Segment;
  territory: Territory;
  timeZone: string;
  specialisations: string[];
  /** log-odds added to every deal's win propensity: the analytics should find strong and weak reps */
  skill: number;
  /** multiplier on stage durations: strong reps move deals faster */
  speed: number;
  /** how far ahead of reality the rep's close dates are (0.5 = very optimistic, 1 = accurate) */
  realism: number;
}

export const REPS: readonly RepDef[] = [
  { first: 'Maya', last: 'Chen', team: 'ent', territory: 'NA-East', timeZone: 'America/New_York', specialisations: ['Forecast Pro', 'Financial Services'], skill: 1.1, speed: 0.75, realism: 0.9 },
  { first: 'Lucas', last: 'Moreau', team: 'ent', territory: 'EMEA', timeZone: 'Europe/Paris', specialisations: ['Pipeline Cloud', 'Manufacturing'], skill: 0.1, speed: 1.0, realism: 0.75 },
  { first: 'Priya', last: 'Raman', team: 'ent', territory: 'NA-West', timeZone: 'America/Los_Angeles', specialisations: ['Data Connect', 'Software'], skill: -0.2, speed: 1.1, realism: 0.7 },
  { first: 'Jordan', last: 'Blake', team: 'mid', territory: 'NA-East', timeZone: 'America/New_York', specialisations: ['Insight Analytics', 'Healthcare'], skill: 0.9, speed: 0.8, realism: 0.85 },
  { first: 'Aisha', last: 'Bello', team: 'mid', territory: 'EMEA', timeZone: 'Europe/London', specialisations: ['Engage Sequences', 'Retail'], skill: 0.15, speed: 0.95, realism: 0.8 },
  { first: 'Tom', last: 'Becker', team: 'mid', territory: 'NA-West', timeZone: 'America/Denver', specialisations: ['Pipeline Cloud', 'Logistics'], skill: -1.1, speed: 1.45, realism: 0.55 },
  { first: 'Kenji', last: 'Watanabe', team: 'mid', territory: 'APAC', timeZone: 'Asia/Tokyo', specialisations: ['Insight Analytics', 'Telecommunications'], skill: 0.0, speed: 1.0, realism: 0.75 },
  { first: 'Emma', last: 'Lindqvist', team: 'smb', territory: 'EMEA', timeZone: 'Europe/Stockholm', specialisations: ['Engage Sequences', 'Media'], skill: 0.3, speed: 0.9, realism: 0.8 },
  { first: 'Carlos', last: 'Mendes', team: 'smb', territory: 'NA-East', timeZone: 'America/Toronto', specialisations: ['Pipeline Cloud', 'Education'], skill: -0.95, speed: 1.35, realism: 0.6 },
  { first: 'Hannah', last: 'Park', team: 'smb', territory: 'APAC', timeZone: 'Australia/Sydney', specialisations: ['Engage Sequences', 'Software'], skill: 0.05, speed: 1.0, realism: 0.75 },
];

export const EXEC = { first: 'Victoria', last: 'Hale', email: 'exec@dealwise.demo', title: 'Chief Revenue Officer', timeZone: 'America/New_York' };
export const ADMIN = { first: 'Alex', last: 'Morgan', email: 'admin@dealwise.demo', title: 'Revenue Operations Admin', timeZone: 'America/Chicago' };
export const EMAIL_DOMAIN = 'dealwise.demo';
export const personEmail = (first: string, last: string): string => `${first}.${last}@${EMAIL_DOMAIN}`.toLowerCase();

export interface ProductDef {
  name: string;
  sku: string;
  family: string;
  /** list price per seat per month, whole dollars; the stored list price is per seat per year */
  perSeatMonthly: number;
  /** log-odds effect on win propensity and multiplier on cycle length */
  winEffect: number;
  cycle: number;
  /** how likely each segment is to buy it */
  fit: Record<Segment, number>;
}

export const PRODUCTS: readonly ProductDef[] = [
  { name: 'Pipeline Cloud', sku: 'DW-PLC', family: 'Platform', perSeatMonthly: 50, winEffect: 0.1, cycle: 1.1, fit: { smb: 3, mid: 3, ent: 2 } },
  { name: 'Insight Analytics', sku: 'DW-INA', family: 'Analytics', perSeatMonthly: 30, winEffect: 0.35, cycle: 0.9, fit: { smb: 1, mid: 3, ent: 2 } },
  { name: 'Engage Sequences', sku: 'DW-ENG', family: 'Engagement', perSeatMonthly: 18, winEffect: 0.2, cycle: 0.7, fit: { smb: 4, mid: 2, ent: 1 } },
  { name: 'Forecast Pro', sku: 'DW-FCP', family: 'Analytics', perSeatMonthly: 65, winEffect: -0.55, cycle: 1.35, fit: { smb: 0.3, mid: 1.5, ent: 3 } },
  { name: 'Data Connect', sku: 'DW-DTC', family: 'Integration', perSeatMonthly: 15, winEffect: 0.55, cycle: 0.8, fit: { smb: 0.5, mid: 1.5, ent: 2 } },
];

/** the rivals deals are contested by; each one present lowers the odds */
export const COMPETITORS = ['Closewell', 'FunnelForge', 'Quotient CRM', 'SalesSphere', 'Brightpipe'] as const;
