import type { OpportunityStage } from '../../../core/domain.ts';

// A CSV mapping says which columns feed which of our records, per file. A row can feed several
// sections at once (an Opportunity export row names its account, contact and owner); the section the
// file is "about" decides the row's status in the report.

export const SECTIONS = ['owner', 'product', 'account', 'contact', 'opportunity'] as const;
export type Section = (typeof SECTIONS)[number];

export interface SectionColumns {
  owner: { fullName?: string; firstName?: string; lastName?: string; email?: string; manager?: string; team?: string; region?: string; title?: string };
  product: { name?: string; family?: string; listPrice?: string; sku?: string };
  account: {
    name?: string; externalId?: string; domain?: string; industry?: string; employees?: string; annualRevenue?: string;
    country?: string; region?: string; city?: string;
  };
  contact: { externalId?: string; fullName?: string; firstName?: string; lastName?: string; email?: string; phone?: string; title?: string };
  opportunity: {
    externalId?: string; name?: string; stage?: string; amount?: string; currency?: string; closeDate?: string; createdDate?: string;
    engagedDate?: string; probability?: string; product?: string; nextStep?: string; lostReason?: string; competitor?: string; type?: string;
  };
}

export interface FileMapping {
  /** which files this mapping reads: a file name (case-insensitive) or '*' for any */
  file: string;
  /** the record a row of this file stands for; its outcome is the row's outcome */
  primary: Section;
  columns: { [S in Section]?: SectionColumns[S] };
  /** import order when several files are given (reference data first) */
  order: number;
}

export interface MappingOptions {
  /** key in externalIds jsonb (e.g. 'maven', 'salesforce', 'csv') */
  system: string;
  /** stage names in the file -> our stages (case-insensitive); merged over the built-in aliases */
  stageMap: Record<string, OpportunityStage>;
  /** product names in the file -> canonical product names (besides spacing/case-insensitive matching) */
  productAliases: Record<string, string>;
  /** industry values -> canonical (besides the built-in vocabulary and one-typo correction) */
  industryAliases: Record<string, string>;
  currency: string;
  /** 'ymd' (ISO), 'mdy' (US, 3/1/2017) or 'dmy' (1.3.2017) for dates that are not ISO */
  dateOrder: 'mdy' | 'dmy';
  /** account revenue column unit: 1 = currency units, 1e6 = millions */
  revenueScale: number;
  /** created users' email domain when the file has no email column */
  ownerEmailDomain: string;
  /** name of the placeholder account for deals with none (an open deal with no account yet is real) */
  noAccountName: string;
  /** amount when the file has none (blank, or 0 on a lost deal): the product's list price */
  amountFallback: 'none' | 'list_price';
  /** deal name when the file has no name column: "{account} – {product}" */
  dealNameFormat: string;
}

export interface CsvMapping {
  preset: string;
  files: FileMapping[];
  options: MappingOptions;
}
