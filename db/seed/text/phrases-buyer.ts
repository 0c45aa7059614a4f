import type { ObjectionType } from '../../../core/domain.ts';

// What buyers say: replies by mood, objections of every type, and the questions they ask.

export const BUYER_POSITIVE = [
  'Thanks for following up. The timing is actually good: fixing {pain} is on our list for this quarter.',
  'This looks promising. I shared it with our team and they want to see more.',
  'Appreciate the detail here. The demo answered most of what we were worried about.',
  'Good news on our side: the team liked what they saw and we want to keep moving.',
  'We reviewed the proposal internally and the feedback was positive.',
  'Our {bossTitle} was impressed with the forecasting piece.',
  'Thanks, this is exactly the kind of visibility we have been missing.',
  'The numbers you shared line up with what we expected for {seats}.',
  'I think we can make this work. Let me line up the right people.',
  'Great session yesterday. The reps were asking when they can get access.',
] as const;

export const BUYER_NEUTRAL = [
  'Thanks for the note. I have not had a chance to look at this properly yet.',
  'Got it, I will review with the team and get back to you.',
  'We are still comparing options, so nothing decided yet.',
  'I passed this along to our {bossTitle} and am waiting to hear back.',
  'Let me check internally and come back to you next week.',
  'Received, thanks. A few people are out this week, so it may take a little longer.',
  'Can you send a one-page summary I can forward internally?',
  'Noted. We are finishing our planning cycle and will revisit after {date}.',
] as const;

export const BUYER_NEGATIVE = [
  'I have to be honest, momentum has stalled on our side.',
  'The team is not convinced this is a priority right now.',
  'I am sorry for the slow reply; this has dropped down the list internally.',
  'We had a tough review of the proposal and there were a lot of concerns.',
  'I do not think we can move forward on the current terms.',
  'Leadership has asked us to hold off on new vendors for now.',
  'Frankly, the last few weeks have raised more questions than answers.',
] as const;

export const PROSPECT_POSITIVE_REPLY = [
  'Thanks for reaching out. We do struggle with {pain}, so yes, happy to talk.',
  'Your timing is good. We are reviewing our sales tooling this quarter. Does {weekday} work?',
  'Sure, I can do 20 minutes. Send me a few times next week.',
  'Interesting. We are on {tech} today and the reporting is painful. Let us set up a call.',
  'I saw the webinar and would like to see how this works with our data.',
] as const;

export const PROSPECT_NEUTRAL_REPLY = [
  'Not the right time for us, but reach out again after {date}.',
  'Can you send some material I can read first?',
  'I am not the right person for this; you may want to talk to our RevOps team.',
  'We are locked into a contract until {date}. Happy to revisit then.',
] as const;

export const PROSPECT_NEGATIVE_REPLY = [
  'Not interested, thanks.',
  'We just signed with {competitor}, so please take me off your list.',
  'We built something in-house and are happy with it.',
  'Please stop emailing me.',
  'No budget for this in the foreseeable future.',
] as const;

export const OBJECTIONS: Record<ObjectionType, readonly string[]> = {
  price: [
    'Honestly, {total} is more than we budgeted; we were thinking closer to {budget}.',
    'The per-seat price is the sticking point. At {perSeat} it is hard to justify for {seats}.',
    'Our CFO pushed back on the price and wants to see a bigger discount before {date}.',
    'We cannot get {total} approved this year without changing the scope.',
    'Finance wants to see a clear ROI before they sign off on {total}.',
  ],
  timing: [
    'The timing is tough: we are in the middle of a reorg and cannot start before {date}.',
    'We have a freeze on new tools until {date}.',
    'Can we revisit this next quarter? The team is heads-down on the {tech} migration.',
    'Quarter-end is brutal for us, so nothing gets signed before {date}.',
  ],
  authority: [
    'I will need to get our {bossTitle} on board before we go any further.',
    'This has to go through our procurement committee, which next meets on {date}.',
    'I am supportive, but the final call sits with our CFO.',
    'Our new VP of Sales wants to review all tooling before any new contracts are signed.',
  ],
  need: [
    'To be honest, I am not sure we need this right now; the spreadsheets are working okay.',
    'We already have dashboards in {tech}, so I am struggling to see the gap.',
    'The team is not convinced the problem is big enough to fix this year.',
    'I do not think {seats} is realistic; maybe only a handful of managers would use it.',
  ],
  competitor: [
    'We are also looking at {competitor}, and their demo went well.',
    '{competitor} offered a free pilot for {seats}. Can you match that?',
    'Several of our reps used {competitor} at a previous company and like it.',
    'Frankly, {competitor} looks further along on forecasting, and they came in cheaper.',
  ],
  trust: [
    'Security will need your SOC 2 report and a pen test summary before we go further.',
    'We had a bad experience with a vendor losing data, so IT is nervous about this.',
    'Can you share references from {industry} companies our size? We need proof this works.',
    'Our legal team is worried about where the data is stored and who can access it.',
  ],
  feature: [
    'The lack of an offline mobile app is a real concern for our field reps.',
    'We need a native integration with {tech}. Is that on the roadmap?',
    'Multi-currency forecasting is a must-have for us, and I did not see it in the demo.',
    'Custom territory hierarchies are a dealbreaker for our ops team.',
  ],
  contract: [
    'Legal flagged the auto-renewal clause and the liability cap in your order form.',
    'We need a 30-day termination for convenience clause to sign.',
    'A three-year term is too long for us; we would sign for one year at most.',
    'Our standard terms require net-60 payment, not net-30.',
  ],
};

export const QUESTIONS = [
  'Does {product} integrate with {tech}?',
  'What does implementation look like for {seats}?',
  'Can we run a pilot with {count} reps before committing?',
  'Is there a discount for paying annually up front?',
  'How long does onboarding usually take?',
  'Do you have customers in {industry} we could talk to?',
  'Can you send over your SOC 2 report?',
  'What happens to our data if we cancel?',
  'Is pricing per seat or per team?',
  'Could we start with {seats} and add more later at the same rate?',
  'Who would be our main point of contact after we sign?',
  'Do you support SSO with Okta?',
  'How does the forecast model handle seasonality?',
  'What exactly is included in the {perSeat} price?',
  'Could the contract start on {date} instead?',
  'Is there an API we can use to push data into our warehouse?',
  'Do you offer EU data residency?',
  'How do other customers measure ROI in the first 90 days?',
  'Could you walk our CFO through the business case on {weekday}?',
  'What training do you provide for new reps?',
] as const;

export const BUYER_WON = [
  'Good news: the order form is signed and on its way back to you.',
  'We got final approval this morning. Signed copy attached.',
  'Procurement signed off, so we are ready to go. Looking forward to kicking off.',
  'Everything is approved on our side. Please send the onboarding plan.',
] as const;

export const BUYER_LOST = [
  'Thank you for all the work on this. After a lot of discussion we have decided not to move forward.',
  'I wanted to let you know personally that we are going in a different direction.',
  'Unfortunately we will not be proceeding this year. I appreciate your patience throughout.',
  'We have made a decision and it is not in your favour this time. Thanks for your effort.',
] as const;

export const BUYER_SIGNOFFS = ['Thanks,', 'Best,', 'Regards,', 'Cheers,', 'Best regards,'] as const;
