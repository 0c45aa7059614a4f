import type { Segment, Territory } from './org.ts';

// The market the demo org sells into: industries, places, stacks and the people in them.

export interface IndustryDef {
  name: string;
  /** company-name suffixes that sound like the industry */
  suffixes: string[];
  /** revenue per employee, whole dollars */
  revenuePerEmployee: number;
}

export const INDUSTRIES: readonly IndustryDef[] = [
  { name: 'Software', suffixes: ['Labs', 'Software', 'Systems', 'Cloud', 'AI'], revenuePerEmployee: 260_000 },
  { name: 'Financial Services', suffixes: ['Capital', 'Financial', 'Partners', 'Bank', 'Insurance'], revenuePerEmployee: 420_000 },
  { name: 'Healthcare', suffixes: ['Health', 'Medical', 'Care', 'Clinics', 'Biosciences'], revenuePerEmployee: 180_000 },
  { name: 'Manufacturing', suffixes: ['Industries', 'Manufacturing', 'Components', 'Machinery', 'Works'], revenuePerEmployee: 310_000 },
  { name: 'Retail', suffixes: ['Retail', 'Stores', 'Brands', 'Outfitters', 'Market'], revenuePerEmployee: 150_000 },
  { name: 'Logistics', suffixes: ['Logistics', 'Freight', 'Shipping', 'Transport', 'Supply'], revenuePerEmployee: 200_000 },
  { name: 'Education', suffixes: ['Learning', 'Education', 'Academy', 'EdTech'], revenuePerEmployee: 120_000 },
  { name: 'Media', suffixes: ['Media', 'Studios', 'Publishing', 'Digital'], revenuePerEmployee: 230_000 },
  { name: 'Telecommunications', suffixes: ['Telecom', 'Networks', 'Communications', 'Connect'], revenuePerEmployee: 380_000 },
  { name: 'Energy', suffixes: ['Energy', 'Power', 'Renewables', 'Utilities'], revenuePerEmployee: 450_000 },
];

export interface PlaceDef {
  city: string;
  country: string;
  countryCode: string;
  region: 'North America' | 'EMEA' | 'APAC';
  territory: Territory;
  timeZone: string;
  tld: string;
  /** dialling prefix with area code, for plausible phone numbers */
  phonePrefix: string;
  weight: number;
}

