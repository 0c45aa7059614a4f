/**
 * Correlation: fragments of one deal from different sources (an email about RFQ-1234, a meeting transcript
 * with the same people, a CRM row) merge into one opportunity.
 *
 * An ingestion handler calls `correlateFragment(ctx, fragment)` once per item, inside the item's
 * transaction (an ItemContext fits as ctx), after storing the item and matching its participants:
 *
 *   const outcome = await correlateFragment(ctx, {
 *     sourceItemId: ctx.sourceItemId, kind: 'email', occurredAt, title: subject, text: body, threadKey,
 *     participants: [...matches.values()], interactionIds: [interactionId],
 *     values: valuesFromSignals(signals, occurredAt.toISOString().slice(0, 10)),
 *   });
 *
 * A fragment that names its deal (opportunityId: a CRM row upserted by its id, a transcript imported for a
 * chosen deal) is merged into it without matching. A bulk handler (email) passes `io: BatchCorrelation`
 * (batch.ts) in the context: the batch's lookups are read once and its records written in flush().
 *
 * Matching (match.ts) scores deals by shared system ids, deal tags (tags.ts), thread, name, participants,
 * account and the deal's name written in the text (mentions.ts); creating (create.ts) needs an identifier
 * or a name plus an account; values (apply.ts,
 * precedence.ts): reviewer correction > CRM row / person > email > transcript / document, then the more
 * recent source; every applied value is a field history row naming its source item, and every
 * confirmation and conflict is kept on the item's metadata.correlation (fieldBacklinks in
 * db/repos/correlation-fields.ts reads them back per deal).
 */
export { BatchCorrelation } from './batch.ts';
export { correlateFragment } from './correlate.ts';
export { valuesFromSignals } from './from-signals.ts';
export { fragmentKeys, MERGE_THRESHOLD } from './match.ts';
export { extractDealTags, normaliseTag } from './tags.ts';
export * from './types.ts';
