import type { ToolExamples } from './examples.ts';

export const leadExamples: ToolExamples[] = [
  { tool: 'lead_search', says: [
    'find leads at {account}', 'show me my new leads', 'list leads from webinars', 'which leads came from referrals', 'search leads named {lead}',
    'leads with a score above {n}', 'leads i havent contacted yet', 'show qualified leads', 'any leads from the event last month', 'my open leads',
    'who are my leads at {account}', 'list all leads owned by {rep}', 'leads that were never contacted', 'search for leads in manufacturing', 'show contacted leads',
    'leeds from paid search', 'find me leads not contacted since {period}', 'pull up leads with score over {n}', 'show disqualified leads', 'list the team\'s leads',
    'list leads in {account}', 'contacts at {account}', 'leads whose score is under {n}', 'leads last contacted {period}',
    'who at {account} have we talked to', 'who do we know at {account}', 'people at {account}',
  ] },
  { tool: 'lead_get', says: [
    'tell me about {lead}', 'who is {lead}', 'pull up {lead}', 'show me {lead}\'s details', 'what do we know about {lead}', 'give me the lowdown on {lead}',
    'open {lead}', 'lead details for {lead}', 'info on {lead}', 'what\'s the history with {lead}', 'show her timeline', 'look up {lead}',
    '{lead} profile', 'whats {lead} title and company', 'what has happened with {lead} lately', 'show me everything on {lead}',
    'give me a rundown of {lead}', 'what\'s the story with {lead}', 'background on {lead}', 'remind me who {lead} is', 'any notes on {lead}', 'whats up with {lead}',
    'get {lead}', 'get me {lead}', 'find {lead}', 'bring up {lead}', 'how is {lead} doing',
  ] },
  { tool: 'lead_upsert', says: [
    'add a new lead {lead} at {account}', 'create a lead for {lead}', 'update {lead}\'s title to vp sales', 'change {lead}\'s phone number to 555 0100', 'new lead: {lead} from {account}',
    'set {lead}\'s email to jane@example.com', 'add contact {lead} cto at {account}', 'update the lead {lead} job title', 'create contact jane doe at {account}',
    'fix {lead}\'s phone', '{lead} moved to a new company, update her company', 'update lead info for {lead}', 'save {lead} as a new lead',
    'create a lead: jane doe, cto at {account}', 'add jane doe from {account} as a lead', 'new contact: john smith, vp sales, {account}',
  ] },
  { tool: 'lead_score', says: [
    'score {lead}', 'what\'s {lead}\'s lead score', 'rate {lead}', 'how hot is {lead}', 'rescore my leads', 'give {lead} a score',
    'is {lead} a good lead', 'score this lead', 'how good a lead is {lead}', 'lead score for {lead}', 'grade {lead}', 'score her',
    'how warm is {lead}', 'scor {lead} pls', 'what grade is {lead}', 'recompute lead scores',
    'is {lead} worth chasing', 'is {lead} worth my time', 'should i bother with {lead}', 'how qualified does {lead} look on paper', 'what\'s her score', 'rate this lead', 'lead quality for {lead}',
  ] },
  { tool: 'lead_qualify', says: [
    'qualify {lead}', 'run bant on {lead}', 'is {lead} qualified', 'meddic check for {lead}', 'does {lead} have budget and authority',
    'bant {lead}', 'qualify her with meddic', 'check if {lead} meets our qualification criteria', 'run the bant checklist for {lead}', 'is {lead} sales qualified',
    'what\'s missing to qualify {lead}', 'qualification for {lead}', 'do a meddic on {lead}',
  ] },
  { tool: 'lead_set_stage', says: [
    'mark {lead} as contacted', 'move {lead} to qualified', 'set {lead}\'s stage to customer', 'disqualify {lead}', '{lead} is now a customer',
    'change {lead} lifecycle stage to opportunity', 'mark {lead} qualified because she confirmed budget', 'set her to contacted', 'move lead {lead} to disqualified, no budget',
    'update {lead} stage to contacted', 'dq {lead}', '{lead} should be qualified now', 'mark {lead} as a customer, they signed',
    'push {lead} to qualified', 'bump {lead} to contacted', '{lead} is qualified now', 'flag {lead} as disqualified',
  ] },
  { tool: 'lead_find_duplicates', says: [
    'find duplicate leads', 'any dupes for {lead}', 'are there duplicates of {lead}', 'show duplicate contacts', 'check for duplicate leads',
    'do we have {lead} twice', 'find dupes', 'which leads look like duplicates', 'possible duplicates in my leads', 'is {lead} a duplicate',
  ] },
  { tool: 'lead_merge', says: [
    'merge {lead} into {lead}', 'merge the two {lead} records', 'combine {lead} and {lead}', 'merge duplicate {lead} with {lead}', 'dedupe {lead} into {lead}',
    'merge these leads', 'fold {lead} into {lead}', 'merge lead {lead} and lead {lead}',
  ] },
  { tool: 'lead_assign', says: [
    'assign {lead} to someone', 'who should own {lead}', 'assign {lead}', 'route {lead} to the best rep', 'pick an owner for {lead}',
    'reassign {lead}', 'assign {lead} round robin', 'find the right rep for {lead}', 'give {lead} an owner', 'who should take {lead}',
    'hand {lead} off to someone else', 'give {lead} to another rep', '{lead} needs a new owner', 'who can take over {lead}',
  ] },
  { tool: 'lead_prioritize', says: [
    'who should i call today', 'what should i work on', 'my priority leads', 'prioritize my leads', 'whats my work queue', 'top leads to call',
    'which leads should i focus on', 'rank my leads', 'best leads to contact now', 'who do i reach out to first', 'my hottest leads',
    'top {n} leads for me today', 'prioritise {rep}\'s leads', 'whom should I ping first today', 'where should i spend my time today',
    'who do i chase today', 'who needs my attention first', 'which leads should i hit first thing tomorrow', 'line up my calls for today',
  ] },
  { tool: 'lead_remember', says: [
    'remember that {lead} prefers calls before 10', 'note that {lead} likes email better than calls', 'remember {lead}\'s pain is onboarding time', 'fyi {lead} prefers mornings',
    'keep in mind that {lead} hates cold calls', 'remember their pain is manual reporting', 'note: {lead} is vegetarian', 'remember she prefers whatsapp',
    'make a note that {lead} is on vacation until july', 'jot down that {lead} wants pricing in euros', 'remember that he is the budget holder',
    '{lead} told me their biggest problem is data quality, remember that', 'note {lead} prefers short emails', 'save a note: {lead} prefers calls after lunch',
    '{lead} hates long emails, keep that in mind', '{lead} prefers calls in the morning', '{lead} likes data heavy decks', '{lead} mentioned their main pain is churn, save that', 'heads up: {lead} only reads email on mondays', 'log that {lead} prefers text messages', '{lead} is allergic to long demos, remember it', 'store that {lead} wants monthly billing',
  ] },
];
