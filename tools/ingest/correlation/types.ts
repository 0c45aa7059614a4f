import type { OpportunityStage } from '../../../core/domain.ts';
import type { Executor } from '../../../db/client.ts';
import type { Actor, Scope } from '../../../db/repos/scope.ts';
import type { SourceItemKind } from '../core/types.ts';
import type { CorrelationIo } from './io.ts';

// What an ingestion handler tells correlation about one imported item (a "fragment" of a deal), and what
// correlation answers. The handler has already stored the source item and matched its participants.

/** The deal fields correlation maintains (and reviewers may lock with feedback_annotate). */
export const CORRELATED_FIELDS = ['value', 'expectedCloseDate', 'probability', 'quantity', 'unitPrice', 'stage'] as const;
export type CorrelatedField = (typeof CORRELATED_FIELDS)[number];

export interface Money {
  amountMinor: number;
  currency: string;
}

export interface QuantityValue {
  value: number;
  unit: string;
}

export interface FieldValues {
  value: Money;
  /** YYYY-MM-DD */
  expectedCloseDate: string;
  /** 0-100 */
  probability: number;
  quantity: QuantityValue;
  /** the price per seat/user/licence/unit on the table */
  unitPrice: Money;
  stage: OpportunityStage;
}

/** A value a fragment states, with the words it was read from. */
export type FragmentValues = { [F in CorrelatedField]?: { value: FieldValues[F]; quote?: string } };

/** A participant as the core's ParticipantMatcher reports it (users and leads carry an id). */
export interface FragmentParticipant {
  kind: 'user' | 'lead' | 'hidden' | 'unknown';
  email: string;
  id?: string;
  accountId?: string | null;
}

export interface Fragment {
  /** the source item just stored for this fragment (the backlink every applied value keeps) */
  sourceItemId: string;
  kind: SourceItemKind;
  /** when the fragment happened (email date, meeting start, CRM row modified): recency is judged on it */
  occurredAt: Date;
  /** subject, meeting title or CRM deal name; searched for deal tags */
  title?: string | null;
  /** body or transcript text; searched for deal tags */
  text?: string | null;
  threadKey?: string | null;
  participants?: readonly FragmentParticipant[];
  /** the account, when the handler knows it (else taken from the participants) */
  accountId?: string | null;
  /** a deal name the source states (CRM row, a "Deal:" line) */
  opportunityName?: string | null;
  /** deal identifiers beyond those found in title/text, e.g. ['RFQ-1234'] */
  tags?: readonly string[];
  /** the deal's id in another system, e.g. { 'crm:maven': 'MV-1042' }: an exact match is decisive */
  externalIds?: Readonly<Record<string, string>>;
  /**
   * the deal the source itself names (a CRM row upserted by its own id, a transcript imported for a chosen
   * deal): merged into without matching, its values weighed like any other fragment's
   */
  opportunityId?: string | null;
  /** who should own a deal created from this fragment (e.g. our user on the thread, the CRM owner) */
  ownerId?: string | null;
  values?: FragmentValues;
  /** interactions made from this item: linked to the deal when they name none yet */
  interactionIds?: readonly string[];
}

/** Where correlation runs: the item's transaction, the caller's scope and clock (an ItemContext fits). */
export interface CorrelationContext {
  tx: Executor;
  scope: Scope;
  /** undefined for an operator import (CLI) */
  actor: Actor | undefined;
  now: Date;
  /** lookups and record writes; default: the database, one query at a time (io.ts); bulk imports pass a BatchCorrelation */
  io?: CorrelationIo;
}

export interface Candidate {
  opportunityId: string;
  name: string;
  score: number;
  /** the keys that matched, e.g. ['tag:RFQ-1234', 'participants:2', 'account'] */
  matchedBy: string[];
}

export interface FieldConflict {
  field: CorrelatedField;
  stored: unknown;
  incoming: unknown;
  /** where the stored value came from: a reviewer, a source item, or a person editing the deal */
  storedSource: { kind: string; sourceItemId: string | null; annotationId: string | null; at: string | null };
  incomingSource: { kind: string; sourceItemId: string; at: string };
  winner: 'stored' | 'incoming';
  why: string;
}

export interface FieldChange {
  field: CorrelatedField;
  from: unknown;
  to: unknown;
}

export type CorrelationResult = 'merged' | 'created' | 'ambiguous' | 'unmatched' | 'hidden';

export interface CorrelationOutcome {
  result: CorrelationResult;
  /** the deal the fragment now belongs to (merged / created), else null */
  opportunityId: string | null;
  score: number | null;
  matchedBy: string[];
  /** the runners-up (ambiguous) or near misses (unmatched), best first */
  candidates: Candidate[];
  tags: string[];
  applied: FieldChange[];
  /** fields whose stored value the fragment confirms */
  supported: CorrelatedField[];
  conflicts: FieldConflict[];
  /** true when this source item had been correlated before: the stored outcome, nothing rewritten */
  repeated: boolean;
  note: string | null;
}
