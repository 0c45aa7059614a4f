// What reps write: greetings, purpose-specific paragraphs, asks and sign-offs.

export const GREETINGS = ['Hi {first},', 'Hello {first},', '{first},', 'Good morning {first},', 'Hi {first}, hope your week is going well.'] as const;
export const REP_SIGNOFFS = ['Best,', 'Thanks,', 'Cheers,', 'Talk soon,', 'Kind regards,'] as const;

export type RepPurpose =
  | 'inbound_response' | 'book_meeting' | 'follow_up' | 'recap' | 'proposal' | 'pricing' | 'negotiation'
  | 'check_in' | 'closing_won' | 'security' | 'pilot';

export const REP_LINES: Record<RepPurpose, readonly string[]> = {
  inbound_response: [
    'Thanks for reaching out about {product}. Happy to show you how teams in {industry} use it.',
    'Saw your request come in. You mentioned {pain}; that is exactly what we help with.',
    'Thanks for your interest in Dealwise. I look after accounts like {company} and would love to learn more about your setup.',
  ],
  book_meeting: [
    'Would {weekday} at 10am or 2pm work for a 30-minute call?',
    'I have put a few times on the calendar link below; grab whichever suits you.',
    'Could we find 30 minutes before {date}? I will bring a tailored demo.',
  ],
  follow_up: [
    'Following up on my last note about {product}.',
    'Wanted to make sure this did not get buried: are you still looking at ways to deal with {pain}?',
    'Circling back on our conversation from last week.',
    'Any update from your side on the evaluation?',
    'I know things get busy; a quick yes or no on next steps would help me plan.',
  ],
  recap: [
    'Thanks for the time today. Quick recap: you are looking to roll out {product} to {seats}, with a go-live before {date}.',
    'Great conversation earlier. As discussed, the priorities are {criterion} and a fast rollout for {users}.',
    'Summary of today: the core problem is {pain}, the budget owner is your {bossTitle}, and the target start is {date}.',
  ],
  proposal: [
    'Attached is our proposal for {product}: {seats} at {perSeat}, {total} per year.',
    'As promised, here is the proposal. It covers {seats}, onboarding and premium support for {total} annually.',
    'Please find the proposal attached. The investment is {total} per year for {users}, billed annually.',
  ],
  pricing: [
    'On pricing: list is {perSeat}, so {seats} comes to {total} per year.',
    'If you can sign before {date}, I can hold the current rate of {perSeat} for 24 months.',
    'For a two-year term we can bring the total to {total} per year.',
  ],
  negotiation: [
    'I spoke with our deal desk and we can offer {discount} off if we sign by {date}.',
    'Legal has reviewed your redlines; we accepted the liability cap change and most of the payment terms.',
    'Here is the revised order form: {seats}, {total} per year, net-45 payment terms.',
    'We can include onboarding for free if the order form is signed before {date}.',
  ],
  check_in: [
    'It has been a few weeks since we spoke, so I wanted to check where things stand.',
    'Is this still a priority for this quarter? If not, no problem, I will adjust on my side.',
    'Has anything changed on your end since our last call?',
  ],
  closing_won: [
    'Thank you for the signed order form. Welcome to Dealwise!',
    'Thrilled to be working together. Our onboarding team will reach out by {date} to schedule kickoff.',
    'Thanks again for choosing us. I will send the kickoff agenda before {weekday}.',
  ],
  security: [
    'Attached are our SOC 2 Type II report and the completed security questionnaire.',
    'Our security team can join a call on {weekday} to walk through data residency and SSO.',
  ],
  pilot: [
    'For the pilot, I suggest {count} reps over two weeks starting {date}.',
    'The pilot workspace is ready. Your {count} pilot users will get invites this afternoon.',
  ],
};

export const REP_ASKS = [
  'Does that work for you?',
  'Let me know if {weekday} works for a quick call.',
  'Can you confirm by {date}?',
  'Who else should be part of the next conversation?',
  'Happy to answer any questions before then.',
  'Anything I can send that would help you make the case internally?',
] as const;

export const NEXT_STEPS = [
  'Send the security questionnaire by {date}.',
  'Book a technical deep-dive with their IT team for {weekday}.',
  'Share a revised proposal for {seats} at {total}.',
  'Set up a two-week pilot starting {date}.',
  'Intro call with their CFO on {weekday}.',
  'Send two customer references in {industry}.',
  'Get redlines back from legal by {date}.',
  'Follow up after their budget meeting on {date}.',
  'Build an ROI model using their numbers.',
  'Schedule a demo for the wider sales team.',
  'Send the order form for signature by {date}.',
  'Confirm pricing approval with our deal desk.',
  'Check in after their {tech} migration wraps up.',
  'Map the buying committee with {first}.',
] as const;