export const PLACES: readonly PlaceDef[] = [
  { city: 'New York', country: 'United States', countryCode: 'US', region: 'North America', territory: 'NA-East', timeZone: 'America/New_York', tld: 'com', phonePrefix: '+1 212', weight: 9 },
  { city: 'Boston', country: 'United States', countryCode: 'US', region: 'North America', territory: 'NA-East', timeZone: 'America/New_York', tld: 'com', phonePrefix: '+1 617', weight: 5 },
  { city: 'Atlanta', country: 'United States', countryCode: 'US', region: 'North America', territory: 'NA-East', timeZone: 'America/New_York', tld: 'com', phonePrefix: '+1 404', weight: 4 },
  { city: 'Chicago', country: 'United States', countryCode: 'US', region: 'North America', territory: 'NA-East', timeZone: 'America/Chicago', tld: 'com', phonePrefix: '+1 312', weight: 6 },
  { city: 'Austin', country: 'United States', countryCode: 'US', region: 'North America', territory: 'NA-West', timeZone: 'America/Chicago', tld: 'com', phonePrefix: '+1 512', weight: 4 },
  { city: 'Denver', country: 'United States', countryCode: 'US', region: 'North America', territory: 'NA-West', timeZone: 'America/Denver', tld: 'com', phonePrefix: '+1 303', weight: 3 },
  { city: 'San Francisco', country: 'United States', countryCode: 'US', region: 'North America', territory: 'NA-West', timeZone: 'America/Los_Angeles', tld: 'com', phonePrefix: '+1 415', weight: 7 },
  { city: 'Seattle', country: 'United States', countryCode: 'US', region: 'North America', territory: 'NA-West', timeZone: 'America/Los_Angeles', tld: 'com', phonePrefix: '+1 206', weight: 4 },
  { city: 'Toronto', country: 'Canada', countryCode: 'CA', region: 'North America', territory: 'NA-East', timeZone: 'America/Toronto', tld: 'ca', phonePrefix: '+1 416', weight: 4 },
  { city: 'Vancouver', country: 'Canada', countryCode: 'CA', region: 'North America', territory: 'NA-West', timeZone: 'America/Vancouver', tld: 'ca', phonePrefix: '+1 604', weight: 2 },
  { city: 'London', country: 'United Kingdom', countryCode: 'GB', region: 'EMEA', territory: 'EMEA', timeZone: 'Europe/London', tld: 'co.uk', phonePrefix: '+44 20', weight: 8 },
  { city: 'Manchester', country: 'United Kingdom', countryCode: 'GB', region: 'EMEA', territory: 'EMEA', timeZone: 'Europe/London', tld: 'co.uk', phonePrefix: '+44 161', weight: 2 },
  { city: 'Berlin', country: 'Germany', countryCode: 'DE', region: 'EMEA', territory: 'EMEA', timeZone: 'Europe/Berlin', tld: 'de', phonePrefix: '+49 30', weight: 4 },
  { city: 'Munich', country: 'Germany', countryCode: 'DE', region: 'EMEA', territory: 'EMEA', timeZone: 'Europe/Berlin', tld: 'de', phonePrefix: '+49 89', weight: 3 },
  { city: 'Paris', country: 'France', countryCode: 'FR', region: 'EMEA', territory: 'EMEA', timeZone: 'Europe/Paris', tld: 'fr', phonePrefix: '+33 1', weight: 3 },
  { city: 'Amsterdam', country: 'Netherlands', countryCode: 'NL', region: 'EMEA', territory: 'EMEA', timeZone: 'Europe/Amsterdam', tld: 'nl', phonePrefix: '+31 20', weight: 3 },
  { city: 'Stockholm', country: 'Sweden', countryCode: 'SE', region: 'EMEA', territory: 'EMEA', timeZone: 'Europe/Stockholm', tld: 'se', phonePrefix: '+46 8', weight: 2 },
  { city: 'Madrid', country: 'Spain', countryCode: 'ES', region: 'EMEA', territory: 'EMEA', timeZone: 'Europe/Madrid', tld: 'es', phonePrefix: '+34 91', weight: 2 },
  { city: 'Dubai', country: 'United Arab Emirates', countryCode: 'AE', region: 'EMEA', territory: 'EMEA', timeZone: 'Asia/Dubai', tld: 'ae', phonePrefix: '+971 4', weight: 1 },
  { city: 'Singapore', country: 'Singapore', countryCode: 'SG', region: 'APAC', territory: 'APAC', timeZone: 'Asia/Singapore', tld: 'sg', phonePrefix: '+65 6', weight: 3 },
  { city: 'Sydney', country: 'Australia', countryCode: 'AU', region: 'APAC', territory: 'APAC', timeZone: 'Australia/Sydney', tld: 'com.au', phonePrefix: '+61 2', weight: 3 },
  { city: 'Melbourne', country: 'Australia', countryCode: 'AU', region: 'APAC', territory: 'APAC', timeZone: 'Australia/Melbourne', tld: 'com.au', phonePrefix: '+61 3', weight: 2 },
  { city: 'Tokyo', country: 'Japan', countryCode: 'JP', region: 'APAC', territory: 'APAC', timeZone: 'Asia/Tokyo', tld: 'jp', phonePrefix: '+81 3', weight: 2 },
  { city: 'Bengaluru', country: 'India', countryCode: 'IN', region: 'APAC', territory: 'APAC', timeZone: 'Asia/Kolkata', tld: 'in', phonePrefix: '+91 80', weight: 2 },
];

/** employee ranges per segment; the team that owns an account follows from its size */
export const SEGMENT_EMPLOYEES: Record<Segment, readonly [number, number]> = {
  smb: [15, 190],
  mid: [200, 1900],
  ent: [2000, 60000],
};
export const SEGMENT_WEIGHTS: readonly (readonly [Segment, number])[] = [
  ['smb', 45],
  ['mid', 35],
  ['ent', 20],
];

export const TECHNOLOGIES = [
  'Salesforce', 'HubSpot', 'Microsoft Dynamics', 'Snowflake', 'BigQuery', 'AWS', 'Azure', 'Google Cloud', 'Slack',
  'Microsoft Teams', 'Zendesk', 'Marketo', 'Segment', 'Tableau', 'Looker', 'SAP', 'Workday', 'Okta', 'Jira',
  'Shopify', 'Stripe', 'Zoom', 'Gong', 'Outreach', 'NetSuite',
] as const;

