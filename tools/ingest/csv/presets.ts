import type { CsvMapping, MappingOptions } from './types.ts';

// Named mappings. `generic` reads snake_case/plain headers, `salesforce` an Opportunity report export,
// `maven` the four-file Maven Analytics CRM set (sales_teams, products, accounts, sales_pipeline).

export const PRESET_NAMES = ['generic', 'salesforce', 'maven', 'hubspot', 'pipedrive', 'zoho', 'dynamics'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export const DEFAULT_OPTIONS: MappingOptions = {
  system: 'csv',
  stageMap: {},
  productAliases: {},
  industryAliases: {},
  currency: 'USD',
  dateOrder: 'mdy',
  revenueScale: 1,
  ownerEmailDomain: 'imported.invalid',
  noAccountName: '(no account)',
  amountFallback: 'none',
  dealNameFormat: '{account} – {product}',
};

const generic: CsvMapping = {
  preset: 'generic',
  options: { ...DEFAULT_OPTIONS, system: 'csv' },
  files: [
    {
      file: '*',
      primary: 'opportunity',
      order: 1,
      columns: {
        opportunity: { externalId: 'id', name: 'name', stage: 'stage', amount: 'amount', currency: 'currency', closeDate: 'close_date', createdDate: 'created_date', probability: 'probability', product: 'product', nextStep: 'next_step', lostReason: 'lost_reason', competitor: 'competitor' },
        account: { name: 'account', domain: 'domain', industry: 'industry', employees: 'employees', country: 'country' },
        contact: { fullName: 'contact', email: 'contact_email', phone: 'contact_phone', title: 'contact_title' },
        owner: { fullName: 'owner', email: 'owner_email' },
      },
    },
  ],
};

// Column names of a Salesforce "Opportunities" report / Data Loader export.
const salesforce: CsvMapping = {
  preset: 'salesforce',
  options: { ...DEFAULT_OPTIONS, system: 'salesforce', dateOrder: 'mdy' },
  files: [
    {
      file: '*',
      primary: 'opportunity',
      order: 1,
      columns: {
        opportunity: {
          externalId: 'Opportunity ID', name: 'Opportunity Name', stage: 'Stage', amount: 'Amount', currency: 'Opportunity Currency',
          closeDate: 'Close Date', createdDate: 'Created Date', probability: 'Probability (%)', product: 'Product Name', nextStep: 'Next Step',
          lostReason: 'Loss Reason', competitor: 'Main Competitor', type: 'Type',
        },
        account: { name: 'Account Name', externalId: 'Account ID', industry: 'Industry', employees: 'Employees', annualRevenue: 'Annual Revenue', country: 'Billing Country', city: 'Billing City', domain: 'Website' },
        contact: { fullName: 'Primary Contact', email: 'Contact Email', phone: 'Contact Phone', title: 'Contact Title' },
        owner: { fullName: 'Owner Full Name', email: 'Owner Email', team: 'Owner Role' },
      },
    },
  ],
};

const maven: CsvMapping = {
  preset: 'maven',
  options: {
    ...DEFAULT_OPTIONS,
    system: 'maven',
    // Maven's pipeline runs Prospecting > Engaging > Won / Lost; "Engaging" is a deal in active discovery
    stageMap: { Prospecting: 'prospecting', Engaging: 'discovery', Won: 'closed_won', Lost: 'closed_lost' },
    productAliases: { GTXPro: 'GTX Pro' },
    industryAliases: { technolgy: 'Technology' },
    dateOrder: 'mdy',
    // accounts.csv: "Annual revenue (in millions of USD)"
    revenueScale: 1_000_000,
    ownerEmailDomain: 'maven.invalid',
    // lost deals carry close_value 0 and open deals none: the amount at stake is the product's list price
    amountFallback: 'list_price',
  },
  files: [
    { file: 'sales_teams.csv', primary: 'owner', order: 1, columns: { owner: { fullName: 'sales_agent', manager: 'manager', region: 'regional_office' } } },
    { file: 'products.csv', primary: 'product', order: 2, columns: { product: { name: 'product', family: 'series', listPrice: 'sales_price' } } },
    {
      file: 'accounts.csv',
      primary: 'account',
      order: 3,
      columns: { account: { name: 'account', industry: 'sector', annualRevenue: 'revenue', employees: 'employees', country: 'office_location' } },
    },
    {
      file: 'sales_pipeline.csv',
      primary: 'opportunity',
      order: 4,
      columns: {
        opportunity: { externalId: 'opportunity_id', stage: 'deal_stage', engagedDate: 'engage_date', closeDate: 'close_date', amount: 'close_value', product: 'product' },
        account: { name: 'account' },
        owner: { fullName: 'sales_agent' },
      },
    },
  ],
};

// One-file deal exports of other CRMs, by their default column names (recognised from the header: detect.ts).
const oneFile = (preset: string, system: string, columns: CsvMapping['files'][number]['columns'], options: Partial<CsvMapping['options']> = {}): CsvMapping => ({
  preset,
  options: { ...DEFAULT_OPTIONS, system, ...options },
  files: [{ file: '*', primary: 'opportunity', order: 1, columns }],
});

const hubspot = oneFile('hubspot', 'hubspot', {
  opportunity: { externalId: 'Record ID', name: 'Deal Name', stage: 'Deal Stage', amount: 'Amount', currency: 'Currency', closeDate: 'Close Date', createdDate: 'Create Date', probability: 'Deal probability', nextStep: 'Next step', lostReason: 'Closed Lost Reason', type: 'Deal Type' },
  account: { name: 'Associated Company', domain: 'Company Domain Name' },
  contact: { fullName: 'Associated Contact', email: 'Contact Email' },
  owner: { fullName: 'Deal owner', email: 'Deal owner email' },
});

const pipedrive = oneFile('pipedrive', 'pipedrive', {
  opportunity: { externalId: 'Deal - ID', name: 'Deal - Title', stage: 'Deal - Stage', amount: 'Deal - Value', currency: 'Deal - Currency', closeDate: 'Deal - Expected close date', createdDate: 'Deal - Deal created', probability: 'Deal - Probability', lostReason: 'Deal - Lost reason' },
  account: { name: 'Deal - Organization', domain: 'Organization - Website' },
  contact: { fullName: 'Deal - Contact person', email: 'Person - Email', phone: 'Person - Phone' },
  owner: { fullName: 'Deal - Owner', email: 'Deal - Owner email' },
});

const zoho = oneFile('zoho', 'zoho', {
  opportunity: { externalId: 'Record Id', name: 'Deal Name', stage: 'Stage', amount: 'Amount', currency: 'Currency', closeDate: 'Closing Date', createdDate: 'Created Time', probability: 'Probability (%)', nextStep: 'Next Step', lostReason: 'Reason For Loss', type: 'Type' },
  account: { name: 'Account Name' },
  contact: { fullName: 'Contact Name', email: 'Email' },
  owner: { fullName: 'Deal Owner', email: 'Deal Owner Email' },
});

const dynamics = oneFile('dynamics', 'dynamics', {
  opportunity: { externalId: '(Do Not Modify) Opportunity', name: 'Topic', stage: 'Pipeline Phase', amount: 'Est. Revenue', currency: 'Currency', closeDate: 'Est. Close Date', createdDate: 'Created On', probability: 'Probability' },
  account: { name: 'Potential Customer' },
  contact: { fullName: 'Contact', email: 'Contact Email' },
  owner: { fullName: 'Owner', email: 'Owner Email' },
});

export const PRESETS: Record<PresetName, CsvMapping> = { generic, salesforce, maven, hubspot, pipedrive, zoho, dynamics };

/** Files a preset does not read (Maven's data_dictionary.csv) are listed as skipped, not rejected. */
export function fileMappingFor(mapping: CsvMapping, fileName: string) {
  const lower = fileName.toLowerCase();
  return mapping.files.find((f) => f.file.toLowerCase() === lower) ?? mapping.files.find((f) => f.file === '*');
}
