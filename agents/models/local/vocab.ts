// Words people use for the tools' enum values. Keys are the tools' own values; each pattern is matched
// on the normalized request (see text.ts).

export const DEAL_STAGE_WORDS: Record<string, RegExp> = {
  prospecting: /\bprospect(ing|s)?\b/,
  qualification: /\bqualification\b|\bqualifying\b/,
  discovery: /\bdiscovery\b/,
  proposal: /\bproposals?\b|\bquote sent\b/,
  negotiation: /\bnegotiat\w*\b|\bcontract stage\b/,
  closed_won: /\bclosed? ?won\b|\bwon\b|\bwin it\b|\bsigned\b/,
  closed_lost: /\bclosed? ?lost\b|\blost\b|\bdead\b/,
};

export const LEAD_STAGE_WORDS: Record<string, RegExp> = {
  new: /\bnew\b/,
  contacted: /\bcontacted\b/,
  qualified: /\bqualified\b|\bsql\b/,
  opportunity: /\bopportunity\b/,
  customer: /\bcustomers?\b/,
  disqualified: /\bdisqualif\w*\b|\bdq\b|\bunqualified\b|\bjunk\b/,
};

export const LEAD_SOURCE_WORDS: Record<string, RegExp> = {
  website: /\bwebsite\b|\bweb site\b|\binbound web\b/,
  referral: /\breferr(al|als|ed)\b/,
  event: /\bevents?\b|\btrade ?shows?\b|\bconferences?\b/,
  outbound: /\boutbound\b|\bcold outreach\b/,
  partner: /\bpartners?\b/,
  paid_search: /\bpaid search\b|\bppc\b|\bgoogle ads\b|\bsem\b|\badwords\b/,
  social: /\bsocial\b|\blinkedin\b/,
  webinar: /\bwebinars?\b/,
  content: /\bcontent\b|\bebooks?\b|\bwhitepapers?\b|\bblog\b/,
  import: /\bimport(ed)?\b/,
};

export const CAMPAIGN_CHANNEL_WORDS: Record<string, RegExp> = {
  email: /\bemail campaigns?\b|\bemail marketing\b/,
  paid_search: LEAD_SOURCE_WORDS.paid_search!,
  social: LEAD_SOURCE_WORDS.social!,
  event: LEAD_SOURCE_WORDS.event!,
  webinar: LEAD_SOURCE_WORDS.webinar!,
  content: LEAD_SOURCE_WORDS.content!,
  partner: LEAD_SOURCE_WORDS.partner!,
};

export const RISK_SIGNAL_WORDS: Record<string, RegExp> = {
  no_contact: /\bno contact\b|\bnot contacted\b|\bhaven ?t (talked|spoken|contacted|touched)\b|\bgone (quiet|dark|cold)\b|\bgoing cold\b|\bno touch\b|\buntouched\b/,
  no_response: /\bno (response|reply|replies)\b|\bnot (replying|responding)\b|\bhasn ?t replied\b|\bhaven ?t replied\b|\bghost\w*\b|\bunanswered\b/,
  stuck_in_stage: /\bstuck\b|\bstalled?\b|\bnot moving\b/,
  probability_drop: /\bprobability (drop|fell|dropped)\w*\b|\bprob\w* dropped\b|\bdropped in probability\b|\bwhose probability dropped\b/,
  close_date_slipped: /\bslip\w*\b|\bpushed\b|\bclose dates? (moved|pushed|changed)\b/,
  negative_sentiment: /\bnegative\b|\bunhappy\b|\bangry\b|\bsentiment\b|\bfrustrated\b/,
  customer_disengaging: /\bdisengag\w*\b|\bchurn\w*\b/,
};

export const GROUP_WORDS: Record<string, RegExp> = {
  rep: /\b(by|per|each|for each|across|split by|broken down by) (rep|reps|salesperson|seller|sellers|owner|owners|person)\b|\brep by rep\b/,
  product: /\b(by|per|each|for each|across|split by) (product|products|sku)\b/,
  source: /\b(by|per|each|across) (lead )?sources?\b/,
  campaign: /\b(by|per|each|across) campaigns?\b/,
};

export const LEADERBOARD_RANK_WORDS: Record<string, RegExp> = {
  win_rate: /\bwin ?rates?\b|\bwin percentage\b|\bwinning percentage\b|\bbest win\b/,
  deal_size: /\bdeal sizes?\b|\bbiggest deals\b|\blargest deals\b|\baverage deal\b/,
  cycle_length: /\bcycle\b|\bfastest\b|\bquickest\b/,
  activities: /\bactivit\w*\b|\bmost active\b|\bcalls made\b/,
  attainment: /\battainment\b|\bquota\b/,
  deals_won: /\bdeals won\b|\bmost deals\b|\bwon the most deals\b|\bnumber of (wins|deals)\b/,
  revenue: /\brevenue\b/,
};

export const PURPOSE_WORDS: Record<string, RegExp> = {
  follow_up: /\bfollow(ing)? ?-?ups?\b|\bcheck(ing)? in\b/,
  intro: /\bintro(duction|duce|ductory)?\b|\bfirst touch\b/,
  proposal: /\bproposal\b|\bquote\b|\bpricing\b/,
  meeting_request: /\bmeeting\b|\bbook a call\b|\bdemo\b/,
  objection_response: /\bobjection\b/,
  nurture: /\bnurtur\w*\b/,
  re_engage: /\bre ?-?engag\w*\b|\bwin (them|her|him) back\b|\brevive\b|\bgone cold\b|\bwent (dark|quiet|cold|silent)\b|\bgone (dark|quiet|silent)\b|\b(get|got) back in touch\b|\breconnect\b/,
};

export const INTERACTION_TYPE_WORDS: Record<string, RegExp> = {
  email: /\bemails?\b/,
  call: /\bcalls?\b/,
  meeting: /\bmeetings?\b/,
  transcript: /\btranscripts?\b/,
  note: /\bnotes?\b/,
};

/** Every key whose pattern matches, in the order they appear in the text. */
export function matchAll(text: string, words: Record<string, RegExp>): string[] {
  return Object.entries(words)
    .map(([key, re]) => ({ key, at: text.search(re) }))
    .filter((m) => m.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((m) => m.key);
}
