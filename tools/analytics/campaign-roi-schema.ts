import { z } from 'zod';
import { CAMPAIGN_CHANNELS, LEAD_SOURCES } from '../../core/domain.ts';
import { evidenceList, isoDateTime, money, pageOutput, percent } from '../core/schemas.ts';

// The output of campaign_roi, kept apart from the tool so the tool file stays readable.

const roiPct = z.number().nullable().describe('(revenue - cost) / cost in percent (250 = revenue 3.5x cost; negative = a loss); null when the cost is 0 or unknown');

const roi = z
  .object({
    firstTouch: roiPct,
    anyTouch: roiPct.describe('ROI on any-touch revenue (which double-counts across campaigns); null when the cost is 0 or unknown'),
    linear: roiPct.describe('ROI on linear revenue (each deal split equally between the campaigns that touched it); null when the cost is 0 or unknown'),
  })
  .describe('ROI under each attribution model');

const flags = z.array(z.string().describe('a caveat')).describe('caveats: "zero cost: ROI undefined", small samples, prorated or unknown cost');

export const campaignRow = z
  .object({
    id: z.string().describe('campaign id'),
    name: z.string().describe('campaign name'),
    channel: z.enum(CAMPAIGN_CHANNELS).describe('marketing channel'),
    cost: money.nullable().describe('cost counted in the period (prorated by the share of the campaign\'s run inside it); null when in another currency'),
    costSharePct: percent.describe('share of the campaign\'s run (and so of its cost) inside the period'),
    leads: z
      .object({
        firstTouch: z.number().int().describe('leads whose earliest campaign touch was this campaign, in the period'),
        anyTouch: z.number().int().describe('leads this campaign touched in the period (a lead counts for every campaign that touched it)'),
      })
      .describe('leads credited to the campaign'),
    convertedLeads: z.number().int().describe('first-touch leads that have converted (joined a deal)'),
    conversionRate: percent.nullable().describe('convertedLeads / first-touch leads; null with no leads'),
    wins: z
      .object({
        firstTouch: z.number().int().describe('won deals whose first touch was this campaign'),
        anyTouch: z.number().int().describe('won deals this campaign touched before the close'),
      })
      .describe('won deals (closed in the period) credited to the campaign'),
    revenue: z
      .object({
        firstTouch: money.describe('value of the first-touch wins'),
        anyTouch: money.describe('full value of every win it touched (double-counts across campaigns)'),
        linear: money.describe('its equal share of each win it touched'),
      })
      .describe('attributed won revenue'),
    roiPct: roi,
    costPerLead: money.nullable().describe('cost / first-touch leads; null with no leads or unknown cost'),
    costPerWin: money.nullable().describe('cost / first-touch wins; null with no wins or unknown cost'),
    flags,
  })
  .describe('one campaign');

export const sourceRow = z
  .object({
    source: z.enum(LEAD_SOURCES).nullable().describe('lead source; null = leads and deals with no source'),
    leads: z.number().int().describe('leads of this source created in the period'),
    convertedLeads: z.number().int().describe('of those, converted (joined a deal)'),
    conversionRate: percent.nullable().describe('convertedLeads / leads; null with no leads'),
    wins: z.number().int().describe('deals won in the period with this source (the deal\'s, else its primary contact\'s)'),
    revenue: money.describe('value of those wins'),
    cost: money.nullable().describe('summed cost of the campaigns on the channel that buys this source; null when unknown'),
    costBasis: z.string().describe('how the cost was found, or why it is unknown'),
    roiPct: roiPct,
    costPerLead: money.nullable().describe('cost / leads; null with no leads or unknown cost'),
    costPerWin: money.nullable().describe('cost / wins; null with no wins or unknown cost'),
    flags,
  })
  .describe('one lead source');

export const campaignRoiOutput = z.object({
  period: z
    .object({
      label: z.string().describe('the period asked for, or "all time"'),
      from: isoDateTime.nullable().describe('start, inclusive; null = since the beginning'),
      to: isoDateTime.describe('end, exclusive (never after now)'),
    })
    .describe('the period covered'),
  currency: z.string().describe('currency costs and revenue are in; deals and campaigns in others are left out of the sums'),
  campaigns: z.array(campaignRow).describe('campaigns, most first-touch revenue first'),
  page: pageOutput,
  bySource: z.array(sourceRow).describe('every lead source with leads, wins or campaign spend in the period'),
  totals: z
    .object({
      cost: money.describe('cost of all listed campaigns in the period'),
      wonRevenue: money.describe('all won revenue in the period you can see'),
      attributedRevenue: money.describe('won revenue credited first-touch to the listed campaigns (without a channel filter: all revenue some campaign touched)'),
      unattributedRevenue: money.describe('won revenue no campaign touched'),
      wins: z.number().int().describe('deals won in the period'),
      unattributedWins: z.number().int().describe('won deals no campaign touched'),
      roiPct: roiPct.describe('(attributed revenue - cost) / cost of the listed campaigns in percent; null when the cost is 0'),
    })
    .describe('the period as a whole'),
  otherCurrencyWins: z.number().int().describe('won deals in other currencies: counted as wins, not in revenue'),
  method: z.array(z.string().describe('one rule')).describe('how leads, revenue, cost and ROI were attributed and computed'),
  notes: z.array(z.string().describe('one note')).describe('caveats for this answer, e.g. a partial view for reps and managers'),
  evidence: evidenceList,
});

export type CampaignRoiOutput = z.infer<typeof campaignRoiOutput>;

export const METHOD = [
  'First touch: a lead belongs to the campaign of its earliest touch (campaign_touches; the lead\'s own campaign counts as a touch at its creation). A won deal belongs to the earliest touch on any of its contacts (primary contact and opportunity contacts) before the close, else to the deal\'s campaign.',
  'Any touch: every campaign that touched a contact before the close (and the deal\'s campaign) gets the FULL deal value, so any-touch revenue double-counts across campaigns.',
  'Linear: the deal value is split equally between those same campaigns, so linear shares add up to real revenue.',
  'Cost: the campaign\'s cost spread evenly over its run (start to end, or to now while running); a period gets the share of the run inside it. All time = the whole cost.',
  'ROI = (attributed revenue - cost) / cost; undefined (null) for a zero-cost campaign. Cost per lead and per win use first-touch leads and wins; null when there are none.',
  'A lead source\'s cost is the sum of the campaigns on the channel that buys it (email -> outbound, paid_search, social, event, webinar, content, partner); other sources (website, referral, import) have no known cost.',
];
