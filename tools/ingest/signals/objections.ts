import type { ObjectionType } from '../../../core/domain.ts';
import type { CompetitorMention, Objection, Span } from './types.ts';

// Objections: resistance a buyer voices, by type, from cue phrases per sentence. The cues are
// phrasings of pushback ("too expensive", "hold off", "the final call sits with our CFO"), not topic
// words: a rep writing "the order form: 150 seats, net-45 payment terms" raises no contract objection,
// and a competitor named without a comparison ("looked at Closewell last year") is not one either.
// One objection per type per sentence; its span is the sentence.

const CUES: Record<ObjectionType, RegExp[]> = {
  price: [
    /\btoo (?:expensive|pricey|costly)\b|\btoo much(?= for (?:me|us)\b|\s*[.!?,]|\s*$| money| to pay)|\btoo (?:high|low)\b(?! (?:quality|resolution|priority))/i,
    /\b(?:quite |very |so |really )?expensive\b|\bover(?:priced| budget)\b|\bmore than (?:we|i) (?:budgeted|can afford|want(?:ed)? to (?:spend|pay))\b/i,
    /\bout of (?:my|our) (?:current )?budget\b|\bno budget\b|\b(?:can'?t|cannot|could not|couldn'?t) afford\b|\bdon'?t have the (?:money|budget|funds)\b|\bneed the money\b/i,
    /\bprice is (?:the |a )?(?:sticking point|too|high|an issue|a problem|steep)|\bsticking point\b|\bhard to justify\b|\bjustify(?:ing)? (?:paying|the (?:price|cost))\b|\bpushed back on (?:the )?price\b/i,
    /\b(?:is|as) my lowest\b|\bfirm on (?:that|the price)\b|\bprice is firm\b|\b(?:cannot|can'?t) (?:lower|reduce|drop) the price\b|\b(?:can'?t|cannot) (?:sell|go) (?:it |them |that )?(?:for|that|lower|below|down)\b/i,
    /\bbigger discount\b|\b(?:off|below) the (?:list|asking) price\b|\bfor cheaper\b|\bcheaper (?:elsewhere|somewhere)\b|\bi(?:'m| am) (?:pretty |so |very |really )?(?:poor|broke)\b|\bif i had (?:the |at least |more )?(?:money|budget|funds|\$)/i,
    /\bwilling to pay\b.*\b(?:not sure|doubt)|\b(?:not sure|doubt\w*)\b.*\bwilling to pay\b/i,
    /\bnot (?:much|enough) (?:leeway|room|wiggle room|flexibility)\b|\b(?:wants?|needs?) to see (?:a |an |the )?(?:clear |better |strong )?roi\b|\b(?:cannot|can'?t|won'?t) get (?:\$|€|£)?[\d,.]+k? approved\b/i,
  ],
  timing: [
    /\btiming is (?:\w+ )?(?:tough|bad|not|difficult|off|wrong|hard|tricky|challenging|a problem|an issue)\b|\bnot the right time\b|\bbad time\b|\bfreeze on\b|\bhold off\b|\blocked into\b|\bheads-down\b|\bquarter-end is\b/i,
    /\brevisit (?:this |it )?(?:next|after|later|in)\b|\b(?:reach out|come back|circle back|check back) (?:again )?(?:after|next|later|in)\b|\bnot (?:right )?now\b|\bmaybe (?:another|some other) time\b|\bnot ready\b|\btake (?:a (?:little|bit) |much |a lot )?longer\b|\bpush (?:this|it|that|things) (?:out|back)\b/i,
    /\b(?:need|have|want) to think (?:about it|it over)\b|\bthink it over\b|\b(?:cannot|can'?t|won'?t) (?:start|sign|commit|begin)\b[^.]*\bbefore\b|\bnothing (?:gets|will get) (?:signed|done)\b/i,
  ],
  authority: [
    /\b(?:need|have|has|needs) to (?:get|check with|run (?:it|this) by|talk to|loop in|go through)\b[^.]*\b(?:cfo|ceo|coo|cro|boss|manager|vp|director|board|procurement|legal|finance|committee|leadership)\b/i,
    /\bon board\b|\bfinal (?:call|say|decision|sign-?off) (?:sits|is|rests|lies) with\b|\bnot (?:the|my) (?:right person|decision(?:-| )maker|call|decision)\b/i,
    /\b(?:written )?approval from\b|\bsign-?off from\b|\bprocurement committee\b|\b(?:cfo|ceo|vp|board|committee)\b[^.]*\b(?:wants|needs|has) to (?:review|approve|sign off)\b/i,
  ],
  need: [
    /\bnot sure (?:we|i) (?:need|want)\b|\b(?:don'?t|do not) (?:really )?(?:need|use|want|donate)\b|\bno need\b|\bnot (?:a )?priority\b|\bnot interested\b/i,
    /\balready have\b|\bworking (?:okay|ok|fine|well enough)\b|\bstruggling to see\b|\b(?:don'?t|do not) see the (?:value|need|point|gap)\b|\bnot convinced\b|\bin-house\b|\bnot for us\b|\bdo not wish\b/i,
    /\bdropped (?:down )?(?:the|our) (?:priority )?list\b|\b(?:low|lower) priority\b|\bdeprioriti[sz]ed\b|\bstop (?:emailing|contacting|calling)\b|\bunsubscribe\b|\bonly a handful\b|\b(?:do not|don'?t) think\b[^.;]{0,40}\brealistic\b/i,
  ],
  competitor: [
    /\b(?:also|currently) (?:looking at|evaluating|talking to|considering|speaking with)\b|\b(?:just )?(?:signed|went|going) with\b|\bis also in the deal\b|\bcame in cheaper\b|\bmatch that\b/i,
    /\bfound (?:the same|a similar|something similar|a better)\b|\b(?:other|another) (?:vendor|provider|supplier)s?\b/i,
  ],
  trust: [
    /\btrust\w*\b|\bso[- ]called\b|\bscam\b|\bsteal\b|\blegit\w*\b|\bcredib\w*|\breputation\b|\bhow can i (?:be sure|know)\b|\bbad experience\b|\bnervous\b/i,
    /\b(?:security|legal|it|compliance) (?:team )?(?:will need|needs|is (?:worried|nervous|concerned))\b|\bworried about (?:where|the data|security|privacy|who)\b|\bsoc ?2\b|\bpen test\b|\bproof (?:this|it) works\b|\breferences\b|\bcase stud(?:y|ies)\b/i,
    /\b(?:all|100%) of (?:my|our|the) (?:donation|money|funds)\b/i,
  ],
  feature: [
    /\black of\b|\bmust[- ]have\b|\bdeal[- ]?breaker\b|\bneed a (?:native )?integration\b|\bon the roadmap\b|\b(?:did not|didn'?t) see (?:it|that) in the demo\b/i,
    /\b(?:doesn'?t|does not) (?:have|support|integrate)\b|\b(?:don'?t|do not) (?:support|integrate)\b|\bmissing\b|\bcould be (?:a )?bet+er\b|\bnot (?:good|robust|mature) enough\b/i,
  ],
  contract: [
    /\bterm is too long\b|\bcurrent terms\b/i,
    // contract words are topics; the objection is the pushback around them ("Legal flagged the auto-renewal clause")
    /\b(?:net[- ]\d+|payment terms|clause|redlines?|msa|order form|auto[- ]renew\w*|liability cap|termination|indemnif\w*)\b[^.]*\b(?:require|need|flag|cannot|can'?t|won'?t|not|issue|problem|concern)|\b(?:require|need|flagged|cannot|can'?t|won'?t)\b[^.]*\b(?:net[- ]\d+|payment terms|clause|redlines?|msa|auto[- ]renew\w*|liability cap|termination|indemnif\w*)\b/i,
  ],
};
// a competitor name counts as an objection only with a comparison around it
const COMPARISON = /\b(?:also|offered|offers|cheaper|better|further along|signed|went with|going with|prefer|demo went well|like it|in the deal|switch)\b/i;

const TYPES = Object.keys(CUES) as ObjectionType[];

export function extractObjections(sentence: Span, competitors: CompetitorMention[]): Objection[] {
  const out: Objection[] = [];
  for (const type of TYPES) {
    let hit = (CUES[type] as RegExp[]).some((rx) => rx.test(sentence.text));
    if (!hit && type === 'competitor') hit = competitors.length > 0 && COMPARISON.test(sentence.text);
    if (hit) out.push({ type, text: sentence.text, start: sentence.start, end: sentence.end });
  }
  return out;
}
