import type { ToolExamples } from './examples.ts';

export const opportunityExamples: ToolExamples[] = [
  { tool: 'opportunity_search', says: [
    'show my deals', 'list deals in negotiation', 'deals closing {period}', 'my open deals', 'which deals are in proposal', 'find deals at {account}',
    'deals over {amount}', 'show {rep}\'s deals', 'big deals closing {period}', 'open opps for {product}', 'deals stuck in discovery for over {n} days',
    'list our deals in {stage}', 'what deals do we have with {account}', 'search deals for {product}', 'all deals above {amount} in negotiation', 'show won deals',
    'which opps are closing {period}', 'my biggest deals', 'list the team\'s open opportunities', 'deals under {amount}', 'show me lost deals {period}',
    'deals expected to close {period}', 'which deals are expected to close {period}', 'opps slated to close {period}', 'show everything over {amount} in proposal', 'list opps in {stage} stage', 'what deals does {rep} have open',
  ] },
  { tool: 'opportunity_get', says: [
    'tell me about the {deal} deal', 'show {deal}', 'details on {deal}', 'what\'s going on with {deal}', 'pull up the {account} deal', 'status of {deal}',
    'where are we with {deal}', 'who are the contacts on {deal}', 'open the {deal} opportunity', 'next steps on {deal}', 'what stage is {deal} in', 'show me that deal',
    'whats the latest on the {account} opp', 'deal details {deal}', 'who is the competition on {deal}',
    'whats happening with {account}', 'what\'s going on with the {account} account', 'update on {account}', 'where do we stand with {account}', 'whats the status on {deal}', 'catch me up on {deal}',
    'get me {deal}', 'get {deal}', 'open {deal}', 'how is {deal} looking', 'what do we know about {account}', 'look up {deal}',
  ] },
  { tool: 'opportunity_upsert', says: [
    'create a deal for {account} worth {amount}', 'new opportunity at {account} for {product}', 'update the {deal} value to {amount}', 'set the close date on {deal} to july 30',
    'change {deal} amount to {amount}', 'push the close date of {deal} to next month', 'add a new deal {account} {product} {amount}', 'set next steps on {deal} to send contract',
    'update {deal} probability to {n} percent', 'log a new opp for {account}', 'change the owner of {deal} to {rep}', 'move the close date on that deal to end of {period}',
    'close date for {deal} should be july 31', 'expected close for {deal} is end of {period}', 'bump {deal} to {amount}', 'new deal for {account}, {product}, {amount}',
  ] },
  { tool: 'opportunity_set_stage', says: [
    'move {deal} to negotiation', 'mark {deal} as won', 'close {deal} as lost', 'we lost {deal} to a competitor', 'set {deal} stage to proposal',
    '{deal} closed won today', 'advance {deal} to the next stage', 'move that deal to proposal', 'mark the {account} deal closed lost, went with competitor',
    'we won {deal}', 'move {deal} back to discovery', 'set the stage of {deal} to negotiation, pricing agreed', '{deal} is dead, close it lost',
  ] },
  { tool: 'opportunity_win_probability', says: [
    'what are the odds we win {deal}', 'win probability for {deal}', 'how likely is {deal} to close', 'chance of winning {deal}', 'will we win {deal}',
    'likelihood {deal} closes', 'what\'s the win prob on the {account} deal', 'how likely are we to win it', 'probability {deal} closes won', 'odds on {deal}',
    'chances on the {account} deal', 'chances we close {deal}', 'is {deal} going to close', 'how confident should i be in {deal}',
  ] },
  { tool: 'pipeline_summary', says: [
    'how\'s my pipeline looking', 'pipeline summary', 'show my pipeline by stage', 'what\'s in our pipeline', 'pipeline overview', 'how much pipeline do we have',
    'team pipeline', 'whats the weighted pipeline', 'pipeline for {rep}', 'how is {team}\'s pipeline', 'pipeline by stage for {product}', 'how many deals per stage',
    'give me the pipe', 'pipline snapshot', 'how much is stuck in the pipeline', 'what does the funnel of open deals look like by stage',
    'yo whats my pipe at', 'where\'s my pipe', 'what\'s my pipe look like', 'pipe check', 'how big is my pipeline', 'open pipeline value',
  ] },
  { tool: 'win_loss_analysis', says: [
    'why are we losing deals', 'win loss analysis', 'why did we win and lose deals {period}', 'what are the top loss reasons', 'who are we losing to',
    'win/loss for {period}', 'why do we lose to competitors', 'reasons we won deals {period}', 'win rate and loss reasons for {rep}', 'loss analysis by product',
    'what patterns in our lost deals', 'win loss breakdown for {team}', 'why did {rep} lose deals {period}',
    'what\'s our win rate against competitors', 'how do we do against the competition', 'which competitors beat us most', 'why did we lose to competitors {period}', 'what\'s our win rate {period}',
    'lost deals {period} and why', 'why did we lose deals {period}', 'whats the teams win rate {period}', 'our win rate this year', 'won vs lost {period}',
  ] },
  { tool: 'ingest_crm_csv', says: [
    'import this crm export', 'load the salesforce csv', 'import deals from a csv file', 'upload my crm export', 'ingest the csv at /tmp/deals.csv', 'import the hubspot export',
  ] },
  { tool: 'feedback_annotate', says: [
    'that stage is wrong, it should be negotiation', 'correct the value on {deal} to {amount}, the import got it wrong', 'the owner of {deal} is wrong, it is {rep}',
    'fix the extracted close date for {deal}', 'the ingested value for {deal} is wrong', 'correct the import: {deal} stage should be proposal',
  ] },
];
