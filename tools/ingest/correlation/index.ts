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
 * Matching (match.ts) scores deals by shared system ids, deal tags (tags.ts), thread, name, participants
 * and account; creating (create.ts) needs an identifier or a name plus an account; values (apply.ts,
 * precedence.ts): reviewer correction > CRM row / person > email > transcript / document, then the more
 * recent source; every applied value is a field history row naming its source item, and every
 * confirmation and conflict is kept on the item's metadata.correlation (fieldBacklinks in
 * db/repos/correlation-fields.ts reads them back per deal).
 */
export { correlateFragment } from './correlate.ts';
export { valuesFromSignals } from './from-signals.ts';
export { fragmentKeys, MERGE_THRESHOLD } from './match.ts';
export { extractDealTags, normaliseTag } from './tags.ts';
export * from './types.ts';
