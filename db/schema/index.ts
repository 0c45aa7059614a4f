// Every table, for drizzle(schema) and drizzle-kit. One file per aggregate.
export * from './enums.ts';
export * from './org.ts';
export * from './accounts.ts';
export * from './products.ts';
export * from './campaigns.ts';
export * from './leads.ts';
export * from './opportunities.ts';
export * from './attribution.ts';
export * from './interactions.ts';
export * from './tasks.ts';
export * from './alerts.ts';
export * from './sources.ts';
export * from './feedback.ts';
export * from './schedules.ts';
export * from './forecasts.ts';
export * from './audit.ts';
export * from './meta.ts';
