// The word lists and patterns the tone detector counts. Each names a register cue a reader uses; none
// is fitted to one message. Kept apart from the scoring so the lists can be read (and grown) on their own.

/** chat words: slang, texting abbreviations, emoticons */
export const SLANG = /\b(?:lol|haha+|hehe|cool|ok|okay|yeah|yep|yup|nope|nah|hey|gonna|wanna|gotta|kinda|sorta|btw|thx|thanks!|ty|np|awesome|super|totally|stuff|guys|b-day|bday|what'?s up|what is up|sup|u|ur|pls|plz|omg|cheers|down for|deal\?|k|legit|dude|folks|bucks|cuz|cause of)\b|:\)|:-\)|;\)|:D|:P|\bxo\b/gi;
/** spoken-register idioms a careful business writer rewrites ("throw in", "a bit high") */
export const IDIOM = /\b(?:throw(?:ing)? in|a bit|a little bit|way too|for sure|seriously|check (?:it |them )?out|no way|get you laid|tell you what|i take it|to be honest|honestly|pretty (?:much|sure|good)|kind of|sort of|you know)\b/gi;
/** a discourse marker opening a sentence, as in speech: "Well, ...", "Oh yes", "Hmm", "Curious, ..." */
export const CHAT_OPENER = /(?:^|[.!?]\s+|\n)(?:well|oh|ah|hmm+|um+|anyways?|wow|curious|alright)\b(?![-'])(?=[\s,!.]|$)/gi;
/** a proper contraction (a possessive "children's" is not one); weak on its own: careful prose uses them too */
export const CONTRACTION = /\b\w+(?:'|’)(?:re|ve|ll|d|t|m)\b|\b(?:it|that|what|there|here|he|she|who|where|how|let)(?:'|’)s\b/gi;
/** a contraction typed without its apostrophe ("dont", "Im", "thats") */
export const DROPPED_APOSTROPHE = /\b(?:dont|cant|wont|didnt|doesnt|isnt|arent|wasnt|werent|couldnt|wouldnt|shouldnt|havent|hasnt|thats|whats|youre|theyre|ive|youve|youll)\b|\b(?:Im|Ill)\b/g;
/** full forms and courtesy formulas of business writing */
export const POLITE = /\b(?:please|kindly|would you|could you|thank you|i would like|regarding|with regard to|appreciate|sincerely|respectfully|as discussed|attached|enclosed|please find|let me know|do not|cannot)\b/gi;
// "Dear ...", "Mr. Buckner,": a letter's greeting; "Jeff," alone is only a name, worth less
export const FORMAL_GREETING = /^(?:dear\s+\S+|(?:mr|ms|mrs|dr)\.?\s+[A-Z]\w+\s*,|good (?:morning|afternoon|evening)\b)/i;
export const NAME_GREETING = /^(?:hello\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*[,:-]\s*$/m;
export const CASUAL_GREETING = /^(?:hey|hi there|yo|hiya|howdy|hi|hello)\b(?!\s+[A-Z]\w+\s*,)/i;
export const FORMAL_SIGNOFF = /\b(?:regards|sincerely|respectfully|best wishes|thanks(?: for the help)?|thank you(?: for your (?:help|time|consideration))?)\s*,?\s*(?:\n|$)/i;
export const NAME_SIGNOFF = /\n\s*-?\s*[A-Z][a-z]+(?:\s+[A-Z]\.?)?(?:\s+[A-Z][a-z]+)?\.?\s*$/;
/** a business signature: a phone number, a company suffix or a degree/title after the name */
export const SIGNATURE_BLOCK = /\b\d{3}[-/.) ]\s?\d{3}-\d{4}\b|\b(?:Inc|LLC|Ltd|GmbH|Corp)\b\.?|, (?:P\.E\.|MBA|Ph\.D\.|CPA)(?=\W)|\b(?:Manager|Director|Vice President|President|Analyst|Counsel),/;
/**
 * typing left uncorrected: "YEs", "pricE", "waht", a lone lower-case "i", no space after a comma or full
 * stop between words ("Agree,small"), a space before a comma
 */
export const SLOPPY = /\b[A-Z]{2}[a-z]*[aeiouy][a-z]*\b|\b[a-z]{2,}[A-Z]\b|\b(?:waht|teh|taht|becuase|recieve|underestand)\b|(?<![\w'])i(?![\w'.])|[a-z],[a-z]|[a-z]{2}\.[A-Z][a-z]|\w\s+,/g;
/** a sentence that starts lower-case (a mixed-case token such as "kWh" or "eBay" is not one) */
export const LOWERCASE_START = /(?:^|[.!?]\s+)(?!e\.g\.|i\.e\.|http|www)[a-z](?![a-z]*[A-Z])/g;
/** a trailing "..", "..." or "...." left as chat does */
export const ELLIPSIS = /\.{2,}/g;
/**
 * a statement asked as a question ("I can bring you $1290 right now?"): spoken rising intonation. A real
 * question's last clause opens with an auxiliary, a wh-word or a polite lead-in ("..., can we add that?").
 */
export const STATEMENT_QUESTION = /(?:^|[.!?,;]\s*|\n)\s*(?!(?:is|are|am|was|were|do|does|did|can|could|would|will|shall|should|may|might|must|have|has|had|what|when|where|who|whom|whose|why|how|which|any|anything|if|so|and|or|but|also|please|isn't|aren't|don't|doesn't|didn't|can't|won't|wouldn't|couldn't|shouldn't|haven't|hasn't)\b)[A-Z][^.!?,;\n]*\?/gi;
