import { z } from 'zod';

// A fact a draft states, and where in the record it came from. Drafts list every fact they use, so a
// reader (or the model check) can trace each claim to an interaction, a deal field or a lead field.

export const FACT_SOURCE_KINDS = ['lead', 'account', 'opportunity', 'interaction', 'signal', 'user', 'task', 'qualification', 'derived'] as const;

export const factSource = z
  .object({
    kind: z.enum(FACT_SOURCE_KINDS).describe('what holds the fact: a lead field, a deal field, an interaction, a signal extracted from one, the sender...'),
    id: z.string().describe('id of that record'),
    field: z.string().optional().describe('the field it comes from, when it is a field'),
    quote: z.string().optional().describe('the words in the source, when it is text'),
  })
  .describe('where the fact comes from');

export const factItem = z
  .object({
    key: z.string().describe('what the fact is about, e.g. lead.title, deal.nextSteps, interaction.question'),
    fact: z.string().describe('the fact as the draft states it'),
    source: factSource,
  })
  .describe('one fact a draft used, with its source');

export const factList = z.array(factItem).describe('every fact the draft used, each with its source');

export type Fact = z.infer<typeof factItem>;
export type FactSourceKind = (typeof FACT_SOURCE_KINDS)[number];

/** Records which facts a composition used, in the order it used them (each once). */
export class FactLedger {
  private readonly used = new Map<string, Fact>();

  use(fact: Fact): string {
    const id = `${fact.key}|${fact.source.id}|${fact.fact}`;
    if (!this.used.has(id)) this.used.set(id, fact);
    return fact.fact;
  }

  list(): Fact[] {
    return [...this.used.values()];
  }

  /** the used facts that made it into the final text (a sentence cut for length takes its facts with it) */
  inText(text: string): Fact[] {
    return this.list().filter((f) => text.includes(f.fact));
  }
}
