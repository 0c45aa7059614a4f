import { AppError } from '../../core/errors.ts';

// Expected misses are results, not crashes: a tool throws a ToolMiss, the registry turns it into
// { ok: false, error } so a model (or a person) can recover, e.g. by picking one of the candidates.

export interface Candidate {
  id: string;
  label: string;
  detail?: string;
}

export interface FieldIssue {
  field: string;
  message: string;
}

export interface ToolError {
  /** machine-readable, `kind:detail`, e.g. `not_found:lead`, `ambiguous:lead`, `forbidden:role`, `invalid_input` */
  code: string;
  message: string;
  hint?: string;
  candidates?: Candidate[];
  issues?: FieldIssue[];
}

export class ToolMiss extends AppError {
  readonly candidates: Candidate[] | undefined;
  readonly issues: FieldIssue[] | undefined;

  constructor(error: ToolError) {
    super(error.code, error.message, error.hint === undefined ? {} : { hint: error.hint });
    this.name = 'ToolMiss';
    this.candidates = error.candidates;
    this.issues = error.issues;
  }

  toToolError(): ToolError {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.candidates === undefined ? {} : { candidates: this.candidates }),
      ...(this.issues === undefined ? {} : { issues: this.issues }),
    };
  }
}

export const notFound = (entity: string, reference: string, hint?: string) =>
  new ToolMiss({
    code: `not_found:${entity}`,
    message: `No ${entity} matches "${reference}" among the records you can see`,
    hint: hint ?? `check the spelling, or search with ${entity}_search`,
  });

/** English plural of a record kind: opportunity -> opportunities, lead -> leads, campaign_member -> campaign_members. */
export function plural(noun: string, count: number): string {
  if (count === 1) return noun;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

export const ambiguous = (entity: string, reference: string, candidates: Candidate[]) =>
  new ToolMiss({
    code: `ambiguous:${entity}`,
    message: `"${reference}" matches ${candidates.length} ${plural(entity, candidates.length)}`,
    hint: 'call again with one of the candidate ids',
    candidates,
  });

export const forbidden = (message: string, hint?: string) =>
  new ToolMiss({ code: 'forbidden', message, ...(hint === undefined ? {} : { hint }) });

export const conflict = (message: string, hint?: string) =>
  new ToolMiss({ code: 'conflict', message, ...(hint === undefined ? {} : { hint }) });

export const invalidInput = (issues: FieldIssue[]) =>
  new ToolMiss({
    code: 'invalid_input',
    message: issues.map((i) => `${i.field}: ${i.message}`).join('; '),
    hint: 'fix the named fields and call again',
    issues,
  });
