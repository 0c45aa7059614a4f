import type { UnsupportedClaim } from '../facts/check.ts';
import type { Fact } from '../facts/fact.ts';

// What each draft tool's model path shares: the record's draft goes to the model with its facts as data,
// and the reply is kept only when it passes the fact check (facts/check.ts). A rejected reply leaves the
// record's draft as it was and says why.

export interface ModelRewrite {
  accepted: boolean;
  /** why the rewrite was not kept (null when it was) */
  reason: string | null;
  /** the claims that failed the check; for a sequence each names its step */
  unsupported: (UnsupportedClaim & { step?: number })[];
  /** draft_sequence: the text steps the channel limit cut after the rewrite */
  cut?: number[];
}

/** the fields every draft tool's output has (tools/communication/drafting/prepare.ts draftCommon) */
export interface DraftCommon {
  tone: unknown;
  facts: Fact[];
  unsupported: UnsupportedClaim[];
  composedBy: 'record' | 'model';
}

export interface DraftRewriter<D extends DraftCommon> {
  /** prompts/<name>.md */
  prompt: string;
  /** the draft as this tool returned it, or undefined when the data is not one */
  read(data: unknown): D | undefined;
  /** the one data message for the model: the facts and the draft, nothing interpolated into the prompt */
  message(draft: D): string;
  /** the draft after the reply: rewritten when the reply passed, otherwise the record's, with modelRewrite */
  apply(draft: D, reply: string): D & { modelRewrite: ModelRewrite };
}

export const rejected = (reason: string, unsupported: ModelRewrite['unsupported'] = []): ModelRewrite => ({ accepted: false, reason, unsupported });
export const accepted: ModelRewrite = { accepted: true, reason: null, unsupported: [] };

/** a reply without the code fence some models wrap it in */
export const unfenced = (text: string): string => text.trim().replace(/^```[a-z]*\n?|\n?```$/g, '').trim();

export const isDraftCommon = (d: unknown): d is DraftCommon =>
  typeof d === 'object' && d !== null && Array.isArray((d as DraftCommon).facts) && Array.isArray((d as DraftCommon).unsupported);