/** memorable accounts that always exist, so demos and the sample files can name them */
export const HERO_ACCOUNTS = [
  { name: 'Acme Corporation', domain: 'acme-corp.com', industry: 'Manufacturing', segment: 'ent' as Segment, city: 'Chicago' },
  { name: 'Globex Logistics', domain: 'globexlogistics.com', industry: 'Logistics', segment: 'mid' as Segment, city: 'Atlanta' },
  { name: 'Initech Software', domain: 'initech.io', industry: 'Software', segment: 'mid' as Segment, city: 'Austin' },
  { name: 'Northwind Health', domain: 'northwindhealth.com', industry: 'Healthcare', segment: 'ent' as Segment, city: 'Boston' },
  { name: 'Umbra Media', domain: 'umbramedia.co.uk', industry: 'Media', segment: 'smb' as Segment, city: 'London' },
  { name: 'Stark Renewables', domain: 'stark-renewables.de', industry: 'Energy', segment: 'ent' as Segment, city: 'Berlin' },
] as const;

export const DEPARTMENTS = ['Sales', 'Revenue Operations', 'Marketing', 'Finance', 'IT', 'Customer Success', 'Operations'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const TITLES: Record<Department, Record<'c_level' | 'vp' | 'director' | 'manager' | 'individual', string>> = {
  Sales: { c_level: 'Chief Revenue Officer', vp: 'VP of Sales', director: 'Director of Sales', manager: 'Sales Manager', individual: 'Account Executive' },
  'Revenue Operations': { c_level: 'Chief Operating Officer', vp: 'VP of Revenue Operations', director: 'Director of Sales Operations', manager: 'RevOps Manager', individual: 'Sales Operations Analyst' },
  Marketing: { c_level: 'Chief Marketing Officer', vp: 'VP of Marketing', director: 'Director of Demand Generation', manager: 'Marketing Operations Manager', individual: 'Marketing Specialist' },
  Finance: { c_level: 'Chief Financial Officer', vp: 'VP of Finance', director: 'Director of FP&A', manager: 'Finance Manager', individual: 'Financial Analyst' },
  IT: { c_level: 'Chief Information Officer', vp: 'VP of IT', director: 'Director of Business Systems', manager: 'IT Manager', individual: 'Systems Administrator' },
  'Customer Success': { c_level: 'Chief Customer Officer', vp: 'VP of Customer Success', director: 'Director of Customer Success', manager: 'CS Team Lead', individual: 'Customer Success Manager' },
  Operations: { c_level: 'Chief Executive Officer', vp: 'VP of Operations', director: 'Director of Operations', manager: 'Operations Manager', individual: 'Operations Analyst' },
};

export const PAIN_POINTS = [
  'forecast misses of 20% or more every quarter',
  'hours of manual data entry for reps every week',
  'no visibility into pipeline health until quarter end',
  'slow response times to inbound leads',
  'low reply rates on outbound email',
  'territory planning in spreadsheets',
  'too many disconnected sales tools',
  'poor CRM adoption among reps',
  'deals slipping without anyone noticing',
  'no single view of the customer across teams',
  'a months-long ramp for new reps',
  'days spent assembling board reporting',
] as const;

export const DECISION_CRITERIA = [
  'Native Salesforce integration', 'Forecast accuracy', 'Time to value under 30 days', 'SOC 2 Type II report',
  'Total cost of ownership', 'Ease of use for reps', 'EU data residency', 'SSO and SCIM provisioning', 'Open API',
  'Mobile app', 'Executive dashboards', 'Implementation support',
] as const;

export const DECISION_TIMELINES = ['this quarter', 'next quarter', 'within 6 months', 'next fiscal year', 'no fixed timeline'] as const;

export const WON_REASONS = [
  'Best forecast accuracy in the bake-off',
  'Strong executive sponsor and a clear business case',
  'Fastest implementation timeline of the vendors evaluated',
  'Native integration with their existing stack',
  'Multi-year commitment in exchange for a price lock',
  'Champion drove consensus across sales and finance',
  'Reference call with a peer in their industry sealed it',
] as const;

/** lost reasons carry the objection that killed the deal, so the last interactions can echo it */
export const LOST_REASONS = [
  { reason: 'Price: could not get the budget approved', objection: 'price' },
  { reason: 'No decision: stayed with spreadsheets', objection: 'need' },
  { reason: 'Timing: project pushed to next fiscal year', objection: 'timing' },
  { reason: 'Missing feature: needed offline mobile access', objection: 'feature' },
  { reason: 'Champion left the company; new leadership paused it', objection: 'authority' },
  { reason: 'Failed security review', objection: 'trust' },
  { reason: 'Could not agree on contract terms (liability cap)', objection: 'contract' },
] as const;
