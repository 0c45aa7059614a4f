import { and, type SQL } from 'drizzle-orm';

/** AND of the conditions that are set (a filter left undefined adds nothing); undefined when none is. */
export const where = (...conditions: (SQL | undefined)[]) => and(...conditions.filter((c): c is SQL => c !== undefined));
