import type { ToolExamples } from './examples.ts';

// More phrasings per tool, in the styles real users write (terse, chatty, typos, manager and exec voice),
// so the classifier learns what a request is about rather than the few wordings beside each agent.
// Written fresh: none is taken from an eval set. Merged with each agent's own examples in all.examples.ts.
export const variedExamples: Record<string, ToolExamples[]> = {
  lead: [
    { tool: 'lead_search', says: [
      'list leads from the conference', 'find contacts at {account}', 'leads nobody has reached out to', 'show leads i own that are still open', 'leads sourced from partners',
      'search leads for cto', 'which leads came in from paid search', 'leads scored under 40', 'our customers list', 'disqualified leads from {period}', 'any leads in nurturing', 'lookup leads at fintech companies',
    ] },
    { tool: 'lead_get', says: [
      'what\'s up with {lead}', 'who\'s {lead}', 'what do we know on {lead}', '{lead}?',
      'who is {lead} again', 'fill me in on {lead}', 'background on {lead}', 'everything we have on {lead}', 'open {lead}\'s profile', 'history with {lead}',
      'whats the story with {lead}', 'bring up {lead}', 'lead profile {lead}', 'remind me who {lead} is', '{lead} details pls', 'info on {lead}',
    ] },
    { tool: 'lead_upsert', says: [
      'create a lead for a new contact at {account}', 'add a contact named {lead} from {account}', 'put a new prospect in the crm', 'change {lead}\'s title to head of ops',
      'set {lead}\'s email to someone@example.com', '{lead} moved to a new company, update it', 'new prospect: vp finance at {account}', 'save this contact as a lead',
      'fix the phone number for {lead}', 'edit {lead}\'s job title', 'enter a new lead', 'add a lead',
    ] },
    { tool: 'lead_score', says: [
      'how good a lead is {lead}', 'grade {lead}', 'rate {lead} for me', 'what score does {lead} have', 'recalc the score for {lead}', 'is {lead} a hot lead',
      'how warm is {lead}', 'lead grade for {lead}', 'give {lead} a score', 'score my leads', 'redo the lead scores', 'scoring for {lead} pls',
    ] },
    { tool: 'lead_qualify', says: [
      'is {lead} qualified', 'check bant for {lead}', 'meddic checklist for {lead}', 'does {lead} meet our criteria', 'qualification status of {lead}', 'run qualification on {lead}',
      'has {lead} got budget and authority', 'bant {lead}', 'qualify {lead} using meddic', 'go through the bant checklist for {lead}', 'is {lead} a real opportunity', 'vet {lead}',
    ] },
    { tool: 'lead_set_stage', says: [
      'move {lead} to qualified', 'set {lead} to contacted', '{lead} is now a customer', 'change the stage of {lead} to opportunity', 'flag {lead} as disqualified, not a fit',
      'bump {lead} up to qualified', 'mark {lead} as a customer, they signed', 'put {lead} back to new', '{lead} should be contacted now, i reached her', 'update lifecycle stage for {lead} to qualified',
      'drop {lead}, disqualified', 'promote {lead} to opportunity',
    ] },
    { tool: 'lead_find_duplicates', says: [
      'find duplicate leads', 'are there duplicates of {lead}', 'check for dupes', 'any double entries in the crm', 'possible duplicate contacts', 'does {lead} exist twice',
      'scan for repeated leads', 'duplicate check on {lead}', 'lead dedupe report', 'who is entered more than once', 'same person twice in leads?', 'look for dup records',
    ] },
    { tool: 'lead_merge', says: [
      'merge {lead} with {lead}', 'fold {lead} into {lead}', 'combine the two records for {lead}', 'dedupe {lead} and {lead}', 'merge these leads', '{lead} and {lead} are the same person, merge them',
      'merge the duplicate into {lead}', 'collapse {lead} into {lead}', 'join {lead} and {lead} into one record', 'keep {lead} and merge {lead} into it', 'merge dupes {lead} {lead}', 'merge those two',
    ] },
    { tool: 'lead_assign', says: [
      'assign {lead}', 'give {lead} to the right rep', 'who should take {lead}', 'pick an owner for {lead}', 'reassign {lead}', 'find a rep for {lead}',
      'assign {lead} round robin', 'which rep gets {lead}', 'hand {lead} off to someone', 'set an owner on {lead}', 'allocate {lead}', 'assign the lead',
    ] },
    { tool: 'lead_prioritize', says: [
      'what leads should i tackle', 'where do i start with my leads', 'leads to focus on today',
      'what should i work on first', 'my top leads today', 'rank my leads', 'who do i call first', 'priority list', 'my call list for today', 'which leads matter most right now',
      'where should i spend my time', 'give me my work queue', 'best leads to contact now', 'who is hottest on my list', 'line up my leads for the day',
    ] },
    { tool: 'lead_remember', says: [
      'remember {lead} likes morning calls', 'make a note that {lead} is on vacation until july', 'jot down that {lead} prefers whatsapp', 'save a note on {lead}: budget is tight',
      'keep a note that {lead} hates long emails', 'note that {lead} reports to the cfo', 'add to {lead}\'s memory: wants a discount', 'store that {lead} is a vegetarian',
      'fyi {lead} has two kids, remember that', 'remember that she likes short calls', 'log a preference for {lead}: no calls on fridays', 'note for {lead}: decision in q3',
    ] },
  ],
  opportunity: [
    { tool: 'opportunity_search', says: [
      'list my opps', 'deals closing {period}', 'big deals over {amount}', 'which deals are in {stage}', 'deals for {account}', 'opportunities owned by {rep}',
      'show open deals sorted by value', 'deals stuck more than 30 days', 'what deals do i have', 'find deals for {product}', 'closed deals {period}', 'deals under {amount}',
    ] },
    { tool: 'opportunity_get', says: [
      'pull up {deal}', 'open the {deal} deal', 'what\'s happening with {deal}', 'where do we stand on {deal}', 'give me the details of {deal}', 'update on {deal}',
      'deal info {deal}', 'who are the contacts on {deal}', 'show me {deal}', '{deal} status?', 'next steps on {deal} deal record', 'tell me about the {account} deal',
    ] },
    { tool: 'opportunity_upsert', says: [
      'create a deal for {account}', 'add an opportunity for {account} worth {amount}', 'new deal: {account}, {product}', 'set the value of {deal} to {amount}', 'change the close date of {deal}',
      'update {deal} amount to {amount}', 'add a competitor to {deal}', 'log a new opp', 'set next steps on {deal}', 'change {deal} forecast category to commit', 'put a new deal in for {account}', 'edit the deal {deal}',
    ] },
    { tool: 'opportunity_set_stage', says: [
      '{deal} has reached {stage}', 'we are at {stage} with {deal} now', '{deal} just hit {stage}', '{deal} progressed to {stage}', '{deal} signed, close it won', 'they went with a competitor on {deal}, closed lost',
      'move {deal} to {stage}', '{deal} went to {stage}', 'advance {deal} to the next stage', 'set {deal} stage to {stage}', 'we lost {deal}, mark it lost', 'mark {deal} won',
      'close {deal} as won', '{deal} is closed lost', 'put {deal} in {stage}', 'change stage on {deal}', '{deal} moved into {stage} today', 'reopen {deal}',
    ] },
    { tool: 'opportunity_win_probability', says: [
      'probability on {deal}', 'how likely is {deal} to close', 'will we win {deal}', 'win chance {deal}', 'likelihood of closing {deal}', 'what are the odds on {deal}',
      'is {deal} going to close', 'win prob for {deal}', 'how confident are we on {deal}', '{deal} chances', 'whats the win probability', 'how likely is this one to close',
    ] },
    { tool: 'pipeline_summary', says: [
      'pipe summary', 'how much pipeline do we have', 'pipeline for {team}', 'what\'s in my pipe', 'pipeline by stage for {rep}', 'open pipeline value', 'pipeline snapshot',
      'overview of the pipeline', 'how big is our pipeline', 'pipeline numbers {period}', 'weighted pipeline', 'our pipe',
    ] },
    { tool: 'win_loss_analysis', says: [
      'why do we lose', 'win loss {period}', 'what makes us win deals', 'reasons we lost {period}', 'who are we losing to', 'loss reasons by competitor',
      'why did {rep} lose deals', 'win rate drivers', 'lost deal analysis', 'what patterns in our wins', 'post mortem on lost deals', 'why are deals being lost to competitors',
    ] },
    { tool: 'ingest_crm_csv', says: [
      'import a csv of leads', 'upload the crm export', 'import contacts from a spreadsheet', 'load the hubspot export', 'bring in the salesforce csv', 'import /data/leads.csv',
      'migrate our pipedrive data', 'import this file into the crm', 'load a csv', 'csv import', 'pull the zoho export in', 'upload leads from excel',
    ] },
    { tool: 'feedback_annotate', says: [
      'the stage on {deal} should be {stage}', 'correction: {lead} owner should be {rep}', '{deal} value is wrong, it is {amount}', 'correct {deal}: stage {stage}',
      'that stage is wrong, it should be {stage}', 'correct the owner on {deal}', 'the value on {deal} is wrong, should be {amount}', 'fix: {deal} close date is wrong', 'flag a wrong field on {lead}',
      'correction for {deal}: stage is {stage}', 'the extracted amount is off for {deal}', 'wrong owner on {lead}, it is {rep}', 'annotate {deal} stage as {stage}', 'override the stage on {deal}',
      'the title for {lead} is wrong', 'that probability is wrong',
    ] },
  ],
  analytics: [
    { tool: 'revenue_report', says: [
      'revenue {period}', 'what did we win {period}', 'closed won revenue', 'revenue by rep', 'how much money did we bring in', 'sales numbers {period}', 'revenue vs target',
      'bookings by month', 'our revenue trend', 'what did {rep} close {period}', 'won amount {period}', 'revenue for {product}',
    ] },
    { tool: 'forecast', says: [
      'forecast {period}', 'what will we close {period}', 'projected revenue {period}', 'commit and best case', 'forecast by product', 'what are we going to land',
      'expected bookings {period}', 'best and worst case {period}', 'call for the quarter', 'forecast for {team}', 'how will we end the quarter', 'projection for {rep}',
    ] },
    { tool: 'forecast_snapshot', says: [
      'snapshot of the forecast for later comparison', 'save a copy of this forecast', 'archive the current forecast',
      'take a forecast snapshot', 'save the forecast', 'store the current forecast', 'record a snapshot of the forecast {period}', 'lock in the forecast for comparison', 'freeze the forecast',
      'capture the forecast now', 'save forecast by rep', 'persist this forecast', 'snapshot forecast {period}', 'keep a copy of the forecast', 'record the forecast so we can check it later',
    ] },
    { tool: 'forecast_accuracy', says: [
      'forecast accuracy', 'how close were our forecasts', 'were our forecasts right', 'compare past forecasts to actuals', 'forecast vs actual', 'how good is our forecasting',
      'did we hit our forecast {period}', 'accuracy of the last snapshots', 'how far off was the forecast', 'forecast error by rep', 'check forecast accuracy {period}', 'how reliable are our forecasts',
    ] },
    { tool: 'rep_leaderboard', says: [
      'top reps', 'who is winning {period}', 'rank the team', 'best sellers {period}', 'leaderboard by deals won', 'who closed the most', 'rep rankings',
      'quota attainment by rep', 'which rep has the best win rate', 'top performers', 'how do reps stack up', 'who is leading {period}',
    ] },
    { tool: 'funnel_report', says: [
      'conversion funnel', 'funnel {period}', 'where do leads drop off', 'lead conversion rates', 'how many leads become customers', 'funnel by rep',
      'conversion by product', 'funnel for {team}', 'leads to opps conversion', 'drop off by stage of the funnel', 'mql to customer rate', 'funnel by source',
    ] },
    { tool: 'pipeline_health', says: [
      'pipeline health', 'how healthy is the pipe', 'sales velocity', 'coverage ratio', 'how long do deals sit in each stage', 'stage conversion rates',
      'is our pipeline enough to hit quota', 'where are the bottlenecks', 'time in stage', 'pipeline velocity {period}', 'health check on the pipeline', 'is the pipe healthy for {team}',
    ] },
    { tool: 'campaign_roi', says: [
      'campaign roi', 'which campaigns work', 'return on our marketing spend', 'roi by channel', 'cost per lead by campaign', 'best performing campaigns',
      'what did the events bring in', 'is paid search worth it', 'campaign performance {period}', 'marketing roi', 'which lead sources pay off', 'revenue per campaign',
    ] },
    { tool: 'engagement_insights', says: [
      'when should i send emails', 'best day to email', 'what subject lines work', 'open rates by template', 'reply rates', 'who engages most', 'a/b test results',
      'which industries convert', 'best hour to reach leads', 'what templates get replies', 'show rate for meetings', 'engagement stats', 'top objections we hear',
    ] },
  ],
  communication: [
    { tool: 'draft_email', says: [
      'write to {lead}', 'email {lead}', 'put together an email for {lead}', 'send {lead} a note about next steps', 'an email to {lead} please', 'compose a follow up for {lead}',
      'email {lead} asking for a call', 'write {lead} to reconnect', 'reach out to {lead} by email', 'draft a proposal email to {lead}', 'email to {deal} contact', 'intro email for {lead}',
      'write an email to win back {lead}', 'email {lead} to book a demo',
    ] },
    { tool: 'draft_sequence', says: [
      'sequence for {lead}', 'set up a drip for {lead}', 'plan touches for {lead} over the next weeks', 'outreach cadence for {lead}', 'automated follow ups for {lead}',
      'nurture track for {lead}', '{n} touch sequence to {lead}', 'drip campaign for {lead}', 'multi step outreach for {lead}', 'series of emails for {lead}', 'follow up sequence for {lead}', 'cadence to re-engage {lead}',
    ] },
    { tool: 'draft_message', says: [
      'sms {lead}', 'whatsapp {lead}', 'send {lead} a text', 'quick text to {lead}', 'text message for {lead}', 'ping {lead} on whatsapp', 'shoot {lead} a text',
      'message {lead} on whatsapp', 'text her', 'write a short text to {lead}', 'sms reminder to {lead}', 'whatsapp note to {lead} about tomorrow',
    ] },
    { tool: 'call_script', says: [
      'script for calling {lead}', 'what do i say to {lead}', 'i am calling {lead} in 10 min, help', 'call prep {lead}', 'questions to ask {lead} on the call', 'opening lines for {lead}',
      'get me ready to phone {lead}', 'call plan for {deal}', 'pre call notes {lead}', 'talking points for my call with {lead}', 'script to call {lead}', 'how should i open the call with {lead}',
    ] },
    { tool: 'objection_response', says: [
      'they said no budget, what now', 'prospect says timing is bad', 'how do i counter price pushback', 'customer thinks we are too pricey', 'what do i say to "send me info"',
      'they want to stay with their current vendor', 'best response to too expensive', 'handle "not a priority right now"', 'objection handling for security concerns',
      'they say they need approval from their boss', 'what to reply to "we are happy with what we have"', 'responses to price objection',
    ] },
    { tool: 'meeting_brief', says: [
      'prep for my meeting with {lead}', 'meeting brief {deal}', 'before i meet {lead} what should i know', 'brief for the {account} meeting', 'get me ready for the meeting with {lead}',
      'i have a meeting with {lead} in an hour', 'talking points for the meeting on {deal}', 'who am i meeting at {account} and what is open', 'prep notes for {lead} meeting', 'meeting prep {lead}', 'brief me on {account} before the call tomorrow', 'pre-meeting notes for {deal}',
    ] },
    { tool: 'meeting_summary', says: [
      'summarize this: {lead} wants a pilot and pricing by friday', 'recap the call notes', 'write up these notes', 'meeting notes summary', 'pull action items out of these notes',
      'summarize the meeting with {lead}', 'recap of my call with {lead}', 'make a summary from my notes: budget approved, legal next', 'summarise: they agreed to a trial',
      'turn these notes into action items', 'summary and next steps from the call', 'debrief the meeting notes for {deal}',
    ] },
    { tool: 'interaction_log', says: [
      'log an email to {lead}: sent pricing', 'record a call with {lead}', 'spoke to {lead} just now, log it', 'add a call note for {lead}', 'log that i met {lead}',
      'i called {lead}, no answer, log it', 'record a whatsapp with {lead}', 'log the meeting i had with {lead}', 'capture my call with {lead}: they want a demo',
      'i sent {lead} the proposal, record it', 'log a call', 'track an email i sent {lead}', 'register a meeting with {lead}: went well',
    ] },
    { tool: 'ingest_email', says: [
      'import the mailbox', 'ingest emails from /mail/inbox.mbox', 'load this eml file', 'bring my email export in', 'process the mbox', 'import emails at /tmp/export.mbox',
      'parse the email export', 'upload this email', 'ingest an eml', 'pull the emails from this mbox file', 'read in the email archive', 'import mail',
    ] },
    { tool: 'ingest_transcript', says: [
      'import the call transcript', 'ingest /tmp/call.vtt', 'load the srt from the meeting', 'upload a zoom transcript', 'process this transcript file', 'ingest the teams call recording text',
      'parse transcript /data/demo.srt', 'bring in the recording transcript', 'import the vtt', 'load transcript for {deal}', 'add this transcript', 'ingest the meeting recording',
    ] },
    { tool: 'ingest_events', says: [
      'import engagement events', 'load the email opens and clicks', 'ingest bounce and reply events', 'record these events', 'import tracking events', 'load campaign events',
      'ingest events from the email tool', 'upload open and click data', 'record the sent and delivered events', 'import unsubscribes', 'ingest webhook payloads', 'load events',
    ] },
  ],
  automation: [
    { tool: 'task_list', says: [
      'stuff on my to do list', 'what\'s outstanding for me', 'my open items', 'things i still need to do',
      'my todos', 'open tasks', 'what do i have to do', 'tasks due this week', 'my overdue tasks', 'to do list', 'what tasks are on {deal}', 'tasks for {lead}',
      'anything on my plate today', 'list my tasks', 'which tasks are late', 'tasks assigned to {rep}',
    ] },
    { tool: 'task_create', says: [
      'add a task to call {lead}', 'create a todo to send the deck', 'remind me to follow up with {lead} tomorrow', 'set a task for {deal}: send contract', 'task: email {lead} on monday',
      'remind me to ping {lead} next week', 'make a to do to chase legal', 'new todo: prepare the quote', 'add to my list: call {lead}', 'schedule a task to check in with {lead}',
      'remind me friday to send pricing', 'create a reminder to chase the signature', 'put a task in for tomorrow to call him',
    ] },
    { tool: 'task_update', says: [
      'mark the task done', 'complete my task to email {lead}', 'the call {lead} task is finished', 'move the proposal task to friday', 'cancel the task to call {lead}',
      'set the contract task to high priority', 'change the due date of the demo task', 'close out the followup task', 'i finished the pricing task', 'reassign the task to {rep}',
      'update the task status to in progress', 'done with the send deck task',
    ] },
    { tool: 'followups_due', says: [
      'who have i neglected', 'who haven\'t i gotten back to', 'who needs chasing', 'which contacts am i overdue with',
      'follow ups due', 'who needs a follow up', 'who am i late following up with', 'follow-ups for today', 'missed follow ups', 'which leads have gone cold on me',
      'who should i chase', 'pending follow ups', 'follow ups for {rep}', 'who did i forget to get back to', 'who is waiting on me', 'overdue follow ups this week',
    ] },
    { tool: 'automation_run', says: [
      'run automations', 'execute the rules', 'apply automation rules now', 'run the follow up rules', 'trigger automations', 'process the automation rules',
      'run the escalation rules', 'kick the automation', 'fire the automations', 'run all rules', 'run rules engine', 'do the automated tasks now',
    ] },
    { tool: 'workflow_run', says: [
      '{deal} is lost, run the close lost workflow', 'start the lost deal process for {deal}', 'run close_lost on {deal}',
      'onboard {lead}', 'run onboarding for {lead}', 'start the onboard lead workflow for {lead}', 'close lost workflow for {deal}', 'run the close lost process on {deal}',
      'kick off onboarding {lead}', 'begin the new lead workflow for {lead}', 'run workflow onboard_lead', 'close out {deal} as lost with the workflow', 'trigger the close lost flow for {deal}',
      'what workflows are waiting on me', 'launch onboarding for the new lead {lead}',
    ] },
    { tool: 'workflow_decide', says: [
      'approve', 'approve it', 'yes approve that', 'reject it', 'deny the request', 'approve the workflow step', 'reject the gate', 'ok approved', 'decline the approval',
      'sign off on the step', 'approve the close lost', 'i approve', 'reject, not yet',
    ] },
    { tool: 'briefing_generate', says: [
      'anything new', 'what did i miss', 'what changed overnight', 'give me the rundown for today', 'summary of my day',
      'daily brief', 'brief me', 'my briefing', 'what do i need to know today', 'start of day summary', 'catch me up', 'morning summary', 'exec brief',
      'what happened since yesterday', 'team briefing for managers', 'todays briefing', 'update me on the day', 'whats going on today',
    ] },
    { tool: 'schedule_upsert', says: [
      'schedule my briefing', 'send the briefing every weekday at 8', 'post the daily brief to slack at 9am', 'email me the briefing each morning', 'weekly exec briefing on mondays',
      'set up a scheduled briefing on teams', 'deliver the manager briefing every friday at 4pm', 'automate the briefing at 7am berlin time', 'create a schedule for the morning brief',
      'change my briefing time to 8am', 'turn off my scheduled briefing', 'briefing every day at 6 on email',
    ] },
    { tool: 'schedule_list', says: [
      'my schedules', 'list schedules', 'what is scheduled', 'which briefings run automatically', 'show scheduled briefings', 'what runs on a schedule',
      'scheduled jobs', 'when does my briefing go out', 'list all scheduled runs', 'what schedules exist', 'do i have a briefing scheduled', 'schedule list',
    ] },
    { tool: 'audit_undo', says: [
      'undo', 'undo it', 'revert', 'revert that', 'undo the last thing', 'take that back', 'roll it back', 'undo my change', 'reverse the last update', 'cancel that change',
      'put it back how it was', 'undo the merge', 'revert the last edit', 'i made a mistake, undo',
    ] },
  ],
  intelligence: [
    { tool: 'risk_scan', says: [
      'at risk deals', 'which opps are in trouble', 'deals with no activity', 'leads not responding', 'stalled deals', 'any risk in my book', 'deals losing momentum',
      'who stopped replying', 'risks in {rep}\'s pipeline', 'deals that slipped', 'customers at risk of churn', 'leads i havent touched in ages',
    ] },
    { tool: 'alert_sync', says: [
      'refresh the alerts', 'recalculate alerts', 'sync my alerts', 'update alerts now', 'rebuild the alert list', 'rescan and refresh alerts', 'regenerate alerts',
      'alerts refresh', 'sync risk alerts', 'update the risk alerts', 'refresh notifications', 'resync alerts',
    ] },
    { tool: 'next_best_action', says: [
      'next step for {lead}', 'what do i do with {deal}', 'recommended action on {lead}', 'how to advance {deal}', 'whats next for {lead}', 'next action {deal}',
      'what should happen next on {deal}', 'move {lead} forward how', 'suggest what to do with {lead}', 'next best step for {deal}', 'best action now for {lead}', 'what would you do next with {deal}',
    ] },
    { tool: 'deal_strategy', says: [
      'strategy {deal}', 'how to win against the competitor on {deal}', 'approach for {deal}', 'negotiation plan for {deal}', 'price point for {deal}', 'how should we play {deal}',
      'competitive strategy for {deal}', 'what discount for {deal}', 'how do we beat them on {deal}', 'win strategy {deal}', 'plan to close {deal}', 'how to negotiate {deal}',
    ] },
    { tool: 'semantic_search', says: [
      'did anyone talk about pricing', 'search notes for integration', 'where was procurement mentioned', 'what did customers say about onboarding', 'find conversations about budget',
      'look through emails for renewal', 'mentions of a competitor in calls', 'search transcripts for security', 'what did {lead} mention about timing', 'find notes on legal',
      'anything said about api limits', 'search for discount requests',
    ] },
    { tool: 'similar_deals', says: [
      'deals similar to {deal}', 'comparable deals {deal}', 'past deals like {deal}', 'anything like {deal} before', 'find lookalikes of {deal}', 'similar opportunities to {deal}',
      'what happened with deals like {deal}', 'similar past wins for {deal}', 'deals that look like {deal}', 'show similar deals', 'benchmarks for {deal}', 'nearest deals to {deal}',
    ] },
  ],
  out_of_scope: [
    { tool: 'out_of_scope', says: [
      'what is the weather tomorrow', 'book a table for dinner', 'tell me something funny', 'who is the best football player', 'convert 10 miles to km', 'what is 2 plus 2',
      'buy a plane ticket', 'what movies are playing', 'write an essay about history', 'recipe for lasagna', 'remind me to buy milk at the store', 'news headlines today',
    ] },
  ],
};
