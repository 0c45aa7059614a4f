import type { OpportunityStage } from '../../../core/domain.ts';

// Call notes, meeting notes, internal notes and short messages, as reps actually log them.

export const VOICEMAILS = [
  'Left a voicemail for {first} about {pain}. Will follow up by email.',
  'No answer. Left a short voicemail mentioning the {industry} case study.',
  'Voicemail: asked {first} to call back about a 20-minute intro before {date}.',
] as const;

export const NO_ANSWERS = ['No answer, no voicemail set up.', 'Rang twice, no answer. Will try again {weekday}.', 'Went to the switchboard; {first} was in meetings all day.'] as const;

export const PROSPECT_CALL_POINTS = [
  'They run {users} on {tech} today and report out of spreadsheets.',
  'Main pain: {pain}.',
  'Budget owner is their {bossTitle}; planning cycle closes around {date}.',
  'Interested mainly in {product}; {criterion} is the top requirement.',
  'Looked at {competitor} last year but did not buy.',
  'Team of {seats} potentially; would start smaller.',
] as const;

/** what gets covered in each stage's meetings */
export const STAGE_AGENDA: Record<OpportunityStage, readonly string[]> = {
  prospecting: ['Intro and company overview', 'Current tools and process', 'Whether there is a real project'],
  qualification: ['Budget and who signs', 'Timeline and trigger event', 'Success criteria: {criterion}', 'Rough sizing: {seats}'],
  discovery: ['Live demo of {product} on sample data', 'Walkthrough of their current forecast process', 'Integration with {tech}', 'Who else needs to evaluate'],
  proposal: ['Proposal walkthrough: {seats} at {perSeat}', 'Implementation plan and go-live before {date}', 'Commercials: {total} per year', 'Open questions from IT and finance'],
  negotiation: ['Redlines from legal', 'Final pricing and term length', 'Signature timeline: target {date}', 'Onboarding resourcing'],
  closed_won: ['Kickoff and onboarding plan', 'Admin training on {weekday}', 'Success metrics for the first 90 days'],
  closed_lost: ['Debrief on the decision'],
};

export const MEETING_TITLES: Record<OpportunityStage, readonly string[]> = {
  prospecting: ['Intro call', 'First conversation'],
  qualification: ['Qualification call', 'Discovery: goals and budget'],
  discovery: ['Product demo', 'Technical deep-dive', 'Demo for the sales leadership team'],
  proposal: ['Proposal review', 'Business case review with finance'],
  negotiation: ['Commercial negotiation', 'Contract review with legal'],
  closed_won: ['Kickoff'],
  closed_lost: ['Debrief'],
};

export const MEETING_POSITIVE = [
  'Strong engagement; {first} asked detailed questions about rollout.',
  'The group agreed the fit is good. {bossTitle} joined for the last 15 minutes and was supportive.',
  'Demo landed well, especially the deal risk alerts.',
  'They want to move quickly and target {date} for a decision.',
] as const;

export const MEETING_NEUTRAL = [
  'Reasonable session; several attendees were quiet and we need to follow up one on one.',
  'They are comparing two other vendors and will score everyone against {criterion}.',
  'Useful but no clear decision owner yet.',
] as const;

export const MEETING_NEGATIVE = [
  'Tough meeting. Two of the attendees were openly sceptical.',
  'The energy was low and {first} left early.',
  'They pushed back on almost every point; this deal is at risk.',
] as const;

export const CALL_POSITIVE = [
  'Good energy; {first} confirmed the project is funded.',
  '{first} is clearly championing this internally and asked for help with the business case.',
  'They want to move fast and are aiming for a decision by {date}.',
] as const;

export const CALL_NEUTRAL = [
  '{first} was friendly but non-committal; still comparing options.',
  'Short call; most questions were about implementation effort.',
  'No decision owner confirmed yet; will map the buying group next.',
] as const;

export const CALL_NEGATIVE = [
  '{first} sounded frustrated and cut the call short.',
  'Momentum has stalled; they could not commit to a next meeting.',
  'Lots of pushback; this deal is at risk.',
] as const;

export const DEAL_NOTES = [
  'Champion is {first}; economic buyer is their {bossTitle}.',
  'Updated MEDDICC: metrics agreed, decision process still unclear.',
  'Deal desk approved up to {discount} discount for a signature before {date}.',
  'Heard through the partner that {competitor} is also in the deal.',
  'Pinged {first} on LinkedIn after two unanswered emails.',
  'Internal: asked the SE team for help with the {tech} integration questions.',
  'Forecast call: keeping this at the current stage until we hear back on budget.',
] as const;

export const HAND_RAISE: Record<string, readonly string[]> = {
  website: ['Inbound demo request via website form. Message: "We are struggling with {pain} and would like to see a demo."', 'Website chat: {first} asked about pricing for {seats}.'],
  paid_search: ['Inbound form fill from Google Ads landing page "Sales analytics". Company size {users}.'],
  social: ['LinkedIn lead gen form: downloaded the RevOps benchmark report.'],
  content: ['Downloaded the "Sales Playbook" e-book and requested a follow-up call.'],
  webinar: ['Attended the "Forecasting That Works" webinar and asked a question about {tech}.'],
  event: ['Met {first} at the RevOps Summit booth. Interested in {product}; mentioned {pain}.'],
  partner: ['Partner referral from Northwind Consulting: {company} is re-evaluating their sales stack.'],
  referral: ['Referral from an existing customer who works with {first}.'],
};

export const SHORT_MESSAGES = [
  'Hi {first}, running about 5 minutes late for our call. Sorry!',
  'Hi {first}, just sent the proposal over by email. Let me know when you have had a look.',
  'Thanks for today {first}! I will send the recap shortly.',
  'Hi {first}, quick reminder about our call on {weekday}.',
  'Hi {first}, any update on the signature? Happy to jump on a call.',
  '{first}, are you free for 10 minutes today to go over the redlines?',
] as const;

export const SHORT_REPLIES_POSITIVE = ['Sounds good, thanks!', 'Perfect, talk then.', 'Got it, will look tonight.', 'Yes, 3pm works.'] as const;
export const SHORT_REPLIES_NEGATIVE = ['Not a good week, sorry. Will get back to you.', 'Still waiting on finance, nothing to share yet.', 'Can we push this out a couple of weeks?'] as const;
