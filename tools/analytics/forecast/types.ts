import type { ForecastDealIdentity } from '../../../db/repos/forecast.ts';
// The deals a forecast is computed over, as compute.ts reads them.

export type GroupBy = 'total' | 'rep' | 'product';
export type ProbabilitySource = 'stored' | 'stage_win_rate' | 'model' | 'none';

export interface ForecastDeal extends ForecastDealIdentity {
  stage: string;
  forecastCategory: string;
  valueMinor: number;
  expectedCloseDate: string | null;
  /** 0-1, or null when there is none (the deal is then left out) */
  probability: number | null;
  probabilitySource: ProbabilitySource;
  /** when the deal was created: places a deal with no expected close date by its age (undated.ts) */
  createdAt?: Date;
}

export interface WonDeal {
  id: string;
  name: string;
  account: string;
  ownerId: string;
  ownerName: string;
  productId: string | null;
  productName: string | null;
  valueMinor: number;
  closedAt: Date;
}

export interface GroupRef {
  key: string;
  label: string;
}
