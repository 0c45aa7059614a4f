import { OUT_OF_SCOPE, type ToolExamples } from './examples.ts';

// A third pass of phrasings, written fresh for every tool (not taken from any eval set): the structure
// requests carry (pasted ids, file paths, pasted emails and transcripts, timestamps, quoted task titles),
// manager and exec voice ("the team's", "our", "company-wide"), terse shorthand, and the details people
// add to a request (a reason, a limit, a kind) that should not pull it to another tool. Made-up names only
// ("zentrix", "jane doe"): a word in the examples is never taken as a one-word name of a record.
export const broadExamples: Record<string, ToolExamples[]> = {
  lead: [
    { tool: 'lead_search', says: [
      'leads we are nurturing for later', 'working leads owned by {rep}', 'converted leads {period}', 'which of our leads are qualified', 'new leads assigned to me', 'leads from {account} we have not called',
      'company-wide list of qualified leads', 'the team\'s open leads', 'leads last touched before {period}', 'anyone at {account} in the crm', 'leads with a score between 50 and 80', 'leads tagged as partner referrals',
    ] },
    { tool: 'lead_get', says: [
      '{lead} crm entry', 'lead card for {lead}', 'pull {lead}\'s record', 'contact details for {lead}', 'recent history for {lead}', 'what have we done with {lead} so far',
      'open lead xid', 'who is xemail', '{lead}\'s record and recent activity', 'where do we stand with {lead}',
    ] },
    { tool: 'lead_upsert', says: [
      'update the mobile for {lead}: +44 20 7946 0000', '{lead}\'s title is now cfo', '{lead} changed jobs, she\'s at {account} now', 'update {lead}: email new@example.com',
      'please enter jane doe (cto, {account}) as a lead, jane@example.com', 'john smith from {account} is a new prospect via referral, put him in', 'set {lead}\'s timezone to europe/berlin', '{lead} prefers sms, update the record',
      'log a new contact: john smith at {account}, mark@example.com', 'create the lead and assign it to {rep}',
    ] },
    { tool: 'lead_score', says: [
      'any unscored leads? score them', 'run scoring over the leads {rep} owns', 'retrain the scorer on our latest outcomes', 'retrain lead scoring and rescore', 'score the team\'s leads',
      'what would {lead} score', 'rescore the leads from {account}', 'give me scores for my qualified leads',
    ] },
    { tool: 'lead_qualify', says: [
      'run bant on {lead}', 'meddic check for {lead}', 'does {lead} meet our qualification bar', 'qualification gaps for {lead}', 'what are we missing to qualify {lead}',
      'is {lead} sales ready', 'check {lead} against bant', 'budget authority need timeline for {lead}',
    ] },
    { tool: 'lead_set_stage', says: [
      'bump {lead} up to qualified after today\'s call', 'move {lead} to contacted, we spoke today', 'she\'s qualified now, update {lead}', 'set {lead} to disqualified, reason: no budget', 'flip {lead} to customer',
      '{lead} is now a customer', 'put {lead} back to new', 'change {lead}\'s lifecycle stage to opportunity', 'lifecycle for {lead}: customer', 'dq {lead}, wrong industry',
    ] },
    { tool: 'lead_find_duplicates', says: [
      'dupes with a similarity of 0.8 or higher', 'show likely dupes', 'possible duplicate leads at {account}', 'near-identical lead records', 'are there any double entries in the crm',
      'duplicate check across the team\'s leads', 'find leads that look like the same person',
    ] },
    { tool: 'lead_merge', says: [
      'xid and xid are one person, merge', 'retain xid, absorb xid', 'merge these two: xid (stays) and xid', 'xid is a dupe of xid, merge it',
      'combine the two {lead} records', 'merge {lead} into {lead}', 'collapse duplicate {lead} records', 'consolidate {lead} under xid',
    ] },
    { tool: 'lead_assign', says: [
      'use the rotation to assign {lead}', 'round robin {lead}', 'assign {lead} round-robin', 'hand {lead} over to {rep}', 'route {lead} to {rep}',
      'who should own {lead}, assign it', 'reassign {lead} to me', 'put {lead} in {rep}\'s queue',
    ] },
    { tool: 'lead_prioritize', says: [
      'who should the team call first', 'top 10 leads to work today', 'rank our leads by priority', 'which leads deserve attention this week', 'hottest leads company-wide',
      'best leads for {rep} to chase', 'my call list for today in order',
    ] },
    { tool: 'lead_remember', says: [
      'keep in mind {lead} hates cold calls', '{lead} is on vacation until the 20th, note it', 'note: {lead} reports to the cfo', 'remember {lead} wants everything in writing',
      'fyi {lead}\'s kids are in college, good small talk', '{lead} said their pain is reporting, save that',
    ] },
  ],
  opportunity: [
    { tool: 'opportunity_search', says: [
      'deals closing this week', 'what\'s closing {period}', 'deals in negotiation', 'our open deals over $50k', 'deals in proposal owned by {rep}', 'the team\'s deals in discovery',
      'company-wide deals closing {period}', 'deals that haven\'t changed stage in 45 days', 'deals older than 90 days in stage', 'closed lost deals {period}', 'list deals at {account}', 'my biggest 5 deals',
    ] },
    { tool: 'opportunity_get', says: [
      'only the deal fields for {deal}', '{account} deal details', 'show the {deal} opportunity', 'what stage is {deal} in', 'deal card for {deal}',
      'who owns {deal}', 'when is {deal} supposed to close', 'value of {deal}',
    ] },
    { tool: 'opportunity_upsert', says: [
      'raise the amount on {deal} to 80k', 'update {deal} value: 45,000', '{deal} should sit in the commit bucket', 'forecast category best case for {deal}', 'we\'re up against zentrix on {deal}, add them as a competitor',
      'update next steps on {deal} - legal review, then signature', 'create an opportunity at {account} for {product} worth $40k', 'open a deal for {account} on {product}', 'push the close date of {deal} to 2026-09-30',
      'change {deal} probability to 60%', 'set quantity on {deal} to 50 seats', 'rename {deal}', 'move {deal}\'s close date to next month', 'add {rep} as owner of {deal}',
    ] },
    { tool: 'opportunity_set_stage', says: [
      '{deal} -> negotiation', '{deal} signed! closed won', '{deal} is dead, lost to zentrix', 'mark {deal} closed lost, budget cut', 'advance {deal} to proposal',
      '{deal} is closed won', 'set {deal} to discovery, reason: new stakeholder', 'we won {deal}!', '{deal} went dark, close it as lost', 'legal kicked off on {deal}, negotiation stage',
    ] },
    { tool: 'opportunity_win_probability', says: [
      'odds on {deal}', 'what are the chances we close {deal}', 'win likelihood of {deal}', 'run the win model on {deal}', 'how likely is {deal} to land', 'probability {deal} closes',
    ] },
    { tool: 'pipeline_summary', says: [
      'the team\'s pipeline by stage', 'company-wide pipeline', 'how much is in our pipeline', 'pipeline value by rep', '{rep}\'s pipeline',
      'open pipeline closing {period}', 'stage breakdown of the pipe',
    ] },
    { tool: 'win_loss_analysis', says: [
      '{rep}\'s win rate {period}', 'why do we lose deals', 'win rate company-wide {period}', 'loss reasons {period}', 'the team\'s win/loss', 'what do our wins have in common',
      'win rate by rep', 'who do we lose to most',
    ] },
    { tool: 'ingest_crm_csv', says: [
      'crm data to load: xpath csv', 'here\'s our old pipedrive dump xpath csv, bring it in', 'xpath csv is from zoho, import it', 'upload deals from xpath folder',
      'deals export below, import please xpasted_table', 'treat xpath csv as generic columns', 'bring in the deals from xpath csv',
    ] },
    { tool: 'feedback_annotate', says: [
      'the amount on {deal} came in wrong from the import, it should be $150k', 'data fix: {deal} expected close is 2026-08-01', 'wrong title on {lead}, should read vp finance', 'owner on {deal} is incorrect, it should be {rep}',
      'record that {deal}\'s probability should be 70', 'the stage we imported for {deal} is off, should be proposal', '{lead}\'s phone is incorrect in the record, use +1 555 0101',
      'quantity on {deal} is a typo, 40 seats', 'the crm misspelled {lead}\'s name',
    ] },
  ],
  communication: [
    { tool: 'ingest_email', says: [
      'read in the mail archive xpath mbox', 'process xpath folder of emails, new senders become leads', 'mailbox export to ingest: xpath mbox', 'log this email thread xpasted_email', 'add this inbound mail to the crm xpasted_email',
      'ingest xpath eml', 'pull in emails from xpath folder and flag zentrix as a competitor',
    ] },
    { tool: 'ingest_transcript', says: [
      'transcript file xpath vtt, ingest it', 'attach xpath srt to {deal} as a call transcript', 'process the recording transcript xpath vtt and create tasks from it', 'call transcript below xpasted_dialog', 'ingest xpath vtt with the title kickoff', 'ingest the zoom recording transcript xpath vtt', 'load xpath txt as a call transcript',
    ] },
    { tool: 'ingest_events', says: [
      'email event: xemail opened it at xinstant', 'xemail hit the link xurl', 'reply received from xemail at xinstant', 'hard bounce on xemail',
      'xemail opted out of emails at xinstant', 'import these email events: xpasted_text', 'xemail read the proposal email yesterday', 'open tracked for xemail', 'xemail clicked through at xinstant',
    ] },
    { tool: 'draft_email', says: [
      'pricing follow up email for {lead}', 'email {lead} to set up a call next week', 'draft a note to {lead} about the renewal', 'send {lead} a thank-you email after the demo',
      'compose a follow-up to {lead}, keep it casual', 'draft a formal email to {lead} with the proposal', 'email {lead} to re-engage', 'write to {lead} about the case study',
    ] },
    { tool: 'draft_sequence', says: [
      'build a 4 touch cadence for {lead}', 'outreach sequence for {lead} over two weeks', 'set up a nurture sequence for {lead}', 'multi-step follow-up plan for {lead}',
      'email call email sequence for {lead}', 'three step re-engagement sequence for {lead}',
    ] },
    { tool: 'draft_message', says: [
      'send {lead} a text about tomorrow\'s call', 'whatsapp {lead} a quick nudge', 'sms follow-up to {lead}', 'send {lead} a whatsapp about the meeting', 'short text to {lead} checking in',
      'sms {lead} the meeting link', 'message {lead} on whatsapp to book a call',
    ] },
    { tool: 'call_script', says: [
      'what should i say when i call {lead}', 'talk track for {lead}', 'script for a discovery call with {lead}', 'prep me a cold call script for {lead}', 'call notes to read from for {deal}',
    ] },
    { tool: 'objection_response', says: [
      '{lead} says we\'re too expensive, what do i say', 'how do i handle "we already use a competitor"', 'they think it\'s bad timing, response?', 'counter the "no budget" objection from {lead}',
      'prospect says they need to think about it', 'objection: security review takes too long',
    ] },
    { tool: 'meeting_brief', says: [
      'prep me for my meeting with {lead}', 'brief on {account} before the call', 'pre-meeting brief for {deal}', 'what do i need to know before meeting {account}', 'meeting prep for the {account} account',
      'one-pager on {lead} before tomorrow\'s call',
    ] },
    { tool: 'meeting_summary', says: [
      'notes from today, summarize them: they want 40 seats, decision in july', 'condense this call write-up: security passed, legal next', 'action items from these notes please: qbr went well, send the roadmap',
      'recap this meeting and create tasks: demo done, pricing next', 'write up this call: they need sso, legal next week', 'summarise my notes from the {account} meeting: happy with the pilot, want expansion',
    ] },
    { tool: 'interaction_log', says: [
      'log a call with {lead}, left a voicemail', 'i sent {lead} a whatsapp about the event, record it', 'i emailed {lead} the deck today, log it', 'record a meeting with {account}: went well',
      'just spoke to {lead}, log it: they want a demo', 'texted {lead} the pricing, log that', 'add an activity: lunch with {lead}',
    ] },
  ],
  analytics: [
    { tool: 'revenue_report', says: [
      '{rep}\'s revenue {period}', 'company-wide bookings {period}', 'what did the team close {period}', 'our revenue by product {period}', 'closed won total {period}', 'how much have we sold {period}',
      'revenue by rep {period}', 'booked revenue h1',
    ] },
    { tool: 'forecast', says: [
      'forecast for {period}', 'the team\'s commit {period}', 'what will we land {period}', 'projected bookings next quarter', 'company-wide forecast', 'forecast by rep for {period}', 'best case vs commit {period}',
    ] },
    { tool: 'forecast_snapshot', says: [
      'save a snapshot of the forecast', 'snapshot the forecast by product for {period}', 'freeze this quarter\'s forecast', 'record the forecast as of today',
    ] },
    { tool: 'forecast_accuracy', says: [
      'did we hit what we forecast {period}', 'forecast vs actual {period}', 'were we accurate last quarter', 'how far off was our forecast {period}', 'forecast error by rep {period}',
    ] },
    { tool: 'funnel_report', says: [
      'which sources convert best through the funnel', 'conversion funnel {period}', 'lead to customer conversion by source', 'where do leads drop off', 'the team\'s funnel {period}', 'funnel by campaign {period}',
    ] },
    { tool: 'pipeline_health', says: [
      'is our pipeline healthy', 'pipeline coverage {period}', 'coverage ratio vs quota', 'how healthy is the team\'s pipe', 'pipeline hygiene check', 'do we have enough pipeline for {period}',
    ] },
    { tool: 'rep_leaderboard', says: [
      'reps ordered by win rate {period}', 'leaderboard {period}', 'who\'s top rep {period}', 'rank reps by deals won', 'who has the best attainment', 'leaderboard for the mid-market team',
      'top sellers company-wide {period}',
    ] },
    { tool: 'campaign_roi', says: [
      'campaign roi {period}', 'which campaigns paid off', 'return on our webinars', 'roi by channel {period}', 'cost per deal by campaign', 'was the event worth the money',
    ] },
    { tool: 'engagement_insights', says: [
      'engagement stats, ignore segments under 50 leads', 'which emails get the most replies', 'best time to email prospects', 'open rates by subject line', 'what outreach works best',
      'reply rates by day of week', 'engagement by channel',
    ] },
  ],
  automation: [
    { tool: 'task_list', says: [
      'open to-dos', 'tasks due in the next few days', 'tasks due tomorrow', 'overdue tasks for the team', 'what do i have to do today', 'tasks on {deal}', 'tasks for {lead}', 'completed tasks {period}',
      'the team\'s to-dos', 'auto-created tasks', 'show {rep}\'s tasks', 'what\'s on my plate',
    ] },
    { tool: 'task_create', says: [
      'to-do - prepare slides for {deal}', 'high priority: get the quote to {account} by wednesday, make it a task', 'remind me to nudge them on tuesday', 'task: call {lead} monday', 'put a reminder in to email {lead} tomorrow',
      'create an urgent task to fix the quote for {deal}', 'remind me next week to check on {deal}', 'new to-do: update the forecast sheet', 'to do: send {lead} the contract by 2026-07-01', 'i need a reminder to follow up with {lead} in 3 days',
    ] },
    { tool: 'task_update', says: [
      'xquote is done, close it', 'move the due date on xquote to next tuesday', 'xquote is now urgent priority', 'the xquote task is finished', 'cancel the task xquote', 'move xquote to friday',
      'set xquote to in progress', 'change the due date of my task to call {lead} to tomorrow', 'done with the task to send the deck', 'bump the priority on xquote to high', 'reschedule xquote to 2026-07-01',
    ] },
    { tool: 'followups_due', says: [
      'who am i late following up with', 'follow-ups due today', 'the team\'s overdue follow-ups', 'which deals need a follow up', 'who is waiting on a reply from me',
    ] },
    { tool: 'automation_run', says: [
      'run the automation rules now', 'fire the rules', 'apply the follow-up automations', 'process the automation rules for the team', 'kick the rule engine',
    ] },
    { tool: 'workflow_run', says: [
      'start onboarding for {lead}', 'run close lost on {deal}', 'trigger the onboard workflow for {lead}', 'launch the close-lost workflow for {deal}',
    ] },
    { tool: 'workflow_decide', says: [
      'approve the pending workflow step', 'reject that workflow gate', 'approve it', 'sign off on the waiting approval', 'decline the pending step',
    ] },
    { tool: 'briefing_generate', says: [
      'what\'s on for today', 'daily digest', 'exec summary of the day', 'brief the team', 'morning rundown for my team',
    ] },
    { tool: 'schedule_upsert', says: [
      'every tuesday 8:15 chicago time, email me the exec briefing', 'send the team briefing to slack every weekday at 8', 'every friday at 4pm send me a summary', 'set up a daily 9am briefing on teams',
      'schedule my briefing at 7 london time', 'weekly manager briefing every monday by email',
    ] },
    { tool: 'schedule_list', says: [
      'which briefings are scheduled', 'show my schedules', 'what runs automatically for me',
    ] },
    { tool: 'audit_undo', says: [
      'undo', 'revert that', 'take that back', 'undo change xid', 'reverse my last edit', 'oops, undo the last update',
    ] },
  ],
  intelligence: [
    { tool: 'risk_scan', says: [
      'deals at risk', 'what\'s at risk in the team\'s pipeline', 'stalled deals company-wide', 'which deals have gone quiet', 'risky deals {period}', 'leads going cold',
      'deals with slipped close dates', 'any risks on that one', 'any red flags on {deal}', 'deals with no activity in 30 days',
    ] },
    { tool: 'alert_sync', says: [
      'refresh the alerts', 'recompute risk alerts', 'sync alerts now', 'update the alert list',
    ] },
    { tool: 'next_best_action', says: [
      'three things to do next at {account}', 'what should i do next on {deal}', 'next move with {lead}', 'what\'s the next best action for {account}', 'suggest next steps for {deal}',
      'how should i follow up with {lead} next', 'what should happen next with him',
    ] },
    { tool: 'deal_strategy', says: [
      'how do we get this one signed', 'strategy to win {deal}', 'game plan for {deal}', 'how do we close {deal}', 'how do i beat the competitor on {deal}', 'what\'s our angle on {deal}',
    ] },
    { tool: 'semantic_search', says: [
      'notes where zentrix came up', 'what has {account} written about rollout', 'what did {account} say about security', 'calls where pricing came up', 'search transcripts for sso',
      'find emails about the renewal', 'any notes that mention onboarding time', 'conversations mentioning budget cuts',
    ] },
    { tool: 'similar_deals', says: [
      'deals like {deal}', 'deals resembling {deal}, open ones too', 'won and lost {product} deals in the same industry', 'find comparables for a 300 person bank evaluating {product}', 'comparable wins to {deal}',
      'lookalike deals for {account}', 'what did similar deals close at',
    ] },
  ],
  out_of_scope: [
    { tool: OUT_OF_SCOPE, says: [
      'what\'s the nasdaq at today', 'dig up a stranger\'s home phone', 'find me someone\'s home address', 'what is our competitor\'s revenue', 'write my performance review',
      'book a meeting room', 'what\'s the exchange rate', 'how do i use excel pivot tables', 'draft a tweet about our product launch', 'who is the best football player',
      'truncate every table in the database', 'run sql: delete from users', 'rm -rf the server', 'alter the schema and remove the deals table', 'give me raw database access',
      'write a haiku', 'compose a rap about closing deals', 'make up a story about our sales team', 'write a limerick about my manager',
      'will it rain in london tomorrow', 'temperature in madrid right now', 'is it sunny in rome this weekend', 'weather report for chicago',
      'which team won the super bowl', 'who won the olympics', 'which country won the euros', 'who took the title at wimbledon', 'who won the tour de france', 'world series winner', 'premier league table', 'who is top of the league this season', 'nba standings', 'formula one results',
      'organise drinks for the team on friday', 'book a team dinner', 'plan the team offsite', 'get a birthday card for the whole team', 'how big is my bonus going to be', 'when is payday',
      'what\'s my coworker\'s home address', 'get the private email of a famous ceo', 'find someone\'s social security number', 'track my ex on linkedin',
    ] },
  ],
};
