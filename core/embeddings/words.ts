// Word normalisation shared by the word-vector build and the semantic embedder: lower case, letters only,
// plurals and a few inflections folded, so "prices" and "price" share a vector.

const STOP = new Set(
  ('a an the and or but if of to in on at for with by from as is are was were be been being it its this that these those i we you he she they our ' +
    'your their me us them my his her do does did done have has had having will would shall should can could may might must not no so than then ' +
    'there here what which who whom whose when where why how all any both each few more most other some such only own same too very just also ' +
    'am s t d ll m re ve o y about above after again against below between into through during before under over out up down off once further ' +
    'because until while nor yet get got let lets one two us im hi hello thanks thank ok okay yes yeah uh um hmm ' +
    // discourse words of chat and meeting transcripts: frequent, topic-free, and they pull everything together
    'mm gonna wanna dunno kinda don didn doesn isn wasn aren couldn wouldn shouldn won oh ah maybe anyway really pretty sorry actually alright ' +
    'probably think know want go going see say said like well just right sure guess mean thing things stuff lot bit way something anything').split(' '),
);

/** A crude English stemmer: enough to fold number and the commonest verb endings, deterministic and tiny. */
export function foldWord(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

/** Content words of a text, folded, stop words dropped. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().normalize('NFKD').match(/[a-z][a-z0-9]*/g) ?? []) {
    if (STOP.has(raw)) continue;
    const word = foldWord(raw);
    if (word.length >= 2 && !STOP.has(word)) out.push(word);
  }
  return out;
}
