import type { CategoricalFeatureSpec, FeatureSpec, LeadFeature, LeadFeatureValue, NumericFeatureSpec } from './lead-score-types.ts';

// How a raw feature value becomes a model input. Fitting and scoring both go through here,
// so a value is encoded the same way in both.

export const MISSING_CATEGORY = '(missing)';

export function featureKey(part: string, name: string): string {
  return `${part}:${name}`;
}

export function isMissing(value: LeadFeatureValue): value is null | undefined | '' {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** Category key: trimmed lower-case string, booleans as yes/no, missing as '(missing)'. */
export function categoryKey(value: LeadFeatureValue): string {
  if (isMissing(value)) return MISSING_CATEGORY;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value).trim().toLowerCase();
}

/** Numeric reading of a value, or null when missing or not a number. */
export function numericValue(value: LeadFeatureValue): number | null {
  if (isMissing(value)) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

export function transformNumeric(spec: Pick<NumericFeatureSpec, 'transform' | 'cap'>, raw: number): number {
  const capped = spec.cap === null ? raw : Math.min(raw, spec.cap);
  // log1p is only defined above -1; the fitter picks it only for non-negative features
  return spec.transform === 'log1p' ? Math.log1p(Math.max(capped, 0)) : capped;
}

/** The standardised input the weight multiplies: (transform(x) - center) / scale. */
export function numericInput(spec: NumericFeatureSpec, value: LeadFeatureValue): number {
  const raw = numericValue(value) ?? spec.fill;
  return (transformNumeric(spec, raw) - spec.center) / spec.scale;
}

export function categoricalWeight(spec: CategoricalFeatureSpec, value: LeadFeatureValue): number {
  return spec.weights[categoryKey(value)] ?? spec.unknownWeight;
}

/** Log-odds contribution of one feature relative to an average lead. */
export function contribution(spec: FeatureSpec, value: LeadFeatureValue): number {
  return spec.kind === 'numeric' ? spec.weight * numericInput(spec, value) : categoricalWeight(spec, value);
}

/** Index features by part and name; a later duplicate overrides an earlier one. */
export function indexFeatures(features: readonly LeadFeature[]): Map<string, LeadFeature> {
  const byKey = new Map<string, LeadFeature>();
  for (const f of features) byKey.set(featureKey(f.part, f.name), f);
  return byKey;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** Plain words for one contribution: "visited 12 times (+)", "occupation: Unemployed (-)". */
export function describeContribution(spec: FeatureSpec, feature: LeadFeature | undefined, amount: number): string {
  const sign = amount >= 0 ? '(+)' : '(-)';
  const value = feature?.value;
  if (isMissing(value)) return `${spec.label}: not given ${sign}`;
  if (spec.kind === 'numeric') {
    const n = numericValue(value);
    const shown = n === null ? String(value) : formatNumber(n);
    const phrase = spec.phrase ?? feature?.phrase;
    return phrase ? `${phrase.replaceAll('{value}', shown)} ${sign}` : `${spec.label}: ${shown} ${sign}`;
  }
  const shown = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value).trim();
  return `${spec.label}: ${shown} ${sign}`;
}
