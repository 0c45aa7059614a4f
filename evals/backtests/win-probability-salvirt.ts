import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stratifiedFolds } from '../../core/stats/folds.ts';
import { auc, baseRateBrier, brier, type Prediction } from '../../core/stats/metrics.ts';
import {
  fitWinModel,
  memoryNeighbourSearch,
  predictWithSearch,
  type ClosedDeal,
  type WinModelOptions,
} from '../../tools/opportunities/win-probability/model.ts';
import { fitNaiveBayes, predictNaiveBayes } from './win-probability-naive-bayes.ts';

// Salvirt B2B win/loss (448 real deals, no dates): de-duplicate, map the fields onto our deal shape,
// 5-fold stratified cross-validation. Each fold's model, priors and neighbour pool come from the
// training folds only; held-out deals are scored against that pool.

const here = path.dirname(fileURLToPath(import.meta.url));
export const SALVIRT_CSV = path.resolve(here, '../../../shared/data/salvirt_b2b_win_loss/Salvirt_B2B_ML_dataset_HF.csv');

export type SalvirtRow = Record<string, string>;
export const SALVIRT_FEATURE_FIELDS = [
  'Product', 'Seller', 'Authority', 'Comp_size', 'Competitors', 'Purch_dept', 'Partnership', 'Budgt_alloc', 'Forml_tend', 'RFI',
  'RFP', 'Growth', 'Posit_statm', 'Source', 'Client', 'Scope', 'Strat_deal', 'Cross_sale', 'Up_sale', 'Deal_type', 'Needs_def',
  'Att_t_client',
] as const;

/**
 * Salvirt columns -> our deal fields. Qualification holds the BANT-like facts a rep records
 * (authority, budget, need, buying process); attributes hold the account/deal context.
 */
export function salvirtDeal(row: SalvirtRow, id: string): ClosedDeal {
  const v = (field: string) => row[field] ?? '';
  const competitors = v('Competitors'); // Yes / No / Unknown: presence only, no names
  return {
    id,
    won: v('Status') === 'Won',
    product: v('Product'),
    owner: v('Seller'),
    size: v('Comp_size'),
    source: v('Source'),
    competitors: competitors === 'No' ? [] : [competitors === 'Yes' ? 'unnamed' : 'unknown'],
    qualification: {
      authority: v('Authority'),
      budget: v('Budgt_alloc'),
      need: v('Needs_def'),
      scope: v('Scope'),
      purchasingDept: v('Purch_dept'),
      rfi: v('RFI'),
      rfp: v('RFP'),
      formalTender: v('Forml_tend'),
      positioningStatement: v('Posit_statm'),
    },
    attributes: {
      client: v('Client'), // new / current / past customer
      dealType: v('Deal_type'),
      strategicDeal: v('Strat_deal'),
      clientGrowth: v('Growth'),
      crossSale: v('Cross_sale'),
      upSale: v('Up_sale'),
      attitudeToClient: v('Att_t_client'),
      partnership: v('Partnership'),
    },
  };
}

export function loadSalvirt(file = SALVIRT_CSV): { rows: SalvirtRow[]; total: number; duplicates: number } | null {
  if (!existsSync(file)) return null;
  const all = parse(readFileSync(file, 'utf8'), { columns: true, delimiter: ';', skip_empty_lines: true, trim: true }) as SalvirtRow[];
  // exact duplicates (every column, outcome included) would sit in train and test folds at once
  const seen = new Set<string>();
  const rows = all.filter((row) => {
    const key = JSON.stringify(Object.values(row));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { rows, total: all.length, duplicates: all.length - rows.length };
}

export interface SalvirtResult {
  total: number;
  duplicates: number;
  deals: number;
  wins: number;
  folds: Array<{ fold: number; n: number; auc: number; naiveBayesAuc: number; brier: number; lambda: number }>;
  model: Prediction[];
  naiveBayes: Prediction[];
  /** each held-out deal scored with its training folds' base rate */
  baseRate: Prediction[];
}

export function salvirtBacktest(
  options: { file?: string; seed?: number; folds?: number; model?: Partial<WinModelOptions> } = {},
): SalvirtResult | null {
  const data = loadSalvirt(options.file);
  if (!data) return null;
  const k = options.folds ?? 5;
  const deals = data.rows.map((row, i) => salvirtDeal(row, `salvirt-${i + 1}`));
  const labels = deals.map((d) => d.won);
  const foldOf = stratifiedFolds(labels, k, options.seed ?? 1);
  const result: SalvirtResult = {
    total: data.total, duplicates: data.duplicates, deals: deals.length, wins: labels.filter(Boolean).length,
    folds: [], model: [], naiveBayes: [], baseRate: [],
  };
  for (let fold = 0; fold < k; fold++) {
    const train = deals.filter((_, i) => foldOf[i] !== fold);
    const testIdx = deals.map((_, i) => i).filter((i) => foldOf[i] === fold);
    const search = memoryNeighbourSearch(train); // the pool is the training folds, nothing else
    const model = fitWinModel({ history: train, search, options: options.model });
    const nb = fitNaiveBayes(data.rows.filter((_, i) => foldOf[i] !== fold), train.map((d) => d.won), SALVIRT_FEATURE_FIELDS);
    const rate = train.filter((d) => d.won).length / train.length;
    const foldModel: Prediction[] = [];
    const foldNb: Prediction[] = [];
    for (const i of testIdx) {
      const deal = deals[i]!;
      // the held-out deal is scored as a new deal: no outcome, neighbours from the training pool
      const { won: _hidden, ...facts } = deal;
      foldModel.push({ p: predictWithSearch(model, facts, search).probability, y: deal.won });
      foldNb.push({ p: predictNaiveBayes(nb, data.rows[i]!), y: deal.won });
      result.baseRate.push({ p: rate, y: deal.won });
    }
    result.folds.push({ fold, n: testIdx.length, auc: auc(foldModel), naiveBayesAuc: auc(foldNb), brier: brier(foldModel), lambda: model.training.lambda });
    result.model.push(...foldModel);
    result.naiveBayes.push(...foldNb);
  }
  return result;
}

export const salvirtSummary = (r: SalvirtResult) => ({
  auc: auc(r.model),
  brier: brier(r.model),
  baseRateBrier: brier(r.baseRate),
  hindsightBaseRateBrier: baseRateBrier(r.model),
  naiveBayesAuc: auc(r.naiveBayes),
  naiveBayesBrier: brier(r.naiveBayes),
});
