// One interface for every embedding provider; the store records `model` and `dimensions`
// so a store filled by one provider is never searched with vectors from another.
export interface Embedder {
  readonly model: string;
  readonly dimensions: number;
  embed(texts: readonly string[]): Promise<number[][]>;
}
