import { features } from './text.ts';

// A multinomial logistic regression (softmax) over hashed-free sparse features with TF-IDF-like
// weighting, trained with Adagrad at start-up. Small, deterministic (fixed example order, no random init),
// and it gives probabilities, which the model needs for its out-of-scope threshold.

export interface Prediction {
  label: string;
  probability: number;
}

export interface TrainingExample {
  text: string;
  label: string;
}

export interface ClassifierOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
}

export class SoftmaxClassifier {
  private readonly vocab = new Map<string, number>();
  private idf = new Float32Array(0);
  private weights = new Float32Array(0);
  private bias = new Float32Array(0);
  readonly labels: string[] = [];

  constructor(examples: readonly TrainingExample[], options: ClassifierOptions = {}) {
    const labelIndex = new Map<string, number>();
    for (const e of examples) if (!labelIndex.has(e.label)) labelIndex.set(e.label, labelIndex.size);
    this.labels.push(...labelIndex.keys());
    const docFreq: number[] = [];
    const encoded = examples.map((e) => {
      const ids = new Set<number>();
      for (const f of features(e.text)) {
        let id = this.vocab.get(f);
        if (id === undefined) {
          id = this.vocab.size;
          this.vocab.set(f, id);
          docFreq.push(0);
        }
        ids.add(id);
      }
      for (const id of ids) docFreq[id]!++;
      return { ids: [...ids], y: labelIndex.get(e.label)! };
    });
    this.idf = Float32Array.from(docFreq, (df) => Math.log((1 + examples.length) / (1 + df)) + 1);
    this.train(encoded, options);
  }

  private vector(ids: number[]): { ids: number[]; values: Float32Array } {
    const values = Float32Array.from(ids, (id) => this.idf[id]!);
    const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0)) || 1;
    for (let i = 0; i < values.length; i++) values[i]! /= norm;
    return { ids, values };
  }

  private scores(x: { ids: number[]; values: Float32Array }): Float32Array {
    const k = this.labels.length;
    const z = Float32Array.from(this.bias);
    for (let i = 0; i < x.ids.length; i++) {
      const base = x.ids[i]! * k;
      const v = x.values[i]!;
      for (let c = 0; c < k; c++) z[c]! += this.weights[base + c]! * v;
    }
    let max = -Infinity;
    for (const s of z) max = Math.max(max, s);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += z[c] = Math.exp(z[c]! - max);
    for (let c = 0; c < k; c++) z[c]! /= sum;
    return z;
  }

  private train(encoded: { ids: number[]; y: number }[], options: ClassifierOptions) {
    const k = this.labels.length;
    const epochs = options.epochs ?? 9;
    const lr = options.learningRate ?? 0.5;
    const l2 = options.l2 ?? 1e-5;
    this.weights = new Float32Array(this.vocab.size * k);
    this.bias = new Float32Array(k);
    const g2 = new Float32Array(this.vocab.size * k).fill(1e-6);
    const b2 = new Float32Array(k).fill(1e-6);
    const xs = encoded.map((e) => ({ x: this.vector(e.ids), y: e.y }));
    // a fixed interleaving instead of a random shuffle: deterministic and class-mixed
    const order = xs.map((_, i) => i).sort((a, b) => ((a * 7919) % xs.length) - ((b * 7919) % xs.length));
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (const i of order) {
        const { x, y } = xs[i]!;
        const p = this.scores(x);
        for (let c = 0; c < k; c++) {
          const grad = p[c]! - (c === y ? 1 : 0);
          if (Math.abs(grad) < 1e-3) continue;
          b2[c]! += grad * grad;
          this.bias[c]! -= (lr * grad) / Math.sqrt(b2[c]!);
          for (let j = 0; j < x.ids.length; j++) {
            const at = x.ids[j]! * k + c;
            const g = grad * x.values[j]! + l2 * this.weights[at]!;
            g2[at]! += g * g;
            this.weights[at]! -= (lr * g) / Math.sqrt(g2[at]!);
          }
        }
      }
    }
  }

  /** Every label with its probability, best first; `only` restricts (and renormalises) to some labels. */
  predict(text: string, only?: ReadonlySet<string>): Prediction[] {
    const ids = [...new Set(features(text).map((f) => this.vocab.get(f)).filter((id): id is number => id !== undefined))];
    const p = this.scores(this.vector(ids));
    let out = this.labels.map((label, c) => ({ label, probability: p[c]! }));
    if (only) {
      out = out.filter((o) => only.has(o.label));
      const total = out.reduce((s, o) => s + o.probability, 0) || 1;
      out = out.map((o) => ({ ...o, probability: o.probability / total }));
    }
    return out.sort((a, b) => b.probability - a.probability);
  }
}
