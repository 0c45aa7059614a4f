// Example utterances, kept as data beside the agent that owns each tool: what the local model's intent
// classifier is trained on at start-up. Placeholders stand for the slots a phrasing carries; the trainer
// replaces them with the same tokens the model puts where it finds a mention in a real message:
// {lead} {deal} {account} {rep} {team} {product} {amount} {n}, and {period} / {stage} with sample words.

export interface ToolExamples {
  /** a registry tool name, or a catalog tool that may not exist yet (the model declines it honestly until it does) */
  tool: string;
  /** several phrasings, casual and terse, with typos and "my"/"our"/"the team's" */
  says: readonly string[];
}

/** The class the classifier learns for requests no tool does. */
export const OUT_OF_SCOPE = 'out_of_scope';
