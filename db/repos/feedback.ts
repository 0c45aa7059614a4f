import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { feedbackAnnotations } from '../schema/index.ts';

// Reviewer corrections of single fields. At most one annotation per record and field is active (not
// superseded); imports read the active ones and leave those fields alone. Annotations hang off a record
// the caller has already resolved inside their scope, so these lookups take its id.

export type AnnotationRow = typeof feedbackAnnotations.$inferSelect;
export type AnnotatedRecord = AnnotationRow['recordType'];

/** The active annotations of a record, optionally only for some fields. */
export async function activeAnnotations(ex: Executor, recordType: AnnotatedRecord, recordId: string, fields?: readonly string[]): Promise<AnnotationRow[]> {
  return ex
    .select()
    .from(feedbackAnnotations)
    .where(
      and(
        eq(feedbackAnnotations.recordType, recordType),
        eq(feedbackAnnotations.recordId, recordId),
        isNull(feedbackAnnotations.supersededAt),
        fields ? inArray(feedbackAnnotations.field, [...fields]) : undefined,
      ),
    )
    .orderBy(desc(feedbackAnnotations.createdAt), desc(feedbackAnnotations.id));
}

/** Marks the active annotations of one field superseded; returns their ids. */
export async function supersedeAnnotations(ex: Executor, recordType: AnnotatedRecord, recordId: string, field: string, at: Date): Promise<string[]> {
  const changed = await ex
    .update(feedbackAnnotations)
    .set({ supersededAt: at })
    .where(
      and(
        eq(feedbackAnnotations.recordType, recordType),
        eq(feedbackAnnotations.recordId, recordId),
        eq(feedbackAnnotations.field, field),
        isNull(feedbackAnnotations.supersededAt),
      ),
    )
    .returning({ id: feedbackAnnotations.id });
  return changed.map((r) => r.id);
}

export async function insertAnnotation(ex: Executor, row: typeof feedbackAnnotations.$inferInsert): Promise<string> {
  const [created] = await ex.insert(feedbackAnnotations).values(row).returning({ id: feedbackAnnotations.id });
  if (!created) throw new Error('feedback annotation insert returned no row');
  return created.id;
}
